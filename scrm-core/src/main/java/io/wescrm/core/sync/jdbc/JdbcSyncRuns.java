package io.wescrm.core.sync.jdbc;

import static io.wescrm.core.jdbc.JdbcTime.instant;

import io.wescrm.core.jdbc.JdbcTime;
import io.wescrm.core.sync.SyncCounts;
import io.wescrm.core.sync.SyncRun;
import io.wescrm.core.sync.SyncRuns;
import io.wescrm.core.sync.SyncScope;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;

/** {@link SyncRuns} in {@code scrm_sync_run}. */
public class JdbcSyncRuns implements SyncRuns {

  private static final String COLUMNS = "id, corp_id, kind, scope, trigger_source, status, node, started_at, finished_at, "
      + "duration_ms, departments, staff, tags, customers, follow_relations, follow_tags, groups_synced, "
      + "group_members, marked_deleted, rows_changed, api_calls, api_retries, error";

  private final JdbcTemplate jdbc;

  public JdbcSyncRuns(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public long start(String corpId, String kind, SyncScope scope, String trigger, String node, Instant now) {
    KeyHolder keys = new GeneratedKeyHolder();
    jdbc.update(con -> {
      PreparedStatement ps = con.prepareStatement("INSERT INTO scrm_sync_run (corp_id, kind, scope, trigger_source, "
          + "status, node, started_at, heartbeat_at) VALUES (?, ?, ?, ?, 'RUNNING', ?, ?, ?)",
          Statement.RETURN_GENERATED_KEYS);
      ps.setString(1, corpId);
      ps.setString(2, kind);
      ps.setString(3, scope.toString());
      ps.setString(4, trigger);
      ps.setString(5, node);
      ps.setObject(6, JdbcTime.ts(now));
      ps.setObject(7, JdbcTime.ts(now));
      return ps;
    }, keys);
    return keys.getKey().longValue();
  }

  @Override
  public Optional<SyncScope> lastScope(String corpId, String kind) {
    return jdbc.queryForList("SELECT scope FROM scrm_sync_run WHERE corp_id = ? AND kind = ? ORDER BY id DESC "
        + "LIMIT 1", String.class, corpId, kind).stream().map(SyncScope::parse).filter(Objects::nonNull).findFirst();
  }

  @Override
  public void heartbeat(long runId, SyncCounts c, Instant now) {
    jdbc.update("UPDATE scrm_sync_run SET heartbeat_at = ?, departments = ?, staff = ?, tags = ?, customers = ?, "
        + "follow_relations = ?, follow_tags = ?, groups_synced = ?, group_members = ?, api_calls = ?, "
        + "api_retries = ? WHERE id = ? AND status = 'RUNNING'", JdbcTime.ts(now), c.departments(), c.staff(),
        c.tags(), c.customers(), c.followRelations(), c.followTags(), c.groups(), c.groupMembers(), c.apiCalls(),
        c.apiRetries(), runId);
  }

  @Override
  public void finish(long runId, SyncRun.Status status, SyncCounts c, String error, Instant now) {
    jdbc.update("UPDATE scrm_sync_run SET status = ?, finished_at = ?, heartbeat_at = ?, "
        + "departments = ?, staff = ?, tags = ?, "
        + "customers = ?, follow_relations = ?, follow_tags = ?, groups_synced = ?, group_members = ?, "
        + "marked_deleted = ?, rows_changed = ?, api_calls = ?, api_retries = ?, error = ? WHERE id = ?",
        status.name(), JdbcTime.ts(now), JdbcTime.ts(now), c.departments(),
        c.staff(), c.tags(), c.customers(), c.followRelations(), c.followTags(), c.groups(), c.groupMembers(),
        c.markedDeleted(), c.rowsChanged(), c.apiCalls(), c.apiRetries(), truncate(error), runId);
    // exact milliseconds: computed here rather than with dialect-specific SQL
    find(runId).ifPresent(run -> jdbc.update("UPDATE scrm_sync_run SET duration_ms = ? WHERE id = ?",
        java.time.Duration.between(run.startedAt(), now).toMillis(), runId));
  }

  @Override
  public int abortStale(String corpId, Instant staleBefore, Instant now) {
    return jdbc.update("UPDATE scrm_sync_run SET status = 'ABORTED', finished_at = ?, "
        + "error = 'node stopped during the run (no heartbeat)' WHERE corp_id = ? AND status = 'RUNNING' "
        + "AND heartbeat_at < ?", JdbcTime.ts(now), corpId, JdbcTime.ts(staleBefore));
  }

  @Override
  public int abortRunningOf(String node, Instant now) {
    return jdbc.update("UPDATE scrm_sync_run SET status = 'ABORTED', finished_at = ?, "
        + "error = 'node restarted during the run' WHERE node = ? AND status = 'RUNNING'", JdbcTime.ts(now),
        node);
  }

  @Override
  public Optional<SyncRun> find(long runId) {
    return jdbc.query("SELECT " + COLUMNS + " FROM scrm_sync_run WHERE id = ?", JdbcSyncRuns::map, runId)
        .stream().findFirst();
  }

  @Override
  public List<SyncRun> recent(String corpId, int limit) {
    return jdbc.query("SELECT " + COLUMNS + " FROM scrm_sync_run WHERE corp_id = ? ORDER BY id DESC LIMIT ?",
        JdbcSyncRuns::map, corpId, limit);
  }

  private static SyncRun map(ResultSet rs, int row) throws SQLException {
    SyncCounts counts = new SyncCounts(rs.getInt("departments"), rs.getInt("staff"), rs.getInt("tags"),
        rs.getInt("customers"), rs.getInt("follow_relations"), rs.getInt("follow_tags"), rs.getInt("groups_synced"),
        rs.getInt("group_members"), rs.getInt("marked_deleted"), rs.getLong("rows_changed"),
        rs.getLong("api_calls"), rs.getLong("api_retries"));
    long duration = rs.getLong("duration_ms");
    Long durationMs = rs.wasNull() ? null : duration;
    return new SyncRun(rs.getLong("id"), rs.getString("corp_id"), rs.getString("kind"),
        rs.getString("scope"), rs.getString("trigger_source"), SyncRun.Status.valueOf(rs.getString("status")), rs.getString("node"),
        instant(rs.getTimestamp("started_at")), instant(rs.getTimestamp("finished_at")),
        durationMs, counts, rs.getString("error"));
  }

  private static String truncate(String s) {
    return s == null || s.length() <= 4000 ? s : s.substring(0, 4000);
  }
}
