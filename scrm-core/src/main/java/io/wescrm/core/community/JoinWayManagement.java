package io.wescrm.core.community;

import io.wescrm.core.remote.RemoteCallException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates, changes, deletes and lists 群活码 (join ways): WeCom first (add/update/del_join_way), then our registry,
 * which WeCom cannot give back (it does not list join ways). The state is the attribution key: WeCom puts it on every
 * member who joins through the code (groupchat/get {@code member_list[].state}); it stays reserved after a delete.
 */
public class JoinWayManagement {

  private static final Logger log = LoggerFactory.getLogger(JoinWayManagement.class);
  static final int MAX_STATE = 30;
  static final int MAX_REMARK = 30;
  static final int MAX_ROOM_BASE_NAME = 40;
  static final int MAX_CHATS = 5;

  /** What an operator asks for. Null fields of an update keep the stored value. */
  public record Command(String name, String state, Integer scene, String remark, Boolean autoCreateRoom,
      String roomBaseName, Integer roomBaseId, List<String> chatIds, Long storeDeptId, String channel) {
  }

  /** A way with its joins: members who joined through its state, still in the group and in all. */
  public record WithJoins(JoinWay way, long members, long joined) {
  }

  private final JoinWays ways;
  private final Function<String, RemoteCommunity> remote;
  private final Clock clock;

  public JoinWayManagement(JoinWays ways, Function<String, RemoteCommunity> remote, Clock clock) {
    this.ways = ways;
    this.remote = remote;
    this.clock = clock;
  }

  public JoinWay create(String corpId, Command c) {
    String state = c.state() == null ? "" : c.state().strip();
    if (state.isEmpty() || state.length() > MAX_STATE) {
      throw CommunityException.invalid("渠道标识 state 必填，且不超过 30 个字符", "state " + c.state());
    }
    String name = requireName(c.name());
    int scene = c.scene() == null ? 2 : c.scene();
    if (scene != 1 && scene != 2) {
      throw CommunityException.invalid("scene 只能是 1（小程序）或 2（二维码）", "scene " + scene);
    }
    String remark = checkRemark(c.remark());
    String roomBaseName = checkRoomBaseName(c.roomBaseName());
    boolean autoCreate = c.autoCreateRoom() == null || c.autoCreateRoom();
    if (autoCreate && (roomBaseName == null || roomBaseName.isEmpty())) {
      throw CommunityException.invalid("自动建群时需要填写新群名称前缀 roomBaseName", "room_base_name missing");
    }
    List<String> chats = checkChats(corpId, c.chatIds());
    if (ways.byState(corpId, state).isPresent()) {
      throw new CommunityException(CommunityException.Kind.CONFLICT, "STATE_TAKEN",
          "渠道标识 state 已被使用（删除的群活码也保留其 state）", "state " + state);
    }
    RemoteCommunity.JoinWaySpec spec = new RemoteCommunity.JoinWaySpec(scene, remark, autoCreate, roomBaseName,
        c.roomBaseId(), chats, state);
    RemoteCommunity.CreatedJoinWay created = CommunityException.call(() -> remote.apply(corpId).addJoinWay(spec));
    Instant now = clock.instant();
    JoinWay way = new JoinWay(0, corpId, created.configId(), state, name, scene, remark, autoCreate, roomBaseName,
        c.roomBaseId(), chats, c.storeDeptId(), c.channel(), created.qrCode(), now, now, null);
    try {
      long id = ways.insert(way);
      return ways.find(corpId, id).orElseThrow();
    } catch (RuntimeException e) {
      // keep WeCom and our registry in step: a way we cannot record must not stay live in WeCom
      try {
        remote.apply(corpId).deleteJoinWay(created.configId());
      } catch (RuntimeException cleanup) {
        log.error("Join way {} of corp {} exists in WeCom but not in our registry: {}", created.configId(), corpId,
            cleanup.toString());
      }
      throw e;
    }
  }

  public JoinWay update(String corpId, long id, Command c) {
    JoinWay old = find(corpId, id);
    if (old.deleted()) {
      throw new CommunityException(CommunityException.Kind.CONFLICT, "JOIN_WAY_DELETED", "群活码已删除，不能修改",
          "join way " + id);
    }
    if (c.state() != null && !c.state().equals(old.state())) {
      throw CommunityException.invalid("渠道标识 state 创建后不能修改（已入群的成员按它归因）", "state is fixed");
    }
    if (c.scene() != null && c.scene() != old.scene()) {
      throw CommunityException.invalid("scene 创建后不能修改", "scene is fixed");
    }
    String name = c.name() != null ? requireName(c.name()) : old.name();
    String remark = c.remark() != null ? checkRemark(c.remark()) : old.remark();
    String roomBaseName = c.roomBaseName() != null ? checkRoomBaseName(c.roomBaseName()) : old.roomBaseName();
    boolean autoCreate = c.autoCreateRoom() != null ? c.autoCreateRoom() : old.autoCreateRoom();
    Integer roomBaseId = c.roomBaseId() != null ? c.roomBaseId() : old.roomBaseId();
    List<String> chats = c.chatIds() != null ? checkChats(corpId, c.chatIds()) : old.chatIds();
    boolean wecomChanged = !chats.equals(old.chatIds()) || !Objects.equals(remark, old.remark())
        || autoCreate != old.autoCreateRoom() || !Objects.equals(roomBaseName, old.roomBaseName())
        || !Objects.equals(roomBaseId, old.roomBaseId());
    if (wecomChanged) {
      RemoteCommunity.JoinWaySpec spec = new RemoteCommunity.JoinWaySpec(old.scene(), remark, autoCreate,
          roomBaseName, roomBaseId, chats, old.state());
      CommunityException.call(() -> {
        remote.apply(corpId).updateJoinWay(old.configId(), spec);
        return null;
      });
    }
    ways.update(new JoinWay(id, corpId, old.configId(), old.state(), name, old.scene(), remark, autoCreate,
        roomBaseName, roomBaseId, chats, c.storeDeptId() != null ? c.storeDeptId() : old.storeDeptId(),
        c.channel() != null ? c.channel() : old.channel(), old.qrCode(), old.createdAt(), clock.instant(), null));
    return find(corpId, id);
  }

  public void delete(String corpId, long id) {
    JoinWay old = find(corpId, id);
    if (old.deleted()) {
      return;
    }
    try {
      remote.apply(corpId).deleteJoinWay(old.configId());
    } catch (RemoteCallException e) {
      if (e.kind() != RemoteCallException.Kind.REFUSED && e.kind() != RemoteCallException.Kind.GONE) {
        throw CommunityException.wecom(e);
      }
      log.info("Join way {} of corp {} was already gone in WeCom ({})", old.configId(), corpId, e.errcode());
    }
    ways.markDeleted(corpId, id, clock.instant());
  }

  public JoinWay find(String corpId, long id) {
    return ways.find(corpId, id).orElseThrow(() -> new CommunityException(CommunityException.Kind.NOT_FOUND,
        "JOIN_WAY_NOT_FOUND", "群活码不存在", "join way " + id));
  }

  /** The ways with their joins (members attributed to each state). */
  public List<WithJoins> list(String corpId, boolean includeDeleted) {
    Map<String, long[]> joins = ways.membersByState(corpId);
    return ways.list(corpId, includeDeleted).stream().map(w -> {
      long[] n = joins.getOrDefault(w.state(), new long[2]);
      return new WithJoins(w, n[0], n[1]);
    }).toList();
  }

  /**
   * Reads every live way's chats back from WeCom (get_join_way): the rooms WeCom created when the chats were full are
   * added to the code there, and count for the way's store from then on. Returns the ways whose chats changed.
   */
  public int refreshChats(String corpId) {
    int changed = 0;
    for (JoinWay way : ways.list(corpId, false)) {
      Optional<Map<String, Object>> remoteWay = CommunityException.call(() -> remote.apply(corpId)
          .joinWay(way.configId()));
      Object list = remoteWay.map(w -> w.get("chat_id_list")).orElse(null);
      if (!(list instanceof List<?> chats) || chats.isEmpty()) {
        continue;
      }
      List<String> current = chats.stream().map(String::valueOf).toList();
      if (!current.equals(way.chatIds())) {
        ways.update(new JoinWay(way.id(), corpId, way.configId(), way.state(), way.name(), way.scene(), way.remark(),
            way.autoCreateRoom(), way.roomBaseName(), way.roomBaseId(), current, way.storeDeptId(), way.channel(),
            way.qrCode(), way.createdAt(), clock.instant(), null));
        changed++;
      }
    }
    return changed;
  }

  /** WeCom's own view of the way (get_join_way): the chats it holds now, rooms it created included. */
  public Map<String, Object> remoteView(String corpId, long id) {
    JoinWay way = find(corpId, id);
    return CommunityException.call(() -> remote.apply(corpId).joinWay(way.configId())).orElseThrow(() ->
        new CommunityException(CommunityException.Kind.NOT_FOUND, "JOIN_WAY_NOT_IN_WECOM", "企业微信中已没有这个群活码",
            "config " + way.configId()));
  }

  private List<String> checkChats(String corpId, List<String> chatIds) {
    List<String> chats = chatIds == null ? List.of() : chatIds.stream().filter(Objects::nonNull).map(String::strip)
        .filter(s -> !s.isEmpty()).distinct().toList();
    if (chats.isEmpty()) {
      throw CommunityException.invalid("群活码至少需要一个客户群（chatIds）", "chat_id_list empty");
    }
    if (chats.size() > MAX_CHATS) {
      throw CommunityException.invalid("一个群活码最多关联 5 个客户群", chats.size() + " chats");
    }
    List<String> live = ways.liveChats(corpId, chats);
    List<String> unknown = chats.stream().filter(ch -> !live.contains(ch)).toList();
    if (!unknown.isEmpty()) {
      throw CommunityException.invalid("客户群不存在或已解散：" + String.join("、", unknown), "unknown chats " + unknown);
    }
    return List.copyOf(new LinkedHashSet<>(chats));
  }

  private static String requireName(String name) {
    if (name == null || name.isBlank() || name.length() > 64) {
      throw CommunityException.invalid("名称必填，且不超过 64 个字符", "name " + name);
    }
    return name.strip();
  }

  private static String checkRemark(String remark) {
    if (remark != null && remark.length() > MAX_REMARK) {
      throw CommunityException.invalid("备注不能超过 30 个字符", "remark length " + remark.length());
    }
    return remark;
  }

  private static String checkRoomBaseName(String roomBaseName) {
    if (roomBaseName != null && roomBaseName.length() > MAX_ROOM_BASE_NAME) {
      throw CommunityException.invalid("新群名称前缀不能超过 40 个字符", "room_base_name length " + roomBaseName.length());
    }
    return roomBaseName;
  }
}
