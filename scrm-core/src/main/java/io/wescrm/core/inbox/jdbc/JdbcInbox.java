package io.wescrm.core.inbox.jdbc;

import io.wescrm.core.corp.Views;
import io.wescrm.core.inbox.Inbox;
import io.wescrm.core.inbox.InboxEvent;
import io.wescrm.core.inbox.StoredEvent;
import io.wescrm.core.jdbc.DeadlockRetry;
import io.wescrm.core.jdbc.JdbcTime;
import io.wescrm.core.jdbc.Placeholders;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/** {@link Inbox} in {@code scrm_inbox_event}: one multi-row insert per batch, duplicates skipped by the unique key. */
public class JdbcInbox implements Inbox {

  private static final String COLUMNS = "id, corp_id, event, change_type, order_key, event_time, fields, payload, "
      + "status, attempts, next_attempt_at, received_at, last_error";
  /** Few: the callers wait for their acknowledgement; a batch that keeps losing answers 503 and WeCom re-sends. */
  private static final int STORE_ATTEMPTS = 3;
  private static final String ROW = "(?,?,?,?,?,?,?,?,?)";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, String>> FIELDS = new TypeReference<>() { };
  /** Statuses of events received and not yet applied (the inbox's depth). */
  private static final List<String> UNAPPLIED = List.of("PENDING", "RETRY");

  private final JdbcTemplate jdbc;

  public JdbcInbox(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public void store(List<InboxEvent> events, Instant receivedAt) {
    if (events.isEmpty()) {
      return;
    }
    String sql = "INSERT INTO scrm_inbox_event (corp_id, dedupe_key, event, change_type, order_key, event_time, "
        + "fields, payload, received_at) VALUES " + String.join(",", Collections.nCopies(events.size(), ROW))
        + " ON DUPLICATE KEY UPDATE status = status";
    Object[] args = new Object[events.size() * 9];
    int i = 0;
    Object received = JdbcTime.ts(receivedAt);
    for (InboxEvent e : events) {
      args[i++] = e.corpId();
      args[i++] = e.dedupeKey();
      args[i++] = e.event();
      args[i++] = e.changeType();
      args[i++] = e.orderKey();
      args[i++] = JdbcTime.ts(e.eventTime());
      args[i++] = JSON.writeValueAsString(new java.util.TreeMap<>(e.fields()));
      args[i++] = e.payload();
      args[i++] = received;
    }
    // two writers storing overlapping batches (WeCom re-sending events while the first copies are being stored)
    // can deadlock on the unique key's gap locks even in key order; the loser is rolled back whole: store it again
    DeadlockRetry.run("Inbox write of " + events.size() + " event(s)", STORE_ATTEMPTS,
        () -> jdbc.update(sql, ps -> Placeholders.bind(ps, args)));
  }

  @Override
  public List<StoredEvent> due(String corpId, Instant now, int limit) {
    // keys held back by a failed event that is not due yet are left out entirely: their later events must wait, and
    // they must not fill the window and starve every other key. A correlated count (one probe of the
    // (order_key, corp_id, status) index per candidate, read in id order until the limit), not a NOT IN list of every
    // blocked key: that list ran past the 32k-placeholder limit of a statement when an outage had put that many keys
    // on retry. Not NOT EXISTS either: MariaDB materialises that subquery by scanning the whole index (6,000 index
    // reads per pass beside 3,000 pending rows, InboxQueriesIT), while a scalar count stays a dependent probe.
    String exclude = " AND (SELECT COUNT(*) FROM scrm_inbox_event b WHERE b.order_key = e.order_key "
        + "AND b.corp_id = e.corp_id AND b.status = 'RETRY' AND b.next_attempt_at > ?) = 0";
    Object next = JdbcTime.ts(now);
    List<Object> args = new java.util.ArrayList<>();
    for (String status : UNAPPLIED) {
      args.add(corpId);
      args.add(status);
      args.add(next);
      args.add(limit);
    }
    args.add(limit);
    return jdbc.query(perUnappliedStatus(COLUMNS, exclude), ps -> Placeholders.bind(ps, args.toArray()),
        JdbcInbox::map);
  }

  /**
   * {@code SELECT columns … WHERE corp_id = ? AND status = ? <where> ORDER BY id LIMIT ?} once per unapplied status,
   * merged in id order and cut at the limit again (parameters: corp, status, where's, limit per status, then the
   * limit). Each part is one range of the (corp_id, status, id) index read in id order: with "status IN (...) ORDER BY
   * id" MariaDB walked the primary key from the oldest row through every applied event the inbox keeps (1.6 s per
   * pass with 250k applied rows: the applier's queries were most of the database's CPU in a burst).
   */
  private static String perUnappliedStatus(String columns, String where) {
    String part = "(SELECT " + columns + " FROM scrm_inbox_event e WHERE corp_id = ? AND status = ?" + where
        + " ORDER BY id LIMIT ?)";
    return String.join(" UNION ALL ", Collections.nCopies(UNAPPLIED.size(), part)) + " ORDER BY id LIMIT ?";
  }

  @Override
  public void applied(List<Long> ids, Instant now) {
    if (ids.isEmpty()) {
      return;
    }
    Object[] args = new Object[ids.size() + 1];
    args[0] = JdbcTime.ts(now);
    for (int i = 0; i < ids.size(); i++) {
      args[i + 1] = ids.get(i);
    }
    jdbc.update("UPDATE scrm_inbox_event SET status = 'APPLIED', applied_at = ?, last_error = NULL WHERE id IN ("
        + Placeholders.marks(ids.size()) + ")", ps -> Placeholders.bind(ps, args));
  }

  @Override
  public void ignored(List<Long> ids, Instant now) {
    if (ids.isEmpty()) {
      return;
    }
    Object[] args = new Object[ids.size() + 1];
    args[0] = JdbcTime.ts(now);
    for (int i = 0; i < ids.size(); i++) {
      args[i + 1] = ids.get(i);
    }
    jdbc.update("UPDATE scrm_inbox_event SET status = 'IGNORED', applied_at = ?, last_error = NULL WHERE id IN ("
        + Placeholders.marks(ids.size()) + ")", ps -> Placeholders.bind(ps, args));
  }

  @Override
  public void retryLater(long id, int attempts, Instant next, String error) {
    jdbc.update("UPDATE scrm_inbox_event SET status = 'RETRY', attempts = ?, next_attempt_at = ?, last_error = ? "
        + "WHERE id = ?", ps -> Placeholders.bind(ps, new Object[] {attempts, JdbcTime.ts(next),
            truncate(error), id}));
  }

  @Override
  public void park(long id, int attempts, String reason) {
    jdbc.update("UPDATE scrm_inbox_event SET status = 'PARKED', attempts = ?, last_error = ? WHERE id = ?",
        ps -> Placeholders.bind(ps, new Object[] {attempts, truncate(reason), id}));
  }

  @Override
  public boolean replay(String corpId, long id, Instant now) {
    return jdbc.update("UPDATE scrm_inbox_event SET status = 'PENDING', attempts = 0, next_attempt_at = NULL "
        + "WHERE corp_id = ? AND id = ? AND status = 'PARKED'", corpId, id) == 1;
  }

  @Override
  public boolean discard(String corpId, long id, String reason, Instant now) {
    return jdbc.update("UPDATE scrm_inbox_event SET status = 'DISCARDED', applied_at = ?, last_error = ? "
        + "WHERE corp_id = ? AND id = ? AND status = 'PARKED'", ps -> Placeholders.bind(ps, new Object[] {
            JdbcTime.ts(now), truncate(reason), corpId, id})) == 1;
  }

  @Override
  public Optional<StoredEvent> find(String corpId, long id) {
    return jdbc.query("SELECT " + COLUMNS + " FROM scrm_inbox_event WHERE corp_id = ? AND id = ?", JdbcInbox::map,
        corpId, id).stream().findFirst();
  }

  @Override
  public List<StoredEvent> parked(String corpId, int limit) {
    return jdbc.query("SELECT " + COLUMNS + " FROM scrm_inbox_event WHERE corp_id = ? AND status = 'PARKED' "
        + "ORDER BY id DESC LIMIT ?", JdbcInbox::map, corpId, limit);
  }

  @Override
  public Views.Page<StoredEvent> events(String corpId, String status, String event, int page, int size) {
    // with a status: one range of the (corp_id, status, id) index read backwards; without: the corp's rows newest first
    StringBuilder where = new StringBuilder(" FROM scrm_inbox_event WHERE corp_id = ?");
    List<Object> args = new java.util.ArrayList<>(List.of(corpId));
    if (status != null && !status.isBlank()) {
      where.append(" AND status = ?");
      args.add(status);
    }
    if (event != null && !event.isBlank()) {
      where.append(" AND event = ?");
      args.add(event);
    }
    Long total = jdbc.queryForObject("SELECT COUNT(*)" + where, Long.class, args.toArray());
    List<Object> pageArgs = new java.util.ArrayList<>(args);
    pageArgs.add(size);
    pageArgs.add((long) (page - 1) * size);
    List<StoredEvent> items = jdbc.query("SELECT " + COLUMNS + where + " ORDER BY id DESC LIMIT ? OFFSET ?",
        ps -> Placeholders.bind(ps, pageArgs.toArray()), JdbcInbox::map);
    return new Views.Page<>(items, page, size, total == null ? 0 : total);
  }

  @Override
  public long depth(String corpId) {
    Long n = jdbc.queryForObject("SELECT COUNT(*) FROM scrm_inbox_event WHERE corp_id = ? AND status IN "
        + "('PENDING', 'RETRY')", Long.class, corpId);
    return n == null ? 0 : n;
  }

  @Override
  public long parkedCount(String corpId) {
    Long n = jdbc.queryForObject("SELECT COUNT(*) FROM scrm_inbox_event WHERE corp_id = ? AND status = 'PARKED'",
        Long.class, corpId);
    return n == null ? 0 : n;
  }

  @Override
  public Optional<Instant> oldestUnapplied(String corpId) {
    List<Object> args = new java.util.ArrayList<>();
    for (String status : UNAPPLIED) {
      args.addAll(List.of(corpId, status, 1));
    }
    args.add(1);
    return jdbc.query(perUnappliedStatus("id, received_at", ""), ps -> Placeholders.bind(ps, args.toArray()),
        (rs, n) -> rs.getTimestamp(2).toInstant()).stream().findFirst();
  }

  @Override
  public PurgeBatch purgeFinished(String corpId, String status, Instant before, long afterId, int limit) {
    if (!FINISHED.contains(status)) {
      throw new IllegalArgumentException("not a finished status: " + status);
    }
    // keyset scan of the (corp_id, status, id) index: ids grow with received_at, so the scan ends at the first event
    // received after the cut-off and never walks the applied events that are kept
    List<Object[]> rows = jdbc.query("SELECT id, received_at, applied_at FROM scrm_inbox_event WHERE corp_id = ? "
        + "AND status = ? AND id > ? ORDER BY id LIMIT ?",
        ps -> Placeholders.bind(ps, new Object[] {corpId, status, afterId, limit}),
        (rs, n) -> new Object[] {rs.getLong(1), rs.getTimestamp(2).toInstant(),
            rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant()});
    List<Long> old = new java.util.ArrayList<>();
    long last = afterId;
    boolean reachedKept = rows.size() < limit;
    for (Object[] row : rows) {
      Instant received = (Instant) row[1];
      Instant applied = (Instant) row[2];
      if (!received.isBefore(before)) {
        reachedKept = true;
        break;
      }
      last = (Long) row[0];
      if (applied == null || applied.isBefore(before)) {
        old.add(last);
      }
    }
    int deleted = 0;
    if (!old.isEmpty()) {
      Object[] args = new Object[old.size() + 2];
      args[0] = corpId;
      args[1] = status;
      for (int i = 0; i < old.size(); i++) {
        args[i + 2] = old.get(i);
      }
      // by primary key, so that the delete locks only these rows (the writer keeps inserting at the other end)
      deleted = jdbc.update("DELETE FROM scrm_inbox_event WHERE corp_id = ? AND status = ? AND id IN ("
          + Placeholders.marks(old.size()) + ")", ps -> Placeholders.bind(ps, args));
    }
    return new PurgeBatch(deleted, last, reachedKept);
  }

  private static StoredEvent map(ResultSet rs, int row) throws SQLException {
    Timestamp eventTime = rs.getTimestamp("event_time");
    Timestamp next = rs.getTimestamp("next_attempt_at");
    return new StoredEvent(rs.getLong("id"), rs.getString("corp_id"), rs.getString("event"),
        rs.getString("change_type"), rs.getString("order_key"), eventTime == null ? null : eventTime.toInstant(),
        JSON.readValue(rs.getString("fields"), FIELDS), rs.getString("payload"), rs.getString("status"),
        rs.getInt("attempts"), next == null ? null : next.toInstant(), rs.getTimestamp("received_at").toInstant(),
        rs.getString("last_error"));
  }

  private static String truncate(String s) {
    return s == null || s.length() <= 1000 ? s : s.substring(0, 1000);
  }
}
