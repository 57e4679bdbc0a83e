package io.wescrm.core.acquisition.jdbc;

import io.wescrm.core.acquisition.Attributions;
import io.wescrm.core.jdbc.JdbcTime;
import io.wescrm.core.jdbc.MultiRowInsert;
import io.wescrm.core.jdbc.Placeholders;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/** {@link Attributions} over JDBC: {@code scrm_customer_attribution}, names from the mirrored directory. */
public class JdbcAttributions implements Attributions {

  private final JdbcTemplate jdbc;

  public JdbcAttributions(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public boolean recordFirstTouch(Attribution a, Instant now) {
    // the first add wins: a later add (another staff member, another store) leaves the row alone
    if (find(a.corpId(), a.externalUserId()).isPresent()) {
      return false;
    }
    return jdbc.update("INSERT INTO scrm_customer_attribution (corp_id, external_userid, userid, state, "
        + "contact_way_id, channel, campaign, store_dept_id, added_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        + "ON DUPLICATE KEY UPDATE external_userid = external_userid",
        ps -> Placeholders.bind(ps, new Object[] {a.corpId(), a.externalUserId(), a.userid(), a.state(),
            a.contactWayId(), a.channel(), a.campaign(), a.storeDeptId(), JdbcTime.ts(a.addedAt()),
            JdbcTime.ts(now)})) == 1;
  }

  @Override
  public int recordFirstTouches(java.util.List<Attribution> all, Instant now) {
    // per corp: one query for who is attributed already, one multi-row insert for the rest (was 2 statements and a
    // commit per add); the first add of a customer in the list wins, rows go in key order against deadlocks
    java.util.Map<String, java.util.Map<String, Attribution>> byCorp = new java.util.LinkedHashMap<>();
    for (Attribution a : all) {
      byCorp.computeIfAbsent(a.corpId(), c -> new java.util.TreeMap<>()).putIfAbsent(a.externalUserId(), a);
    }
    int stored = 0;
    for (java.util.Map.Entry<String, java.util.Map<String, Attribution>> corp : byCorp.entrySet()) {
      java.util.List<String> ids = java.util.List.copyOf(corp.getValue().keySet());
      for (int from = 0; from < ids.size(); from += 500) {
        java.util.List<String> part = ids.subList(from, Math.min(ids.size(), from + 500));
        java.util.Set<String> known = new java.util.HashSet<>(jdbc.queryForList("SELECT external_userid FROM "
            + "scrm_customer_attribution WHERE corp_id = ? AND external_userid IN ("
            + String.join(",", java.util.Collections.nCopies(part.size(), "?")) + ")", String.class,
            java.util.stream.Stream.concat(java.util.stream.Stream.of(corp.getKey()), part.stream()).toArray()));
        java.util.List<Attribution> fresh = part.stream().filter(id -> !known.contains(id))
            .map(corp.getValue()::get).toList();
        if (fresh.isEmpty()) {
          continue;
        }
        MultiRowInsert.insert(jdbc, "INSERT INTO scrm_customer_attribution (corp_id, external_userid, userid, state, "
            + "contact_way_id, channel, campaign, store_dept_id, added_at, created_at)", fresh.stream()
            .map(a -> new Object[] {a.corpId(), a.externalUserId(), a.userid(), a.state(), a.contactWayId(),
                a.channel(), a.campaign(), a.storeDeptId(), JdbcTime.ts(a.addedAt()), JdbcTime.ts(now)})
            .toList(), " ON DUPLICATE KEY UPDATE external_userid = external_userid");
        stored += fresh.size();
      }
    }
    return stored;
  }

  @Override
  public Optional<Attribution> find(String corpId, String externalUserId) {
    return jdbc.query("SELECT a.corp_id, a.external_userid, a.userid, a.state, a.contact_way_id, a.channel, "
        + "a.campaign, a.store_dept_id, d.name AS store_name, a.added_at FROM scrm_customer_attribution a "
        + "LEFT JOIN scrm_department d ON d.corp_id = a.corp_id AND d.dept_id = a.store_dept_id "
        + "WHERE a.corp_id = ? AND a.external_userid = ?", (rs, i) -> {
          long way = rs.getLong("contact_way_id");
          Long wayId = rs.wasNull() ? null : way;
          long store = rs.getLong("store_dept_id");
          Long storeId = rs.wasNull() ? null : store;
          return new Attribution(rs.getString("corp_id"), rs.getString("external_userid"), rs.getString("userid"),
              rs.getString("state"), wayId, rs.getString("channel"), rs.getString("campaign"), storeId,
              rs.getString("store_name"), rs.getTimestamp("added_at").toInstant());
        }, corpId, externalUserId).stream().findFirst();
  }

  @Override
  public Optional<String> customerName(String corpId, String externalUserId) {
    return jdbc.queryForList("SELECT name FROM scrm_customer WHERE corp_id = ? AND external_userid = ?", String.class,
        corpId, externalUserId).stream().filter(n -> n != null && !n.isEmpty()).findFirst();
  }

  @Override
  public Optional<String> staffName(String corpId, String userid) {
    return jdbc.queryForList("SELECT name FROM scrm_staff WHERE corp_id = ? AND userid = ?", String.class, corpId,
        userid).stream().filter(n -> n != null && !n.isEmpty()).findFirst();
  }

  @Override
  public Optional<Long> staffMainDepartment(String corpId, String userid) {
    return jdbc.queryForList("SELECT main_department FROM scrm_staff WHERE corp_id = ? AND userid = ?", Long.class,
        corpId, userid).stream().filter(java.util.Objects::nonNull).findFirst();
  }

  @Override
  public Optional<String> departmentName(String corpId, long deptId) {
    return jdbc.queryForList("SELECT name FROM scrm_department WHERE corp_id = ? AND dept_id = ?", String.class,
        corpId, deptId).stream().filter(n -> n != null && !n.isEmpty()).findFirst();
  }

  @Override
  public java.util.List<Unattributed> unattributed(String corpId, Instant createdSince, Instant addedSince,
      long afterId, int limit) {
    // last_seen_run is set only by sync passes: a relation the callback path wrote and no pass has seen yet is not
    // "found" (its own add event attributes it)
    return jdbc.query("SELECT r.id, r.userid, r.external_userid, r.state, r.added_at FROM scrm_follow_relation r "
        + "WHERE r.corp_id = ? AND r.added_at >= ? AND r.created_at >= ? AND r.id > ? AND r.deleted_at IS NULL "
        + "AND r.last_seen_run IS NOT NULL AND NOT EXISTS (SELECT 1 FROM scrm_customer_attribution a "
        + "WHERE a.corp_id = r.corp_id AND a.external_userid = r.external_userid) ORDER BY r.id LIMIT ?",
        (rs, n) -> new Unattributed(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getTimestamp(5).toInstant()), corpId, JdbcTime.ts(addedSince), JdbcTime.ts(createdSince), afterId,
        limit);
  }
}
