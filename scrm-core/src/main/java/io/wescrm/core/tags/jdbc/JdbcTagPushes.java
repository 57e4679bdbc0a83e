package io.wescrm.core.tags.jdbc;

import io.wescrm.core.jdbc.JdbcTime;
import io.wescrm.core.jdbc.MultiRowInsert;
import io.wescrm.core.remote.RemoteCallException;
import io.wescrm.core.remote.RemoteCorps;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The outbox of tag writes to WeCom ({@code scrm_tag_push}). Local writes happen at once; this queue carries them to
 * WeCom: one row per relation x tag (a newer change of the same tag replaces an older one), drained one
 * {@code mark_tag} call per relation with all its adds and removes, through the call gate (rate and concurrency
 * limits). Transient failures back off; refusals (tag deleted, relation gone) are kept as FAILED for inspection.
 */
public class JdbcTagPushes {

  private static final Logger log = LoggerFactory.getLogger(JdbcTagPushes.class);
  static final int MAX_ATTEMPTS = 8;

  private final JdbcTemplate jdbc;
  private final RemoteCorps remote;
  private final Clock clock;

  public JdbcTagPushes(JdbcTemplate jdbc, RemoteCorps remote, Clock clock) {
    this.jdbc = jdbc;
    this.remote = remote;
    this.clock = clock;
  }

  /** One queued change: {@code add} true to add the tag, false to remove it. */
  public record Push(String userid, String externalUserId, String tagId, boolean add) {
  }

  /** Queues changes (in the caller's transaction); a queued change of the same relation and tag is replaced. */
  public void enqueue(String corpId, List<Push> pushes) {
    if (pushes.isEmpty()) {
      return;
    }
    LocalDateTime now = JdbcTime.ts(clock.instant());
    List<Object[]> rows = pushes.stream().map(p -> new Object[] {corpId, p.userid(), p.externalUserId(), p.tagId(),
        p.add() ? "ADD" : "REMOVE", now, now}).toList();
    MultiRowInsert.insert(jdbc, "INSERT INTO scrm_tag_push (corp_id, userid, external_userid, tag_id, op, status, "
        + "attempts, next_attempt_at, queued_at)", "(?, ?, ?, ?, ?, 'PENDING', 0, ?, ?)", rows,
        " ON DUPLICATE KEY UPDATE op = VALUES(op), status = 'PENDING', attempts = 0, "
        + "next_attempt_at = VALUES(next_attempt_at), last_error = NULL, queued_at = VALUES(queued_at)");
  }

  /** Queue state of a corp: pending and failed rows. */
  public Map<String, Long> counts(String corpId) {
    Map<String, Long> counts = new LinkedHashMap<>(Map.of("PENDING", 0L, "FAILED", 0L));
    jdbc.query("SELECT status, COUNT(*) FROM scrm_tag_push WHERE corp_id = ? AND status <> 'SENT' GROUP BY status",
        rs -> {
          counts.put(rs.getString(1), rs.getLong(2));
        }, corpId);
    return counts;
  }

  /** A change WeCom refused for good (kept for the operator, newest first). */
  public record FailedPush(String userid, String externalUserId, String tagId, String op, int attempts,
      String lastError) {
  }

  /** The newest failed pushes of a corp. */
  public List<FailedPush> failed(String corpId, int limit) {
    return jdbc.query("SELECT userid, external_userid, tag_id, op, attempts, last_error FROM scrm_tag_push "
        + "WHERE corp_id = ? AND status = 'FAILED' ORDER BY id DESC LIMIT ?", (rs, i) -> new FailedPush(
            rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5), rs.getString(6)),
        corpId, limit);
  }

  /** How long a sent change is remembered (see {@link #drain}). */
  static final Duration SENT_KEPT = Duration.ofMinutes(10);

  /**
   * Sends due changes of one corp, at most {@code maxRows} rows.
   *
   * @return relations written to WeCom
   */
  public int drain(String corpId, int maxRows) {
    LocalDateTime now = JdbcTime.ts(clock.instant());
    record Row(long id, String userid, String externalUserId, String tagId, String op, int attempts,
        Timestamp queuedAt) {
    }
    // only live tags: one deleted tag in a relation's call would make WeCom refuse the whole call (40068)
    List<Row> rows = jdbc.query("SELECT p.id, p.userid, p.external_userid, p.tag_id, p.op, p.attempts, p.queued_at "
        + "FROM scrm_tag_push p JOIN scrm_tag t ON t.corp_id = p.corp_id AND t.tag_id = p.tag_id "
        + "AND t.deleted_at IS NULL WHERE p.corp_id = ? AND p.status = 'PENDING' AND p.next_attempt_at <= ? "
        + "ORDER BY p.next_attempt_at, p.id LIMIT ?", (rs, i) -> new Row(rs.getLong(1), rs.getString(2),
        rs.getString(3), rs.getString(4), rs.getString(5), rs.getInt(6), rs.getTimestamp(7)), corpId, now, maxRows);
    // sent rows are kept SENT_KEPT: long enough for any re-fetch in flight to see that its page is older
    jdbc.update("DELETE FROM scrm_tag_push WHERE corp_id = ? AND status = 'SENT' AND next_attempt_at < ? LIMIT 5000",
        corpId, JdbcTime.ts(clock.instant().minus(SENT_KEPT)));
    if (rows.isEmpty()) {
      // idle: forget changes of tags deleted meanwhile (in WeCom, by a sync, or through our API)
      jdbc.update("DELETE FROM scrm_tag_push WHERE corp_id = ? AND NOT EXISTS (SELECT 1 FROM scrm_tag t "
          + "WHERE t.corp_id = scrm_tag_push.corp_id AND t.tag_id = scrm_tag_push.tag_id AND t.deleted_at IS NULL)",
          corpId);
      return 0;
    }
    Map<String, List<Row>> byRelation = new LinkedHashMap<>();
    rows.forEach(r -> byRelation.computeIfAbsent(r.userid() + '\u0000' + r.externalUserId(),
        k -> new ArrayList<>()).add(r));
    int written = 0;
    for (List<Row> relation : byRelation.values()) {
      Row first = relation.get(0);
      List<String> add = relation.stream().filter(r -> r.op().equals("ADD")).map(Row::tagId).toList();
      List<String> remove = relation.stream().filter(r -> r.op().equals("REMOVE")).map(Row::tagId).toList();
      try {
        remote.tags(corpId).markTag(first.userid(), first.externalUserId(), add, remove);
        LocalDateTime sent = JdbcTime.ts(clock.instant());
        for (Row r : relation) {
          // a change queued meanwhile (newer queued_at) stays for the next pass; a sent one is kept a while, so that
          // a re-fetch whose page was read before this call does not take the tag back (JdbcCorpMirror)
          jdbc.update("UPDATE scrm_tag_push SET status = 'SENT', next_attempt_at = ? WHERE id = ? AND queued_at = ? "
              + "AND op = ?", sent, r.id(), r.queuedAt(), r.op());
        }
        written++;
      } catch (RemoteCallException e) {
        if (e.kind() == RemoteCallException.Kind.CONFIGURATION) {
          log.warn("Tag push of corp {} stopped: {}", corpId, e.getMessage());
          return written;
        }
        boolean retry = e.kind() == RemoteCallException.Kind.TRANSIENT;
        for (Row r : relation) {
          boolean failed = !retry || r.attempts() + 1 >= MAX_ATTEMPTS;
          Duration backoff = Duration.ofSeconds(Math.min(3600, 5L << Math.min(r.attempts(), 10)));
          jdbc.update("UPDATE scrm_tag_push SET status = ?, attempts = attempts + 1, next_attempt_at = ?, "
              + "last_error = ? WHERE id = ? AND queued_at = ?", failed ? "FAILED" : "PENDING",
              JdbcTime.ts(clock.instant().plus(backoff)), truncate(e.getMessage()), r.id(), r.queuedAt());
        }
        log.info("mark_tag {}/{} failed ({}): {}", first.userid(), first.externalUserId(), e.kind(), e.errcode());
      }
    }
    return written;
  }

  private static String truncate(String s) {
    return s == null || s.length() <= 1000 ? s : s.substring(0, 1000);
  }
}
