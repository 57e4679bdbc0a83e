package io.wescrm.core.community;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Group analytics from our own member events (the change_external_chat callbacks) and the member mirror: per day
 * members, joins and leaves by scene and by channel (the 群活码's state → its channel), active groups; and groups per
 * store (the store of the 群活码 that lists the group) and per owner. Days are the corp's calendar days.
 */
public class GroupAnalytics {

  static final int MAX_DAYS = 92;
  /** The key of joins through no 群活码 (and of groups no 群活码 lists). */
  public static final String NONE = "none";

  /** One day. {@code activeGroups}: groups with at least one join or leave that day (we see no messages). */
  public record DayRow(LocalDate day, long groups, long members, long joins, long leaves, long activeGroups,
      Map<String, Long> joinsByScene, Map<String, Long> leavesByScene, Map<String, Long> joinsByState,
      Map<String, Long> joinsByChannel) {
  }

  /** One store or owner over the period: its groups and members at the end, joins and leaves during it. */
  public record GroupRow(String key, long groups, long members, long joins, long leaves, long activeGroups) {
  }

  private final GroupStatsQueries queries;
  private final JoinWays ways;
  private final Clock clock;
  private final ZoneId zone;

  public GroupAnalytics(GroupStatsQueries queries, JoinWays ways, Clock clock, ZoneId zone) {
    this.queries = queries;
    this.ways = ways;
    this.clock = clock;
    this.zone = zone;
  }

  public ZoneId zone() {
    return zone;
  }

  /** Today in the corps' zone. */
  public LocalDate today() {
    return LocalDate.now(clock.withZone(zone));
  }

  static void checkRange(LocalDate from, LocalDate to) {
    if (to.isBefore(from)) {
      throw CommunityException.invalid("结束日期不能早于开始日期", from + ".." + to);
    }
    if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
      throw CommunityException.invalid("一次最多查询 92 天", from + ".." + to);
    }
  }

  /** Per day, over the groups {@code owners} own (a store manager's scope; null: every group). */
  public List<DayRow> byDay(String corpId, LocalDate from, LocalDate to, Collection<String> owners) {
    checkRange(from, to);
    Map<String, JoinWay> byState = new HashMap<>();
    ways.list(corpId, true).forEach(w -> byState.put(w.state(), w));
    Map<LocalDate, List<GroupStatsQueries.EventCount>> events = new TreeMap<>();
    for (GroupStatsQueries.EventCount e : queries.events(corpId, from, to, owners)) {
      events.computeIfAbsent(e.day(), d -> new ArrayList<>()).add(e);
    }
    List<DayRow> rows = new ArrayList<>();
    for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
      List<GroupStatsQueries.GroupAt> groups = queries.groupsAt(corpId, day.plusDays(1).atStartOfDay(zone)
          .toInstant(), owners);
      long joins = 0;
      long leaves = 0;
      Set<String> active = new HashSet<>();
      Map<String, Long> joinsByScene = new TreeMap<>();
      Map<String, Long> leavesByScene = new TreeMap<>();
      Map<String, Long> joinsByState = new TreeMap<>();
      Map<String, Long> joinsByChannel = new TreeMap<>();
      for (GroupStatsQueries.EventCount e : events.getOrDefault(day, List.of())) {
        active.add(e.chatId());
        String scene = e.scene() == null ? "unknown" : e.scene().toString();
        if (e.join()) {
          joins += e.count();
          joinsByScene.merge(scene, e.count(), Long::sum);
          joinsByState.merge(e.state() == null ? NONE : e.state(), e.count(), Long::sum);
          JoinWay way = e.state() == null ? null : byState.get(e.state());
          String channel = way == null ? (e.state() == null ? NONE : e.state())
              : way.channel() != null && !way.channel().isBlank() ? way.channel() : way.state();
          joinsByChannel.merge(channel, e.count(), Long::sum);
        } else {
          leaves += e.count();
          leavesByScene.merge(scene, e.count(), Long::sum);
        }
      }
      rows.add(new DayRow(day, groups.size(), groups.stream().mapToLong(GroupStatsQueries.GroupAt::members).sum(),
          joins, leaves, active.size(), joinsByScene, leavesByScene, joinsByState, joinsByChannel));
    }
    return rows;
  }

  /**
   * Per store: the store (department id) of the 群活码 listing the group; groups no 群活码 lists count as "none". Over
   * the groups {@code owners} own (a store manager's scope; null: every group).
   */
  public List<GroupRow> byStore(String corpId, LocalDate from, LocalDate to, Collection<String> owners) {
    Map<String, String> storeOf = new HashMap<>();
    for (JoinWay w : ways.list(corpId, false)) {
      if (w.storeDeptId() != null) {
        w.chatIds().forEach(chat -> storeOf.putIfAbsent(chat, w.storeDeptId().toString()));
      }
    }
    return grouped(corpId, from, to, g -> storeOf.getOrDefault(g.chatId(), NONE), owners);
  }

  /** Per owner, over the groups {@code owners} own (a store manager's scope; null: every group). */
  public List<GroupRow> byOwner(String corpId, LocalDate from, LocalDate to, Collection<String> owners) {
    return grouped(corpId, from, to, GroupStatsQueries.GroupAt::owner, owners);
  }

  private List<GroupRow> grouped(String corpId, LocalDate from, LocalDate to,
      java.util.function.Function<GroupStatsQueries.GroupAt, String> key, Collection<String> owners) {
    checkRange(from, to);
    List<GroupStatsQueries.GroupAt> groups = queries.groupsAt(corpId, to.plusDays(1).atStartOfDay(zone).toInstant(),
        owners);
    Map<String, String> keyOf = new HashMap<>();
    Map<String, long[]> sums = new TreeMap<>();
    for (GroupStatsQueries.GroupAt g : groups) {
      String k = key.apply(g);
      keyOf.put(g.chatId(), k);
      long[] s = sums.computeIfAbsent(k, x -> new long[5]);
      s[0]++;
      s[1] += g.members();
    }
    Map<String, Set<String>> active = new HashMap<>();
    for (GroupStatsQueries.EventCount e : queries.events(corpId, from, to, owners)) {
      String k = keyOf.get(e.chatId());
      if (k == null) {
        continue; // a group dismissed by the end of the period
      }
      long[] s = sums.get(k);
      s[e.join() ? 2 : 3] += e.count();
      active.computeIfAbsent(k, x -> new HashSet<>()).add(e.chatId());
    }
    List<GroupRow> rows = new ArrayList<>();
    sums.forEach((k, s) -> rows.add(new GroupRow(k, s[0], s[1], s[2], s[3],
        active.getOrDefault(k, Set.of()).size())));
    return rows;
  }
}
