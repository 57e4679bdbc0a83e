package io.wescrm.core.acquisition;

import io.wescrm.core.acquisition.ContactWay.Kind;
import io.wescrm.core.acquisition.RemoteAcquisition;
import io.wescrm.core.remote.RemoteCallException;
import io.wescrm.core.remote.WeComErrorCatalogue;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates, changes, deletes and lists contact ways (渠道活码): WeCom first (add/update/del_contact_way), then our
 * registry, which WeCom cannot give back (it does not list API-created ways).
 */
public class ContactWayManagement {

  private static final Logger log = LoggerFactory.getLogger(ContactWayManagement.class);
  static final int MAX_STATE = 30;
  static final int MAX_USERS = 100;
  private static final Set<String> ATTACHMENT_TYPES = Set.of("image", "link", "miniprogram", "video", "file");

  /** What an operator asks for. Null fields of an update leave the stored value. */
  public record Command(String name, Kind kind, String state, List<String> userids, List<Long> departmentIds,
      Long storeDeptId, String channel, String campaign, String remark, Boolean skipVerify, Integer scene,
      WelcomeTemplate welcome, List<String> tagIds) {
  }

  private final ContactWays ways;
  private final Function<String, RemoteAcquisition> remote;
  private final Clock clock;

  public ContactWayManagement(ContactWays ways, Function<String, RemoteAcquisition> remote, Clock clock) {
    this.ways = ways;
    this.remote = remote;
    this.clock = clock;
  }

  public ContactWay create(String corpId, Command c) {
    if (c.kind() == null) {
      throw AcquisitionException.invalid("kind 必须是 STAFF、MULTI、STORE 或 CAMPAIGN", "kind missing");
    }
    String state = requireState(c.state());
    String name = requireName(c.name());
    List<String> users = distinct(c.userids());
    List<Long> depts = c.departmentIds() == null ? List.of() : List.copyOf(new LinkedHashSet<>(c.departmentIds()));
    Long store = c.storeDeptId();
    switch (c.kind()) {
      case STAFF -> {
        if (users.size() != 1 || !depts.isEmpty()) {
          throw AcquisitionException.invalid("单人活码需要且只能指定一名员工（userids 一项，不能指定部门）",
              "STAFF takes exactly one userid");
        }
      }
      case MULTI -> {
        if (users.isEmpty()) {
          throw AcquisitionException.invalid("多人活码至少需要一名员工", "MULTI needs userids");
        }
      }
      case STORE -> {
        if (depts.isEmpty() && store == null) {
          throw AcquisitionException.invalid("门店活码需要指定门店部门（storeDeptId）", "STORE needs a department");
        }
        if (depts.isEmpty()) {
          depts = List.of(store);
        }
        if (store == null) {
          store = depts.get(0);
        }
      }
      case CAMPAIGN -> {
        if (users.isEmpty() && depts.isEmpty()) {
          throw AcquisitionException.invalid("活动活码至少需要一名员工或一个部门", "CAMPAIGN needs userids or departments");
        }
      }
      default -> throw new IllegalStateException();
    }
    checkMembers(corpId, users, depts, store);
    List<String> tags = checkTags(corpId, c.tagIds());
    checkWelcome(c.welcome());
    String remark = checkRemark(c.remark());
    if (ways.byState(corpId, state).isPresent()) {
      throw new AcquisitionException(AcquisitionException.Kind.CONFLICT, "STATE_TAKEN",
          "渠道标识 state 已被使用（删除的活码也保留其 state）", "state " + state);
    }
    int type = c.kind() == Kind.STAFF ? 1 : 2;
    int scene = c.scene() == null ? 2 : c.scene();
    if (scene != 1 && scene != 2) {
      throw AcquisitionException.invalid("scene 只能是 1（小程序）或 2（二维码）", "scene " + scene);
    }
    boolean skipVerify = c.skipVerify() == null || c.skipVerify();
    ContactWaySpec spec = new ContactWaySpec(type, scene, remark, skipVerify, state, users, depts);
    RemoteAcquisition.CreatedWay created = wecom(() -> remote.apply(corpId).addContactWay(spec));
    Instant now = clock.instant();
    ContactWay way = new ContactWay(0, corpId, created.configId(), state, name, c.kind(), users, spec.departmentIds(),
        store,
        c.channel(), c.campaign(), remark, scene, skipVerify, created.qrCode(), c.welcome(), tags, now, now, null);
    try {
      long id = ways.insert(way);
      return ways.find(corpId, id).orElseThrow();
    } catch (RuntimeException e) {
      // keep WeCom and our registry in step: a way we cannot record must not stay live in WeCom
      try {
        remote.apply(corpId).deleteContactWay(created.configId());
      } catch (RuntimeException cleanup) {
        log.error("Contact way {} of corp {} exists in WeCom but not in our registry: {}", created.configId(),
            corpId, cleanup.toString());
      }
      throw e;
    }
  }

  public ContactWay update(String corpId, long id, Command c) {
    ContactWay old = find(corpId, id);
    if (old.deleted()) {
      throw new AcquisitionException(AcquisitionException.Kind.CONFLICT, "CONTACT_WAY_DELETED", "活码已删除，不能修改",
          "contact way " + id);
    }
    if (c.kind() != null && c.kind() != old.kind()) {
      throw AcquisitionException.invalid("活码类型创建后不能修改", "kind is fixed");
    }
    if (c.state() != null && !c.state().equals(old.state())) {
      throw AcquisitionException.invalid("渠道标识 state 创建后不能修改（已有客户按它归因）", "state is fixed");
    }
    List<String> users = c.userids() != null ? distinct(c.userids()) : old.userids();
    List<Long> depts = c.departmentIds() != null ? List.copyOf(new LinkedHashSet<>(c.departmentIds()))
        : old.departmentIds();
    Long store = c.storeDeptId() != null ? c.storeDeptId() : old.storeDeptId();
    if (old.kind() == Kind.STAFF && (users.size() != 1 || !depts.isEmpty())) {
      throw AcquisitionException.invalid("单人活码需要且只能指定一名员工", "STAFF takes exactly one userid");
    }
    if (users.isEmpty() && depts.isEmpty()) {
      throw AcquisitionException.invalid("活码至少需要一名员工或一个部门", "no users and no departments");
    }
    checkMembers(corpId, users, depts, store);
    List<String> tags = c.tagIds() != null ? checkTags(corpId, c.tagIds()) : old.tagIds();
    WelcomeTemplate welcome = c.welcome() != null ? c.welcome() : old.welcome();
    checkWelcome(welcome);
    String remark = c.remark() != null ? checkRemark(c.remark()) : old.remark();
    boolean skipVerify = c.skipVerify() != null ? c.skipVerify() : old.skipVerify();
    String name = c.name() != null ? requireName(c.name()) : old.name();
    boolean wecomChanged = !users.equals(old.userids()) || !depts.equals(old.departmentIds())
        || skipVerify != old.skipVerify() || !java.util.Objects.equals(remark, old.remark());
    if (wecomChanged) {
      int type = old.kind() == Kind.STAFF ? 1 : 2;
      wecom(() -> {
        remote.apply(corpId).updateContactWay(old.configId(), new ContactWaySpec(type, old.scene(), remark,
            skipVerify, old.state(), users, depts));
        return null;
      });
    }
    ContactWay way = new ContactWay(id, corpId, old.configId(), old.state(), name, old.kind(), users, depts, store,
        c.channel() != null ? c.channel() : old.channel(), c.campaign() != null ? c.campaign() : old.campaign(),
        remark, old.scene(), skipVerify, old.qrCode(), welcome, tags, old.createdAt(), clock.instant(), null);
    ways.update(way);
    return find(corpId, id);
  }

  public void delete(String corpId, long id) {
    ContactWay old = find(corpId, id);
    if (old.deleted()) {
      return;
    }
    try {
      remote.apply(corpId).deleteContactWay(old.configId());
    } catch (RemoteCallException e) {
      if (e.kind() != RemoteCallException.Kind.REFUSED && e.kind() != RemoteCallException.Kind.GONE) {
        throw wecomError(e);
      }
      log.info("Contact way {} of corp {} was already gone in WeCom ({})", old.configId(), corpId, e.errcode());
    }
    ways.markDeleted(corpId, id, clock.instant());
  }

  public ContactWay find(String corpId, long id) {
    return ways.find(corpId, id).orElseThrow(() -> new AcquisitionException(AcquisitionException.Kind.NOT_FOUND,
        "CONTACT_WAY_NOT_FOUND", "活码不存在", "contact way " + id));
  }

  public List<ContactWay> list(String corpId, boolean includeDeleted) {
    return ways.list(corpId, includeDeleted);
  }

  /**
   * A way by id, only when {@code visible} accepts it (a store manager's store check); otherwise 404 as if it did
   * not exist.
   */
  public ContactWay find(String corpId, long id, java.util.function.Predicate<ContactWay> visible) {
    ContactWay way = find(corpId, id);
    if (!visible.test(way)) {
      throw new AcquisitionException(AcquisitionException.Kind.NOT_FOUND, "CONTACT_WAY_NOT_FOUND", "活码不存在",
          "contact way " + id);
    }
    return way;
  }

  /** WeCom's own view of the way (get_contact_way), to check the two agree. */
  public Map<String, Object> remoteView(String corpId, long id) {
    ContactWay way = find(corpId, id);
    return wecom(() -> remote.apply(corpId).contactWay(way.configId())).orElseThrow(() ->
        new AcquisitionException(AcquisitionException.Kind.NOT_FOUND, "CONTACT_WAY_NOT_IN_WECOM",
            "企业微信中已没有这个活码", "config " + way.configId()));
  }

  public List<ContactWays.DayStats> stats(String corpId, long id, LocalDate from, LocalDate to) {
    ContactWay way = find(corpId, id);
    if (from.isAfter(to)) {
      throw AcquisitionException.invalid("开始日期不能晚于结束日期", from + " > " + to);
    }
    if (from.plusDays(366).isBefore(to)) {
      throw AcquisitionException.invalid("统计区间最长 366 天", from + " .. " + to);
    }
    return ways.stats(corpId, way.state(), from, to, clock.instant());
  }

  // ---------------------------------------------------------------- checks

  private static String requireState(String state) {
    if (state == null || state.isBlank()) {
      throw AcquisitionException.invalid("渠道标识 state 不能为空", "state missing");
    }
    if (state.codePointCount(0, state.length()) > MAX_STATE) {
      throw AcquisitionException.invalid("渠道标识 state 最长 30 个字符（企业微信限制）", "state too long");
    }
    if (!state.matches("[A-Za-z0-9_\\-.:]+")) {
      throw AcquisitionException.invalid("渠道标识 state 只能包含字母、数字和 _ - . :", "state " + state);
    }
    return state;
  }

  private static String requireName(String name) {
    if (name == null || name.isBlank()) {
      throw AcquisitionException.invalid("活码名称不能为空", "name missing");
    }
    if (name.length() > 64) {
      throw AcquisitionException.invalid("活码名称最长 64 个字符", "name too long");
    }
    return name.trim();
  }

  private static String checkRemark(String remark) {
    if (remark != null && remark.codePointCount(0, remark.length()) > 30) {
      throw AcquisitionException.invalid("活码备注最长 30 个字符（企业微信限制）", "remark too long");
    }
    return remark;
  }

  private static List<String> distinct(List<String> values) {
    if (values == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>(new LinkedHashSet<>(values));
    if (out.stream().anyMatch(v -> v == null || v.isBlank())) {
      throw AcquisitionException.invalid("员工 userid 不能为空", "blank userid");
    }
    return List.copyOf(out);
  }

  private void checkMembers(String corpId, List<String> users, List<Long> depts, Long store) {
    if (users.size() > MAX_USERS) {
      throw AcquisitionException.invalid("一个活码最多 100 名员工（企业微信限制）", users.size() + " users");
    }
    List<String> known = ways.knownStaff(corpId, users);
    if (known.size() != users.size()) {
      List<String> unknown = users.stream().filter(u -> !known.contains(u)).toList();
      throw AcquisitionException.invalid("员工不存在或已离职：" + String.join(", ", unknown), "unknown staff");
    }
    for (Long dept : depts) {
      if (!ways.departmentExists(corpId, dept)) {
        throw AcquisitionException.invalid("部门不存在：" + dept, "unknown department " + dept);
      }
    }
    if (store != null && !ways.departmentExists(corpId, store)) {
      throw AcquisitionException.invalid("门店部门不存在：" + store, "unknown store department " + store);
    }
  }

  private List<String> checkTags(String corpId, List<String> tagIds) {
    List<String> tags = distinct(tagIds);
    List<String> live = ways.liveTags(corpId, tags);
    if (live.size() != tags.size()) {
      List<String> unknown = tags.stream().filter(t -> !live.contains(t)).toList();
      throw AcquisitionException.invalid("企业标签不存在或已删除：" + String.join(", ", unknown), "unknown tags");
    }
    return tags;
  }

  static void checkWelcome(WelcomeTemplate welcome) {
    if (welcome == null) {
      return;
    }
    boolean noText = welcome.text() == null || welcome.text().isEmpty();
    if (noText && welcome.attachments().isEmpty()) {
      throw AcquisitionException.invalid("欢迎语的文本和附件不能都为空", "empty welcome");
    }
    if (!noText && welcome.text().getBytes(StandardCharsets.UTF_8).length > WelcomeTemplate.MAX_TEXT_BYTES) {
      throw AcquisitionException.invalid("欢迎语文本最长 4000 字节（企业微信限制）", "welcome text too long");
    }
    if (welcome.attachments().size() > WelcomeTemplate.MAX_ATTACHMENTS) {
      throw AcquisitionException.invalid("欢迎语附件最多 9 个（企业微信限制）", "too many attachments");
    }
    for (Map<String, Object> attachment : welcome.attachments()) {
      Object type = attachment == null ? null : attachment.get("msgtype");
      if (!(type instanceof String t) || !ATTACHMENT_TYPES.contains(t) || !(attachment.get(t) instanceof Map)) {
        throw AcquisitionException.invalid("欢迎语附件的 msgtype 必须是 image、link、miniprogram、video 或 file，"
            + "并带同名内容", "attachment " + attachment);
      }
    }
  }

  private static <T> T wecom(java.util.function.Supplier<T> call) {
    try {
      return call.get();
    } catch (RemoteCallException e) {
      throw wecomError(e);
    }
  }

  static AcquisitionException wecomError(RemoteCallException e) {
    return new AcquisitionException(AcquisitionException.Kind.REFUSED_BY_WECOM, "WECOM_ERROR",
        WeComErrorCatalogue.message(e.errcode()), e.getMessage());
  }
}
