package io.wescrm.wecom.simulator;

import com.google.gson.JsonArray;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Group sends (企业群发) in one simulated corp: tasks created by add_msg_template, the staff's simulated confirmation
 * (after {@code confirmDelayMs}, with {@code confirmProbability}), WeCom's per-customer cap, reminders and cancels;
 * temporary media (media/upload) and app messages (message/send). The received-messages oracle tells what every
 * customer or group chat actually got.
 *
 * <p>Confirmation is evaluated lazily: every read and every control call first completes the confirmations that are
 * due on this family's clock ({@link #advanceClock}), in order of their confirmation time, so the outcome does not
 * depend on when the reads happen.
 *
 * <p>Thread-safe: its own monitor guards its state; it calls into {@link SimCorp} (taking the corp's read lock while
 * holding the monitor), never the reverse.
 */
public final class SimGroupMsgs {

  static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
  static final int MAX_CUSTOMERS = 10_000;
  static final int MAX_CHATS = 2_000;
  static final Duration MEDIA_TTL = Duration.ofDays(3);
  static final Duration REMIND_WINDOW = Duration.ofHours(24);
  static final int MAX_REMINDS = 3;

  /** The per-customer (per-group) cap on corp group sends actually received. */
  public enum CapMode {
    /** At most 4 per natural month (Asia/Shanghai), WeCom's documented default. */
    MONTH_4,
    /** At most 1 per natural day (Asia/Shanghai). */
    DAY_1,
    /** No cap. */
    NONE
  }

  /** Settings of the family (see docs/simulator.md). */
  public record Settings(long confirmDelayMs, double confirmProbability, CapMode capMode, long dispatchMs,
      double createThenTimeoutRate, long timeoutHoldMs) {

    public static final Settings DEFAULTS = new Settings(2_000, 1.0, CapMode.MONTH_4, 1_000, 0.0, 15_000);

    public Settings {
      if (confirmDelayMs < 0 || dispatchMs < 0 || timeoutHoldMs < 0) {
        throw new IllegalArgumentException("delays must not be negative");
      }
      if (confirmProbability < 0 || confirmProbability > 1 || createThenTimeoutRate < 0
          || createThenTimeoutRate > 1) {
        throw new IllegalArgumentException("probabilities must be within [0, 1]");
      }
      if (capMode == null) {
        throw new IllegalArgumentException("capMode is required");
      }
    }
  }

  /** One row of a send's recipients: {@code status} 0 not sent, 1 sent, 2 not a friend, 3 over the cap. */
  public record Recipient(String id, boolean chat, String userid, int status, long sendTimeMillis) {
  }

  /** One sender's part of a send: {@code status} 0 not confirmed yet, 2 sent. */
  public record SenderTask(String userid, int status, long sendTimeMillis, boolean refused) {
  }

  /** A group send as the control API and the tests see it. */
  public record Task(String msgid, String chatType, String sender, String creator, String text, JsonArray attachments,
      boolean allowSelect, long createTimeMillis, int status, List<SenderTask> senders, Map<Integer, Integer> counts,
      List<Long> reminders, boolean cancelled, boolean timeoutFault) {

    public int attachmentCount() {
      return attachments == null ? 0 : attachments.size();
    }
  }

  /** A group-send message a customer or group chat actually received. */
  public record Receipt(String msgid, String sender, String recipient, String chatType, String text,
      JsonArray attachments, long sendTimeMillis) {

    public int attachmentCount() {
      return attachments == null ? 0 : attachments.size();
    }
  }

  /** A temporary media file (media/upload): valid 3 days. */
  public record Media(String mediaId, String type, String filename, int size, long createdAtMillis) {
  }

  /** An app message (message/send) delivered to one member. */
  public record AppMessage(String msgid, String userid, String text, long timeMillis) {
  }

  /** The outcome of add_msg_template. */
  record Created(String msgid, List<String> failList, boolean timeoutFault) {
  }

  /** The outcome of message/send. */
  record AppSend(String msgid, List<String> delivered, int duplicatesDropped) {
  }

  // ---------------------------------------------------------------- state (guarded by this monitor)

  private static final class RecipientState {
    final String id;
    final boolean chat;
    final SenderState sender;
    int status;
    long sendTime;

    RecipientState(String id, boolean chat, SenderState sender) {
      this.id = id;
      this.chat = chat;
      this.sender = sender;
    }
  }

  private static final class SenderState {
    final TaskState task;
    final String userid;
    final List<RecipientState> recipients = new ArrayList<>();
    long confirmAt;
    boolean refused;
    int status;
    long sendTime;

    SenderState(TaskState task, String userid) {
      this.task = task;
      this.userid = userid;
    }
  }

  private static final class TaskState {
    final long seq;
    final String msgid;
    final String chatType;
    final String sender;
    final String text;
    final JsonArray attachments;
    final boolean allowSelect;
    final long createTime;
    final boolean timeoutFault;
    final LinkedHashMap<String, SenderState> senders = new LinkedHashMap<>();
    final List<RecipientState> recipients = new ArrayList<>();
    final List<Long> reminders = new ArrayList<>();
    boolean cancelled;

    TaskState(long seq, String msgid, String chatType, String sender, String text, JsonArray attachments,
        boolean allowSelect, long createTime, boolean timeoutFault) {
      this.seq = seq;
      this.msgid = msgid;
      this.chatType = chatType;
      this.sender = sender;
      this.text = text;
      this.attachments = attachments;
      this.allowSelect = allowSelect;
      this.createTime = createTime;
      this.timeoutFault = timeoutFault;
    }
  }

  private final SimCorp corp;
  private final SimIds ids;
  private final LinkedHashMap<String, TaskState> tasks = new LinkedHashMap<>();
  private final List<SenderState> pending = new ArrayList<>();
  private final HashMap<String, List<Receipt>> received = new HashMap<>();
  private final LinkedHashMap<String, Media> media = new LinkedHashMap<>();
  private final List<AppMessage> appMessages = new ArrayList<>();
  private final HashMap<String, Long> lastAppMessage = new HashMap<>();
  private long appDuplicatesDropped;
  private long seq;
  private long clockOffsetMillis;
  private Settings settings = Settings.DEFAULTS;
  /** Bumped by every change (a persister compares it to decide whether to write). */
  private long modCount;

  SimGroupMsgs(SimCorp corp) {
    this.corp = corp;
    this.ids = new SimIds(corp.corpId().hashCode() * 1_000_003L + 0x6d7367L);
  }

  // ---------------------------------------------------------------- settings and clock

  public synchronized Settings settings() {
    return settings;
  }

  public synchronized SimGroupMsgs settings(Settings newSettings) {
    settle();
    this.settings = newSettings;
    modCount++;
    return this;
  }

  /** The family's clock: wall clock plus what {@link #advanceClock} added. */
  public synchronized long now() {
    return System.currentTimeMillis() + clockOffsetMillis;
  }

  /** Moves this family's clock forward (confirmations due, caps per day/month, reminders, media expiry). */
  public synchronized SimGroupMsgs advanceClock(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("the clock only moves forward");
    }
    clockOffsetMillis += duration.toMillis();
    modCount++;
    settle();
    return this;
  }

  // ---------------------------------------------------------------- add_msg_template

  /**
   * Records a group send: {@code recipients} maps each valid recipient (external userid or chat id) to its sender.
   * The staff confirmation is decided here, reproducibly from {@code seed} and the msgid.
   */
  synchronized Created create(String chatType, String sender, LinkedHashMap<String, String> recipients,
      List<String> failList, String text, JsonArray attachments, boolean allowSelect, long seed) {
    settle();
    long now = now();
    String msgid = nextMsgid();
    Settings s = settings;
    boolean timeout = s.createThenTimeoutRate() > 0 && draw(seed, msgid, "timeout") < s.createThenTimeoutRate();
    TaskState task = new TaskState(++seq, msgid, chatType, sender, text, attachments, allowSelect, now, timeout);
    boolean chat = "group".equals(chatType);
    for (Map.Entry<String, String> entry : recipients.entrySet()) {
      SenderState senderState = task.senders.computeIfAbsent(entry.getValue(), u -> {
        SenderState created = new SenderState(task, u);
        created.refused = draw(seed, msgid, u) >= s.confirmProbability();
        created.confirmAt = now + s.confirmDelayMs();
        return created;
      });
      RecipientState r = new RecipientState(entry.getKey(), chat, senderState);
      senderState.recipients.add(r);
      task.recipients.add(r);
    }
    tasks.put(msgid, task);
    modCount++;
    for (SenderState senderState : task.senders.values()) {
      if (!senderState.refused) {
        pending.add(senderState);
      }
    }
    settle();
    return new Created(msgid, List.copyOf(failList), timeout);
  }

  private String nextMsgid() {
    String msgid;
    do {
      msgid = "msg" + ids.base62(25);
    } while (tasks.containsKey(msgid));
    return msgid;
  }

  /** A reproducible draw in [0, 1) from the faults' seed, the msgid and a salt. */
  private static double draw(long seed, String msgid, String salt) {
    long h = seed * 0x9E3779B97F4A7C15L + msgid.hashCode() * 31L + salt.hashCode();
    return new SplittableRandom(h).nextDouble();
  }

  // ---------------------------------------------------------------- confirmation

  /** Completes every confirmation due on this family's clock, in order of confirmation time. */
  private void settle() {
    if (pending.isEmpty()) {
      return;
    }
    long now = now();
    List<SenderState> due = new ArrayList<>();
    for (SenderState s : pending) {
      if (s.confirmAt <= now) {
        due.add(s);
      }
    }
    if (due.isEmpty()) {
      return;
    }
    due.sort((a, b) -> a.confirmAt != b.confirmAt ? Long.compare(a.confirmAt, b.confirmAt)
        : Long.compare(a.task.seq, b.task.seq));
    pending.removeAll(Set.copyOf(due));
    for (SenderState s : due) {
      confirm(s, s.confirmAt);
    }
  }

  private void confirm(SenderState s, long time) {
    pending.remove(s);
    if (s.status == 2 || s.task.cancelled) {
      return;
    }
    s.status = 2;
    s.sendTime = time;
    s.refused = false;
    modCount++;
    for (RecipientState r : s.recipients) {
      if (r.status != 0) {
        continue;
      }
      r.sendTime = time;
      if (!reachable(s.userid, r)) {
        r.status = 2;
      } else if (overCap(r.id, time)) {
        r.status = 3;
      } else {
        r.status = 1;
        received.computeIfAbsent(r.id, k -> new ArrayList<>()).add(new Receipt(s.task.msgid, s.userid, r.id,
            s.task.chatType, s.task.text, s.task.attachments, time));
      }
    }
  }

  private boolean reachable(String userid, RecipientState r) {
    if (r.chat) {
      return corp.groupChat(r.id).map(c -> c.owner().equals(userid)).orElse(false);
    }
    return corp.follow(userid, r.id).isPresent();
  }

  private boolean overCap(String recipient, long time) {
    CapMode mode = settings.capMode();
    if (mode == CapMode.NONE) {
      return false;
    }
    List<Receipt> got = received.getOrDefault(recipient, List.of());
    if (got.isEmpty()) {
      return false;
    }
    ZonedDateTime at = Instant.ofEpochMilli(time).atZone(CHINA);
    ZonedDateTime start = mode == CapMode.DAY_1 ? at.truncatedTo(ChronoUnit.DAYS)
        : at.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS);
    ZonedDateTime end = mode == CapMode.DAY_1 ? start.plusDays(1) : start.plusMonths(1);
    long from = start.toInstant().toEpochMilli();
    long to = end.toInstant().toEpochMilli();
    int cap = mode == CapMode.DAY_1 ? 1 : 4;
    int count = 0;
    for (Receipt receipt : got) {
      if (receipt.sendTimeMillis() >= from && receipt.sendTimeMillis() < to) {
        count++;
      }
    }
    return count >= cap;
  }

  /** The sender(s) of {@code msgid} confirm now (control); {@code userid} null = every sender. */
  public synchronized Task confirm(String msgid, String userid) {
    settle();
    TaskState task = require(msgid);
    if (task.cancelled) {
      throw new IllegalStateException("group send " + msgid + " was cancelled");
    }
    long now = now();
    for (SenderState s : senders(task, userid)) {
      confirm(s, now);
    }
    return view(task);
  }

  /** The sender(s) of {@code msgid} never confirm (until confirmed through control); null = every sender. */
  public synchronized Task refuse(String msgid, String userid) {
    settle();
    TaskState task = require(msgid);
    for (SenderState s : senders(task, userid)) {
      if (s.status == 0) {
        s.refused = true;
        pending.remove(s);
        modCount++;
      }
    }
    return view(task);
  }

  private static Collection<SenderState> senders(TaskState task, String userid) {
    if (userid == null) {
      return task.senders.values();
    }
    SenderState s = task.senders.get(userid);
    if (s == null) {
      throw new IllegalArgumentException(userid + " is no sender of " + task.msgid);
    }
    return List.of(s);
  }

  private TaskState require(String msgid) {
    TaskState task = msgid == null ? null : tasks.get(msgid);
    if (task == null) {
      throw new ControlFamily.NotFound("no such group send: " + msgid);
    }
    return task;
  }

  // ---------------------------------------------------------------- reads for the API

  /** The task for the task/result APIs: 41046 missing msgid, 41047 unknown, 41063 still dispatching. */
  private TaskState requireForApi(String msgid) {
    if (msgid == null || msgid.isEmpty()) {
      throw new WeComApiError(41046, "msgid missing");
    }
    TaskState task = tasks.get(msgid);
    if (task == null) {
      throw new WeComApiError(41047, "invalid msgid");
    }
    return task;
  }

  private boolean dispatching(TaskState task) {
    return settings.dispatchMs() > 0 && now() < task.createTime + settings.dispatchMs();
  }

  /** get_groupmsg_list_v2: sends of {@code chatType} created within [from, to] (ms), not still dispatching. */
  synchronized List<Task> list(String chatType, long fromMillis, long toMillis, int filterType, String creator) {
    settle();
    List<Task> result = new ArrayList<>();
    for (TaskState task : tasks.values()) {
      if (!task.chatType.equals(chatType) || task.createTime < fromMillis || task.createTime > toMillis
          || dispatching(task)) {
        continue;
      }
      // API-created sends are corp sends (create_type 0) without a creator
      if (filterType == 1 || creator != null && !creator.isEmpty()) {
        continue;
      }
      result.add(view(task, false));
    }
    return result;
  }

  /** get_groupmsg_task: one row per sender. */
  synchronized List<SenderTask> senderTasks(String msgid) {
    settle();
    TaskState task = requireForApi(msgid);
    if (dispatching(task)) {
      throw new WeComApiError(41063, "group send still being dispatched, retry later");
    }
    return senderViews(task);
  }

  /** get_groupmsg_send_result: the rows of one sender (group sends: sent rows only). */
  synchronized List<Recipient> sendResult(String msgid, String userid) {
    settle();
    TaskState task = requireForApi(msgid);
    if (dispatching(task)) {
      throw new WeComApiError(41063, "group send still being dispatched, retry later");
    }
    SenderState s = task.senders.get(userid);
    List<Recipient> rows = new ArrayList<>();
    if (s != null) {
      for (RecipientState r : s.recipients) {
        if (!r.chat || r.status != 0) {
          rows.add(new Recipient(r.id, r.chat, s.userid, r.status, r.status == 0 ? 0 : r.sendTime));
        }
      }
    }
    return rows;
  }

  /** remind_groupmsg_send: at most 3 per send in 24 h (41094). */
  synchronized void remind(String msgid) {
    settle();
    TaskState task = requireForApi(msgid);
    long now = now();
    long inWindow = task.reminders.stream().filter(t -> now - t < REMIND_WINDOW.toMillis()).count();
    if (inWindow >= MAX_REMINDS) {
      throw new WeComApiError(41094, "remind frequency of this group send exceeded (3 per 24 h)");
    }
    task.reminders.add(now);
    modCount++;
  }

  /** cancel_groupmsg_send: recipients not sent yet never receive; 41093 when already cancelled. */
  synchronized void cancel(String msgid) {
    settle();
    TaskState task = requireForApi(msgid);
    if (task.cancelled) {
      throw new WeComApiError(41093, "group send already cancelled");
    }
    task.cancelled = true;
    pending.removeAll(task.senders.values());
    modCount++;
  }

  // ---------------------------------------------------------------- media

  /** media/upload: records the file, answers its media id. */
  synchronized Media upload(String type, String filename, int size) {
    String mediaId;
    do {
      mediaId = "3" + ids.base62(63);
    } while (media.containsKey(mediaId));
    Media m = new Media(mediaId, type, filename, size, now());
    media.put(mediaId, m);
    modCount++;
    return m;
  }

  /** True when the media id was issued by media/upload less than 3 days ago (this family's clock). */
  synchronized boolean mediaValid(String mediaId) {
    Media m = mediaId == null ? null : media.get(mediaId);
    return m != null && now() - m.createdAtMillis() < MEDIA_TTL.toMillis();
  }

  public synchronized Optional<Media> media(String mediaId) {
    return Optional.ofNullable(media.get(mediaId));
  }

  // ---------------------------------------------------------------- app messages

  /**
   * message/send (text): delivers {@code text} to each member, except that with the duplicate check on, a repeat of
   * the same content to the same member within {@code intervalSeconds} is dropped silently.
   */
  synchronized AppSend sendAppMessage(Collection<String> userids, String text, boolean duplicateCheck,
      long intervalSeconds) {
    long now = now();
    String msgid = ids.base62(40);
    List<String> delivered = new ArrayList<>();
    int dropped = 0;
    for (String userid : new LinkedHashSet<>(userids)) {
      String key = userid + '\u0000' + text;
      Long last = lastAppMessage.get(key);
      if (duplicateCheck && last != null && now - last < intervalSeconds * 1000) {
        dropped++;
        appDuplicatesDropped++;
        continue;
      }
      lastAppMessage.put(key, now);
      appMessages.add(new AppMessage(msgid, userid, text, now));
      delivered.add(userid);
    }
    modCount++;
    return new AppSend(msgid, delivered, dropped);
  }

  /** App messages delivered, oldest first. */
  public synchronized List<AppMessage> appMessages() {
    return List.copyOf(appMessages);
  }

  /** App messages dropped by the duplicate check. */
  public synchronized long appDuplicatesDropped() {
    return appDuplicatesDropped;
  }

  // ---------------------------------------------------------------- the oracle

  /** Every group send, oldest first. */
  public synchronized List<Task> tasks() {
    settle();
    List<Task> all = new ArrayList<>(tasks.size());
    for (TaskState task : tasks.values()) {
      all.add(view(task));
    }
    return all;
  }

  /** The number of group sends recorded. */
  public synchronized int taskCount() {
    return tasks.size();
  }

  public synchronized Optional<Task> task(String msgid) {
    settle();
    TaskState task = tasks.get(msgid);
    return task == null ? Optional.empty() : Optional.of(view(task));
  }

  /** Every recipient row of a send (all senders), in request order. */
  public synchronized List<Recipient> recipients(String msgid) {
    settle();
    TaskState task = require(msgid);
    List<Recipient> rows = new ArrayList<>(task.recipients.size());
    for (RecipientState r : task.recipients) {
      rows.add(new Recipient(r.id, r.chat, r.sender.userid, r.status, r.sendTime));
    }
    return rows;
  }

  /** What one customer (or group chat) actually received, oldest first. */
  public synchronized List<Receipt> receivedBy(String recipient) {
    settle();
    return List.copyOf(received.getOrDefault(recipient, List.of()));
  }

  /** Messages received per customer or chat id; {@code text} non-null keeps only sends with exactly that text. */
  public synchronized Map<String, Integer> receivedCounts(String text) {
    settle();
    Map<String, Integer> counts = new TreeMap<>();
    received.forEach((recipient, list) -> {
      int n = 0;
      for (Receipt r : list) {
        if (text == null || text.equals(r.text())) {
          n++;
        }
      }
      if (n > 0) {
        counts.put(recipient, n);
      }
    });
    return counts;
  }

  /** Forgets every send, receipt, media and app message (settings and clock stay). */
  public synchronized void clear() {
    tasks.clear();
    pending.clear();
    received.clear();
    media.clear();
    appMessages.clear();
    lastAppMessage.clear();
    appDuplicatesDropped = 0;
    modCount++;
  }

  synchronized long modCount() {
    return modCount;
  }

  // ---------------------------------------------------------------- snapshots (SimCorpSnapshot)

  /** A recipient row as saved. */
  public record RecipientData(String id, boolean chat, int status, long sendTime) {
  }

  /** A sender's part of a send as saved. */
  public record SenderData(String userid, long confirmAt, boolean refused, int status, long sendTime,
      List<RecipientData> recipients) {
  }

  /** A send as saved; {@code attachments} is the JSON text of the attachments as posted. */
  public record TaskData(long seq, String msgid, String chatType, String sender, String text, String attachments,
      boolean allowSelect, long createTime, boolean timeoutFault, boolean cancelled, List<Long> reminders,
      List<SenderData> senders) {
  }

  /** The family's whole state as saved (receipts are rebuilt from the recipient rows). */
  public record Data(Settings settings, long clockOffsetMillis, long seq, List<TaskData> tasks, List<Media> media,
      List<AppMessage> appMessages, Map<String, Long> lastAppMessage, long appDuplicatesDropped) {
  }

  synchronized Data export() {
    List<TaskData> saved = new ArrayList<>(tasks.size());
    for (TaskState t : tasks.values()) {
      List<SenderData> senders = new ArrayList<>();
      for (SenderState s : t.senders.values()) {
        List<RecipientData> rows = new ArrayList<>(s.recipients.size());
        for (RecipientState r : s.recipients) {
          rows.add(new RecipientData(r.id, r.chat, r.status, r.sendTime));
        }
        senders.add(new SenderData(s.userid, s.confirmAt, s.refused, s.status, s.sendTime, rows));
      }
      saved.add(new TaskData(t.seq, t.msgid, t.chatType, t.sender, t.text, t.attachments.toString(), t.allowSelect,
          t.createTime, t.timeoutFault, t.cancelled, List.copyOf(t.reminders), senders));
    }
    return new Data(settings, clockOffsetMillis, seq, saved, List.copyOf(media.values()), List.copyOf(appMessages),
        new HashMap<>(lastAppMessage), appDuplicatesDropped);
  }

  synchronized void restore(Data data) {
    clear();
    settings = data.settings() == null ? Settings.DEFAULTS : data.settings();
    clockOffsetMillis = data.clockOffsetMillis();
    seq = data.seq();
    List<RecipientState> sent = new ArrayList<>();
    for (TaskData t : data.tasks() == null ? List.<TaskData>of() : data.tasks()) {
      JsonArray attachments = t.attachments() == null ? new JsonArray()
          : com.google.gson.JsonParser.parseString(t.attachments()).getAsJsonArray();
      TaskState task = new TaskState(t.seq(), t.msgid(), t.chatType(), t.sender(), t.text(), attachments,
          t.allowSelect(), t.createTime(), t.timeoutFault());
      task.cancelled = t.cancelled();
      task.reminders.addAll(t.reminders() == null ? List.of() : t.reminders());
      for (SenderData s : t.senders()) {
        SenderState state = new SenderState(task, s.userid());
        state.confirmAt = s.confirmAt();
        state.refused = s.refused();
        state.status = s.status();
        state.sendTime = s.sendTime();
        for (RecipientData r : s.recipients()) {
          RecipientState row = new RecipientState(r.id(), r.chat(), state);
          row.status = r.status();
          row.sendTime = r.sendTime();
          state.recipients.add(row);
          task.recipients.add(row);
          if (row.status == 1) {
            sent.add(row);
          }
        }
        task.senders.put(s.userid(), state);
        if (state.status == 0 && !state.refused && !task.cancelled) {
          pending.add(state);
        }
      }
      tasks.put(task.msgid, task);
    }
    sent.sort((a, b) -> a.sendTime != b.sendTime ? Long.compare(a.sendTime, b.sendTime)
        : Long.compare(a.sender.task.seq, b.sender.task.seq));
    for (RecipientState r : sent) {
      TaskState t = r.sender.task;
      received.computeIfAbsent(r.id, k -> new ArrayList<>()).add(new Receipt(t.msgid, r.sender.userid, r.id,
          t.chatType, t.text, t.attachments, r.sendTime));
    }
    if (data.media() != null) {
      data.media().forEach(m -> media.put(m.mediaId(), m));
    }
    if (data.appMessages() != null) {
      appMessages.addAll(data.appMessages());
    }
    if (data.lastAppMessage() != null) {
      lastAppMessage.putAll(data.lastAppMessage());
    }
    appDuplicatesDropped = data.appDuplicatesDropped();
    modCount++;
  }

  private static List<SenderTask> senderViews(TaskState task) {
    List<SenderTask> rows = new ArrayList<>(task.senders.size());
    for (SenderState s : task.senders.values()) {
      rows.add(new SenderTask(s.userid, s.status, s.sendTime, s.refused));
    }
    return rows;
  }

  private static Task view(TaskState task) {
    return view(task, true);
  }

  /** A view of the task; without counts (list_v2 pages), {@code counts} is empty. */
  private static Task view(TaskState task, boolean withCounts) {
    Map<Integer, Integer> counts = new TreeMap<>();
    if (withCounts) {
      for (int status = 0; status <= 3; status++) {
        counts.put(status, 0);
      }
      for (RecipientState r : task.recipients) {
        counts.merge(r.status, 1, Integer::sum);
      }
    }
    boolean allSent = !task.senders.isEmpty() && task.senders.values().stream().allMatch(s -> s.status == 2);
    return new Task(task.msgid, task.chatType, task.sender, null, task.text, task.attachments, task.allowSelect,
        task.createTime, allSent ? 2 : 0, senderViews(task), counts, List.copyOf(task.reminders), task.cancelled,
        task.timeoutFault);
  }

  static int utf8Length(String text) {
    return text == null ? 0 : text.getBytes(StandardCharsets.UTF_8).length;
  }
}
