package io.wescrm.core.dashboard;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The dashboard's aggregations (port): each one GROUP BY over indexed columns, with a bounded result. {@code staff} is
 * a store manager's scope (the userids of their stores' staff; null: the whole corp; empty: nothing). Times are the
 * database's local date-times ({@code io.wescrm.core.jdbc.JdbcTime}); {@link Dashboards} turns them into calendar days.
 */
public interface DashboardQueries {

  /** Relations added (or, with {@code lost}, ended other than by transfer) since {@code from}, per hour. */
  List<HourCount> relationsByHour(String corpId, boolean lost, LocalDateTime from, Collection<String> staff);

  /** Live relations per staff member. */
  Map<String, Long> liveByStaff(String corpId, Collection<String> staff);

  /** Relations added since {@code from} per staff member. */
  Map<String, Long> addedByStaff(String corpId, LocalDateTime from, Collection<String> staff);

  /** Relations added since {@code from} per channel ({@code state}; "" for none). */
  Map<String, Long> addedByState(String corpId, LocalDateTime from, Collection<String> staff);

  /** Customers with a live relation per lifecycle stage ("" for none): their sum is the customer total. */
  Map<String, Long> customersByStage(String corpId, Collection<String> staff);

  /** Live staff (userid, name, main department), in userid order. */
  List<StaffRef> staff(String corpId, Collection<String> staff);

  /** Live departments' names. */
  Map<Long, String> departmentNames(String corpId);

  /** Names of the corp's 渠道活码 by their state (deleted ones too: old relations keep their channel). */
  Map<String, String> channelNames(String corpId);

  /** Live group chats owned by {@code owners} (null: every group) and their members now. */
  GroupTotals groups(String corpId, Collection<String> owners);

  /** Group member joins and leaves per calendar day ({@code event_day}) in [from, to]. */
  List<GroupDay> groupEvents(String corpId, LocalDate from, LocalDate to, Collection<String> owners);

  /** A count in the hour starting at {@code hour} (database local time). */
  record HourCount(LocalDateTime hour, long count) {
  }

  record StaffRef(String userid, String name, Long mainDepartment) {
  }

  record GroupTotals(long groups, long members) {
  }

  record GroupDay(LocalDate day, long joins, long leaves) {
  }
}
