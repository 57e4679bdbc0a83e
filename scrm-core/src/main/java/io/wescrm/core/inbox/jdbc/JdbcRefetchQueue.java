package io.wescrm.core.inbox.jdbc;

import io.wescrm.core.inbox.RefetchQueue;
import io.wescrm.core.jdbc.JdbcTime;
import io.wescrm.core.jdbc.MultiRowInsert;
import io.wescrm.core.jdbc.Placeholders;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/** {@link RefetchQueue} in {@code scrm_refetch}: one row per object, whatever the number of requests. */
public class JdbcRefetchQueue implements RefetchQueue {

  private final JdbcTemplate jdbc;

  public JdbcRefetchQueue(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public void request(String corpId, Kind kind, String refId, Instant now, Duration window) {
    // a new row is due after the window; an existing one keeps its due time but records the newer request
    jdbc.update("INSERT INTO scrm_refetch (corp_id, kind, ref_id, requested_at, due_at) VALUES (?, ?, ?, ?, ?) "
        + "ON DUPLICATE KEY UPDATE requested_at = VALUES(requested_at)", ps -> Placeholders.bind(ps,
        new Object[] {corpId, kind.name(), refId, JdbcTime.ts(now), JdbcTime.ts(now.plus(window))}));
  }

  @Override
  public void requestAll(List<Request> requests, Instant now, Duration window) {
    // distinct and in key order: concurrent chunks lock the unique index in the same order
    List<Request> rows = requests.stream().distinct().sorted(java.util.Comparator.comparing(Request::corpId)
        .thenComparing(Request::kind).thenComparing(Request::refId)).toList();
    Object requested = JdbcTime.ts(now);
    Object due = JdbcTime.ts(now.plus(window));
    MultiRowInsert.insert(jdbc, "INSERT INTO scrm_refetch (corp_id, kind, ref_id, requested_at, due_at)",
        rows.stream().map(r -> new Object[] {r.corpId(), r.kind().name(), r.refId(), requested, due}).toList(),
        " ON DUPLICATE KEY UPDATE requested_at = VALUES(requested_at)");
  }

  @Override
  public List<Entry> due(String corpId, Instant now, int limit) {
    return jdbc.query("SELECT id, corp_id, kind, ref_id, requested_at, attempts FROM scrm_refetch WHERE corp_id = ? "
        + "AND due_at <= ? ORDER BY due_at, id LIMIT ?", (rs, n) -> new Entry(rs.getLong(1), rs.getString(2),
        Kind.valueOf(rs.getString(3)), rs.getString(4), rs.getTimestamp(5).toInstant(), rs.getInt(6)),
        corpId, JdbcTime.ts(now), limit);
  }

  @Override
  public void done(Entry entry, Instant fetchStartedAt) {
    jdbc.update("DELETE FROM scrm_refetch WHERE id = ? AND requested_at <= ?", ps -> Placeholders.bind(ps,
        new Object[] {entry.id(), JdbcTime.ts(fetchStartedAt)}));
  }

  @Override
  public void failed(Entry entry, Instant retryAt, String error) {
    jdbc.update("UPDATE scrm_refetch SET attempts = attempts + 1, due_at = ?, last_error = ? WHERE id = ?",
        ps -> Placeholders.bind(ps, new Object[] {JdbcTime.ts(retryAt),
            error == null || error.length() <= 1000 ? error : error.substring(0, 1000), entry.id()}));
  }

  @Override
  public long backlog(String corpId) {
    Long n = jdbc.queryForObject("SELECT COUNT(*) FROM scrm_refetch WHERE corp_id = ?", Long.class, corpId);
    return n == null ? 0 : n;
  }

  @Override
  public Optional<Instant> oldestDue(String corpId, Instant now) {
    return jdbc.query("SELECT MIN(due_at) FROM scrm_refetch WHERE corp_id = ? AND due_at <= ?",
        (rs, n) -> rs.getTimestamp(1), corpId, JdbcTime.ts(now)).stream()
        .filter(java.util.Objects::nonNull).map(java.sql.Timestamp::toInstant).findFirst();
  }
}
