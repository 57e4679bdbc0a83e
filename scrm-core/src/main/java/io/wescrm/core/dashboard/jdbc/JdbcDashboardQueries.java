package io.wescrm.core.dashboard.jdbc;

import io.wescrm.core.dashboard.DashboardQueries;
import io.wescrm.core.jdbc.StaffScope;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@link DashboardQueries} in portable SQL (MySQL 8, MariaDB, H2 in MySQL mode): per-hour buckets with
 * {@code CAST(x AS DATE)} and {@code HOUR(x)} (no time-zone functions), the store scope through {@link StaffScope}.
 * The follow-relation queries read the indexes of V17 ({@code idx_follow_live}, {@code idx_follow_added_by}).
 */
public class JdbcDashboardQueries implements DashboardQueries {

  private final JdbcTemplate jdbc;

  public JdbcDashboardQueries(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public List<HourCount> relationsByHour(String corpId, boolean lost, LocalDateTime from, Collection<String> staff) {
    String column = lost ? "deleted_at" : "added_at";
    List<Object> args = new ArrayList<>(List.of(corpId, from));
    String scope = StaffScope.and("userid", staff, args);
    String notTransfer = lost ? " AND (deleted_by IS NULL OR deleted_by <> 'TRANSFER')" : "";
    return jdbc.query("SELECT CAST(" + column + " AS DATE) AS d, HOUR(" + column + ") AS h, COUNT(*) AS n "
        + "FROM scrm_follow_relation WHERE corp_id = ? AND " + column + " >= ?" + scope + notTransfer
        + " GROUP BY CAST(" + column + " AS DATE), HOUR(" + column + ")",
        (rs, i) -> new HourCount(rs.getDate("d").toLocalDate().atTime(rs.getInt("h"), 0), rs.getLong("n")),
        args.toArray());
  }

  @Override
  public Map<String, Long> liveByStaff(String corpId, Collection<String> staff) {
    List<Object> args = new ArrayList<>(List.of(corpId));
    String scope = StaffScope.and("userid", staff, args);
    return counts("SELECT userid, COUNT(*) FROM scrm_follow_relation WHERE corp_id = ? AND deleted_at IS NULL"
        + scope + " GROUP BY userid", args);
  }

  @Override
  public Map<String, Long> addedByStaff(String corpId, LocalDateTime from, Collection<String> staff) {
    List<Object> args = new ArrayList<>(List.of(corpId, from));
    String scope = StaffScope.and("userid", staff, args);
    return counts("SELECT userid, COUNT(*) FROM scrm_follow_relation WHERE corp_id = ? AND added_at >= ?" + scope
        + " GROUP BY userid", args);
  }

  @Override
  public Map<String, Long> addedByState(String corpId, LocalDateTime from, Collection<String> staff) {
    List<Object> args = new ArrayList<>(List.of(corpId, from));
    String scope = StaffScope.and("userid", staff, args);
    return counts("SELECT state, COUNT(*) FROM scrm_follow_relation WHERE corp_id = ? AND added_at >= ?" + scope
        + " GROUP BY state", args);
  }

  @Override
  public Map<String, Long> customersByStage(String corpId, Collection<String> staff) {
    List<Object> args = new ArrayList<>(List.of(corpId));
    String scope = StaffScope.and("f.userid", staff, args);
    return counts("SELECT c.lifecycle_stage, COUNT(*) FROM scrm_customer c WHERE c.corp_id = ? AND EXISTS "
        + "(SELECT 1 FROM scrm_follow_relation f WHERE f.corp_id = c.corp_id AND f.external_userid = c.external_userid "
        + "AND f.deleted_at IS NULL" + scope + ") GROUP BY c.lifecycle_stage", args);
  }

  @Override
  public List<StaffRef> staff(String corpId, Collection<String> staff) {
    List<Object> args = new ArrayList<>(List.of(corpId));
    String scope = StaffScope.and("userid", staff, args);
    return jdbc.query("SELECT userid, name, main_department FROM scrm_staff WHERE corp_id = ? AND deleted_at IS NULL"
        + scope + " ORDER BY userid", (rs, i) -> {
          long dept = rs.getLong(3);
          return new StaffRef(rs.getString(1), rs.getString(2), rs.wasNull() ? null : dept);
        }, args.toArray());
  }

  @Override
  public Map<Long, String> departmentNames(String corpId) {
    Map<Long, String> out = new HashMap<>();
    jdbc.query("SELECT dept_id, name FROM scrm_department WHERE corp_id = ? AND deleted_at IS NULL",
        rs -> {
          out.put(rs.getLong(1), rs.getString(2));
        }, corpId);
    return out;
  }

  @Override
  public Map<String, String> channelNames(String corpId) {
    Map<String, String> out = new HashMap<>();
    jdbc.query("SELECT state, name FROM scrm_contact_way WHERE corp_id = ?", rs -> {
      out.put(rs.getString(1), rs.getString(2));
    }, corpId);
    return out;
  }

  @Override
  public GroupTotals groups(String corpId, Collection<String> owners) {
    List<Object> args = new ArrayList<>(List.of(corpId));
    String scope = StaffScope.and("owner", owners, args);
    return jdbc.queryForObject("SELECT COUNT(*), COALESCE(SUM(member_count), 0) FROM scrm_group_chat "
        + "WHERE corp_id = ? AND dismissed_at IS NULL" + scope,
        (rs, i) -> new GroupTotals(rs.getLong(1), rs.getLong(2)), args.toArray());
  }

  @Override
  public List<GroupDay> groupEvents(String corpId, LocalDate from, LocalDate to, Collection<String> owners) {
    List<Object> args = new ArrayList<>(List.of(corpId, from, to));
    String scope = owners == null ? "" : " AND EXISTS (SELECT 1 FROM scrm_group_chat g WHERE g.corp_id = e.corp_id "
        + "AND g.chat_id = e.chat_id" + StaffScope.and("g.owner", owners, args) + ")";
    Map<LocalDate, long[]> days = new TreeMap<>();
    jdbc.query("SELECT e.event_day, e.kind, COUNT(*) FROM scrm_group_member_event e WHERE e.corp_id = ? "
        + "AND e.event_day >= ? AND e.event_day <= ?" + scope + " GROUP BY e.event_day, e.kind", rs -> {
          long[] d = days.computeIfAbsent(rs.getDate(1).toLocalDate(), k -> new long[2]);
          d["JOIN".equals(rs.getString(2)) ? 0 : 1] += rs.getLong(3);
        }, args.toArray());
    List<GroupDay> out = new ArrayList<>();
    days.forEach((d, n) -> out.add(new GroupDay(d, n[0], n[1])));
    return out;
  }

  /** {@code key, count} rows as a map (a null key as ""). */
  private Map<String, Long> counts(String sql, List<Object> args) {
    Map<String, Long> out = new LinkedHashMap<>();
    jdbc.query(sql, rs -> {
      String key = rs.getString(1);
      out.merge(key == null ? "" : key, rs.getLong(2), Long::sum);
    }, args.toArray());
    return out;
  }
}
