package io.wescrm.wecom.simulator;

import com.google.gson.JsonObject;
import io.wescrm.wecom.simulator.CorpModel.Chat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The community features of one corp: 群活码 (join ways: up to 5 chats per code, a state for attribution, new rooms
 * created when every chat is full), group welcome templates (入群欢迎语素材) and the member history (joins and leaves,
 * kept 60 days) behind {@code groupchat/statistic}, {@code statistic_group_by_day} and the {@code /group-events} oracle.
 *
 * <p>Lock order: the corp's lock, then this object's monitor (the corp records history under its write lock); a scan
 * reads the way under the monitor, releases it and only then changes the corp.
 */
public final class SimCommunity {

  /** WeCom's days: statistics and the oracle count days in China time. */
  public static final ZoneId DAYS = ZoneId.of("Asia/Shanghai");
  static final int MAX_CHATS_PER_WAY = 5;
  static final long HISTORY_SECONDS = 60L * 86_400;

  /** A 群活码 as get_join_way returns it; {@code roomsCreated} counts the rooms auto-created for it. */
  public record JoinWay(String configId, int scene, String remark, int autoCreateRoom, String roomBaseName,
      Integer roomBaseId, List<String> chatIds, String qrCode, String state, int roomsCreated) {
    public JoinWay {
      chatIds = List.copyOf(chatIds);
    }
  }

  /**
   * One membership change, as its callback told it: {@code scene} in the event's numbering (joins: 3 group QR code,
   * 0 invited; leaves: 0 left, 1 removed); {@code state} the 群活码 state of a join through one, else null.
   */
  public record GroupEvent(long atMillis, String chatId, String owner, String memberId, int type, boolean join,
      int scene, String state) {
  }

  /** A group welcome template: its content fields (text, image, link, miniprogram, file, video) as sent. */
  public record WelcomeTemplate(String templateId, JsonObject content, int notifyFlag, long createdMillis) {
  }

  /** What a scan did: the chat joined, whether it was created for this scan, the customer. */
  public record JoinScan(String configId, String chatId, boolean roomCreated, String externalUserId, String state) {
  }

  private final SimCorp corp;
  private final LinkedHashMap<String, JoinWay> joinWays = new LinkedHashMap<>();
  private final LinkedHashMap<String, WelcomeTemplate> templates = new LinkedHashMap<>();
  private final ArrayDeque<GroupEvent> history = new ArrayDeque<>();
  private int welcomeTemplateLimit = 100;
  private int memberCap = 200;
  private long ids;
  private long modCount;

  SimCommunity(SimCorp corp) {
    this.corp = corp;
  }

  // ------------------------------------------------------------------ settings

  /** Members per chat before a 群活码 sends the next scanner to another chat (or a new room). WeCom: 200 by QR. */
  public synchronized int memberCap() {
    return memberCap;
  }

  public synchronized void setMemberCap(int cap) {
    if (cap < 2) {
      throw new IllegalArgumentException("member_cap must be at least 2");
    }
    memberCap = cap;
    modCount++;
  }

  /** Group welcome templates a corp may hold; an add at the limit answers 41055. */
  public synchronized void setWelcomeTemplateLimit(int limit) {
    welcomeTemplateLimit = limit;
    modCount++;
  }

  // ------------------------------------------------------------------ join ways (群活码)

  /** add_join_way: validated like WeCom; the chats must be live groups of this corp. */
  public JoinWay addJoinWay(int scene, String remark, Integer autoCreateRoom, String roomBaseName, Integer roomBaseId,
      List<String> chatIds, String state) {
    validate(scene, remark, roomBaseName, chatIds, state);
    synchronized (this) {
      String configId = String.format("%032x", (corp.corpId().hashCode() & 0xffffffffL) << 32 | ++ids);
      JoinWay way = new JoinWay(configId, scene, remark == null ? "" : remark,
          autoCreateRoom == null ? 1 : autoCreateRoom, roomBaseName == null ? "" : roomBaseName, roomBaseId,
          chatIds, "https://wework.qpic.cn/wwpic/sim/join/" + configId, state == null ? "" : state, 0);
      joinWays.put(configId, way);
      modCount++;
      return way;
    }
  }

  /** update_join_way: every field is replaced (WeCom's semantics: the request is the whole way). */
  public JoinWay updateJoinWay(String configId, int scene, String remark, Integer autoCreateRoom, String roomBaseName,
      Integer roomBaseId, List<String> chatIds, String state) {
    validate(scene, remark, roomBaseName, chatIds, state);
    synchronized (this) {
      JoinWay old = requireWay(configId);
      JoinWay way = new JoinWay(configId, scene, remark == null ? "" : remark,
          autoCreateRoom == null ? 1 : autoCreateRoom, roomBaseName == null ? "" : roomBaseName, roomBaseId,
          chatIds, old.qrCode(), state == null ? "" : state, old.roomsCreated());
      joinWays.put(configId, way);
      modCount++;
      return way;
    }
  }

  public synchronized void deleteJoinWay(String configId) {
    requireWay(configId);
    joinWays.remove(configId);
    modCount++;
  }

  public synchronized Optional<JoinWay> joinWay(String configId) {
    return Optional.ofNullable(configId == null ? null : joinWays.get(configId));
  }

  public synchronized List<JoinWay> joinWays() {
    return List.copyOf(joinWays.values());
  }

  private JoinWay requireWay(String configId) {
    JoinWay way = configId == null ? null : joinWays.get(configId);
    if (way == null) {
      throw new WeComApiError(40058, "invalid parameter: config_id " + configId + " not found");
    }
    return way;
  }

  private void validate(int scene, String remark, String roomBaseName, List<String> chatIds, String state) {
    if (scene != 1 && scene != 2) {
      throw new WeComApiError(40058, "invalid parameter: scene must be 1 (mini-program) or 2 (QR code)");
    }
    if (remark != null && remark.length() > 30) {
      throw new WeComApiError(40058, "invalid parameter: remark longer than 30 characters");
    }
    if (roomBaseName != null && roomBaseName.length() > 40) {
      throw new WeComApiError(40058, "invalid parameter: room_base_name longer than 40 characters");
    }
    if (state != null && state.length() > 30) {
      throw new WeComApiError(40058, "invalid parameter: state longer than 30 characters");
    }
    if (chatIds == null || chatIds.isEmpty()) {
      throw new WeComApiError(40058, "invalid parameter: chat_id_list is required");
    }
    if (chatIds.size() > MAX_CHATS_PER_WAY) {
      throw new WeComApiError(41091, "chat_id_list exceeds " + MAX_CHATS_PER_WAY + " chats");
    }
    for (String chatId : chatIds) {
      if (corp.groupChat(chatId).isEmpty()) {
        throw new WeComApiError(40050, "chatid not found: " + chatId);
      }
    }
  }

  /**
   * A customer scans the 群活码 (join scene 3, the way's state on the member): joins the first listed chat below the
   * member cap they are not in yet; when every chat is full and the way auto-creates rooms, a new room named
   * {@code room_base_name + (room_base_id + n)} owned by the first chat's owner is created and added to the way.
   *
   * @param externalUserId an existing customer, or null for a new one named {@code name}
   */
  public JoinScan scan(String configId, String externalUserId, String name) {
    JoinWay way = joinWay(configId).orElseThrow(() -> new IllegalArgumentException("no such join way: " + configId));
    String customer = externalUserId;
    if (customer == null) {
      String customerName = name == null || name.isEmpty() ? "扫群码客户" : name;
      customer = corp.addCustomer(new SimCustomer(null, customerName, 1, 0, null, null, null, null,
          null)).externalUserId();
    } else if (corp.customer(customer).isEmpty()) {
      throw new IllegalArgumentException("no such customer: " + customer);
    }
    int cap = memberCap();
    String target = null;
    String owner = null;
    for (String chatId : way.chatIds()) {
      Optional<SimGroupChat> chat = corp.groupChat(chatId);
      if (chat.isEmpty()) {
        continue;
      }
      owner = owner == null ? chat.get().owner() : owner;
      String member = customer;
      boolean already = chat.get().members().stream().anyMatch(m -> m.userid().equals(member));
      if (already) {
        throw new IllegalStateException(customer + " is already a member of " + chatId);
      }
      if (chat.get().members().size() < cap) {
        target = chatId;
        break;
      }
    }
    boolean created = false;
    if (target == null) {
      if (way.autoCreateRoom() != 1 || owner == null) {
        throw new IllegalStateException("every chat of join way " + configId + " is full and it creates no rooms");
      }
      int number = (way.roomBaseId() == null ? 1 : way.roomBaseId()) + way.roomsCreated();
      target = corp.addGroupChat(null, way.roomBaseName() + number, owner, "", 0).chatId();
      created = true;
      synchronized (this) {
        JoinWay current = joinWays.get(configId);
        if (current != null) {
          List<String> chats = new ArrayList<>(current.chatIds());
          if (chats.size() == MAX_CHATS_PER_WAY) {
            chats.remove(0);
          }
          chats.add(target);
          joinWays.put(configId, new JoinWay(configId, current.scene(), current.remark(), current.autoCreateRoom(),
              current.roomBaseName(), current.roomBaseId(), chats, current.qrCode(), current.state(),
              current.roomsCreated() + 1));
          modCount++;
        }
      }
    }
    String state = way.state().isEmpty() ? null : way.state();
    corp.addGroupMember(target, new SimGroupMember(customer, 2, null, 0, 3, null, null, null, state));
    return new JoinScan(configId, target, created, customer, state);
  }

  // ------------------------------------------------------------------ group welcome templates

  public synchronized WelcomeTemplate addWelcomeTemplate(JsonObject content, int notify) {
    if (templates.size() >= welcomeTemplateLimit) {
      throw new WeComApiError(41055, "group welcome template count reaches the limit " + welcomeTemplateLimit);
    }
    String id = "msgSim" + Long.toHexString(corp.corpId().hashCode() & 0xffffL) + "_" + (++ids);
    WelcomeTemplate template = new WelcomeTemplate(id, content.deepCopy(), notify, System.currentTimeMillis());
    templates.put(id, template);
    modCount++;
    return template;
  }

  public synchronized WelcomeTemplate editWelcomeTemplate(String templateId, JsonObject content) {
    WelcomeTemplate old = requireTemplate(templateId);
    WelcomeTemplate edited = new WelcomeTemplate(templateId, content.deepCopy(), old.notifyFlag(), old.createdMillis());
    templates.put(templateId, edited);
    modCount++;
    return edited;
  }

  public synchronized void deleteWelcomeTemplate(String templateId) {
    requireTemplate(templateId);
    templates.remove(templateId);
    modCount++;
  }

  public synchronized Optional<WelcomeTemplate> welcomeTemplate(String templateId) {
    return Optional.ofNullable(templateId == null ? null : templates.get(templateId));
  }

  public synchronized List<WelcomeTemplate> welcomeTemplates() {
    return List.copyOf(templates.values());
  }

  private WelcomeTemplate requireTemplate(String templateId) {
    WelcomeTemplate template = templateId == null ? null : templates.get(templateId);
    if (template == null) {
      throw new WeComApiError(41058, "template_id " + templateId + " not found or not created by this app");
    }
    return template;
  }

  // ------------------------------------------------------------------ snapshots

  /** A template in a snapshot: its content as JSON text. */
  public record TemplateData(String templateId, String content, int notifyFlag, long createdMillis) {
  }

  /** The community's state in a snapshot ({@link SimCorpSnapshot}). */
  public record Data(List<JoinWay> joinWays, List<TemplateData> templates, List<GroupEvent> history, int memberCap,
      int welcomeTemplateLimit, long ids) {
  }

  synchronized Data export() {
    return new Data(List.copyOf(joinWays.values()), templates.values().stream().map(t -> new TemplateData(
        t.templateId(), t.content().toString(), t.notifyFlag(), t.createdMillis())).toList(), List.copyOf(history),
        memberCap, welcomeTemplateLimit, ids);
  }

  synchronized void restore(Data data) {
    joinWays.clear();
    templates.clear();
    history.clear();
    if (data.joinWays() != null) {
      data.joinWays().forEach(w -> joinWays.put(w.configId(), w));
    }
    if (data.templates() != null) {
      data.templates().forEach(t -> templates.put(t.templateId(), new WelcomeTemplate(t.templateId(),
          com.google.gson.JsonParser.parseString(t.content()).getAsJsonObject(), t.notifyFlag(), t.createdMillis())));
    }
    if (data.history() != null) {
      history.addAll(data.history());
    }
    memberCap = data.memberCap() >= 2 ? data.memberCap() : 200;
    welcomeTemplateLimit = data.welcomeTemplateLimit() > 0 ? data.welcomeTemplateLimit() : 100;
    ids = data.ids();
    modCount++;
  }

  /** Changes so far: the persister's cue to write a snapshot. */
  synchronized long modCount() {
    return modCount;
  }

  // ------------------------------------------------------------------ member history and statistics

  /** Called by the corp under its write lock for every member join and leave. */
  synchronized void record(GroupEvent event) {
    history.addLast(event);
    modCount++;
    long horizon = event.atMillis() - (HISTORY_SECONDS + 86_400) * 1000;
    while (!history.isEmpty() && history.peekFirst().atMillis() < horizon) {
      history.removeFirst();
    }
  }

  /** The member events of the days {@code from}…{@code to} (China time, inclusive), oldest first. */
  public synchronized List<GroupEvent> events(LocalDate from, LocalDate to) {
    long start = from.atStartOfDay(DAYS).toInstant().toEpochMilli();
    long end = to.plusDays(1).atStartOfDay(DAYS).toInstant().toEpochMilli();
    return history.stream().filter(e -> e.atMillis() >= start && e.atMillis() < end).toList();
  }

  /** One owner's (or several owners' summed) figures of one day, as groupchat/statistic reports them. */
  public record DayData(long newChatCnt, long chatTotal, long chatHasMsg, long newMemberCnt, long memberTotal,
      long memberHasMsg, long msgTotal) {
    static final DayData ZERO = new DayData(0, 0, 0, 0, 0, 0, 0);

    DayData plus(DayData o) {
      return new DayData(newChatCnt + o.newChatCnt, chatTotal + o.chatTotal, chatHasMsg + o.chatHasMsg,
          newMemberCnt + o.newMemberCnt, memberTotal + o.memberTotal, memberHasMsg + o.memberHasMsg,
          msgTotal + o.msgTotal);
    }
  }

  /**
   * The figures of {@code owner} on the day starting at {@code dayStart} (epoch seconds, China midnight): chats
   * created that day, live chats at its end, external and staff members who joined that day, members at its end.
   * The simulator has no messages: the message figures are 0.
   */
  DayData day(String owner, long dayStart) {
    return corp.read(() -> {
      synchronized (this) {
        return dayLocked(owner, dayStart);
      }
    });
  }

  /** Per owner, the figures of each day from {@code dayStart} to {@code dayEnd} (both day starts, inclusive). */
  Map<String, TreeMap<Long, DayData>> days(Collection<String> owners, long dayStart, long dayEnd) {
    return corp.read(() -> {
      synchronized (this) {
        Map<String, TreeMap<Long, DayData>> result = new LinkedHashMap<>();
        for (String owner : owners) {
          TreeMap<Long, DayData> byDay = new TreeMap<>();
          for (long day = dayStart; day <= dayEnd; day = nextDay(day)) {
            byDay.put(day, dayLocked(owner, day));
          }
          result.put(owner, byDay);
        }
        return result;
      }
    });
  }

  /** Owners of live chats (those groupchat/statistic lists without an owner filter). */
  List<String> owners() {
    return corp.read(() -> corp.chatsByOwner.entrySet().stream().filter(e -> !e.getValue().isEmpty())
        .map(Map.Entry::getKey).sorted().toList());
  }

  static long nextDay(long dayStart) {
    return Instant.ofEpochSecond(dayStart).atZone(DAYS).toLocalDate().plusDays(1).atStartOfDay(DAYS).toEpochSecond();
  }

  private DayData dayLocked(String owner, long dayStart) {
    long dayEnd = nextDay(dayStart);
    long newChats = 0;
    long chatTotal = 0;
    long memberTotal = 0;
    Map<String, Long> laterChange = new HashMap<>();
    long newMembers = 0;
    for (GroupEvent e : history) {
      long at = e.atMillis() / 1000;
      if (at >= dayEnd) {
        laterChange.merge(e.chatId(), e.join() ? -1L : 1L, Long::sum);
      } else if (at >= dayStart && e.join() && owner.equals(e.owner())) {
        newMembers++;
      }
    }
    TreeMap<Long, Chat> owned = corp.chatsByOwner.get(owner);
    if (owned != null) {
      for (Chat chat : owned.values()) {
        if (chat.createTime >= dayStart && chat.createTime < dayEnd) {
          newChats++;
        }
        if (chat.createTime < dayEnd && !chat.dismissed) {
          chatTotal++;
          memberTotal += chat.members.size() + laterChange.getOrDefault(chat.chatId, 0L);
        }
      }
    }
    return new DayData(newChats, chatTotal, 0, newMembers, memberTotal, 0, 0);
  }
}
