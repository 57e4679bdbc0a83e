package io.wescrm.core.rules.jdbc;

import static io.wescrm.core.jdbc.JdbcTime.instant;

import io.wescrm.core.jdbc.JdbcTime;
import io.wescrm.core.jdbc.Placeholders;
import io.wescrm.core.rules.RuleCounts;
import io.wescrm.core.rules.RuleRun;
import io.wescrm.core.rules.RuleRunRecords;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/** {@link RuleRunRecords} in {@code scrm_rule_run}. */
public class JdbcRuleRunRecords implements RuleRunRecords {

  private final JdbcTemplate jdbc;

  public JdbcRuleRunRecords(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public long start(String corpId, String trigger, int rules, Instant startedAt) {
    GeneratedKeyHolder keys = new GeneratedKeyHolder();
    jdbc.update(con -> {
      PreparedStatement ps = con.prepareStatement("INSERT INTO scrm_rule_run (corp_id, trigger_source, "
          + "status, rules, started_at) VALUES (?, ?, 'RUNNING', ?, ?)", new String[] {"id"});
      Placeholders.bind(ps, new Object[] {corpId, trigger, rules, JdbcTime.ts(startedAt)});
      return ps;
    }, keys);
    return keys.getKey().longValue();
  }

  @Override
  public void finish(long runId, RuleCounts counts, Instant startedAt, Instant finishedAt, String error) {
    jdbc.update("UPDATE scrm_rule_run SET status = ?, tags_added = ?, tags_removed = ?, stages_changed = ?, "
        + "pushes_queued = ?, finished_at = ?, duration_ms = ?, error = ? WHERE id = ?",
        error == null ? "SUCCEEDED" : "FAILED", counts.tagsAdded(), counts.tagsRemoved(), counts.stagesChanged(),
        counts.pushesQueued(), JdbcTime.ts(finishedAt), finishedAt.toEpochMilli() - startedAt.toEpochMilli(), error,
        runId);
  }

  @Override
  public Optional<RuleRun> find(long id) {
    return jdbc.query("SELECT id, corp_id, trigger_source, status, rules, tags_added, tags_removed, stages_changed, "
        + "pushes_queued, started_at, finished_at, duration_ms, error FROM scrm_rule_run WHERE id = ?",
        (rs, i) -> new RuleRun(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
            rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), instant(rs.getTimestamp(10)),
            instant(rs.getTimestamp(11)), rs.getObject(12) == null ? null : rs.getLong(12), rs.getString(13)), id)
        .stream().findFirst();
  }

  @Override
  public List<RuleRun> recent(String corpId, int limit) {
    return jdbc.queryForList("SELECT id FROM scrm_rule_run WHERE corp_id = ? ORDER BY id DESC LIMIT ?", Long.class,
        corpId, limit).stream().map(id -> find(id).orElseThrow()).toList();
  }
}
