package io.wescrm.wecom.simulator;

import com.google.gson.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Customer acquisition in one simulated corp: contact ways (联系我), welcome messages sent with a WelcomeCode,
 * on-job and resigned customer transfers (在职/离职继承) with WeCom's rules, unassigned customers of resigned staff and
 * group-chat transfers.
 *
 * <p>Thread-safe: its own monitor guards its state; it calls into {@link SimCorp} (whose write lock it may take while
 * holding the monitor), never the reverse.
 */
public final class SimAcquisition {

  /** WeCom: at most 100 users per contact way once departments are expanded (41041). */
  static final int MAX_CONTACT_WAY_USERS = 100;
  static final int MAX_STATE_CHARS = 30;
  static final int MAX_TRANSFER_CUSTOMERS = 100;
  static final int MAX_GROUP_TRANSFER = 100;
  static final Duration PROTECTION = Duration.ofDays(90);

  /** A contact way (联系我) as WeCom holds it. */
  public record ContactWay(String configId, int type, int scene, Integer style, String remark, boolean skipVerify,
      String state, List<String> users, List<Long> parties, boolean temp, Integer expiresIn, Integer chatExpiresIn,
      String unionid, String qrCode, JsonObject conclusions) {

    public ContactWay {
      users = List.copyOf(users);
      parties = List.copyOf(parties);
    }
  }

  /** A welcome message accepted by send_welcome_msg; {@code issuedAtMillis}: when its code came with the event. */
  public record Welcome(String code, String userid, String externalUserId, String text, int attachments,
      long issuedAtMillis, long sentAtMillis) {
  }

  /**
   * One customer transfer. {@code status}: 1 done, 2 waiting, 3 refused by the customer, 4 takeover at its limit.
   *
   * @param resigned true for 离职继承
   */
  public record Transfer(String handover, String takeover, String externalUserId, boolean resigned, int status,
      long startedAtMillis, long takeoverTimeMillis) {
  }

  /** A customer of a resigned staff member waiting for a new owner. */
  public record Unassigned(String handover, String externalUserId, long dimissionTime, SimFollow follow) {
  }

  // package-private (guarded by this monitor): SimCorpSnapshot saves and restores them
  private final SimCorp corp;
  final LinkedHashMap<String, ContactWay> contactWays = new LinkedHashMap<>();
  final Map<String, Integer> roundRobin = new LinkedHashMap<>();
  final List<Welcome> welcomes = new ArrayList<>();
  private final LinkedHashMap<Long, SimScanBurst> bursts = new LinkedHashMap<>();
  private long lastBurstId;
  /** Current (latest) transfer per customer. */
  final LinkedHashMap<String, Transfer> transfers = new LinkedHashMap<>();
  /** Times of successful transfers per customer (and per group chat: key "g:" + chat id). */
  final Map<String, List<Long>> history = new LinkedHashMap<>();
  final LinkedHashMap<String, Unassigned> unassigned = new LinkedHashMap<>();
  final java.util.Set<String> resignedStaff = new java.util.HashSet<>();
  long clockOffsetMillis;
  int takeoverLimit = 50_000;
  long transferDelayMillis = Duration.ofHours(24).toMillis();

  SimAcquisition(SimCorp corp) {
    this.corp = corp;
  }

  long now() {
    return System.currentTimeMillis() + clockOffsetMillis;
  }

  // ---------------------------------------------------------------- settings

  /** Customers a takeover member may hold; a completed transfer beyond it ends with status 4. */
  public synchronized SimAcquisition takeoverLimit(int limit) {
    this.takeoverLimit = limit;
    return this;
  }

  /** Time after which a waiting transfer completes by itself (WeCom: 24 h). */
  public synchronized SimAcquisition transferDelay(Duration delay) {
    this.transferDelayMillis = delay.toMillis();
    return this;
  }

  /** Moves the acquisition clock (transfer protection windows, takeover times) forward, e.g. 91 days. */
  public synchronized SimAcquisition advanceClock(Duration duration) {
    clockOffsetMillis += duration.toMillis();
    completeDue();
    return this;
  }

  // ---------------------------------------------------------------- contact ways

  /** add_contact_way: validates like WeCom and stores the config. */
  public synchronized ContactWay addContactWay(int type, int scene, Integer style, String remark, Boolean skipVerify,
      String state, List<String> users, List<Long> parties, boolean temp, Integer expiresIn, Integer chatExpiresIn,
      String unionid, JsonObject conclusions) {
    if (type != 1 && type != 2) {
      throw new WeComApiError(40058, "invalid parameter: type must be 1 or 2");
    }
    if (scene != 1 && scene != 2) {
      throw new WeComApiError(40058, "invalid parameter: scene must be 1 or 2");
    }
    validate(type, remark, state, users, parties);
    String configId = HexFormat.of().formatHex(randomBytes(16));
    String qr = scene == 2 ? "https://wework.qpic.cn/wwpic/sim/" + corp.corpId() + "/" + configId + "/0" : null;
    ContactWay way = new ContactWay(configId, type, scene, style, remark, skipVerify == null || skipVerify, state,
        users, parties, temp, expiresIn, chatExpiresIn, unionid, qr, conclusions);
    contactWays.put(configId, way);
    return way;
  }

  /** update_contact_way: fields given replace the stored ones (type, scene and the QR code stay). */
  public synchronized ContactWay updateContactWay(String configId, Integer style, String remark, Boolean skipVerify,
      String state, List<String> users, List<Long> parties, Integer expiresIn, Integer chatExpiresIn,
      String unionid, JsonObject conclusions) {
    ContactWay old = requireContactWay(configId);
    ContactWay way = new ContactWay(configId, old.type(), old.scene(), style != null ? style : old.style(),
        remark != null ? remark : old.remark(), skipVerify != null ? skipVerify : old.skipVerify(),
        state != null ? state : old.state(), users != null ? users : old.users(),
        parties != null ? parties : old.parties(), old.temp(), expiresIn != null ? expiresIn : old.expiresIn(),
        chatExpiresIn != null ? chatExpiresIn : old.chatExpiresIn(), unionid != null ? unionid : old.unionid(),
        old.qrCode(), conclusions != null ? conclusions : old.conclusions());
    validate(way.type(), way.remark(), way.state(), way.users(), way.parties());
    contactWays.put(configId, way);
    return way;
  }

  public synchronized void deleteContactWay(String configId) {
    requireContactWay(configId);
    contactWays.remove(configId);
  }

  public synchronized Optional<ContactWay> contactWay(String configId) {
    return Optional.ofNullable(configId == null ? null : contactWays.get(configId));
  }

  public synchronized List<ContactWay> contactWays() {
    return List.copyOf(contactWays.values());
  }

  private ContactWay requireContactWay(String configId) {
    ContactWay way = configId == null ? null : contactWays.get(configId);
    if (way == null) {
      throw new WeComApiError(40058, "invalid parameter: config_id " + configId + " not found");
    }
    return way;
  }

  private void validate(int type, String remark, String state, List<String> users, List<Long> parties) {
    if (state != null && state.codePointCount(0, state.length()) > MAX_STATE_CHARS) {
      throw new WeComApiError(40058, "invalid parameter: state longer than 30 characters");
    }
    if (remark != null && remark.codePointCount(0, remark.length()) > 30) {
      throw new WeComApiError(40058, "invalid parameter: remark longer than 30 characters");
    }
    if (type == 1 && (users.size() != 1 || !parties.isEmpty())) {
      throw new WeComApiError(40058, "invalid parameter: type 1 takes exactly one user and no party");
    }
    if (users.isEmpty() && parties.isEmpty()) {
      throw new WeComApiError(40058, "invalid parameter: user or party is required");
    }
    for (String userid : users) {
      SimStaff member = corp.staff(userid).orElseThrow(() -> new WeComApiError(60111, "userid not found: " + userid));
      if (!member.customerContactEnabled()) {
        throw new WeComApiError(84074, "customer contact not enabled for " + userid);
      }
    }
    for (Long party : parties) {
      if (corp.departments().stream().noneMatch(d -> d.id() == party)) {
        throw new WeComApiError(60003, "department not found: " + party);
      }
    }
    if (expand(users, parties).size() > MAX_CONTACT_WAY_USERS) {
      throw new WeComApiError(41041, "more than 100 users in the contact way");
    }
  }

  /** The staff a contact way may route a customer to: its users, then contact-enabled members of its parties. */
  private List<String> expand(List<String> users, List<Long> parties) {
    java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>(users);
    if (!parties.isEmpty()) {
      for (SimStaff member : corp.staff()) {
        if (member.customerContactEnabled() && member.departments().stream().anyMatch(parties::contains)) {
          all.add(member.userid());
        }
      }
    }
    return List.copyOf(all);
  }

  /**
   * A new WeChat customer scans a contact way: routed to its user (type 1) or round-robin over its users and the
   * members of its departments (type 2); the add event carries the way's state and a WelcomeCode.
   */
  public SimScan scan(String configId, String name, boolean half) {
    ContactWay way;
    synchronized (this) {
      way = requireContactWay(configId);
    }
    // expanded outside this monitor: it takes the corp's read lock, which waits behind writers (scans, welcomes)
    List<String> candidates = expand(way.users(), way.parties());
    if (candidates.isEmpty()) {
      throw new WeComApiError(40058, "contact way " + configId + " has no member with customer contact");
    }
    int next;
    synchronized (this) {
      next = roundRobin.merge(configId, 1, Integer::sum) - 1;
    }
    return corp.scan(candidates.get(Math.floorMod(next, candidates.size())), way.state(), name, half);
  }

  /**
   * Starts a paced rush of {@code count} scans of a contact way over {@code millis} (see {@link SimScanBurst}).
   * 40058 when the way does not exist.
   */
  SimScanBurst startScanBurst(String configId, int count, long millis, String namePrefix) {
    SimScanBurst burst;
    synchronized (this) {
      ContactWay way = requireContactWay(configId);
      burst = new SimScanBurst(++lastBurstId, configId, way.state(), count, millis, namePrefix);
      bursts.put(burst.id(), burst);
      while (bursts.size() > 16) {
        bursts.remove(bursts.keySet().iterator().next());
      }
    }
    burst.start(this);
    return burst;
  }

  /** A burst's report so far; empty when unknown (the last 16 are kept). */
  Optional<SimScanBurst.Report> scanBurst(long id) {
    SimScanBurst burst;
    List<Welcome> accepted;
    synchronized (this) {
      burst = bursts.get(id);
      accepted = burst == null ? List.of() : List.copyOf(welcomes);
    }
    return burst == null ? Optional.empty() : Optional.of(burst.report(accepted));
  }

  /** The contact way with this state, if any (the first registered one). */
  public synchronized Optional<ContactWay> contactWayByState(String state) {
    return contactWays.values().stream().filter(w -> Objects.equals(w.state(), state)).findFirst();
  }

  // ---------------------------------------------------------------- welcome messages

  /** send_welcome_msg: consumes the code (41050 unknown or expired, 41051 used) and records the message. */
  Welcome sendWelcome(String code, String text, int attachments) {
    SimWelcomeCode used = corp.useWelcomeCode(code);
    Welcome welcome = new Welcome(code, used.userid(), used.externalUserId(), text, attachments,
        used.issuedAt().toEpochMilli(), System.currentTimeMillis());
    synchronized (this) {
      welcomes.add(welcome);
    }
    return welcome;
  }

  /** Welcome messages sent so far, oldest first. */
  public synchronized List<Welcome> welcomes() {
    return List.copyOf(welcomes);
  }

  public synchronized Optional<Welcome> welcomeTo(String externalUserId) {
    return welcomes.stream().filter(w -> w.externalUserId().equals(externalUserId)).findFirst();
  }

  public synchronized void clearWelcomes() {
    welcomes.clear();
  }

  // ---------------------------------------------------------------- resignation and unassigned customers

  /**
   * A member resigns: their customers wait in the unassigned list (get_unassigned_list) for 离职继承, the groups
   * they own get status 1, and delete_user is emitted.
   */
  public synchronized List<Unassigned> resign(String userid) {
    long dimission = now() / 1000;
    List<SimFollow> follows = corp.followsOf(userid);
    corp.removeStaff(userid);
    resignedStaff.add(userid);
    List<Unassigned> added = new ArrayList<>();
    for (SimFollow follow : follows) {
      Unassigned entry = new Unassigned(userid, follow.externalUserId(), dimission, follow);
      unassigned.put(userid + '|' + follow.externalUserId(), entry);
      added.add(entry);
    }
    return added;
  }

  public synchronized List<Unassigned> unassigned() {
    return List.copyOf(unassigned.values());
  }

  public synchronized boolean resigned(String userid) {
    return resignedStaff.contains(userid);
  }

  // ---------------------------------------------------------------- customer transfers

  /**
   * transfer_customer / resigned/transfer_customer. Whole-call errors: 40058 bad list, 40130 handover = takeover,
   * 60111 unknown takeover, 40097 handover not resigned (resigned) or resigned (on-job). Per customer: 40131 not a
   * customer of the handover, 40129 a transfer is in progress, 40128 transferred too often (twice, or within the
   * 90-day protection after a successful transfer).
   *
   * @return errcode per external userid, in request order
   */
  public synchronized LinkedHashMap<String, Integer> transferCustomers(String handover, String takeover,
      List<String> externalUserIds, boolean resigned) {
    completeDue();
    if (handover == null || handover.isEmpty() || takeover == null || takeover.isEmpty()) {
      throw new WeComApiError(40058, "invalid parameter: handover_userid and takeover_userid are required");
    }
    if (externalUserIds.isEmpty() || externalUserIds.size() > MAX_TRANSFER_CUSTOMERS) {
      throw new WeComApiError(40058, "invalid parameter: external_userid must hold 1 to 100 ids");
    }
    if (handover.equals(takeover)) {
      throw new WeComApiError(40130, "handover and takeover are the same member");
    }
    SimStaff taker = corp.staff(takeover).orElseThrow(() -> new WeComApiError(60111, "userid not found: "
        + takeover));
    if (!taker.customerContactEnabled()) {
      throw new WeComApiError(84074, "customer contact not enabled for " + takeover);
    }
    if (resigned && !resignedStaff.contains(handover)) {
      throw new WeComApiError(40097, "the handover member has not resigned: " + handover);
    }
    if (!resigned && corp.staff(handover).isEmpty()) {
      throw new WeComApiError(resignedStaff.contains(handover) ? 40097 : 60111,
          "handover not an active member: " + handover);
    }
    long now = now();
    LinkedHashMap<String, Integer> result = new LinkedHashMap<>();
    for (String ext : externalUserIds) {
      int errcode;
      boolean follows = resigned ? unassigned.containsKey(handover + '|' + ext)
          : corp.follow(handover, ext).isPresent();
      Transfer current = transfers.get(ext);
      if (!follows) {
        errcode = 40131;
      } else if (current != null && current.status() == 2) {
        errcode = 40129;
      } else if (tooOften(ext, now)) {
        errcode = 40128;
      } else {
        errcode = 0;
        transfers.put(ext, new Transfer(handover, takeover, ext, resigned, 2, now, now + transferDelayMillis));
      }
      result.put(ext, errcode);
    }
    return result;
  }

  private boolean tooOften(String key, long now) {
    List<Long> done = history.getOrDefault(key, List.of());
    return done.size() >= 2 || done.stream().anyMatch(t -> now - t < PROTECTION.toMillis());
  }

  /** transfer_result: the latest transfer of each customer between the two members. */
  public synchronized List<Transfer> transferResults(String handover, String takeover, boolean resigned) {
    completeDue();
    return transfers.values().stream().filter(t -> t.handover().equals(handover) && t.takeover().equals(takeover)
        && t.resigned() == resigned).toList();
  }

  public synchronized List<Transfer> transfers() {
    return List.copyOf(transfers.values());
  }

  /**
   * Completes waiting transfers now (as WeCom does after 24 h): customers in {@code refusing} refuse (status 3,
   * transfer_fail customer_refused); a takeover at its limit gets status 4 (customer_limit_exceed); the others move
   * to the takeover (on-job: del_external_contact with Source=DELETE_BY_TRANSFER).
   *
   * @return transfers completed
   */
  public synchronized List<Transfer> completeTransfers(java.util.Collection<String> refusing) {
    List<Transfer> completed = new ArrayList<>();
    for (Transfer t : List.copyOf(transfers.values())) {
      if (t.status() == 2) {
        completed.add(complete(t, refusing.contains(t.externalUserId())));
      }
    }
    return completed;
  }

  private void completeDue() {
    long now = now();
    for (Transfer t : List.copyOf(transfers.values())) {
      if (t.status() == 2 && t.takeoverTimeMillis() <= now) {
        complete(t, false);
      }
    }
  }

  private Transfer complete(Transfer t, boolean refused) {
    long now = now();
    int status;
    String failReason = null;
    if (refused) {
      status = 3;
      failReason = "customer_refused";
    } else if (corp.followsOf(t.takeover()).size() >= takeoverLimit) {
      status = 4;
      failReason = "customer_limit_exceed";
    } else {
      status = 1;
      try {
        if (t.resigned()) {
          Unassigned entry = unassigned.remove(t.handover() + '|' + t.externalUserId());
          SimFollow old = entry.follow();
          corp.addFollowViaApi(t.takeover(), t.externalUserId(), old.remark(), old.description(), old.addWay(),
              old.state(), old.tagIds(), old.remarkMobiles());
        } else {
          corp.transferFollow(t.handover(), t.externalUserId(), t.takeover());
        }
        history.computeIfAbsent(t.externalUserId(), k -> new ArrayList<>()).add(now);
      } catch (IllegalArgumentException e) {
        // the customer left the handover or already follows the takeover in the meantime: nothing to move
        status = 5;
      }
    }
    Transfer done = new Transfer(t.handover(), t.takeover(), t.externalUserId(), t.resigned(), status,
        t.startedAtMillis(), status == 1 ? now : 0);
    transfers.put(t.externalUserId(), done);
    if (failReason != null && corp.callbackConfig() != null && corp.callbackConfig().enabled()) {
      corp.emitRaw("<xml><ToUserName><![CDATA[" + corp.corpId() + "]]></ToUserName><FromUserName><![CDATA[sys]]>"
          + "</FromUserName><CreateTime>" + (System.currentTimeMillis() / 1000) + "</CreateTime><MsgType><![CDATA["
          + "event]]></MsgType><Event><![CDATA[change_external_contact]]></Event><ChangeType><![CDATA[transfer_fail]]>"
          + "</ChangeType><FailReason><![CDATA[" + failReason + "]]></FailReason><UserID><![CDATA[" + t.takeover()
          + "]]></UserID><ExternalUserID><![CDATA[" + t.externalUserId() + "]]></ExternalUserID></xml>");
    }
    return done;
  }

  // ---------------------------------------------------------------- group chat transfers

  /**
   * groupchat/transfer (resigned owner) or groupchat/onjob_transfer: per chat 40050 unknown or dismissed, 90500 owner
   * not resigned (resigned transfer), 90502 owner already resigned (on-job transfer), 40128 transferred twice within
   * 90 days (on-job; code assumed). Whole call: 40058 chat list not 1..100, 60111 unknown new owner.
   *
   * @return failed chats: chat id → errcode
   */
  public synchronized LinkedHashMap<String, Integer> transferGroupChats(List<String> chatIds, String newOwner,
      boolean onJob) {
    if (chatIds.isEmpty() || chatIds.size() > MAX_GROUP_TRANSFER) {
      throw new WeComApiError(40058, "invalid parameter: chat_id_list must hold 1 to 100 ids");
    }
    if (newOwner == null || corp.staff(newOwner).isEmpty()) {
      throw new WeComApiError(60111, "userid not found: " + newOwner);
    }
    long now = now();
    LinkedHashMap<String, Integer> failed = new LinkedHashMap<>();
    for (String chatId : chatIds) {
      Optional<SimGroupChat> chat = corp.groupChat(chatId);
      if (chat.isEmpty()) {
        failed.put(chatId, 40050);
        continue;
      }
      boolean ownerResigned = chat.get().status() == 1 || corp.staff(chat.get().owner()).isEmpty();
      if (!onJob && !ownerResigned) {
        failed.put(chatId, 90500);
        continue;
      }
      if (onJob && ownerResigned) {
        failed.put(chatId, 90502);
        continue;
      }
      if (onJob && tooOftenGroup("g:" + chatId, now)) {
        failed.put(chatId, 40128);
        continue;
      }
      if (newOwner.equals(chat.get().owner())) {
        failed.put(chatId, 90504);
        continue;
      }
      try {
        corp.changeGroupOwner(chatId, newOwner);
      } catch (WeComApiError e) {
        failed.put(chatId, e.errcode());
        continue;
      }
      history.computeIfAbsent("g:" + chatId, k -> new ArrayList<>()).add(now);
    }
    return failed;
  }

  private boolean tooOftenGroup(String key, long now) {
    return history.getOrDefault(key, List.of()).stream().filter(t -> now - t < PROTECTION.toMillis()).count() >= 2;
  }

  private static byte[] randomBytes(int n) {
    byte[] bytes = new byte[n];
    ThreadLocalRandom.current().nextBytes(bytes);
    return bytes;
  }
}
