package io.wescrm.core.acquisition.jdbc;

import io.wescrm.core.acquisition.WelcomeJob;
import io.wescrm.core.acquisition.WelcomeLedger;
import io.wescrm.core.jdbc.JdbcTime;
import io.wescrm.core.jdbc.MultiRowInsert;
import io.wescrm.core.jdbc.Placeholders;
import io.wescrm.core.jdbc.StaffScope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** {@link WelcomeLedger} over JDBC: {@code scrm_welcome_ledger}, unique per (corp, welcome code). */
public class JdbcWelcomeLedger implements WelcomeLedger {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String COLUMNS = "corp_id, welcome_code, userid, external_userid, state, contact_way_id, "
      + "status, errcode, reason, attempts, content, node, received_at, claimed_at, finished_at, latency_ms";

  private final JdbcTemplate jdbc;

  public JdbcWelcomeLedger(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public boolean claim(String corpId, String welcomeCode, String userid, String externalUserId, String state,
      Instant receivedAt, String node, Instant now) {
    try {
      jdbc.update("INSERT INTO scrm_welcome_ledger (corp_id, welcome_code, userid, external_userid, state, status, "
          + "node, received_at, claimed_at) VALUES (?, ?, ?, ?, ?, 'PENDING', ?, ?, ?)",
          ps -> Placeholders.bind(ps, new Object[] {corpId, welcomeCode, userid, externalUserId, state, node,
              JdbcTime.ts(receivedAt), JdbcTime.ts(now)}));
      return true;
    } catch (DuplicateKeyException e) {
      return false;
    }
  }

  @Override
  public boolean reclaim(String corpId, String welcomeCode, String node, Instant staleBefore, Instant now) {
    return jdbc.update("UPDATE scrm_welcome_ledger SET node = ?, claimed_at = ? WHERE corp_id = ? AND welcome_code = ? "
        + "AND status = 'PENDING' AND claimed_at < ?", node, JdbcTime.ts(now), corpId, welcomeCode,
        JdbcTime.ts(staleBefore)) == 1;
  }

  @Override
  public void finish(String corpId, String welcomeCode, Status status, Long contactWayId, Integer errcode,
      String reason, int attempts, String content, Instant finishedAt, Integer latencyMs) {
    jdbc.update("UPDATE scrm_welcome_ledger SET status = ?, contact_way_id = ?, errcode = ?, reason = ?, attempts = ?, "
        + "content = ?, finished_at = ?, latency_ms = ? WHERE corp_id = ? AND welcome_code = ?",
        ps -> Placeholders.bind(ps, new Object[] {status.name(), contactWayId, errcode, reason, attempts, content,
            JdbcTime.ts(finishedAt), latencyMs, corpId, welcomeCode}));
  }

  @Override
  public void record(String corpId, String key, String userid, String externalUserId, String state, Status status,
      String reason, Instant receivedAt, Instant now) {
    jdbc.update("INSERT INTO scrm_welcome_ledger (corp_id, welcome_code, userid, external_userid, state, status, "
        + "reason, received_at, claimed_at, finished_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        + "ON DUPLICATE KEY UPDATE welcome_code = welcome_code",
        ps -> Placeholders.bind(ps, new Object[] {corpId, key, userid, externalUserId, state, status.name(), reason,
            JdbcTime.ts(receivedAt), JdbcTime.ts(now), JdbcTime.ts(now)}));
  }

  @Override
  public void recordAll(List<Final> all, Instant now) {
    // one multi-row insert (in key order, against deadlocks) instead of a statement and a commit per add
    List<Final> rows = new java.util.ArrayList<>(all.stream().collect(java.util.stream.Collectors.toMap(
        r -> r.corpId() + '\u0000' + r.key(), r -> r, (a, b) -> a, java.util.TreeMap::new)).values());
    MultiRowInsert.insert(jdbc, "INSERT INTO scrm_welcome_ledger (corp_id, welcome_code, userid, external_userid, "
        + "state, status, reason, received_at, claimed_at, finished_at)", rows.stream().map(r -> new Object[] {
            r.corpId(), r.key(), r.userid(), r.externalUserId(), r.state(), r.status().name(), r.reason(),
            JdbcTime.ts(r.receivedAt()), JdbcTime.ts(now), JdbcTime.ts(now)}).toList(),
        " ON DUPLICATE KEY UPDATE welcome_code = welcome_code");
  }

  @Override
  public Optional<Entry> find(String corpId, String welcomeCode, java.util.Collection<String> staffScope) {
    List<Object> args = new ArrayList<>(List.of(corpId, welcomeCode));
    String scope = staffScope == null ? "" : " AND " + Placeholders.in("userid", staffScope, args);
    return jdbc.query("SELECT " + COLUMNS + " FROM scrm_welcome_ledger WHERE corp_id = ? AND welcome_code = ?" + scope,
        JdbcWelcomeLedger::map, args.toArray()).stream().findFirst();
  }

  @Override
  public List<Entry> recent(String corpId, Status status, int limit, java.util.Collection<String> staffScope) {
    List<Object> args = new ArrayList<>(List.of(corpId));
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM scrm_welcome_ledger WHERE corp_id = ?");
    if (status != null) {
      sql.append(" AND status = ?");
      args.add(status.name());
    }
    if (staffScope != null) {
      sql.append(" AND ").append(Placeholders.in("userid", staffScope, args));
    }
    args.add(limit);
    return jdbc.query(sql + " ORDER BY id DESC LIMIT ?", JdbcWelcomeLedger::map, args.toArray());
  }

  @Override
  public List<Entry> forCustomer(String corpId, String externalUserId, int limit,
      java.util.Collection<String> staffScope) {
    List<Object> args = new ArrayList<>(List.of(corpId, externalUserId));
    String scope = StaffScope.and("userid", staffScope, args);
    args.add(limit);
    return jdbc.query("SELECT " + COLUMNS + " FROM scrm_welcome_ledger WHERE corp_id = ? AND external_userid = ?"
        + scope + " ORDER BY id DESC LIMIT ?", JdbcWelcomeLedger::map, args.toArray());
  }

  @Override
  public List<Entry> pendingSince(String corpId, Instant since) {
    return jdbc.query("SELECT " + COLUMNS + " FROM scrm_welcome_ledger WHERE corp_id = ? AND status = 'PENDING' "
        + "AND received_at >= ? ORDER BY received_at", JdbcWelcomeLedger::map, corpId, JdbcTime.ts(since));
  }

  @Override
  public Unclaimed unclaimed(String corpId, Instant since, long afterId) {
    long max = jdbc.queryForObject("SELECT COALESCE(MAX(id), 0) FROM scrm_inbox_event", Long.class);
    List<Candidate> found = new ArrayList<>();
    // a primary-key range (newest events only, after the caller's cursor); events without a code are not sent
    // back, so a burst of adds from QR codes without welcome messages costs the sweep next to nothing
    jdbc.query("SELECT e.id, e.fields, e.received_at FROM scrm_inbox_event e WHERE e.id > ? AND e.id <= ? "
        + "AND e.corp_id = ? AND e.received_at >= ? AND e.event = 'change_external_contact' "
        + "AND e.change_type IN ('add_external_contact', 'add_half_external_contact') "
        + "AND e.fields LIKE '%WelcomeCode%' ORDER BY e.id", rs -> {
          JsonNode fields = JSON.readTree(rs.getString(2));
          String code = text(fields, "WelcomeCode");
          if (code != null) {
            found.add(new Candidate(rs.getLong(1), new WelcomeJob(corpId, code, text(fields, "UserID"),
                text(fields, "ExternalUserID"), text(fields, "State"), rs.getTimestamp(3).toInstant())));
          }
        }, Math.max(afterId, max - SWEEP_SPAN), max, corpId, JdbcTime.ts(since));
    java.util.Set<String> claimed = new java.util.HashSet<>();
    for (int from = 0; from < found.size(); from += 1_000) {
      List<Candidate> chunk = found.subList(from, Math.min(found.size(), from + 1_000));
      List<Object> args = new ArrayList<>(List.of(corpId));
      chunk.forEach(c -> args.add(c.job().welcomeCode()));
      claimed.addAll(jdbc.queryForList("SELECT welcome_code FROM scrm_welcome_ledger WHERE corp_id = ? AND "
          + "welcome_code IN (" + Placeholders.marks(chunk.size()) + ")", String.class, args.toArray()));
    }
    return new Unclaimed(found.stream().filter(c -> !claimed.contains(c.job().welcomeCode())).toList(), max);
  }

  @Override
  public Summary summary(String corpId, Instant from, Instant to, java.util.Collection<String> staffScope) {
    Map<Status, Long> counts = new EnumMap<>(Status.class);
    List<Object> args = new ArrayList<>(List.of(corpId, JdbcTime.ts(from), JdbcTime.ts(to)));
    String scope = staffScope == null ? "" : " AND " + Placeholders.in("userid", staffScope, args);
    jdbc.query("SELECT status, COUNT(*) FROM scrm_welcome_ledger WHERE corp_id = ? AND received_at >= ? AND "
        + "received_at < ?" + scope + " GROUP BY status", rs -> {
          counts.put(Status.valueOf(rs.getString(1)), rs.getLong(2));
        }, args.toArray());
    List<Integer> latencies = jdbc.queryForList("SELECT latency_ms FROM scrm_welcome_ledger WHERE corp_id = ? AND "
        + "received_at >= ? AND received_at < ?" + scope + " AND status = 'SENT' ORDER BY latency_ms",
        Integer.class, args.toArray());
    long within = latencies.stream().filter(l -> l != null && l <= 20_000).count();
    return new Summary(counts, latencies.size(), within, percentile(latencies, 0.50), percentile(latencies, 0.99),
        latencies.isEmpty() ? null : latencies.get(latencies.size() - 1));
  }

  private static Integer percentile(List<Integer> sorted, double p) {
    if (sorted.isEmpty()) {
      return null;
    }
    int index = (int) Math.ceil(p * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }

  private static String text(JsonNode fields, String name) {
    JsonNode node = fields.get(name);
    return node == null || node.isNull() || node.asString().isEmpty() ? null : node.asString();
  }

  private static Entry map(ResultSet rs, int row) throws SQLException {
    long way = rs.getLong("contact_way_id");
    Long wayId = rs.wasNull() ? null : way;
    int err = rs.getInt("errcode");
    Integer errcode = rs.wasNull() ? null : err;
    int latency = rs.getInt("latency_ms");
    Integer latencyMs = rs.wasNull() ? null : latency;
    return new Entry(rs.getString("corp_id"), rs.getString("welcome_code"), rs.getString("userid"),
        rs.getString("external_userid"), rs.getString("state"), wayId, Status.valueOf(rs.getString("status")),
        errcode, rs.getString("reason"), rs.getInt("attempts"), rs.getString("content"), rs.getString("node"),
        JdbcTime.instant(rs.getTimestamp("received_at")), JdbcTime.instant(rs.getTimestamp("claimed_at")),
        JdbcTime.instant(rs.getTimestamp("finished_at")), latencyMs);
  }
}
