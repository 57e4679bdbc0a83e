package io.wescrm.wecom.simulator;

import io.wescrm.wecom.simulator.CorpModel.Chat;
import io.wescrm.wecom.simulator.CorpModel.Customer;
import io.wescrm.wecom.simulator.CorpModel.Dept;
import io.wescrm.wecom.simulator.CorpModel.Follow;
import io.wescrm.wecom.simulator.CorpModel.Member;
import io.wescrm.wecom.simulator.CorpModel.Staff;
import io.wescrm.wecom.simulator.CorpModel.Tag;
import io.wescrm.wecom.simulator.CorpModel.TagGroup;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The live state of one simulated corp: departments, staff, customers, follow relations, corp tags and customer
 * groups, plus its access tokens.
 *
 * <p>Thread-safe: reads take a read lock, mutations a write lock. Every mutator validates like WeCom would and throws
 * {@link WeComApiError} (an {@link IllegalArgumentException} carrying the errcode) or {@link IllegalArgumentException}.
 * Every successful mutation is reported as a {@link SimChange} to the registered listeners, in order, after the lock is
 * released. The read methods return immutable snapshots.
 */
public final class SimCorp {

  private static final System.Logger LOG = System.getLogger(SimCorp.class.getName());
  private static final int KEPT_TOKENS = 8;

  private final String corpId;
  private final String corpName;
  private final String secret;
  private final int agentId;
  private final SimTokens tokenRegistry;

  final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

  // --- state, guarded by lock ---
  final TreeMap<Long, Dept> departments = new TreeMap<>();
  final TreeMap<String, Staff> staff = new TreeMap<>();
  final TreeSet<String> followUsers = new TreeSet<>();
  final HashMap<String, Customer> customers = new HashMap<>();
  int customersWithFollows;
  long followCount;
  long followTagCount;
  final LinkedHashMap<String, TagGroup> tagGroups = new LinkedHashMap<>();
  final HashMap<String, Tag> tags = new HashMap<>();
  int liveTagGroups;
  int liveTags;
  final HashMap<String, Chat> chats = new HashMap<>();
  final TreeMap<Long, Chat> liveChats = new TreeMap<>();
  final HashMap<String, TreeMap<Long, Chat>> chatsByOwner = new HashMap<>();
  long memberCount;
  private long seq;
  private SimIds runtimeIds;

  // --- tokens ---
  private final Object tokenLock = new Object();
  private final ArrayDeque<SimTokens.Token> issuedTokens = new ArrayDeque<>();
  private SimTokens.Token currentToken;
  private volatile long tokenTtlSeconds = 7200;
  private volatile int maxCorpTags = 10_000;

  // --- change listeners ---
  private final CopyOnWriteArrayList<Consumer<SimChange>> listeners = new CopyOnWriteArrayList<>();
  private final ConcurrentLinkedQueue<SimChange> pendingChanges = new ConcurrentLinkedQueue<>();
  private final Object deliveryLock = new Object();
  private long changeSeq;

  // --- callbacks and welcome codes ---
  private final SimCallbackHub callbackHub;
  private final boolean ownsCallbackHub;
  private volatile SimCallbackDispatcher dispatcher;
  private final LinkedHashMap<String, WelcomeCodeState> welcomeCodes = new LinkedHashMap<>();
  private volatile long welcomeCodeTtlMs = 20_000;
  private final SimAcquisition acquisition = new SimAcquisition(this);
  private final SimCommunity community = new SimCommunity(this);
  private SimGroupMsgs groupMsgs;
  private SimMoments moments;
  /** Moments are seeded (lazily, on first use) when the corp itself was seeded. */
  private final boolean seedMoments;
  private final long momentSeed;
  private final long seedAnchor;
  /** The WelcomeCode of the last add, guarded by the write lock (read it before releasing the lock). */
  private String lastWelcomeCode;

  /** A standalone corp (tests): callbacks get their own faults, stats and threads. */
  SimCorp(SimCorpSpec spec, SimTokens tokenRegistry, long seedAnchorEpochSecond) {
    this(spec, tokenRegistry, seedAnchorEpochSecond, null);
  }

  SimCorp(SimCorpSpec spec, SimTokens tokenRegistry, long seedAnchorEpochSecond, SimCallbackHub callbackHub) {
    this.ownsCallbackHub = callbackHub == null;
    this.callbackHub = callbackHub != null ? callbackHub : new SimCallbackHub(new SimCallbackFaults(), new SimStats());
    this.corpId = spec.corpId();
    this.corpName = spec.corpName();
    this.secret = spec.secret();
    this.agentId = spec.agentId();
    this.tokenRegistry = tokenRegistry;
    this.runtimeIds = new SimIds(SimSeeder.mix(spec.randomSeed() ^ 0x5DEECE66DL));
    this.seedMoments = !spec.seed().isEmpty();
    this.momentSeed = spec.randomSeed();
    this.seedAnchor = seedAnchorEpochSecond;
    lock.writeLock().lock();
    try {
      SimSeeder.seed(this, spec.seed(), spec.randomSeed(), seedAnchorEpochSecond);
    } finally {
      lock.writeLock().unlock();
    }
  }

  // ---------------------------------------------------------------- identity and settings

  public String corpId() {
    return corpId;
  }

  public String corpName() {
    return corpName;
  }

  public String secret() {
    return secret;
  }

  public int agentId() {
    return agentId;
  }

  /** Lifetime of newly issued access tokens (default 7200 s). */
  public Duration tokenTtl() {
    return Duration.ofSeconds(tokenTtlSeconds);
  }

  public SimCorp tokenTtl(Duration ttl) {
    if (ttl.toSeconds() < 1) {
      throw new IllegalArgumentException("token ttl must be at least one second");
    }
    this.tokenTtlSeconds = ttl.toSeconds();
    return this;
  }

  /** Maximum number of live corp tags (default 10,000); add_corp_tag answers 40126 beyond it. */
  public int maxCorpTags() {
    return maxCorpTags;
  }

  public SimCorp maxCorpTags(int max) {
    if (max < 0) {
      throw new IllegalArgumentException("max tags must not be negative");
    }
    this.maxCorpTags = max;
    return this;
  }

  /**
   * Draws ids generated from now on (customers, tags, tag groups, group chats) from another seed. By default they
   * follow the corp's random seed, so a corp seeded afresh hands out the same ids as an earlier run of the same spec;
   * a corp seeded afresh beside a database of that earlier run must not (see SimCorpSnapshot).
   */
  public SimCorp idSeed(long seed) {
    return write(() -> {
      runtimeIds = new SimIds(SimSeeder.mix(seed ^ 0x5DEECE66DL));
      return this;
    });
  }

  // ---------------------------------------------------------------- tokens

  /** The current token, or a new one when there is none or it expired (WeCom returns the same token within validity). */
  SimTokens.Token currentToken(long nowMillis) {
    synchronized (tokenLock) {
      if (currentToken != null && !currentToken.isExpired(nowMillis)) {
        return currentToken;
      }
      SimTokens.Token token = new SimTokens.Token(SimIds.accessToken(), this, nowMillis + tokenTtlSeconds * 1000L);
      tokenRegistry.register(token);
      issuedTokens.addLast(token);
      while (issuedTokens.size() > KEPT_TOKENS) {
        tokenRegistry.forget(issuedTokens.removeFirst());
      }
      currentToken = token;
      return token;
    }
  }

  /** Makes every token issued so far expired: the next call with one gets 42001 and gettoken issues a new token. */
  public void expireTokens() {
    long now = System.currentTimeMillis();
    synchronized (tokenLock) {
      for (SimTokens.Token token : issuedTokens) {
        token.expire(now);
      }
    }
  }

  /** Number of tokens currently valid (mostly 0 or 1). */
  public int validTokenCount() {
    long now = System.currentTimeMillis();
    synchronized (tokenLock) {
      return (int) issuedTokens.stream().filter(t -> !t.isExpired(now)).count();
    }
  }

  // ---------------------------------------------------------------- change listeners

  /**
   * Registers a listener; it is called on the mutating thread, in change order, after the corp lock is released.
   * Delivery is serialised per corp, so listeners should be quick and hand work off (a listener that mutates the
   * corp synchronously sees its own change delivered before the rest of the current one).
   */
  public void addChangeListener(Consumer<SimChange> listener) {
    listeners.add(Objects.requireNonNull(listener));
  }

  public void removeChangeListener(Consumer<SimChange> listener) {
    listeners.remove(listener);
  }

  // ---------------------------------------------------------------- callbacks

  private SimCallbackDispatcher dispatcher() {
    SimCallbackDispatcher current = dispatcher;
    if (current == null) {
      synchronized (listeners) {
        current = dispatcher;
        if (current == null) {
          current = new SimCallbackDispatcher(this, callbackHub);
          dispatcher = current;
        }
      }
    }
    return current;
  }

  /**
   * Sends this corp's changes as WeCom callbacks from now on: every change not made through the API becomes the
   * matching event, encrypted with {@code encodingAesKey} (receiveid = corp id), signed with {@code token} and POSTed
   * to {@code url} + {@code ?msg_signature=..&timestamp=..&nonce=..}. Replaces an earlier configuration; events already
   * queued keep their old target. IllegalArgumentException for a URL that is not absolute http(s), a blank token or
   * an EncodingAESKey that is not 43 characters of [A-Za-z0-9].
   */
  public SimCorp callbacks(String url, String token, String encodingAesKey) {
    SimCallbackDispatcher target = dispatcher();
    target.configure(url, token, encodingAesKey);
    listeners.addIfAbsent(target);
    return this;
  }

  /** Stops emitting callbacks (events already queued are still delivered or retried). */
  public SimCorp disableCallbacks() {
    SimCallbackDispatcher current = dispatcher;
    if (current != null) {
      current.disable();
      listeners.remove(current);
    }
    return this;
  }

  /** The callback settings (url, token and key null and enabled false before {@link #callbacks}). */
  public SimCallbackConfig callbackConfig() {
    return dispatcher().config();
  }

  /** An attempt fails unless the receiver answers HTTP 200 within this time (default 5 s, as WeCom). */
  public SimCorp callbackTimeout(Duration timeout) {
    dispatcher().timeout(timeout);
    return this;
  }

  /** Wait between attempts of one delivery (default 5 s). */
  public SimCorp callbackRetryInterval(Duration interval) {
    dispatcher().retryInterval(interval);
    return this;
  }

  /** Retries after the first attempt (default 3, so 4 attempts in all); then the event is dropped (FAILED). */
  public SimCorp callbackMaxRetries(int retries) {
    dispatcher().maxRetries(retries);
    return this;
  }

  /**
   * Deliveries of this corp in flight at once. 1 (default) is strictly sequential: an event is sent only after the
   * previous one was acknowledged or dropped (retries included). More (e.g. 32) for load; order is then not kept.
   */
  public SimCorp callbackMaxInFlight(int max) {
    dispatcher().maxInFlight(max);
    return this;
  }

  /** Journal entries kept (default 100,000; the oldest are dropped). */
  public SimCorp callbackJournalLimit(int limit) {
    dispatcher().journalLimit(limit);
    return this;
  }

  /** Every delivery still in the journal, oldest first. */
  public List<SimCallback> callbackJournal() {
    return dispatcher().journal(null, 0, Integer.MAX_VALUE);
  }

  /** Journal entries with {@code seq > afterSeq} and the given status (null = any), oldest first, at most limit. */
  public List<SimCallback> callbackJournal(SimCallback.Status status, long afterSeq, int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must not be negative");
    }
    return dispatcher().journal(status, afterSeq, limit);
  }

  /** Empties the journal (pending deliveries go on, but are no longer listed). */
  public void clearCallbackJournal() {
    dispatcher().clearJournal();
  }

  /** Deliveries not finished: queued, held back by the reorder fault, in flight or waiting to retry. */
  public long pendingCallbacks() {
    return dispatcher().pending();
  }

  /**
   * Waits until no delivery is pending (every event acknowledged, dropped or lost); false on timeout. Changes made
   * by other threads meanwhile keep it waiting.
   */
  public boolean awaitCallbacksIdle(Duration timeout) {
    try {
      return dispatcher().awaitIdle(timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Sends an arbitrary plaintext event XML (encrypted, signed, queued and retried like any other); returns its event
   * number ({@link SimCallback#eventSeq()}). IllegalStateException when callbacks are not configured.
   */
  public long emitRaw(String eventXml) {
    return dispatcher().emitRaw(eventXml);
  }

  /** Stops the callback threads of a standalone corp (a simulator's corps share its threads). */
  void closeCallbacks() {
    if (ownsCallbackHub) {
      callbackHub.close();
    }
  }

  // ---------------------------------------------------------------- welcome codes

  private static final class WelcomeCodeState {
    final String code;
    final String userid;
    final String externalUserId;
    final long issuedAt;
    final long expiresAt;
    boolean used;

    WelcomeCodeState(String code, String userid, String externalUserId, long issuedAt, long expiresAt) {
      this.code = code;
      this.userid = userid;
      this.externalUserId = externalUserId;
      this.issuedAt = issuedAt;
      this.expiresAt = expiresAt;
    }

    SimWelcomeCode view() {
      return new SimWelcomeCode(code, userid, externalUserId, Instant.ofEpochMilli(issuedAt),
          Instant.ofEpochMilli(expiresAt), used);
    }
  }

  /** How long a new WelcomeCode is usable (default 20 s, as WeCom). */
  public SimCorp welcomeCodeTtl(Duration ttl) {
    if (ttl.isNegative()) {
      throw new IllegalArgumentException("ttl must not be negative");
    }
    this.welcomeCodeTtlMs = ttl.toMillis();
    return this;
  }

  /** A WelcomeCode issued with an add event, until a minute after it expired. */
  public Optional<SimWelcomeCode> welcomeCode(String code) {
    synchronized (welcomeCodes) {
      WelcomeCodeState state = code == null ? null : welcomeCodes.get(code);
      return Optional.ofNullable(state).map(WelcomeCodeState::view);
    }
  }

  /**
   * Consumes a WelcomeCode (for send_welcome_msg): 41050 when unknown or expired, 41051 when already used.
   */
  SimWelcomeCode useWelcomeCode(String code) {
    long now = System.currentTimeMillis();
    synchronized (welcomeCodes) {
      WelcomeCodeState state = code == null ? null : welcomeCodes.get(code);
      if (state == null || now >= state.expiresAt) {
        throw new WeComApiError(41050, "welcome_code invalid or expired");
      }
      if (state.used) {
        throw new WeComApiError(41051, "welcome message already sent");
      }
      state.used = true;
      return state.view();
    }
  }

  private String issueWelcomeCode(String userid, String externalUserId) {
    long now = System.currentTimeMillis();
    String code = SimCallbackCrypto.randomAlnum(43);
    synchronized (welcomeCodes) {
      var iterator = welcomeCodes.values().iterator();
      while (iterator.hasNext()) {
        WelcomeCodeState oldest = iterator.next();
        if (oldest.expiresAt + 60_000 > now) {
          break;
        }
        iterator.remove();
      }
      welcomeCodes.put(code, new WelcomeCodeState(code, userid, externalUserId, now, now + welcomeCodeTtlMs));
    }
    return code;
  }

  private void emit(SimChange.Kind kind, boolean viaApi, String userId, String externalUserId, String chatId,
      String tagId, Long departmentId, List<String> memberIds, String lastVersion, String version, Integer scene,
      String state) {
    emit(kind, viaApi, userId, externalUserId, chatId, tagId, departmentId, memberIds, lastVersion, version, scene,
        state, null);
  }

  private void emit(SimChange.Kind kind, boolean viaApi, String userId, String externalUserId, String chatId,
      String tagId, Long departmentId, List<String> memberIds, String lastVersion, String version, Integer scene,
      String state, String welcomeCode) {
    if (kind == SimChange.Kind.GROUP_MEMBER_JOINED || kind == SimChange.Kind.GROUP_MEMBER_LEFT) {
      recordGroupEvents(kind == SimChange.Kind.GROUP_MEMBER_JOINED, chatId, memberIds, scene);
    }
    if (listeners.isEmpty()) {
      return;
    }
    pendingChanges.add(new SimChange(++changeSeq, kind, corpId, Instant.now(), viaApi, userId, externalUserId, chatId,
        tagId, departmentId, memberIds, lastVersion, version, scene, state, welcomeCode));
  }

  /** The member history behind groupchat/statistic and the /group-events oracle (write lock held). */
  private void recordGroupEvents(boolean join, String chatId, List<String> memberIds, Integer scene) {
    Chat chat = chats.get(chatId);
    if (chat == null || memberIds == null) {
      return;
    }
    long now = System.currentTimeMillis();
    for (String memberId : memberIds) {
      Member member = chat.members.get(memberId);
      int type = member != null ? member.type : memberId.startsWith("wm") || memberId.startsWith("wo") ? 2 : 1;
      // the callback's numbering: JoinScene 3 = the group QR code, else 0; QuitScene 0 left, 1 removed
      int eventScene = join ? (scene != null && scene == 3 ? 3 : 0) : (scene == null ? 0 : scene);
      community.record(new SimCommunity.GroupEvent(now, chatId, chat.owner, memberId, type, join, eventScene,
          join && member != null ? member.state : null));
    }
  }

  private void deliver() {
    if (pendingChanges.isEmpty()) {
      return;
    }
    synchronized (deliveryLock) {
      SimChange change;
      while ((change = pendingChanges.poll()) != null) {
        for (Consumer<SimChange> listener : listeners) {
          try {
            listener.accept(change);
          } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "change listener failed on " + change.kind(), e);
          }
        }
      }
    }
  }

  <T> T read(Supplier<T> action) {
    lock.readLock().lock();
    try {
      return action.get();
    } finally {
      lock.readLock().unlock();
    }
  }

  <T> T write(Supplier<T> action) {
    lock.writeLock().lock();
    try {
      return action.get();
    } finally {
      lock.writeLock().unlock();
      deliver();
    }
  }

  private void writeVoid(Runnable action) {
    write(() -> {
      action.run();
      return null;
    });
  }

  static long nowSeconds() {
    return System.currentTimeMillis() / 1000L;
  }

  // ---------------------------------------------------------------- raw inserts (write lock held, input valid)

  Dept insertDepartment(long id, String name, String nameEn, long parentId, long order) {
    Dept dept = new Dept(id, name, nameEn, parentId, order);
    departments.put(id, dept);
    return dept;
  }

  Staff insertStaff(String userid, String name, List<Long> depts, boolean contactEnabled) {
    Staff member = new Staff(userid, name, depts);
    member.contactEnabled = contactEnabled;
    staff.put(userid, member);
    if (contactEnabled) {
      followUsers.add(userid);
    }
    return member;
  }

  Customer insertCustomer(String externalUserId, String name) {
    Customer customer = new Customer(externalUserId, name);
    customers.put(externalUserId, customer);
    return customer;
  }

  Follow insertFollow(Staff member, Customer customer, long createTime) {
    Follow follow = new Follow(++seq, member, customer);
    follow.createTime = createTime;
    member.followsBySeq.put(follow.seq, follow);
    member.followsByExternalUserId.put(customer.externalUserId, follow);
    if (customer.follows.isEmpty()) {
      customersWithFollows++;
    }
    customer.follows.add(follow);
    followCount++;
    return follow;
  }

  void attachTag(Follow follow, Tag tag) {
    if (!follow.tags.contains(tag)) {
      follow.tags.add(tag);
      tag.holders.add(follow);
      followTagCount++;
    }
  }

  private boolean detachTag(Follow follow, Tag tag) {
    if (follow.tags.remove(tag)) {
      tag.holders.remove(follow);
      followTagCount--;
      return true;
    }
    return false;
  }

  private void deleteFollowInternal(Follow follow) {
    for (Tag tag : follow.tags) {
      tag.holders.remove(follow);
      followTagCount--;
    }
    follow.tags.clear();
    follow.staff.followsBySeq.remove(follow.seq);
    follow.staff.followsByExternalUserId.remove(follow.customer.externalUserId);
    follow.customer.follows.remove(follow);
    if (follow.customer.follows.isEmpty()) {
      customersWithFollows--;
    }
    followCount--;
  }

  TagGroup insertTagGroup(String id, String name, long createTime, long order) {
    TagGroup group = new TagGroup(id, ++seq, name, createTime, order);
    tagGroups.put(id, group);
    liveTagGroups++;
    return group;
  }

  Tag insertTag(TagGroup group, String id, String name, long createTime, long order) {
    Tag tag = new Tag(id, group, ++seq, name, createTime, order);
    group.tags.put(id, tag);
    tags.put(id, tag);
    liveTags++;
    return tag;
  }

  Chat insertChat(String chatId, String name, String owner, String notice, long createTime) {
    Chat chat = new Chat(chatId, ++seq, name, owner, notice, createTime);
    chats.put(chatId, chat);
    liveChats.put(chat.seq, chat);
    CorpModel.treeFor(chatsByOwner, owner).put(chat.seq, chat);
    return chat;
  }

  void insertMember(Chat chat, Member member) {
    if (chat.members.putIfAbsent(member.id, member) == null) {
      memberCount++;
    }
  }

  static void bumpMemberVersion(Chat chat) {
    chat.version++;
    try {
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      byte[] digest = md5.digest((chat.chatId + ':' + chat.version).getBytes(StandardCharsets.UTF_8));
      chat.memberVersion = HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  String newExternalUserId() {
    String id;
    do {
      id = runtimeIds.externalUserId();
    } while (customers.containsKey(id));
    return id;
  }

  private String newTagId() {
    String id;
    do {
      id = runtimeIds.tagId();
    } while (tags.containsKey(id) || tagGroups.containsKey(id));
    return id;
  }

  private String newChatId() {
    String id;
    do {
      id = runtimeIds.chatId();
    } while (chats.containsKey(id));
    return id;
  }

  String newUnionid() {
    return runtimeIds.unionid();
  }

  // ---------------------------------------------------------------- lookups (lock held)

  Follow findFollow(String userid, String externalUserId) {
    Staff member = userid == null ? null : staff.get(userid);
    return member == null || externalUserId == null ? null : member.followsByExternalUserId.get(externalUserId);
  }

  private Follow requireFollow(String userid, String externalUserId) {
    if (userid == null || !staff.containsKey(userid)) {
      throw new WeComApiError(60111, "userid not found: " + userid);
    }
    Follow follow = findFollow(userid, externalUserId);
    if (follow == null) {
      throw new WeComApiError(84061, "not external contact: " + userid + " / " + externalUserId);
    }
    return follow;
  }

  private Chat requireLiveChat(String chatId) {
    Chat chat = chatId == null ? null : chats.get(chatId);
    if (chat == null) {
      throw new WeComApiError(40050, "chat_id not found: " + chatId);
    }
    if (chat.dismissed) {
      throw new WeComApiError(49008, "chat dismissed: " + chatId);
    }
    return chat;
  }

  private Staff requireStaff(String userid) {
    Staff member = userid == null ? null : staff.get(userid);
    if (member == null) {
      throw new WeComApiError(60111, "userid not found: " + userid);
    }
    return member;
  }

  String memberName(Member member) {
    if (member.name != null) {
      return member.name;
    }
    if (member.type == 1) {
      Staff s = staff.get(member.id);
      return s == null ? member.id : s.name;
    }
    Customer c = customers.get(member.id);
    return c == null ? "" : c.name;
  }

  // ---------------------------------------------------------------- departments and staff

  public SimDepartment addDepartment(long id, String name, long parentId) {
    return addDepartment(id, name, parentId, 100_000_000L - id);
  }

  public SimDepartment addDepartment(long id, String name, long parentId, long order) {
    return write(() -> {
      if (id < 1) {
        throw new IllegalArgumentException("department id must be positive");
      }
      if (name == null || name.isBlank()) {
        throw new WeComApiError(60001, "department name is required");
      }
      if (departments.containsKey(id)) {
        throw new WeComApiError(60008, "department exists: " + id);
      }
      if (id != 1 && !departments.containsKey(parentId)) {
        throw new WeComApiError(60004, "parent department not found: " + parentId);
      }
      Dept dept = insertDepartment(id, name, null, id == 1 ? 0 : parentId, order);
      emit(SimChange.Kind.DEPARTMENT_CREATED, false, null, null, null, null, id, null, null, null, null, null);
      return dept.view();
    });
  }

  /**
   * Renames or moves a department (null leaves a field unchanged); emits update_party. 60003 unknown department,
   * 60004 unknown parent, IllegalArgumentException when moving the root or under itself.
   */
  public SimDepartment updateDepartment(long id, String name, Long parentId) {
    return write(() -> {
      Dept dept = departments.get(id);
      if (dept == null) {
        throw new WeComApiError(60003, "department not found: " + id);
      }
      if (name != null && name.isBlank()) {
        throw new WeComApiError(60001, "department name must not be blank");
      }
      if (parentId != null && parentId != dept.parentId) {
        if (id == 1) {
          throw new IllegalArgumentException("the root department cannot move");
        }
        if (!departments.containsKey(parentId)) {
          throw new WeComApiError(60004, "parent department not found: " + parentId);
        }
        for (long p = parentId; p != 0; p = departments.get(p).parentId) {
          if (p == id) {
            throw new IllegalArgumentException("a department cannot move under itself");
          }
        }
        dept.parentId = parentId;
      }
      if (name != null) {
        dept.name = name;
      }
      emit(SimChange.Kind.DEPARTMENT_UPDATED, false, null, null, null, null, id, null, null, null, null, null);
      return dept.view();
    });
  }

  /**
   * Deletes an empty department; emits delete_party. 60003 unknown, 60005 it has members, 60006 it has
   * sub-departments, 60007 the root.
   */
  public void deleteDepartment(long id) {
    writeVoid(() -> {
      if (!departments.containsKey(id)) {
        throw new WeComApiError(60003, "department not found: " + id);
      }
      if (id == 1) {
        throw new WeComApiError(60007, "the root department cannot be deleted");
      }
      for (Dept other : departments.values()) {
        if (other.parentId == id) {
          throw new WeComApiError(60006, "department has sub-departments: " + id);
        }
      }
      for (Staff member : staff.values()) {
        if (member.departments.contains(id)) {
          throw new WeComApiError(60005, "department has members: " + id);
        }
      }
      departments.remove(id);
      emit(SimChange.Kind.DEPARTMENT_DELETED, false, null, null, null, null, id, null, null, null, null, null);
    });
  }

  public SimStaff addStaff(String userid, String name, List<Long> departmentIds, boolean customerContactEnabled) {
    return addStaff(userid, name, departmentIds, customerContactEnabled, "");
  }

  public SimStaff addStaff(String userid, String name, List<Long> departmentIds, boolean customerContactEnabled,
      String position) {
    return write(() -> {
      if (userid == null || !userid.matches("[A-Za-z0-9_.@-]{1,64}")) {
        throw new WeComApiError(40003, "invalid userid: " + userid);
      }
      if (staff.containsKey(userid)) {
        throw new WeComApiError(60102, "userid exists: " + userid);
      }
      if (name == null || name.isBlank()) {
        throw new WeComApiError(60112, "name is required");
      }
      if (departmentIds == null || departmentIds.isEmpty()) {
        throw new WeComApiError(60127, "department is required");
      }
      for (Long dept : departmentIds) {
        if (!departments.containsKey(dept)) {
          throw new WeComApiError(60003, "department not found: " + dept);
        }
      }
      Staff member = insertStaff(userid, name, new ArrayList<>(new LinkedHashSet<>(departmentIds)),
          customerContactEnabled);
      member.position = position == null ? "" : position;
      emit(SimChange.Kind.STAFF_CREATED, false, userid, null, null, null, null, null, null, null, null, null);
      return member.view();
    });
  }

  /**
   * Changes a staff member's name, departments or position (null leaves a field unchanged); emits update_user.
   * 60111 unknown userid, 60003 unknown department.
   */
  public SimStaff updateStaff(String userid, String name, List<Long> departmentIds, String position) {
    return write(() -> {
      Staff member = requireStaff(userid);
      if (name != null && name.isBlank()) {
        throw new WeComApiError(60112, "name must not be blank");
      }
      if (departmentIds != null) {
        if (departmentIds.isEmpty()) {
          throw new WeComApiError(60127, "department is required");
        }
        for (Long dept : departmentIds) {
          if (!departments.containsKey(dept)) {
            throw new WeComApiError(60003, "department not found: " + dept);
          }
        }
        member.departments.clear();
        member.departments.addAll(new LinkedHashSet<>(departmentIds));
        for (Dept dept : departments.values()) {
          if (!member.departments.contains(dept.id)) {
            dept.leaders.remove(userid);
          }
        }
      }
      if (name != null) {
        member.name = name;
      }
      if (position != null) {
        member.position = position;
      }
      emit(SimChange.Kind.STAFF_UPDATED, false, userid, null, null, null, null, null, null, null, null, null);
      return member.view();
    });
  }

  /**
   * Removes a staff member and, with them, all their follow relations (no per-relation changes are reported). Groups
   * they own stay, with status 1 (owner resigned).
   */
  public void removeStaff(String userid) {
    writeVoid(() -> {
      Staff member = requireStaff(userid);
      for (Follow follow : new ArrayList<>(member.followsBySeq.values())) {
        deleteFollowInternal(follow);
      }
      staff.remove(userid);
      followUsers.remove(userid);
      for (Dept dept : departments.values()) {
        dept.leaders.remove(userid);
      }
      TreeMap<Long, Chat> owned = chatsByOwner.get(userid);
      if (owned != null) {
        for (Chat chat : owned.values()) {
          chat.status = 1;
        }
      }
      emit(SimChange.Kind.STAFF_DELETED, false, userid, null, null, null, null, null, null, null, null, null);
    });
  }

  // ---------------------------------------------------------------- customers and follow relations

  /** Creates a customer profile (no relation yet). A null external userid gets a generated one. */
  public SimCustomer addCustomer(String externalUserId, String name, int type, int gender, String unionid,
      String corpName) {
    return addCustomer(new SimCustomer(externalUserId, name, type, gender, unionid, corpName, corpName, null, null));
  }

  /** Creates a customer profile from a full record; a null external userid gets a generated one. */
  public SimCustomer addCustomer(SimCustomer profile) {
    return write(() -> addCustomerLocked(profile, false).view());
  }

  Customer addCustomerLocked(SimCustomer profile, boolean viaApi) {
    String id = profile.externalUserId() == null ? newExternalUserId() : profile.externalUserId();
    if (!SimIds.isWellFormedExternalUserId(id)) {
      throw new WeComApiError(40096, "invalid external_userid: " + id);
    }
    if (customers.containsKey(id)) {
      throw new IllegalArgumentException("customer exists: " + id);
    }
    if (profile.name() == null || profile.name().isEmpty()) {
      throw new IllegalArgumentException("customer name is required");
    }
    if (profile.type() != 1 && profile.type() != 2) {
      throw new IllegalArgumentException("customer type must be 1 or 2");
    }
    Customer customer = insertCustomer(id, profile.name());
    customer.type = profile.type();
    customer.gender = profile.gender();
    customer.unionid = profile.unionid();
    customer.corpName = profile.corpName();
    customer.corpFullName = profile.corpFullName();
    customer.position = profile.position();
    customer.avatar = profile.avatar();
    emit(SimChange.Kind.CUSTOMER_CREATED, viaApi, null, id, null, null, null, null, null, null, null, null);
    return customer;
  }

  /** Makes a staff member and an existing customer friends (add_way 1, no state, now). */
  public SimFollow addFollow(String userid, String externalUserId) {
    return addFollow(userid, externalUserId, "", "", 1, null, 0, List.of(), List.of());
  }

  /**
   * Makes a staff member and an existing customer friends.
   *
   * @param createTime epoch seconds; 0 or less means now
   * @param tagIds     live corp tag ids to put on the relation
   */
  public SimFollow addFollow(String userid, String externalUserId, String remark, String description, int addWay,
      String state, long createTime, List<String> tagIds, List<String> remarkMobiles) {
    return write(() -> addFollowLocked(userid, externalUserId, remark, description, addWay, state, createTime,
        tagIds, remarkMobiles).view());
  }

  Follow addFollowLocked(String userid, String externalUserId, String remark, String description, int addWay,
      String state, long createTime, List<String> tagIds, List<String> remarkMobiles) {
    return addFollowLocked(userid, externalUserId, remark, description, addWay, state, createTime, tagIds,
        remarkMobiles, SimChange.Kind.CUSTOMER_ADDED, false);
  }

  /** Adds a relation and reports {@code kind} (an add or half add, with a WelcomeCode for WeChat customers). */
  private Follow addFollowLocked(String userid, String externalUserId, String remark, String description,
      int addWay, String state, long createTime, List<String> tagIds, List<String> remarkMobiles,
      SimChange.Kind kind, boolean viaApi) {
    Staff member = requireStaff(userid);
    if (!member.contactEnabled) {
      throw new WeComApiError(84074, "customer contact not enabled for " + userid);
    }
    Customer customer = externalUserId == null ? null : customers.get(externalUserId);
    if (customer == null) {
      throw new WeComApiError(40096, "unknown external_userid: " + externalUserId);
    }
    if (member.followsByExternalUserId.containsKey(externalUserId)) {
      throw new IllegalArgumentException("already friends: " + userid + " / " + externalUserId);
    }
    List<Tag> resolved = resolveLiveTags(tagIds);
    Follow follow = insertFollow(member, customer, createTime > 0 ? createTime : nowSeconds());
    follow.remark = remark == null ? "" : remark;
    follow.description = description == null ? "" : description;
    follow.addWay = addWay;
    follow.state = state == null || state.isEmpty() ? null : state;
    follow.operUserid = isCustomerInitiated(addWay) ? externalUserId : userid;
    follow.remarkMobiles = remarkMobiles == null ? List.of() : List.copyOf(remarkMobiles);
    if (customer.type == 2 && customer.corpName != null) {
      follow.remarkCorpName = customer.corpName;
    }
    for (Tag tag : resolved) {
      attachTag(follow, tag);
    }
    // WeCom gives no WelcomeCode for another corp's WeCom user (type 2), nor for changes made through the API
    lastWelcomeCode = customer.type == 1 && !viaApi ? issueWelcomeCode(userid, externalUserId) : null;
    emit(kind, viaApi, userid, externalUserId, null, null, null, null, null, null, null, follow.state,
        lastWelcomeCode);
    return follow;
  }

  /**
   * add_half_external_contact: the customer added a member who has skip-verify on. The relation exists at once (the
   * member has not confirmed yet); the event carries State and a WelcomeCode.
   */
  public SimFollow addHalfFollow(String userid, String externalUserId, String state) {
    return write(() -> addFollowLocked(userid, externalUserId, "", "", 1, state, 0, List.of(), List.of(),
        SimChange.Kind.CUSTOMER_HALF_ADDED, false).view());
  }

  /**
   * A new WeChat customer scans {@code userid}'s contact-way QR code: creates the customer (name generated when
   * null) and the relation (add_way 1, the state) and emits add_external_contact with State and a WelcomeCode.
   */
  public SimScan scan(String userid, String state, String name) {
    return scan(userid, state, name, false);
  }

  /** Like {@link #scan(String, String, String)}; {@code half} emits add_half_external_contact instead. */
  public SimScan scan(String userid, String state, String name, boolean half) {
    return write(() -> {
      Staff member = requireStaff(userid);
      if (!member.contactEnabled) {
        throw new WeComApiError(84074, "customer contact not enabled for " + userid);
      }
      String customerName = name == null || name.isEmpty() ? "扫码客户" + (customers.size() + 1) : name;
      Customer customer = addCustomerLocked(new SimCustomer(null, customerName, 1, 0, newUnionid(), null, null,
          null, null), false);
      Follow follow = addFollowLocked(userid, customer.externalUserId, "", "", 1, state, 0, List.of(), List.of(),
          half ? SimChange.Kind.CUSTOMER_HALF_ADDED : SimChange.Kind.CUSTOMER_ADDED, false);
      return new SimScan(customer.externalUserId, userid, follow.state, lastWelcomeCode, follow.view());
    });
  }

  /** Contact ways, welcome messages, transfers and unassigned customers of this corp. */
  public SimAcquisition acquisition() {
    return acquisition;
  }

  /** 群活码 (join ways), group welcome templates and the member history behind the group statistics. */
  public SimCommunity community() {
    return community;
  }

  /** Group sends (企业群发), temporary media and app messages of this corp, with the received-messages oracle. */
  public synchronized SimGroupMsgs groupMsgs() {
    if (groupMsgs == null) {
      groupMsgs = new SimGroupMsgs(this);
    }
    return groupMsgs;
  }

  /**
   * Customer moments (客户朋友圈) of this corp, with tasks, visibility, likes and comments and the interactions
   * oracle; a seeded corp's moments are generated on first use.
   */
  public SimMoments moments() {
    SimMoments m;
    synchronized (this) {
      if (moments == null) {
        moments = new SimMoments(this);
      }
      m = moments;
    }
    if (seedMoments) {
      m.seedIfNeeded(momentSeed, seedAnchor);
    }
    return m;
  }

  /** A relation made through the API (a resigned transfer's takeover): no callback, no WelcomeCode. */
  SimFollow addFollowViaApi(String userid, String externalUserId, String remark, String description, int addWay,
      String state, List<String> tagIds, List<String> remarkMobiles) {
    return write(() -> addFollowLocked(userid, externalUserId, remark, description, addWay, state, 0, tagIds,
        remarkMobiles, SimChange.Kind.CUSTOMER_ADDED, true).view());
  }

  /** add_way values where the customer started the add (oper_userid is then the customer). */
  static boolean isCustomerInitiated(int addWay) {
    return addWay == 1 || addWay == 3 || addWay == 4 || addWay == 16;
  }

  /** Updates remark, description and remark mobiles of a relation; null leaves a field unchanged. 84061 if not friends. */
  public SimFollow editFollow(String userid, String externalUserId, String remark, String description,
      List<String> remarkMobiles) {
    return write(() -> updateRemarkLocked(userid, externalUserId, remark, description, null, remarkMobiles, false)
        .view());
  }

  Follow updateRemarkLocked(String userid, String externalUserId, String remark, String description,
      String remarkCompany, List<String> remarkMobiles, boolean viaApi) {
    Follow follow = requireFollow(userid, externalUserId);
    if (remark != null) {
      follow.remark = remark;
    }
    if (description != null) {
      follow.description = description;
    }
    if (remarkCompany != null) {
      follow.remarkCorpName = remarkCompany.isEmpty() ? null : remarkCompany;
    }
    if (remarkMobiles != null) {
      List<String> mobiles = new ArrayList<>();
      for (String mobile : remarkMobiles) {
        if (mobile != null && !mobile.isEmpty()) {
          mobiles.add(mobile);
        }
      }
      follow.remarkMobiles = List.copyOf(mobiles);
    }
    emit(SimChange.Kind.FOLLOW_EDITED, viaApi, userid, externalUserId, null, null, null, null, null, null, null,
        null);
    return follow;
  }

  /** The staff member deleted the customer (del_external_contact). 84061 if not friends. */
  public void removeFollow(String userid, String externalUserId) {
    removeFollow(userid, externalUserId, false);
  }

  /**
   * Ends a relation: {@code byCustomer} false means the staff member deleted the customer (del_external_contact),
   * true that the customer deleted the staff member (del_follow_user). 84061 if not friends.
   */
  public void removeFollow(String userid, String externalUserId, boolean byCustomer) {
    writeVoid(() -> {
      Follow follow = requireFollow(userid, externalUserId);
      deleteFollowInternal(follow);
      emit(byCustomer ? SimChange.Kind.FOLLOW_DELETED_BY_CUSTOMER : SimChange.Kind.FOLLOW_DELETED_BY_STAFF, false,
          userid, externalUserId, null, null, null, null, null, null, null, null);
    });
  }

  /**
   * An on-job transfer (在职继承) completed: the relation moves from {@code userid} to {@code takeoverUserid} (remark,
   * description, add_way, state and tags kept). Emits del_external_contact with Source=DELETE_BY_TRANSFER for the old
   * follower; the takeover's new relation is reported as an API-made add (no callback). 84061 if not friends, 60111
   * unknown takeover, IllegalArgumentException if the takeover already follows the customer.
   */
  public SimFollow transferFollow(String userid, String externalUserId, String takeoverUserid) {
    return write(() -> {
      Follow old = requireFollow(userid, externalUserId);
      Staff takeover = requireStaff(takeoverUserid);
      if (!takeover.contactEnabled) {
        throw new WeComApiError(84074, "customer contact not enabled for " + takeoverUserid);
      }
      if (takeover.followsByExternalUserId.containsKey(externalUserId)) {
        throw new IllegalArgumentException("already friends: " + takeoverUserid + " / " + externalUserId);
      }
      List<String> tagIds = old.tagIds();
      String remark = old.remark;
      String description = old.description;
      int addWay = old.addWay;
      String state = old.state;
      List<String> mobiles = old.remarkMobiles;
      deleteFollowInternal(old);
      emit(SimChange.Kind.FOLLOW_DELETED_BY_TRANSFER, false, userid, externalUserId, null, null, null, null, null,
          null, null, null);
      Follow moved = addFollowLocked(takeoverUserid, externalUserId, remark, description, addWay, state, 0, tagIds,
          mobiles, SimChange.Kind.CUSTOMER_ADDED, true);
      return moved.view();
    });
  }

  // ---------------------------------------------------------------- corp tags

  /** Creates a tag group with the given tags (or adds them to the live group of that name). */
  public SimTagGroup addTagGroup(String groupName, long order, String... tagNames) {
    List<TagSpec> specs = new ArrayList<>();
    for (int i = 0; i < tagNames.length; i++) {
      specs.add(new TagSpec(tagNames[i], tagNames.length - i));
    }
    return write(() -> addCorpTagLocked(null, groupName, order, specs, false));
  }

  /** Adds one tag to a live group. */
  public SimTag addTag(String groupId, String name, long order) {
    return write(() -> {
      SimTagGroup group = addCorpTagLocked(groupId, null, 0, List.of(new TagSpec(name, order)), false);
      return group.tags().get(0);
    });
  }

  /** A tag to create: name and order. */
  record TagSpec(String name, long order) {
  }

  /**
   * add_corp_tag: into {@code groupId} if given (must be live), else into the live group named {@code groupName},
   * else into a new group. Returns the group with only the new tags, as WeCom does.
   */
  SimTagGroup addCorpTagLocked(String groupId, String groupName, long groupOrder, List<TagSpec> specs,
      boolean viaApi) {
    TagGroup group = null;
    if (groupId != null && !groupId.isEmpty()) {
      group = tagGroups.get(groupId);
      if (group == null || group.deleted) {
        throw new WeComApiError(40068, "invalid tag group id: " + groupId);
      }
    } else {
      if (groupName == null || groupName.isBlank()) {
        throw new WeComApiError(40058, "group_id or group_name is required");
      }
      if (groupName.length() > 30) {
        throw new WeComApiError(40072, "group name too long");
      }
      for (TagGroup candidate : tagGroups.values()) {
        if (!candidate.deleted && candidate.name.equals(groupName)) {
          group = candidate;
          break;
        }
      }
    }
    if (specs.isEmpty()) {
      throw new WeComApiError(40058, "tag list must not be empty");
    }
    LinkedHashSet<String> names = new LinkedHashSet<>();
    for (TagSpec spec : specs) {
      if (spec.name() == null || spec.name().isBlank() || spec.name().length() > 30) {
        throw new WeComApiError(40072, "invalid tag name: " + spec.name());
      }
      if (!names.add(spec.name()) || (group != null && liveTagNamed(group, spec.name()) != null)) {
        throw new WeComApiError(40071, "tag name exists: " + spec.name());
      }
    }
    if ((long) liveTags + specs.size() > maxCorpTags) {
      throw new WeComApiError(40126, "corp tag count reaches the limit " + maxCorpTags);
    }
    long now = nowSeconds();
    boolean newGroup = group == null;
    if (newGroup) {
      group = insertTagGroup(newTagId(), groupName, now, groupOrder);
      emit(SimChange.Kind.TAG_GROUP_CREATED, viaApi, null, null, null, group.id, null, null, null, null, null, null);
    }
    List<SimTag> created = new ArrayList<>();
    for (TagSpec spec : specs) {
      Tag tag = insertTag(group, newTagId(), spec.name(), now, spec.order());
      created.add(tag.view());
      emit(SimChange.Kind.TAG_CREATED, viaApi, null, null, null, tag.id, null, null, null, null, null, null);
    }
    return new SimTagGroup(group.id, group.name, group.createTime, group.order, false, created);
  }

  private static Tag liveTagNamed(TagGroup group, String name) {
    for (Tag tag : group.tags.values()) {
      if (!tag.deleted && tag.name.equals(name)) {
        return tag;
      }
    }
    return null;
  }

  /** Renames a live tag or tag group (edit_corp_tag). */
  public void renameTag(String id, String newName) {
    writeVoid(() -> editCorpTagLocked(id, newName, null, false));
  }

  void editCorpTagLocked(String id, String newName, Long order, boolean viaApi) {
    if (newName != null && (newName.isBlank() || newName.length() > 30)) {
      throw new WeComApiError(40072, "invalid name: " + newName);
    }
    Tag tag = id == null ? null : tags.get(id);
    if (tag != null && !tag.deleted) {
      if (newName != null && !newName.equals(tag.name) && liveTagNamed(tag.group, newName) != null) {
        throw new WeComApiError(40071, "tag name exists: " + newName);
      }
      if (newName != null) {
        tag.name = newName;
      }
      if (order != null) {
        tag.order = order;
      }
      emit(SimChange.Kind.TAG_UPDATED, viaApi, null, null, null, tag.id, null, null, null, null, null, null);
      return;
    }
    TagGroup group = id == null ? null : tagGroups.get(id);
    if (group == null || group.deleted) {
      throw new WeComApiError(40068, "invalid tag id: " + id);
    }
    if (newName != null && !newName.equals(group.name)) {
      for (TagGroup other : tagGroups.values()) {
        if (!other.deleted && other != group && other.name.equals(newName)) {
          throw new WeComApiError(40071, "tag group name exists: " + newName);
        }
      }
      group.name = newName;
    }
    if (order != null) {
      group.order = order;
    }
    emit(SimChange.Kind.TAG_GROUP_UPDATED, viaApi, null, null, null, group.id, null, null, null, null, null, null);
  }

  /** Deletes a live tag or a whole tag group; the tag leaves every relation. Deleting a group's last tag deletes it. */
  public void deleteTag(String id) {
    writeVoid(() -> {
      if (tags.containsKey(id)) {
        delCorpTagLocked(List.of(id), List.of(), false);
      } else {
        delCorpTagLocked(List.of(), List.of(id), false);
      }
    });
  }

  void delCorpTagLocked(List<String> tagIds, List<String> groupIds, boolean viaApi) {
    if (tagIds.isEmpty() && groupIds.isEmpty()) {
      throw new WeComApiError(40058, "tag_id and group_id must not both be empty");
    }
    List<Tag> tagList = new ArrayList<>();
    for (String tagId : tagIds) {
      Tag tag = tags.get(tagId);
      if (tag == null || tag.deleted) {
        throw new WeComApiError(40068, "invalid tag id: " + tagId);
      }
      tagList.add(tag);
    }
    List<TagGroup> groupList = new ArrayList<>();
    for (String groupId : groupIds) {
      TagGroup group = tagGroups.get(groupId);
      if (group == null || group.deleted) {
        throw new WeComApiError(40068, "invalid tag group id: " + groupId);
      }
      groupList.add(group);
    }
    for (Tag tag : tagList) {
      if (tag.deleted) {
        continue;
      }
      markTagDeleted(tag);
      emit(SimChange.Kind.TAG_DELETED, viaApi, null, null, null, tag.id, null, null, null, null, null, null);
      if (!tag.group.deleted && tag.group.liveTagCount() == 0) {
        tag.group.deleted = true;
        liveTagGroups--;
        emit(SimChange.Kind.TAG_GROUP_DELETED, viaApi, null, null, null, tag.group.id, null, null, null, null, null,
            null);
      }
    }
    for (TagGroup group : groupList) {
      if (group.deleted) {
        continue;
      }
      for (Tag tag : group.tags.values()) {
        if (!tag.deleted) {
          markTagDeleted(tag);
        }
      }
      group.deleted = true;
      liveTagGroups--;
      emit(SimChange.Kind.TAG_GROUP_DELETED, viaApi, null, null, null, group.id, null, null, null, null, null, null);
    }
  }

  private void markTagDeleted(Tag tag) {
    for (Follow holder : tag.holders) {
      holder.tags.remove(tag);
      followTagCount--;
    }
    tag.holders.clear();
    tag.deleted = true;
    liveTags--;
  }

  /** mark_tag: adds and removes corp tags on one relation. 84061 if not friends, 40068 for an unknown tag. */
  public SimFollow markTag(String userid, String externalUserId, Collection<String> add, Collection<String> remove) {
    return write(() -> markTagLocked(userid, externalUserId, add, remove, false).view());
  }

  Follow markTagLocked(String userid, String externalUserId, Collection<String> add, Collection<String> remove,
      boolean viaApi) {
    Collection<String> toAdd = add == null ? List.of() : add;
    Collection<String> toRemove = remove == null ? List.of() : remove;
    if (toAdd.isEmpty() && toRemove.isEmpty()) {
      throw new WeComApiError(40058, "add_tag and remove_tag must not both be empty");
    }
    Follow follow = requireFollow(userid, externalUserId);
    List<Tag> adding = resolveLiveTags(toAdd);
    List<Tag> removing = resolveLiveTags(toRemove);
    boolean changed = false;
    for (Tag tag : removing) {
      changed |= detachTag(follow, tag);
    }
    for (Tag tag : adding) {
      if (!follow.tags.contains(tag)) {
        attachTag(follow, tag);
        changed = true;
      }
    }
    if (changed) {
      emit(SimChange.Kind.FOLLOW_TAGS_CHANGED, viaApi, userid, externalUserId, null, null, null, null, null, null,
          null, null);
    }
    return follow;
  }

  private List<Tag> resolveLiveTags(Collection<String> ids) {
    if (ids == null || ids.isEmpty()) {
      return List.of();
    }
    List<Tag> resolved = new ArrayList<>(ids.size());
    for (String id : ids) {
      Tag tag = id == null ? null : tags.get(id);
      if (tag == null || tag.deleted) {
        throw new WeComApiError(40068, "invalid tag id: " + id);
      }
      resolved.add(tag);
    }
    return resolved;
  }

  // ---------------------------------------------------------------- customer groups

  /**
   * Creates a customer group owned by a staff member; the owner becomes a member if not listed. A null chat id gets a
   * generated one; a createTime of 0 or less means now.
   */
  public SimGroupChat addGroupChat(String chatId, String name, String owner, String notice, long createTime,
      SimGroupMember... members) {
    return write(() -> {
      String id = chatId == null ? newChatId() : chatId;
      if (chats.containsKey(id)) {
        throw new IllegalArgumentException("chat exists: " + id);
      }
      requireStaff(owner);
      long created = createTime > 0 ? createTime : nowSeconds();
      Chat chat = insertChat(id, name == null ? "" : name, owner, notice == null ? "" : notice, created);
      boolean ownerListed = false;
      for (SimGroupMember member : members) {
        ownerListed |= member.userid().equals(owner);
      }
      if (!ownerListed) {
        insertMember(chat, toMember(SimGroupMember.staff(owner, created, null), created));
      }
      for (SimGroupMember member : members) {
        if (chat.members.containsKey(member.userid())) {
          throw new IllegalArgumentException("duplicate member: " + member.userid());
        }
        insertMember(chat, toMember(member, created));
      }
      bumpMemberVersion(chat);
      emit(SimChange.Kind.GROUP_CREATED, false, owner, null, id, null, null, null, null, chat.memberVersion, null,
          null);
      return groupView(chat);
    });
  }

  private Member toMember(SimGroupMember input, long defaultJoinTime) {
    if (input.type() == 1) {
      requireStaff(input.userid());
    }
    Member member = new Member(input.userid(), input.type());
    member.unionid = input.unionid();
    if (member.type == 2 && member.unionid == null) {
      Customer customer = customers.get(input.userid());
      member.unionid = customer == null ? null : customer.unionid;
    }
    member.joinTime = input.joinTime() > 0 ? input.joinTime() : defaultJoinTime;
    member.joinScene = input.joinScene() == 0 ? 1 : input.joinScene();
    member.invitor = input.invitor();
    member.groupNickname = input.groupNickname();
    member.name = input.name();
    member.state = input.state();
    return member;
  }

  /** A member joins (bumps member_version). */
  public SimGroupChat addGroupMember(String chatId, SimGroupMember member) {
    return write(() -> {
      Chat chat = requireLiveChat(chatId);
      if (chat.members.containsKey(member.userid())) {
        throw new IllegalArgumentException("already a member: " + member.userid());
      }
      String last = chat.memberVersion;
      insertMember(chat, toMember(member, nowSeconds()));
      bumpMemberVersion(chat);
      emit(SimChange.Kind.GROUP_MEMBER_JOINED, false, null, null, chatId, null, null, List.of(member.userid()), last,
          chat.memberVersion, member.joinScene() == 0 ? 1 : member.joinScene(), null);
      return groupView(chat);
    });
  }

  /** A member joins now; {@code type} 1 staff, 2 external; {@code joinScene} 1/2/3. */
  public SimGroupChat addGroupMember(String chatId, String memberId, int type, int joinScene, String invitor) {
    return addGroupMember(chatId, new SimGroupMember(memberId, type, null, 0, joinScene, invitor, null, null));
  }

  /** A member leaves by themselves (quit scene 0). */
  public SimGroupChat removeGroupMember(String chatId, String memberId) {
    return removeGroupMember(chatId, memberId, false);
  }

  /** A member leaves; {@code removedByAdmin} true means the owner or an admin removed them (quit scene 1). */
  public SimGroupChat removeGroupMember(String chatId, String memberId, boolean removedByAdmin) {
    return write(() -> {
      Chat chat = requireLiveChat(chatId);
      if (!chat.members.containsKey(memberId)) {
        throw new WeComApiError(86216, "not a member: " + memberId);
      }
      if (memberId.equals(chat.owner)) {
        throw new IllegalArgumentException("the owner cannot leave; change the owner or dismiss the group");
      }
      String last = chat.memberVersion;
      chat.members.remove(memberId);
      chat.admins.remove(memberId);
      memberCount--;
      bumpMemberVersion(chat);
      emit(SimChange.Kind.GROUP_MEMBER_LEFT, false, null, null, chatId, null, null, List.of(memberId), last,
          chat.memberVersion, removedByAdmin ? 1 : 0, null);
      return groupView(chat);
    });
  }

  /** Transfers ownership to another staff member, who joins if not yet a member. */
  public SimGroupChat changeGroupOwner(String chatId, String newOwner) {
    return write(() -> {
      Chat chat = requireLiveChat(chatId);
      requireStaff(newOwner);
      if (newOwner.equals(chat.owner)) {
        throw new WeComApiError(90504, "owner unchanged");
      }
      if (!chat.members.containsKey(newOwner)) {
        String last = chat.memberVersion;
        insertMember(chat, toMember(SimGroupMember.staff(newOwner, nowSeconds(), chat.owner), nowSeconds()));
        bumpMemberVersion(chat);
        emit(SimChange.Kind.GROUP_MEMBER_JOINED, false, null, null, chatId, null, null, List.of(newOwner), last,
            chat.memberVersion, 1, null);
      }
      TreeMap<Long, Chat> previous = chatsByOwner.get(chat.owner);
      if (previous != null) {
        previous.remove(chat.seq);
      }
      chat.owner = newOwner;
      chat.status = 0;
      chat.admins.remove(newOwner);
      CorpModel.treeFor(chatsByOwner, newOwner).put(chat.seq, chat);
      emit(SimChange.Kind.GROUP_OWNER_CHANGED, false, newOwner, null, chatId, null, null, null, null, null, null,
          null);
      return groupView(chat);
    });
  }

  public SimGroupChat renameGroup(String chatId, String name) {
    return write(() -> {
      Chat chat = requireLiveChat(chatId);
      chat.name = name == null ? "" : name;
      emit(SimChange.Kind.GROUP_RENAMED, false, null, null, chatId, null, null, null, null, null, null, null);
      return groupView(chat);
    });
  }

  public SimGroupChat changeGroupNotice(String chatId, String notice) {
    return write(() -> {
      Chat chat = requireLiveChat(chatId);
      chat.notice = notice == null ? "" : notice;
      emit(SimChange.Kind.GROUP_NOTICE_CHANGED, false, null, null, chatId, null, null, null, null, null, null, null);
      return groupView(chat);
    });
  }

  /** Dismisses a group: it disappears from groupchat/list; groupchat/get answers 49008. */
  public void dismissGroup(String chatId) {
    writeVoid(() -> {
      Chat chat = requireLiveChat(chatId);
      chat.dismissed = true;
      liveChats.remove(chat.seq);
      TreeMap<Long, Chat> owned = chatsByOwner.get(chat.owner);
      if (owned != null) {
        owned.remove(chat.seq);
      }
      memberCount -= chat.members.size();
      emit(SimChange.Kind.GROUP_DISMISSED, false, chat.owner, null, chatId, null, null, null, null, null, null,
          null);
    });
  }

  // ---------------------------------------------------------------- read views

  public SimCounts counts() {
    return read(() -> new SimCounts(departments.size(), staff.size(), followUsers.size(), customersWithFollows,
        followCount, liveTagGroups, liveTags, followTagCount, liveChats.size(), memberCount));
  }

  public List<SimDepartment> departments() {
    return read(() -> departments.values().stream().map(Dept::view).toList());
  }

  public Optional<SimStaff> staff(String userid) {
    return read(() -> Optional.ofNullable(staff.get(userid)).map(Staff::view));
  }

  /** All staff, by userid. */
  public List<SimStaff> staff() {
    return read(() -> staff.values().stream().map(Staff::view).toList());
  }

  /** Userids with customer contact enabled, sorted (what get_follow_user_list returns). */
  public List<String> followUserIds() {
    return read(() -> List.copyOf(followUsers));
  }

  /** Any customer profile, with or without relations. */
  public Optional<SimCustomer> customer(String externalUserId) {
    return read(() -> Optional.ofNullable(customers.get(externalUserId)).map(Customer::view));
  }

  /** Customers having at least one follow relation (what a full sync finds), in no particular order. */
  public List<SimCustomer> customers() {
    return read(() -> customers.values().stream().filter(c -> !c.follows.isEmpty()).map(Customer::view).toList());
  }

  public Optional<SimFollow> follow(String userid, String externalUserId) {
    return read(() -> Optional.ofNullable(findFollow(userid, externalUserId)).map(Follow::view));
  }

  /** All follow relations, by userid and then creation order. */
  public List<SimFollow> follows() {
    return read(() -> {
      List<SimFollow> all = new ArrayList<>((int) followCount);
      for (Staff member : staff.values()) {
        for (Follow follow : member.followsBySeq.values()) {
          all.add(follow.view());
        }
      }
      return all;
    });
  }

  /** One staff member's relations in creation order. */
  public List<SimFollow> followsOf(String userid) {
    return read(() -> {
      Staff member = staff.get(userid);
      return member == null ? List.<SimFollow>of()
          : member.followsBySeq.values().stream().map(Follow::view).toList();
    });
  }

  /** One customer's relations in creation order. */
  public List<SimFollow> followsOfCustomer(String externalUserId) {
    return read(() -> {
      Customer customer = customers.get(externalUserId);
      return customer == null ? List.<SimFollow>of()
          : customer.follows.stream().map(Follow::view).toList();
    });
  }

  /** Live tag groups with their live tags, in creation order. */
  public List<SimTagGroup> tagGroups() {
    return read(() -> tagGroups.values().stream().filter(g -> !g.deleted).map(TagGroup::view).toList());
  }

  /** Live tags, in creation order. */
  public List<SimTag> tags() {
    return read(() -> tagGroups.values().stream().filter(g -> !g.deleted)
        .flatMap(g -> g.tags.values().stream()).filter(t -> !t.deleted).map(Tag::view).toList());
  }

  /** A tag by id, deleted ones included. */
  public Optional<SimTag> tag(String id) {
    return read(() -> Optional.ofNullable(tags.get(id)).map(Tag::view));
  }

  public Optional<SimGroupChat> groupChat(String chatId) {
    return read(() -> {
      Chat chat = chats.get(chatId);
      return chat == null || chat.dismissed ? Optional.<SimGroupChat>empty() : Optional.of(groupView(chat));
    });
  }

  /** Live customer groups in creation order. */
  public List<SimGroupChat> groupChats() {
    return read(() -> liveChats.values().stream().map(this::groupView).toList());
  }

  private SimGroupChat groupView(Chat chat) {
    List<SimGroupMember> members = new ArrayList<>(chat.members.size());
    for (Member m : chat.members.values()) {
      members.add(new SimGroupMember(m.id, m.type, m.unionid, m.joinTime, m.joinScene, m.invitor, m.groupNickname,
          memberName(m), m.state));
    }
    return new SimGroupChat(chat.chatId, chat.name, chat.owner, chat.notice, chat.createTime, chat.status,
        chat.memberVersion, members, chat.admins);
  }

  /** Number of customers per staff member: a cheap way for tests to pick staff. */
  public Map<String, Integer> followCountsByStaff() {
    return read(() -> {
      Map<String, Integer> counts = new TreeMap<>();
      for (Staff member : staff.values()) {
        counts.put(member.userid, member.followsBySeq.size());
      }
      return counts;
    });
  }

  @Override
  public String toString() {
    return "SimCorp[" + corpId + " " + corpName + "]";
  }
}
