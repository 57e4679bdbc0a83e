package io.wescrm.web.tags;

import io.wescrm.core.corp.TagGroup;
import io.wescrm.core.remote.RemoteCallException;
import io.wescrm.core.remote.RemoteCorps;
import io.wescrm.core.remote.RemoteTags;
import io.wescrm.core.remote.WeComErrorCatalogue;
import io.wescrm.core.tags.TagChange;
import io.wescrm.core.tags.TagSource;
import io.wescrm.core.tags.TagWriteResult;
import io.wescrm.core.tags.TagWriter;
import io.wescrm.core.tags.jdbc.JdbcCorpTagAdmin;
import io.wescrm.core.tags.jdbc.JdbcTagPushes;
import io.wescrm.web.api.ApiError;
import io.wescrm.web.api.ApiException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The corp tag library through WeCom (create, rename, reorder, delete tags and groups) and operators' tagging of
 * customers; every change is in our database when the call returns (WeCom sends no callback for API writes).
 */
@RestController
@RequestMapping("/api/corps/{corpId}")
class TagApiController {

  private final RemoteCorps corps;
  private final JdbcCorpTagAdmin admin;
  private final TagWriter writer;
  private final JdbcTagPushes pushes;
  private final JdbcTemplate jdbc;

  TagApiController(RemoteCorps corps, JdbcCorpTagAdmin admin, TagWriter writer, JdbcTagPushes pushes,
      JdbcTemplate jdbc) {
    this.corps = corps;
    this.admin = admin;
    this.writer = writer;
    this.pushes = pushes;
    this.jdbc = jdbc;
  }

  @ExceptionHandler(RemoteCallException.class)
  ResponseEntity<ApiError> wecom(RemoteCallException e) {
    // status and API code per errcode; the message is the catalogue's
    String message = WeComErrorCatalogue.knownMessage(e.errcode())
        .orElse("企业微信接口调用失败（错误码 " + e.errcode() + "）");
    ApiError error = switch (e.errcode()) {
      case 40126 -> new ApiError("CORP_TAG_QUOTA_EXCEEDED", message, ApiError.wecomDetail(e));
      case 40071 -> new ApiError("TAG_NAME_EXISTS", message, ApiError.wecomDetail(e));
      case 40068 -> new ApiError("TAG_NOT_FOUND_IN_WECOM", message, ApiError.wecomDetail(e));
      case 84061 -> new ApiError("NOT_A_CONTACT", message, ApiError.wecomDetail(e));
      default -> new ApiError("WECOM_ERROR", message, ApiError.wecomDetail(e));
    };
    HttpStatus status = switch (e.errcode()) {
      case 40126, 40071, 84061 -> HttpStatus.CONFLICT;
      case 40068 -> HttpStatus.NOT_FOUND;
      default -> HttpStatus.BAD_GATEWAY;
    };
    return ResponseEntity.status(status).body(error);
  }

  /**
   * Creates tags: {@code {"groupId": "et..."}} or {@code {"groupName": "渠道", "groupOrder": 1}}, with
   * {@code "tags": [{"name": "门店扫码", "order": 1}]}.
   */
  @PostMapping("/tags")
  ResponseEntity<TagGroup> create(@PathVariable String corpId, @RequestBody JsonNode body) {
    require(corpId);
    String groupId = text(body, "groupId");
    String groupName = text(body, "groupName");
    if ((groupId == null) == (groupName == null)) {
      throw ApiException.badRequest("请给出 groupId（已有标签组）或 groupName（新建或按名称找到标签组）之一", "groupId xor groupName");
    }
    if (groupName != null && groupName.length() > 30) {
      throw ApiException.badRequest("标签组名称不能超过 30 个字符", "groupName longer than 30");
    }
    JsonNode tags = body.get("tags");
    if (tags == null || !tags.isArray() || tags.isEmpty()) {
      throw ApiException.badRequest("tags 应为非空数组，如 [{\"name\":\"门店扫码\"}]", "tags missing");
    }
    List<RemoteTags.NewTag> specs = new ArrayList<>();
    for (int i = 0; i < tags.size(); i++) {
      String name = text(tags.get(i), "name");
      if (name == null || name.isBlank() || name.length() > 30) {
        throw ApiException.badRequest("tags[" + i + "].name 不能为空且不能超过 30 个字符", "tags[" + i + "].name");
      }
      JsonNode order = tags.get(i).get("order");
      specs.add(new RemoteTags.NewTag(name.strip(), order == null ? null : order.asLong()));
    }
    JsonNode groupOrder = body.get("groupOrder");
    TagGroup group = admin.create(corpId, groupId, groupName, groupOrder == null ? null : groupOrder.asLong(), specs);
    return ResponseEntity.status(HttpStatus.CREATED).body(group);
  }

  /** Renames and/or reorders a tag: {@code {"name": "...", "order": 3}}. */
  @PatchMapping("/tags/{tagId}")
  Map<String, Object> editTag(@PathVariable String corpId, @PathVariable String tagId, @RequestBody JsonNode body) {
    require(corpId);
    String name = nameOrNull(body);
    Long order = orderOrNull(body);
    if (!admin.editTag(corpId, tagId, name, order)) {
      throw ApiException.notFound("TAG_NOT_FOUND", "标签不存在或已删除", "tag " + tagId);
    }
    return Map.of("tagId", tagId, "updated", true);
  }

  @PatchMapping("/tag-groups/{groupId}")
  Map<String, Object> editGroup(@PathVariable String corpId, @PathVariable String groupId,
      @RequestBody JsonNode body) {
    require(corpId);
    if (!admin.editGroup(corpId, groupId, nameOrNull(body), orderOrNull(body))) {
      throw ApiException.notFound("TAG_GROUP_NOT_FOUND", "标签组不存在或已删除", "group " + groupId);
    }
    return Map.of("groupId", groupId, "updated", true);
  }

  @DeleteMapping("/tags/{tagId}")
  ResponseEntity<Void> deleteTag(@PathVariable String corpId, @PathVariable String tagId) {
    require(corpId);
    if (!admin.liveTag(corpId, tagId)) {
      throw ApiException.notFound("TAG_NOT_FOUND", "标签不存在或已删除", "tag " + tagId);
    }
    admin.delete(corpId, List.of(tagId), List.of());
    return ResponseEntity.noContent().build();
  }

  @DeleteMapping("/tag-groups/{groupId}")
  ResponseEntity<Void> deleteGroup(@PathVariable String corpId, @PathVariable String groupId) {
    require(corpId);
    admin.delete(corpId, List.of(), List.of(groupId));
    return ResponseEntity.noContent().build();
  }

  /**
   * An operator tags a customer: {@code {"add": [...], "remove": [...], "userid": "...", "operator": "...",
   * "syncToWeCom": true}}; without userid, on every live follow relation of the customer. Written to WeCom at once.
   */
  @PostMapping("/customers/{externalUserId}/tags")
  Map<String, Object> tagCustomer(@PathVariable String corpId, @PathVariable String externalUserId,
      @RequestBody JsonNode body) {
    require(corpId);
    Set<String> add = strings(body.get("add"));
    Set<String> remove = strings(body.get("remove"));
    if (add.isEmpty() && remove.isEmpty()) {
      throw ApiException.badRequest("add 与 remove 不能都为空", "nothing to change");
    }
    String userid = text(body, "userid");
    List<String> userids = userid != null ? List.of(userid) : jdbc.queryForList("SELECT userid FROM "
        + "scrm_follow_relation WHERE corp_id = ? AND external_userid = ? AND deleted_at IS NULL", String.class,
        corpId, externalUserId);
    if (userids.isEmpty()) {
      throw ApiException.notFound("RELATION_NOT_FOUND", "该客户没有在跟进的员工", "external_userid " + externalUserId);
    }
    boolean sync = !body.has("syncToWeCom") || body.get("syncToWeCom").asBoolean();
    String operator = text(body, "operator");
    List<Map<String, Object>> results = new ArrayList<>();
    for (String u : userids) {
      TagWriteResult r = writer.write(new TagChange(corpId, u, externalUserId, add, remove, TagSource.OPERATOR,
          operator == null ? "api" : operator, sync));
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("userid", u);
      m.put("added", r.added());
      m.put("removed", r.removed());
      m.put("wroteWeCom", r.wroteWeCom());
      results.add(m);
    }
    return Map.of("externalUserId", externalUserId, "relations", results);
  }

  /** The WeCom tag push queue: pending and failed changes. */
  @GetMapping("/tag-pushes")
  Map<String, Object> pushQueue(@PathVariable String corpId) {
    require(corpId);
    return Map.of("counts", pushes.counts(corpId), "failed", jdbc.query("SELECT userid, external_userid, tag_id, "
        + "op, attempts, last_error FROM scrm_tag_push WHERE corp_id = ? AND status = 'FAILED' ORDER BY id DESC "
        + "LIMIT 50", (rs, i) -> {
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("userid", rs.getString(1));
          row.put("externalUserId", rs.getString(2));
          row.put("tagId", rs.getString(3));
          row.put("op", rs.getString(4));
          row.put("attempts", rs.getInt(5));
          row.put("lastError", rs.getString(6));
          return row;
        }, corpId));
  }

  private void require(String corpId) {
    if (!corps.corpIds().contains(corpId)) {
      throw ApiException.notFound("CORP_NOT_FOUND", "企业未配置", "unknown corp " + corpId);
    }
  }

  private static String nameOrNull(JsonNode body) {
    String name = text(body, "name");
    if (name != null && (name.isBlank() || name.length() > 30)) {
      throw ApiException.badRequest("名称不能为空且不能超过 30 个字符", "name");
    }
    if (name == null && !body.has("order")) {
      throw ApiException.badRequest("请给出 name（改名）或 order（排序）", "nothing to change");
    }
    return name == null ? null : name.strip();
  }

  private static Long orderOrNull(JsonNode body) {
    JsonNode order = body.get("order");
    if (order != null && !order.isIntegralNumber()) {
      throw ApiException.badRequest("order 应为整数", "order");
    }
    return order == null ? null : order.asLong();
  }

  private static Set<String> strings(JsonNode node) {
    Set<String> out = new LinkedHashSet<>();
    if (node != null && node.isArray()) {
      node.forEach(n -> out.add(n.asString()));
    }
    return out;
  }

  private static String text(JsonNode body, String key) {
    JsonNode v = body == null ? null : body.get(key);
    return v == null || v.isNull() ? null : v.asString();
  }
}
