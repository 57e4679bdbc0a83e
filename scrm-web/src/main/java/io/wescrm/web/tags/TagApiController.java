package io.wescrm.web.tags;

import io.wescrm.core.corp.TagGroup;
import io.wescrm.core.remote.RemoteTags;
import io.wescrm.core.tags.TagChange;
import io.wescrm.core.tags.TagSource;
import io.wescrm.core.tags.TagWriteResult;
import io.wescrm.core.tags.TagWriter;
import io.wescrm.core.tags.jdbc.JdbcCorpTagAdmin;
import io.wescrm.core.tags.jdbc.JdbcTagPushes;
import io.wescrm.web.api.ApiException;
import io.wescrm.web.api.KnownCorps;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The corp tag library through WeCom (create, rename, reorder, delete tags and groups) and operators' tagging of
 * customers; every change is in our database when the call returns (WeCom sends no callback for API writes).
 */
@RestController
@RequestMapping("/api/corps/{corpId}")
class TagApiController {

  /** New tags, in an existing group ({@code groupId}) or a group found or created by name ({@code groupName}). */
  record CreateTagsRequest(
      @Size(max = 64, message = "不能超过 64 个字符") String groupId,
      @Size(min = 1, max = 30, message = "长度须为 1–30 个字符") String groupName,
      Long groupOrder,
      @NotEmpty(message = "不能为空，如 [{\"name\":\"门店扫码\"}]") @Size(max = 100, message = "一次最多 100 个标签")
      List<@Valid NewTag> tags) {
  }

  record NewTag(@NotBlank(message = "不能为空") @Size(max = 30, message = "不能超过 30 个字符") String name, Long order) {
  }

  /** A rename and/or a new order of a tag or group. */
  record EditRequest(@Size(min = 1, max = 30, message = "长度须为 1–30 个字符") String name, Long order) {
  }

  /** An operator's tagging of a customer; without userid, on every live follow relation of the customer. */
  record TagCustomerRequest(
      @Size(max = 100, message = "一次最多 100 个标签") List<@NotBlank @Size(max = 64) String> add,
      @Size(max = 100, message = "一次最多 100 个标签") List<@NotBlank @Size(max = 64) String> remove,
      @Size(max = 64, message = "不能超过 64 个字符") String userid,
      @Size(max = 64, message = "不能超过 64 个字符") String operator,
      Boolean syncToWeCom) {
  }

  /** What the tagging did on one relation. */
  record RelationTagging(String userid, Set<String> added, Set<String> removed, boolean wroteWeCom) {
  }

  record Tagging(String externalUserId, List<RelationTagging> relations) {
  }

  record TagEdited(String tagId, boolean updated) {
  }

  record GroupEdited(String groupId, boolean updated) {
  }

  record PushQueue(Map<String, Long> counts, List<JdbcTagPushes.FailedPush> failed) {
  }

  private final KnownCorps corps;
  private final JdbcCorpTagAdmin admin;
  private final TagWriter writer;
  private final JdbcTagPushes pushes;

  TagApiController(KnownCorps corps, JdbcCorpTagAdmin admin, TagWriter writer, JdbcTagPushes pushes) {
    this.corps = corps;
    this.admin = admin;
    this.writer = writer;
    this.pushes = pushes;
  }

  /**
   * Creates tags: {@code {"groupId": "et..."}} or {@code {"groupName": "渠道", "groupOrder": 1}}, with
   * {@code "tags": [{"name": "门店扫码", "order": 1}]}.
   */
  @PostMapping("/tags")
  ResponseEntity<TagGroup> create(@PathVariable String corpId, @Valid @RequestBody CreateTagsRequest body) {
    corps.require(corpId);
    if ((body.groupId() == null) == (body.groupName() == null)) {
      throw ApiException.badRequest("请给出 groupId（已有标签组）或 groupName（新建或按名称找到标签组）之一", "groupId xor groupName");
    }
    List<RemoteTags.NewTag> specs = new ArrayList<>();
    for (NewTag tag : body.tags()) {
      specs.add(new RemoteTags.NewTag(tag.name().strip(), tag.order()));
    }
    TagGroup group = admin.create(corpId, body.groupId(), body.groupName(), body.groupOrder(), specs);
    return ResponseEntity.status(HttpStatus.CREATED).body(group);
  }

  /** Renames and/or reorders a tag: {@code {"name": "...", "order": 3}}. */
  @PatchMapping("/tags/{tagId}")
  TagEdited editTag(@PathVariable String corpId, @PathVariable String tagId, @Valid @RequestBody EditRequest body) {
    corps.require(corpId);
    if (!admin.editTag(corpId, tagId, name(body), body.order())) {
      throw ApiException.notFound("TAG_NOT_FOUND", "标签不存在或已删除", "tag " + tagId);
    }
    return new TagEdited(tagId, true);
  }

  @PatchMapping("/tag-groups/{groupId}")
  GroupEdited editGroup(@PathVariable String corpId, @PathVariable String groupId,
      @Valid @RequestBody EditRequest body) {
    corps.require(corpId);
    if (!admin.editGroup(corpId, groupId, name(body), body.order())) {
      throw ApiException.notFound("TAG_GROUP_NOT_FOUND", "标签组不存在或已删除", "group " + groupId);
    }
    return new GroupEdited(groupId, true);
  }

  @DeleteMapping("/tags/{tagId}")
  ResponseEntity<Void> deleteTag(@PathVariable String corpId, @PathVariable String tagId) {
    corps.require(corpId);
    if (!admin.liveTag(corpId, tagId)) {
      throw ApiException.notFound("TAG_NOT_FOUND", "标签不存在或已删除", "tag " + tagId);
    }
    admin.delete(corpId, List.of(tagId), List.of());
    return ResponseEntity.noContent().build();
  }

  @DeleteMapping("/tag-groups/{groupId}")
  ResponseEntity<Void> deleteGroup(@PathVariable String corpId, @PathVariable String groupId) {
    corps.require(corpId);
    admin.delete(corpId, List.of(), List.of(groupId));
    return ResponseEntity.noContent().build();
  }

  /**
   * An operator tags a customer: {@code {"add": [...], "remove": [...], "userid": "...", "operator": "...",
   * "syncToWeCom": true}}; without userid, on every live follow relation of the customer. Written to WeCom at once.
   */
  @PostMapping("/customers/{externalUserId}/tags")
  Tagging tagCustomer(@PathVariable String corpId, @PathVariable String externalUserId,
      @Valid @RequestBody TagCustomerRequest body) {
    corps.require(corpId);
    Set<String> add = body.add() == null ? Set.of() : new LinkedHashSet<>(body.add());
    Set<String> remove = body.remove() == null ? Set.of() : new LinkedHashSet<>(body.remove());
    if (add.isEmpty() && remove.isEmpty()) {
      throw ApiException.badRequest("add 与 remove 不能都为空", "nothing to change");
    }
    List<String> userids = body.userid() != null ? List.of(body.userid()) : admin.followers(corpId, externalUserId);
    if (userids.isEmpty()) {
      throw ApiException.notFound("RELATION_NOT_FOUND", "该客户没有在跟进的员工", "external_userid " + externalUserId);
    }
    boolean sync = body.syncToWeCom() == null || body.syncToWeCom();
    List<RelationTagging> results = new ArrayList<>();
    for (String u : userids) {
      TagWriteResult r = writer.write(new TagChange(corpId, u, externalUserId, add, remove, TagSource.OPERATOR,
          body.operator() == null ? "api" : body.operator(), sync));
      results.add(new RelationTagging(u, r.added(), r.removed(), r.wroteWeCom()));
    }
    return new Tagging(externalUserId, results);
  }

  /** The WeCom tag push queue: pending and failed changes. */
  @GetMapping("/tag-pushes")
  PushQueue pushQueue(@PathVariable String corpId) {
    corps.require(corpId);
    return new PushQueue(pushes.counts(corpId), pushes.failed(corpId, 50));
  }

  private static String name(EditRequest body) {
    if (body.name() == null && body.order() == null) {
      throw ApiException.badRequest("请给出 name（改名）或 order（排序）", "nothing to change");
    }
    if (body.name() != null && body.name().isBlank()) {
      throw ApiException.invalidField("name", "不能为空");
    }
    return body.name() == null ? null : body.name().strip();
  }
}
