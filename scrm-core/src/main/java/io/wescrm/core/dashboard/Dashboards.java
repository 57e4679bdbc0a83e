package io.wescrm.core.dashboard;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the {@link Dashboard} of a corp from {@link DashboardQueries}: per-hour counts bucketed into the corps'
 * calendar days here (portable SQL has no time zones), stores from the staff's main departments, names for staff,
 * stores and channels.
 */
public class Dashboards {

  /** The periods offered (days, today included). */
  public static final Set<Integer> PERIODS = Set.of(7, 30, 90);
  /** Bars shown for stores and staff (the largest). */
  static final int TOP = 10;

  private final DashboardQueries queries;
  private final Clock clock;
  private final ZoneId zone;

  public Dashboards(DashboardQueries queries, Clock clock, ZoneId zone) {
    this.queries = queries;
    this.clock = clock;
    this.zone = zone;
  }

  /** The dashboard of the last {@code days} calendar days (today included) over {@code staff} (null: every one). */
  public Dashboard build(String corpId, int days, Collection<String> staff) {
    LocalDate today = LocalDate.now(clock.withZone(zone));
    LocalDate from = today.minusDays(days - 1L);
    LocalDateTime since = LocalDateTime.ofInstant(from.atStartOfDay(zone).toInstant(), ZoneId.systemDefault());

    Map<LocalDate, long[]> perDay = new LinkedHashMap<>();
    for (LocalDate d = from; !d.isAfter(today); d = d.plusDays(1)) {
      perDay.put(d, new long[2]);
    }
    bucket(perDay, queries.relationsByHour(corpId, false, since, staff), 0);
    bucket(perDay, queries.relationsByHour(corpId, true, since, staff), 1);
    List<Dashboard.Day> daily = new ArrayList<>();
    long added = 0;
    long lost = 0;
    for (Map.Entry<LocalDate, long[]> e : perDay.entrySet()) {
      daily.add(new Dashboard.Day(e.getKey(), e.getValue()[0], e.getValue()[1]));
      added += e.getValue()[0];
      lost += e.getValue()[1];
    }

    Map<String, Long> stageCounts = queries.customersByStage(corpId, staff);
    long customers = stageCounts.values().stream().mapToLong(Long::longValue).sum();
    List<Dashboard.Slice> stages = stageCounts.entrySet().stream()
        .map(e -> new Dashboard.Slice(e.getKey(), e.getKey(), e.getValue(), 0)).toList();

    List<DashboardQueries.StaffRef> people = queries.staff(corpId, staff);
    Map<String, Long> live = queries.liveByStaff(corpId, staff);
    Map<String, Long> addedBy = queries.addedByStaff(corpId, since, staff);
    Map<Long, String> deptNames = queries.departmentNames(corpId);
    Map<String, DashboardQueries.StaffRef> byUserid = new HashMap<>();
    people.forEach(p -> byUserid.put(p.userid(), p));
    List<Dashboard.Slice> staffSlices = new ArrayList<>();
    Map<String, long[]> storeSums = new HashMap<>();
    Set<String> userids = new java.util.HashSet<>(live.keySet());
    userids.addAll(addedBy.keySet());
    for (String u : userids) {
      DashboardQueries.StaffRef p = byUserid.get(u);
      long total = live.getOrDefault(u, 0L);
      long add = addedBy.getOrDefault(u, 0L);
      staffSlices.add(new Dashboard.Slice(u, p == null || p.name() == null ? u : p.name(), total, add));
      String store = p == null || p.mainDepartment() == null ? "" : p.mainDepartment().toString();
      long[] s = storeSums.computeIfAbsent(store, k -> new long[2]);
      s[0] += total;
      s[1] += add;
    }
    List<Dashboard.Slice> stores = new ArrayList<>();
    storeSums.forEach((k, s) -> stores.add(new Dashboard.Slice(k,
        k.isEmpty() ? "" : deptNames.getOrDefault(Long.valueOf(k), k), s[0], s[1])));

    Map<String, String> channelNames = queries.channelNames(corpId);
    List<Dashboard.Slice> channels = queries.addedByState(corpId, since, staff).entrySet().stream()
        .map(e -> new Dashboard.Slice(e.getKey(), e.getKey().isEmpty() ? "" : channelNames.getOrDefault(e.getKey(),
            e.getKey()), 0, e.getValue()))
        .sorted(Comparator.comparingLong(Dashboard.Slice::added).reversed().thenComparing(Dashboard.Slice::key))
        .toList();

    DashboardQueries.GroupTotals groups = queries.groups(corpId, staff);
    Map<LocalDate, long[]> groupDays = new LinkedHashMap<>();
    for (LocalDate d = from; !d.isAfter(today); d = d.plusDays(1)) {
      groupDays.put(d, new long[2]);
    }
    for (DashboardQueries.GroupDay g : queries.groupEvents(corpId, from, today, staff)) {
      long[] s = groupDays.get(g.day());
      if (s != null) {
        s[0] += g.joins();
        s[1] += g.leaves();
      }
    }
    List<Dashboard.GroupDay> groupDaily = new ArrayList<>();
    groupDays.forEach((d, s) -> groupDaily.add(new Dashboard.GroupDay(d, s[0], s[1], s[0] - s[1])));

    long[] todayCounts = perDay.get(today);
    Dashboard.Kpi kpi = new Dashboard.Kpi(customers, todayCounts[0], todayCounts[1], added, lost, added - lost,
        groups.groups(), groups.members(), people.size());
    return new Dashboard(days, from, today, zone.getId(), kpi, daily, top(stores), top(staffSlices), channels,
        stages, groupDaily);
  }

  /** The per-hour counts (database local time) into the calendar days of the corps' zone. */
  private void bucket(Map<LocalDate, long[]> perDay, List<DashboardQueries.HourCount> hours, int index) {
    for (DashboardQueries.HourCount h : hours) {
      LocalDate day = h.hour().atZone(ZoneId.systemDefault()).withZoneSameInstant(zone).toLocalDate();
      long[] counts = perDay.get(day);
      if (counts != null) {
        counts[index] += h.count();
      }
    }
  }

  private static List<Dashboard.Slice> top(List<Dashboard.Slice> slices) {
    return slices.stream().sorted(Comparator.comparingLong(Dashboard.Slice::total).reversed()
        .thenComparing(Comparator.comparingLong(Dashboard.Slice::added).reversed())
        .thenComparing(Dashboard.Slice::key)).limit(TOP).toList();
  }
}
