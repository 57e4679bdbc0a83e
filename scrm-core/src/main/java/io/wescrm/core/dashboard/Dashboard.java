package io.wescrm.core.dashboard;

import java.time.LocalDate;
import java.util.List;

/**
 * The customer side of the 数据看板 over a period of calendar days (the corps' zone), as seen by one scope: counts of
 * follow relations (a customer added by two staff members counts twice in "added"), customers with a live relation.
 *
 * @param customers customers with a live relation (in scope): the sum of {@code stages}
 * @param lost relations ended in the period by the customer, the staff member or a sync (a transfer is no loss)
 */
public record Dashboard(int days, LocalDate from, LocalDate to, String zone, Kpi kpi, List<Day> daily,
    List<Slice> stores, List<Slice> staff, List<Slice> channels, List<Slice> stages, List<GroupDay> groupDaily) {

  /** The cards: totals now, today's and the period's adds and losses, groups and staff. */
  public record Kpi(long customers, long addedToday, long lostToday, long addedPeriod, long lostPeriod,
      long netPeriod, long groups, long groupMembers, long staff) {
  }

  /** One calendar day: relations added and lost. */
  public record Day(LocalDate day, long added, long lost) {
  }

  /**
   * One bar or slice: {@code key} (department id, userid, state, stage; "" for none), its label, live relations or
   * customers ({@code total}) and relations added in the period ({@code added}).
   */
  public record Slice(String key, String label, long total, long added) {
  }

  /** Group members joined and left on a day, and the net. */
  public record GroupDay(LocalDate day, long joins, long leaves, long net) {
  }
}
