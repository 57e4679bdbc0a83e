package io.wescrm.core.events.jdbc;

import io.wescrm.core.events.DomainEventCodec;
import io.wescrm.core.events.Outbox;
import io.wescrm.core.jdbc.JdbcTime;
import io.wescrm.core.jdbc.MultiRowInsert;
import io.wescrm.core.jdbc.Placeholders;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/** {@link Outbox} in {@code scrm_domain_event}: handled rows are deleted, so the table holds only pending events. */
public class JdbcOutbox implements Outbox {

  private static final String COLUMNS =
      "corp_id, consumer, event_type, payload, occurred_at, created_at, next_attempt_at";
  private static final int ROWS_PER_STATEMENT = MultiRowInsert.ROWS_PER_STATEMENT;

  private final JdbcTemplate jdbc;

  public JdbcOutbox(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public void append(List<Entry> entries, Instant now) {
    List<Object[]> rows = new ArrayList<>(entries.size());
    Map<Object, String> payloads = new java.util.IdentityHashMap<>();
    for (Entry e : entries) {
      String payload = payloads.computeIfAbsent(e.event(), x -> DomainEventCodec.encode(e.event()));
      Instant at = e.event().at() == null ? now : e.event().at();
      rows.add(new Object[] {e.event().corpId(), e.consumer(), DomainEventCodec.type(e.event()), payload, JdbcTime.ts(at),
          JdbcTime.ts(now), JdbcTime.ts(e.dueAt())});
    }
    MultiRowInsert.insert(jdbc, "INSERT INTO scrm_domain_event (" + COLUMNS + ")", rows, "");
  }

  @Override
  public List<Pending> due(String consumer, Instant now, int limit) {
    return jdbc.query("SELECT id, consumer, event_type, payload, attempts FROM scrm_domain_event "
        + "WHERE consumer = ? AND next_attempt_at <= ? ORDER BY id LIMIT ?",
        (rs, n) -> new Pending(rs.getLong(1), rs.getString(2), DomainEventCodec.decode(rs.getString(3),
            rs.getString(4)), rs.getInt(5)), consumer, JdbcTime.ts(now), limit);
  }

  @Override
  public void delivered(List<Long> ids) {
    for (int from = 0; from < ids.size(); from += ROWS_PER_STATEMENT) {
      List<Long> part = ids.subList(from, Math.min(ids.size(), from + ROWS_PER_STATEMENT));
      jdbc.update("DELETE FROM scrm_domain_event WHERE id IN (" + Placeholders.marks(part.size()) + ")",
          part.toArray());
    }
  }

  @Override
  public void later(long id, int attempts, Instant at, String error) {
    jdbc.update("UPDATE scrm_domain_event SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE id = ?",
        attempts, JdbcTime.ts(at), error == null || error.length() <= 1000 ? error : error.substring(0, 1000), id);
  }

  @Override
  public Map<String, Long> depth() {
    Map<String, Long> out = new LinkedHashMap<>();
    jdbc.query("SELECT consumer, COUNT(*) FROM scrm_domain_event GROUP BY consumer ORDER BY consumer",
        rs -> {
          out.put(rs.getString(1), rs.getLong(2));
        });
    return out;
  }

  @Override
  public Optional<Instant> oldest() {
    // the lowest id was stored first: one primary-key entry, however long the outbox
    return jdbc.query("SELECT created_at FROM scrm_domain_event ORDER BY id LIMIT 1", (rs, n) -> rs.getTimestamp(1))
        .stream().map(Timestamp::toInstant).findFirst();
  }

}
