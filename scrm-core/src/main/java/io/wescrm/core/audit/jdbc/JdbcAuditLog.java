package io.wescrm.core.audit.jdbc;

import io.wescrm.core.audit.AuditEntry;
import io.wescrm.core.audit.AuditLog;
import io.wescrm.core.audit.AuditQuery;
import io.wescrm.core.jdbc.JdbcTime;
import io.wescrm.core.jdbc.Placeholders;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/** {@link AuditLog} over JDBC: {@code scrm_audit_log}, append-only. */
public class JdbcAuditLog implements AuditLog {

  private static final String COLUMNS = "id, occurred_at, actor, source_ip, user_agent, corp_id, action, path, object_type, "
      + "object_id, status, before_json, after_json, request_json";

  private final JdbcTemplate jdbc;

  public JdbcAuditLog(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public AuditEntry append(AuditEntry e) {
    GeneratedKeyHolder keys = new GeneratedKeyHolder();
    jdbc.update(con -> {
      var ps = con.prepareStatement("INSERT INTO scrm_audit_log (occurred_at, actor, source_ip, user_agent, corp_id, action, "
          + "path, object_type, object_id, status, before_json, after_json, request_json) "
          + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", new String[] {"id"});
      Placeholders.bind(ps, new Object[] {JdbcTime.ts(e.at()), e.actor(), e.sourceIp(), e.userAgent(), e.corpId(),
          e.action(), e.path(), e.objectType(), e.objectId(), e.status(), e.beforeJson(), e.afterJson(),
          e.requestJson()});
      return ps;
    }, keys);
    return e.withId(keys.getKey().longValue());
  }

  @Override
  public List<AuditEntry> search(AuditQuery q) {
    StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS).append(" FROM scrm_audit_log WHERE 1 = 1");
    List<Object> args = new ArrayList<>();
    criterion(sql, args, "corp_id = ?", q.corpId());
    criterion(sql, args, "actor = ?", q.actor());
    criterion(sql, args, "object_type = ?", q.objectType());
    criterion(sql, args, "object_id = ?", q.objectId());
    criterion(sql, args, "action = ?", q.action());
    criterion(sql, args, "occurred_at >= ?", q.from() == null ? null : JdbcTime.ts(q.from()));
    criterion(sql, args, "occurred_at < ?", q.to() == null ? null : JdbcTime.ts(q.to()));
    criterion(sql, args, "id < ?", q.beforeId());
    sql.append(" ORDER BY id DESC LIMIT ").append(q.limit());
    return jdbc.query(sql.toString(), this::map, args.toArray());
  }

  @Override
  public int pruneBefore(Instant cutoff, int batch) {
    // Bounded deletes by id keep each statement short on a large log (MySQL has no DELETE ... LIMIT with a join).
    List<Long> ids = jdbc.queryForList("SELECT id FROM scrm_audit_log WHERE occurred_at < ? ORDER BY id LIMIT " + batch,
        Long.class, JdbcTime.ts(cutoff));
    if (ids.isEmpty()) {
      return 0;
    }
    return jdbc.update("DELETE FROM scrm_audit_log WHERE id IN (" + Placeholders.marks(ids.size()) + ")",
        ids.toArray());
  }

  private static void criterion(StringBuilder sql, List<Object> args, String condition, Object value) {
    if (value != null && !(value instanceof String s && s.isBlank())) {
      sql.append(" AND ").append(condition);
      args.add(value);
    }
  }

  private AuditEntry map(ResultSet rs, int row) throws SQLException {
    return new AuditEntry(rs.getLong("id"), JdbcTime.instant(rs.getTimestamp("occurred_at")), rs.getString("actor"),
        rs.getString("source_ip"), rs.getString("user_agent"), rs.getString("corp_id"), rs.getString("action"),
        rs.getString("path"), rs.getString("object_type"), rs.getString("object_id"), rs.getInt("status"),
        rs.getString("before_json"), rs.getString("after_json"), rs.getString("request_json"));
  }
}
