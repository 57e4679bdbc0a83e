package io.wescrm.core.rules.jdbc;

import static io.wescrm.core.jdbc.Placeholders.marks;

import io.wescrm.core.jdbc.IdSlices;
import io.wescrm.core.jdbc.JdbcTime;
import io.wescrm.core.jdbc.MultiRowInsert;
import io.wescrm.core.jdbc.Placeholders;
import io.wescrm.core.rules.Condition;
import io.wescrm.core.rules.LeaseLostException;
import io.wescrm.core.rules.Rule;
import io.wescrm.core.rules.RuleAction;
import io.wescrm.core.rules.RuleCounts;
import io.wescrm.core.rules.RuleEngine;
import io.wescrm.core.rules.SetBasedRules;
import io.wescrm.core.rules.SqlRuleCompiler;
import io.wescrm.core.tags.jdbc.JdbcTagPushes;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link SetBasedRules} in SQL: only relations whose tags must change are read (streamed, in chunks of
 * {@value #CHUNK}) and written in batches, one transaction per chunk; stages in one streamed pass.
 */
public class JdbcSetBasedRules implements SetBasedRules {

  static final int CHUNK = 2000;
  private static final String LIVE = "EXISTS (SELECT 1 FROM scrm_follow_relation lf WHERE lf.corp_id = ft.corp_id "
      + "AND lf.userid = ft.userid AND lf.external_userid = ft.external_userid AND lf.deleted_at IS NULL)";
  private static final String RULE_TAGS = "SELECT ft.id, ft.userid, ft.external_userid, ft.tag_id, ft.local_only "
      + "FROM scrm_follow_tag ft ";

  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;
  private final JdbcTagPushes pushes;
  private final Clock clock;

  public JdbcSetBasedRules(JdbcTemplate jdbc, TransactionTemplate tx, JdbcTagPushes pushes, Clock clock) {
    this.jdbc = jdbc;
    this.tx = tx;
    this.pushes = pushes;
    this.clock = clock;
  }

  /**
   * Counted in slices of the customers' ids (IdSlices), the page taken from the slices it falls in: one pass over
   * the corp, and {@code pace} may rest between slices.
   */
  @Override
  public RuleEngine.Audience audience(String corpId, Condition condition, Instant now, long offset, int limit,
      LongConsumer pace) {
    SqlRuleCompiler.Sql sql = new SqlRuleCompiler(corpId, now, ZoneId.systemDefault()).compile(condition);
    String where = " FROM scrm_customer c WHERE c.corp_id = ? AND c.id >= ? AND c.id < ? AND " + sql.sql();
    long[] count = {0};
    List<Map<String, Object>> sample = new ArrayList<>();
    IdSlices.scan(jdbc, "scrm_customer", pace, slice -> {
      List<Object> args = new ArrayList<>(List.of(corpId, slice.from(), slice.to()));
      args.addAll(sql.args());
      Long n = jdbc.queryForObject("SELECT COUNT(*)" + where, Long.class, args.toArray());
      long before = count[0];
      count[0] += n == null ? 0 : n;
      // the page's next row is match number offset + sample.size() of the whole audience: is it in this slice?
      long next = offset + sample.size();
      if (sample.size() < limit && next < count[0]) {
        args.add(limit - sample.size());
        args.add(next - before);
        sample.addAll(jdbc.query("SELECT c.external_userid, c.name, c.lifecycle_stage" + where
            + " ORDER BY c.id LIMIT ? OFFSET ?", (rs, i) -> {
              Map<String, Object> row = new LinkedHashMap<>();
              row.put("externalUserId", rs.getString(1));
              row.put("name", rs.getString(2));
              row.put("lifecycleStage", rs.getString(3));
              return row;
            }, args.toArray()));
      }
      return true;
    });
    return new RuleEngine.Audience(count[0], sample);
  }

  @Override
  public void applyAll(String corpId, List<Rule> active, Instant now, Consumer<RuleCounts> progress,
      BooleanSupplier held) {
    SqlRuleCompiler compiler = new SqlRuleCompiler(corpId, now, ZoneId.systemDefault());
    for (Rule rule : active) {
      if (rule.changesTags()) {
        applyTagRule(corpId, rule, compiler, progress, held);
      }
    }
    applyStages(corpId, active, compiler, now, progress, held);
  }

  @Override
  public RuleCounts takeBack(String corpId, long ruleId) {
    long[] counts = new long[2];
    removeRows(RULE_TAGS + "WHERE ft.corp_id = ? AND ft.source_ref LIKE ? AND ft.source = 'RULE' AND " + LIVE,
        List.of(corpId, ruleId + ":%"), corpId, true, () -> true, c -> {
          counts[0] += c.tagsRemoved();
          counts[1] += c.pushesQueued();
        });
    return new RuleCounts(0, counts[0], 0, counts[1]);
  }

  private void applyTagRule(String corpId, Rule rule, SqlRuleCompiler compiler, Consumer<RuleCounts> progress,
      BooleanSupplier held) {
    SqlRuleCompiler.Sql cond = compiler.compile(rule.condition());
    String matching = "SELECT c.external_userid FROM scrm_customer c WHERE c.corp_id = ? AND " + cond.sql();
    LocalDateTime now = JdbcTime.ts(clock.instant());
    List<String> ruleAdds = new ArrayList<>();
    for (RuleAction a : rule.actions()) {
      if (a instanceof RuleAction.AddTags add) {
        for (String tag : add.tags().stream().sorted().toList()) {
          ruleAdds.add(tag);
          List<Object> args = new ArrayList<>(List.of(corpId, corpId));
          args.addAll(cond.args());
          args.add(tag);
          stream("SELECT f.userid, f.external_userid FROM scrm_follow_relation f WHERE f.corp_id = ? "
              + "AND f.deleted_at IS NULL AND f.external_userid IN (" + matching + ") AND NOT EXISTS (SELECT 1 "
              + "FROM scrm_follow_tag x WHERE x.corp_id = f.corp_id AND x.userid = f.userid "
              + "AND x.external_userid = f.external_userid AND x.tag_id = ?)", args, 2, chunk -> {
                tx.executeWithoutResult(s -> {
                  LeaseLostException.check(held, corpId);
                  MultiRowInsert.insert(jdbc, "INSERT INTO scrm_follow_tag (corp_id, userid, external_userid, tag_id, "
                      + "source, source_ref, local_only, created_at)", "(?, ?, ?, ?, 'RULE', ?, ?, ?)",
                      chunk.stream().map(row -> new Object[] {corpId, row[0], row[1], tag, rule.sourceRef(),
                          add.syncToWeCom() ? 0 : 1, now}).toList(), " ON DUPLICATE KEY UPDATE tag_id = tag_id");
                  if (add.syncToWeCom()) {
                    pushes.enqueue(corpId, chunk.stream().map(row -> new JdbcTagPushes.Push((String) row[0],
                        (String) row[1], tag, true)).toList());
                  }
                });
                progress.accept(new RuleCounts(chunk.size(), 0, 0, add.syncToWeCom() ? chunk.size() : 0));
              });
        }
      } else if (a instanceof RuleAction.RemoveTags remove) {
        List<Object> args = new ArrayList<>(List.of(corpId));
        args.addAll(remove.tags());
        args.add(corpId);
        args.addAll(cond.args());
        removeRows(RULE_TAGS + "WHERE ft.corp_id = ? AND ft.tag_id IN (" + marks(remove.tags().size()) + ") AND "
            + LIVE + " AND ft.external_userid IN (" + matching + ")", args, corpId, remove.syncToWeCom(), held,
            progress);
      }
    }
    // take back what this rule (any version) added where the customer no longer matches or the tag left the rule
    List<Object> args = new ArrayList<>(List.of(corpId, rule.id() + ":%"));
    args.addAll(ruleAdds);
    args.add(corpId);
    args.addAll(cond.args());
    removeRows(RULE_TAGS + "WHERE ft.corp_id = ? AND ft.source_ref LIKE ? AND ft.source = 'RULE' AND " + LIVE
        + " AND (" + (ruleAdds.isEmpty() ? "" : "ft.tag_id NOT IN (" + marks(ruleAdds.size()) + ") OR ")
        + "ft.external_userid NOT IN (" + matching + "))", args, corpId, true, held, progress);
  }

  private void removeRows(String select, List<Object> args, String corpId, boolean sync, BooleanSupplier held,
      Consumer<RuleCounts> progress) {
    stream(select, args, 5, chunk -> {
      long[] queued = {0};
      tx.executeWithoutResult(s -> {
        LeaseLostException.check(held, corpId);
        for (int i = 0; i < chunk.size(); i += MultiRowInsert.ROWS_PER_STATEMENT) {
          List<Object[]> part = chunk.subList(i, Math.min(chunk.size(), i + MultiRowInsert.ROWS_PER_STATEMENT));
          Object[] ids = part.stream().map(row -> row[0]).toArray();
          jdbc.update("DELETE FROM scrm_follow_tag WHERE id IN (" + marks(ids.length) + ")",
              ps -> Placeholders.bind(ps, ids));
        }
        if (sync) {
          List<JdbcTagPushes.Push> pushed = chunk.stream().filter(row -> ((Number) row[4]).intValue() == 0)
              .map(row -> new JdbcTagPushes.Push((String) row[1], (String) row[2], (String) row[3], false)).toList();
          pushes.enqueue(corpId, pushed);
          queued[0] = pushed.size();
        }
      });
      progress.accept(new RuleCounts(0, chunk.size(), 0, queued[0]));
    });
  }

  /** Streams the stage every stage rule (first match by priority) gives each customer; writes the differences. */
  private void applyStages(String corpId, List<Rule> active, SqlRuleCompiler compiler, Instant now,
      Consumer<RuleCounts> progress, BooleanSupplier held) {
    List<Rule> stageRules = active.stream().filter(r -> r.stage().isPresent()).toList();
    if (stageRules.isEmpty()) {
      return;
    }
    StringBuilder caseSql = new StringBuilder("CASE");
    List<Object> args = new ArrayList<>();
    for (Rule r : stageRules) {
      SqlRuleCompiler.Sql cond = compiler.compile(r.condition());
      caseSql.append(" WHEN ").append(cond.sql()).append(" THEN ?");
      args.addAll(cond.args());
      args.add(r.stage().get().key());
    }
    caseSql.append(" END");
    args.add(corpId);
    LocalDateTime ts = JdbcTime.ts(now);
    List<Object[]> batch = new ArrayList<>();
    Consumer<List<Object[]>> flush = rows -> {
      LeaseLostException.check(held, corpId);
      Map<Object, List<Object>> byStage = new HashMap<>();
      rows.forEach(r -> byStage.computeIfAbsent(r[0], k -> new ArrayList<>()).add(r[1]));
      byStage.forEach((stage, ids) -> {
        for (int i = 0; i < ids.size(); i += MultiRowInsert.ROWS_PER_STATEMENT) {
          List<Object> part = ids.subList(i, Math.min(ids.size(), i + MultiRowInsert.ROWS_PER_STATEMENT));
          List<Object> args2 = new ArrayList<>(List.of(stage, ts, corpId));
          args2.addAll(part);
          jdbc.update("UPDATE scrm_customer SET lifecycle_stage = ?, updated_at = ? WHERE corp_id = ? "
              + "AND external_userid IN (" + marks(part.size()) + ")", args2.toArray());
        }
      });
      progress.accept(new RuleCounts(0, 0, rows.size(), 0));
    };
    jdbc.query(con -> {
      PreparedStatement ps = con.prepareStatement("SELECT c.external_userid, c.lifecycle_stage, " + caseSql
          + " FROM scrm_customer c WHERE c.corp_id = ?", ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
      ps.setFetchSize(CHUNK);
      Placeholders.bind(ps, args.toArray());
      return ps;
    }, rs -> {
      String stage = rs.getString(3);
      if (stage != null && !stage.equals(rs.getString(2))) {
        batch.add(new Object[] {stage, rs.getString(1)});
        if (batch.size() >= CHUNK) {
          flush.accept(List.copyOf(batch));
          batch.clear();
        }
      }
    });
    if (!batch.isEmpty()) {
      flush.accept(batch);
    }
  }

  /** Streams a query's rows in chunks (a separate connection writes each chunk). */
  private void stream(String sql, List<Object> args, int columns, Consumer<List<Object[]>> chunkConsumer) {
    List<Object[]> chunk = new ArrayList<>();
    jdbc.query(con -> {
      PreparedStatement ps = con.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
      ps.setFetchSize(CHUNK);
      Placeholders.bind(ps, args.toArray());
      return ps;
    }, rs -> {
      Object[] row = new Object[columns];
      for (int i = 0; i < columns; i++) {
        row[i] = rs.getObject(i + 1);
      }
      chunk.add(row);
      if (chunk.size() >= CHUNK) {
        chunkConsumer.accept(List.copyOf(chunk));
        chunk.clear();
      }
    });
    if (!chunk.isEmpty()) {
      chunkConsumer.accept(chunk);
    }
  }
}
