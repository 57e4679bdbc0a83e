package io.wescrm.web.community;

import io.wescrm.core.community.CommunityException;
import io.wescrm.core.community.JoinWay;
import io.wescrm.core.community.JoinWayManagement;
import io.wescrm.core.community.jdbc.JdbcJoinWays;
import io.wescrm.core.corp.StoreStaff;
import io.wescrm.web.api.KnownCorps;
import io.wescrm.web.security.AccessScope;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** 群活码 (join ways): create, change, delete, list with their joins. */
@RestController
@RequestMapping("/api/corps/{corpId}/join-ways")
class JoinWayApiController {

  /** The request body of create and update (null fields of an update keep the stored value). */
  record JoinWayRequest(
      @Size(max = 64, message = "不能超过 64 个字符") String name,
      @Size(max = 30, message = "不能超过 30 个字符") String state,
      Integer scene,
      @Size(max = 30, message = "不能超过 30 个字符") String remark,
      Boolean autoCreateRoom,
      @Size(max = 40, message = "不能超过 40 个字符") String roomBaseName,
      Integer roomBaseId,
      @Size(max = 5, message = "最多 5 个客户群") List<@NotBlank @Size(max = 64) String> chatIds,
      Long storeDeptId,
      @Size(max = 64, message = "不能超过 64 个字符") String channel) {

    JoinWayManagement.Command command() {
      return new JoinWayManagement.Command(name, state, scene, remark, autoCreateRoom, roomBaseName, roomBaseId,
          chatIds, storeDeptId, channel);
    }
  }

  private final KnownCorps corps;
  private final JoinWayManagement ways;
  private final JdbcJoinWays registry;
  private final StoreStaff storeStaff;

  JoinWayApiController(KnownCorps corps, JoinWayManagement ways, JdbcJoinWays registry, StoreStaff storeStaff) {
    this.corps = corps;
    this.ways = ways;
    this.registry = registry;
    this.storeStaff = storeStaff;
  }

  /**
   * What a store manager sees of the 群活码: a way set to one of their stores ({@code storeDeptId}) or holding a chat
   * owned by their store's staff; null (every way) for the other roles.
   */
  private Predicate<JoinWay> visible(AccessScope scope) {
    if (scope.allStores()) {
      return w -> true;
    }
    Set<String> chats = registry.chatsOwnedBy(scope.corpId(), storeStaff.staffOf(scope.corpId(), scope.stores()));
    return w -> (w.storeDeptId() != null && scope.stores().contains(w.storeDeptId()))
        || w.chatIds().stream().anyMatch(chats::contains);
  }

  /** The way by id; another store's answers 404 as one that does not exist. */
  private JoinWay find(String corpId, long id, AccessScope scope) {
    JoinWay way = ways.find(corpId, id);
    if (!visible(scope).test(way)) {
      throw new CommunityException(CommunityException.Kind.NOT_FOUND, "JOIN_WAY_NOT_FOUND", "群活码不存在",
          "join way " + id + " not in scope");
    }
    return way;
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  JoinWay create(@PathVariable String corpId, @Valid @RequestBody JoinWayRequest request) {
    corps.require(corpId);
    return ways.create(corpId, request.command());
  }

  @GetMapping
  List<JoinWayManagement.WithJoins> list(@PathVariable String corpId,
      @RequestParam(defaultValue = "false") boolean includeDeleted, AccessScope scope) {
    corps.require(corpId);
    Predicate<JoinWay> visible = visible(scope);
    return ways.list(corpId, includeDeleted).stream().filter(w -> visible.test(w.way())).toList();
  }

  @GetMapping("/{id}")
  JoinWay get(@PathVariable String corpId, @PathVariable long id, AccessScope scope) {
    corps.require(corpId);
    return find(corpId, id, scope);
  }

  @PutMapping("/{id}")
  JoinWay update(@PathVariable String corpId, @PathVariable long id, @Valid @RequestBody JoinWayRequest request) {
    corps.require(corpId);
    return ways.update(corpId, id, request.command());
  }

  @PatchMapping("/{id}")
  JoinWay patch(@PathVariable String corpId, @PathVariable long id, @Valid @RequestBody JoinWayRequest request) {
    return update(corpId, id, request);
  }

  @DeleteMapping("/{id}")
  Map<String, Object> delete(@PathVariable String corpId, @PathVariable long id) {
    corps.require(corpId);
    ways.delete(corpId, id);
    return Map.of("id", id, "deleted", true, "message", "群活码已删除（state 保留，已入群成员的归因不变）");
  }

  /** Reads the ways' chats back from WeCom (rooms WeCom created when the chats were full); the daily job does too. */
  @PostMapping("/refresh")
  Map<String, Object> refresh(@PathVariable String corpId) {
    corps.require(corpId);
    return Map.of("changed", ways.refreshChats(corpId));
  }

  /** WeCom's own record of the way (get_join_way): the chats it holds now, auto-created rooms included. */
  @GetMapping("/{id}/wecom")
  Map<String, Object> wecom(@PathVariable String corpId, @PathVariable long id, AccessScope scope) {
    corps.require(corpId);
    find(corpId, id, scope);
    return ways.remoteView(corpId, id);
  }
}
