package io.wescrm.core.moments.jdbc;

import static io.wescrm.core.jdbc.JdbcTime.instant;
import static io.wescrm.core.jdbc.JdbcTime.ts;

import io.wescrm.core.events.DomainEvent;
import io.wescrm.core.events.DomainEvents;
import io.wescrm.core.moments.MomentStore;
import io.wescrm.core.moments.MomentSyncPass;
import io.wescrm.core.moments.RemoteMoment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link MomentStore} over JDBC: moments and copies are inserted when new (moments do not change once published;
 * a copy's publish status only moves to 1), interactions are inserted when their (moment, customer, kind, time) is
 * not stored yet — the unique key of {@code scrm_moment_interaction} — with their domain events in the same
 * transaction.
 */
public class JdbcMomentStore implements MomentStore {

  static final String CORP_WIDE = "*";

  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;
  private final Supplier<DomainEvents> events;

  public JdbcMomentStore(JdbcTemplate jdbc, TransactionTemplate tx, Supplier<DomainEvents> events) {
    this.jdbc = jdbc;
    this.tx = tx;
    this.events = events;
  }

  @Override
  public Optional<Instant> listedTo(String corpId) {
    List<java.sql.Timestamp> rows = jdbc.queryForList("SELECT listed_to FROM scrm_moment_watermark WHERE corp_id = ? "
        + "AND creator = ?", java.sql.Timestamp.class, corpId, CORP_WIDE);
    return rows.isEmpty() ? Optional.empty() : Optional.of(instant(rows.get(0)));
  }

  @Override
  public void startListing(String corpId, Instant from, Instant now) {
    if (listedTo(corpId).isEmpty()) {
      jdbc.update("INSERT INTO scrm_moment_watermark (corp_id, creator, listed_to, backfill_from, updated_at) "
          + "VALUES (?, ?, ?, ?, ?)", corpId, CORP_WIDE, ts(from), ts(from), ts(now));
    }
  }

  @Override
  public void listed(String corpId, Instant to, Map<String, Instant> newestByCreator, Instant now) {
    tx.executeWithoutResult(status -> {
      jdbc.update("UPDATE scrm_moment_watermark SET listed_to = ?, updated_at = ? WHERE corp_id = ? AND creator = ?",
          ts(to), ts(now), corpId, CORP_WIDE);
      for (Map.Entry<String, Instant> e : newestByCreator.entrySet()) {
        int updated = jdbc.update("UPDATE scrm_moment_watermark SET listed_to = ?, last_create_time = CASE WHEN "
            + "last_create_time IS NULL OR last_create_time < ? THEN ? ELSE last_create_time END, updated_at = ? "
            + "WHERE corp_id = ? AND creator = ?", ts(to), ts(e.getValue()), ts(e.getValue()), ts(now), corpId,
            e.getKey());
        if (updated == 0) {
          jdbc.update("INSERT INTO scrm_moment_watermark (corp_id, creator, listed_to, last_create_time, updated_at) "
              + "VALUES (?, ?, ?, ?, ?)", corpId, e.getKey(), ts(to), ts(e.getValue()), ts(now));
        }
      }
    });
  }

  @Override
  public Set<String> upsertMoments(String corpId, List<RemoteMoment.Moment> moments, Instant now) {
    if (moments.isEmpty()) {
      return Set.of();
    }
    Map<String, RemoteMoment.Moment> byId = new LinkedHashMap<>();
    moments.forEach(m -> byId.putIfAbsent(m.momentId(), m));
    Set<String> known = new HashSet<>();
    List<String> ids = new ArrayList<>(byId.keySet());
    for (int i = 0; i < ids.size(); i += 500) {
      List<String> part = ids.subList(i, Math.min(ids.size(), i + 500));
      List<Object> args = new ArrayList<>();
      args.add(corpId);
      args.addAll(part);
      known.addAll(jdbc.queryForList("SELECT moment_id FROM scrm_moment WHERE corp_id = ? AND moment_id IN ("
          + String.join(", ", Collections.nCopies(part.size(), "?")) + ")", String.class, args.toArray()));
    }
    List<Object[]> rows = new ArrayList<>();
    Set<String> fresh = new LinkedHashSet<>();
    for (RemoteMoment.Moment m : byId.values()) {
      if (!known.contains(m.momentId())) {
        fresh.add(m.momentId());
        rows.add(new Object[] {corpId, m.momentId(), m.creator(), m.createType(), m.visibleType(), m.text(),
            m.mediaJson(), ts(m.createTime()), ts(now), ts(now)});
      }
    }
    if (!rows.isEmpty()) {
      jdbc.batchUpdate("INSERT INTO scrm_moment (corp_id, moment_id, creator, create_type, visible_type, text, "
          + "media_json, create_time, first_seen_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
    }
    return fresh;
  }

  @Override
  public Map<String, Integer> copies(String corpId, String momentId) {
    Map<String, Integer> copies = new LinkedHashMap<>();
    jdbc.query("SELECT userid, publish_status FROM scrm_moment_copy WHERE corp_id = ? AND moment_id = ? ORDER BY id",
        rs -> {
          copies.put(rs.getString(1), rs.getInt(2));
        }, corpId, momentId);
    return copies;
  }

  @Override
  public void upsertCopies(String corpId, String momentId, List<RemoteMoment.Task> tasks, Instant now) {
    Map<String, Integer> before = copies(corpId, momentId);
    List<Object[]> inserts = new ArrayList<>();
    List<Object[]> published = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (RemoteMoment.Task t : tasks) {
      if (!seen.add(t.userid())) {
        continue;
      }
      Integer old = before.get(t.userid());
      if (old == null) {
        inserts.add(new Object[] {corpId, momentId, t.userid(), t.publishStatus(), ts(now)});
      } else if (old != 1 && t.publishStatus() == 1) {
        published.add(new Object[] {ts(now), corpId, momentId, t.userid()});
      }
    }
    if (!inserts.isEmpty()) {
      jdbc.batchUpdate("INSERT INTO scrm_moment_copy (corp_id, moment_id, userid, publish_status, updated_at) "
          + "VALUES (?, ?, ?, ?, ?)", inserts);
    }
    if (!published.isEmpty()) {
      jdbc.batchUpdate("UPDATE scrm_moment_copy SET publish_status = 1, updated_at = ? WHERE corp_id = ? "
          + "AND moment_id = ? AND userid = ?", published);
    }
  }

  @Override
  public void visible(String corpId, String momentId, String userid, int customers, Instant now) {
    jdbc.update("UPDATE scrm_moment_copy SET visible_count = ?, updated_at = ? WHERE corp_id = ? AND moment_id = ? "
        + "AND userid = ?", customers, ts(now), corpId, momentId, userid);
  }

  @Override
  public List<CopyRef> unreadCopies(String corpId) {
    return jdbc.query("SELECT moment_id, userid FROM scrm_moment_copy WHERE corp_id = ? AND publish_status = 1 "
        + "AND comments_read_at IS NULL ORDER BY id", (rs, i) -> new CopyRef(rs.getString(1), rs.getString(2)),
        corpId);
  }

  @Override
  public List<CopyRef> youngCopies(String corpId, Instant since) {
    return jdbc.query("SELECT c.moment_id, c.userid FROM scrm_moment_copy c JOIN scrm_moment m ON m.corp_id = "
        + "c.corp_id AND m.moment_id = c.moment_id WHERE c.corp_id = ? AND c.publish_status = 1 AND m.create_time >= ? "
        + "ORDER BY c.id", (rs, i) -> new CopyRef(rs.getString(1), rs.getString(2)), corpId, ts(since));
  }

  @Override
  public List<String> youngCorpMomentsPending(String corpId, Instant since) {
    return jdbc.queryForList("SELECT m.moment_id FROM scrm_moment m WHERE m.corp_id = ? AND m.create_type = 0 "
        + "AND m.create_time >= ? AND EXISTS (SELECT 1 FROM scrm_moment_copy c WHERE c.corp_id = m.corp_id "
        + "AND c.moment_id = m.moment_id AND c.publish_status = 0) ORDER BY m.create_time", String.class, corpId,
        ts(since));
  }

  @Override
  public List<StoredInteraction> recordInteractions(String corpId, String momentId, String userid,
      List<RemoteMoment.Interaction> likes, List<RemoteMoment.Interaction> comments, Instant readAt) {
    List<StoredInteraction> read = new ArrayList<>();
    likes.stream().filter(i -> i.externalUserId() != null && !i.externalUserId().isBlank())
        .forEach(i -> read.add(new StoredInteraction(momentId, userid, i.externalUserId().strip(), "LIKE", i.at())));
    comments.stream().filter(i -> i.externalUserId() != null && !i.externalUserId().isBlank())
        .forEach(i -> read.add(new StoredInteraction(momentId, userid, i.externalUserId().strip(), "COMMENT",
            i.at())));
    return tx.execute(status -> {
      Set<String> stored = new HashSet<>();
      jdbc.query("SELECT external_userid, kind, interacted_at FROM scrm_moment_interaction WHERE corp_id = ? "
          + "AND moment_id = ?", rs -> {
            stored.add(key(rs.getString(1), rs.getString(2), instant(rs.getTimestamp(3))));
          }, corpId, momentId);
      List<StoredInteraction> fresh = new ArrayList<>();
      List<Object[]> rows = new ArrayList<>();
      for (StoredInteraction i : read) {
        if (stored.add(key(i.externalUserId(), i.kind(), i.at()))) {
          fresh.add(i);
          rows.add(new Object[] {corpId, momentId, userid, i.externalUserId(), i.kind(), ts(i.at()), ts(readAt)});
        }
      }
      if (!rows.isEmpty()) {
        jdbc.batchUpdate("INSERT INTO scrm_moment_interaction (corp_id, moment_id, userid, external_userid, kind, "
            + "interacted_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)", rows);
        List<DomainEvent> recorded = new ArrayList<>();
        fresh.forEach(i -> recorded.add(new DomainEvent.MomentInteracted(corpId, userid, i.externalUserId(),
            momentId, i.kind(), i.at())));
        events.get().record(recorded);
      }
      jdbc.update("UPDATE scrm_moment_copy SET likes = ?, comments = ?, comments_read_at = ?, updated_at = ? "
          + "WHERE corp_id = ? AND moment_id = ? AND userid = ?", likes.size(), comments.size(), ts(readAt),
          ts(readAt), corpId, momentId, userid);
      return fresh;
    });
  }

  private static String key(String externalUserId, String kind, Instant at) {
    return externalUserId + '\u0000' + kind + '\u0000' + at.toEpochMilli();
  }

  @Override
  public long startPass(String corpId, String kind, String trigger, Instant at) {
    GeneratedKeyHolder keys = new GeneratedKeyHolder();
    jdbc.update(con -> {
      var ps = con.prepareStatement("INSERT INTO scrm_moment_sync (corp_id, kind, trigger_source, status, started_at) "
          + "VALUES (?, ?, ?, 'RUNNING', ?)", new String[] {"id"});
      ps.setString(1, corpId);
      ps.setString(2, kind);
      ps.setString(3, trigger);
      ps.setObject(4, ts(at));
      return ps;
    }, keys);
    return keys.getKey().longValue();
  }

  @Override
  public void finishPass(MomentSyncPass p) {
    jdbc.update("UPDATE scrm_moment_sync SET status = ?, windows = ?, moments_seen = ?, moments_new = ?, "
        + "interactions_new = ?, calls = ?, calls_json = ?, listed_to = ?, error = ?, finished_at = ? WHERE id = ?",
        p.status(), p.windows(), p.momentsSeen(), p.momentsNew(), p.interactionsNew(), p.totalCalls(),
        callsJson(p.calls()), p.listedTo() == null ? null : ts(p.listedTo()), p.error(), ts(p.finishedAt()), p.id());
  }

  @Override
  public List<MomentSyncPass> recentPasses(String corpId, int limit) {
    return jdbc.query("SELECT id, corp_id, kind, trigger_source, status, windows, moments_seen, moments_new, "
        + "interactions_new, calls_json, listed_to, error, started_at, finished_at FROM scrm_moment_sync "
        + "WHERE corp_id = ? ORDER BY id DESC LIMIT ?", (rs, i) -> new MomentSyncPass(rs.getLong(1),
            rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getInt(6), rs.getInt(7),
            rs.getInt(8), rs.getInt(9), parseCalls(rs.getString(10)), instant(rs.getTimestamp(11)),
            rs.getString(12), instant(rs.getTimestamp(13)), instant(rs.getTimestamp(14))), corpId, limit);
  }

  /** {@code {"api":n,...}} in key order. */
  static String callsJson(Map<String, Long> calls) {
    StringBuilder json = new StringBuilder("{");
    new TreeMap<>(calls).forEach((k, v) -> json.append(json.length() > 1 ? "," : "").append('"').append(k)
        .append("\":").append(v));
    return json.append('}').toString();
  }

  static Map<String, Long> parseCalls(String json) {
    Map<String, Long> calls = new TreeMap<>();
    if (json == null) {
      return calls;
    }
    String body = json.strip();
    body = body.substring(1, body.length() - 1);
    if (body.isBlank()) {
      return calls;
    }
    for (String part : body.split(",")) {
      int colon = part.lastIndexOf(':');
      calls.put(part.substring(0, colon).strip().replace("\"", ""), Long.parseLong(part.substring(colon + 1)
          .strip()));
    }
    return calls;
  }
}
