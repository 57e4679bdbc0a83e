package io.wescrm.core.persistence;

import static io.wescrm.core.persistence.JdbcCorpMirror.marks;

import io.wescrm.core.rules.Condition;
import io.wescrm.core.rules.CustomerEvaluation;
import io.wescrm.core.rules.InMemoryEvaluator;
import io.wescrm.core.rules.Rule;
import io.wescrm.core.rules.RuleAction;
import io.wescrm.core.rules.RulePlan;
import io.wescrm.core.rules.RuleRun;
import io.wescrm.core.rules.SqlRuleCompiler;
import io.wescrm.core.tag.TagWriteResult;
import io.wescrm.core.tag.TagWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a corp's enabled rules: for one customer (on a domain event: a snapshot in memory, a plan, the writes), or
 * for the whole corp (set-based SQL per rule: only relations whose tags must change are read, in chunks, and
 * written in batches; stages in one streamed pass). Both follow {@link RulePlan}'s order and semantics.
 */
public class JdbcRuleEngine {

  private static final Logger log = LoggerFactory.getLogger(JdbcRuleEngine.class);
  static final int CHUNK = 2000;

  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;
  private final JdbcRules rules;
  private final JdbcCustomerSnapshots snapshots;
  private final TagWriter tags;
  private final JdbcTagPushes pushes;
  private final Clock clock;
  /** Enabled rules per corp; a change on another node reaches this one within {@link #RULES_TTL_MS}. */
  private final Map<String, Cached> enabled = new ConcurrentHashMap<>();
  static final long RULES_TTL_MS = 30_000;

  private record Cached(List<Rule> rules, long loadedAt) {
  }

  public JdbcRuleEngine(JdbcTemplate jdbc, TransactionTemplate tx, JdbcRules rules, JdbcCustomerSnapshots snapshots,
      TagWriter tags, JdbcTagPushes pushes, Clock clock) {
    this.jdbc = jdbc;
    this.tx = tx;
    this.rules = rules;
    this.snapshots = snapshots;
    this.tags = tags;
    this.pushes = pushes;
    this.clock = clock;
  }

  private volatile boolean setBased;
  private volatile int threads = 2;

  /**
   * How the full re-evaluation runs. Chunked (default): customers in key order, 1,000 at a time, loaded with five
   * IN-list queries and planned in memory with every rule at once ({@link RulePlan}, as for one customer), on
   * {@code threads} workers. Set-based: per rule, SQL statements compiled by {@link SqlRuleCompiler} select the
   * relations to change. Both give the same result (the evaluators agree); chunked costs one pass however many
   * rules there are, which is what keeps a 1M-customer corp within a minute (docs/performance.md).
   */
  public JdbcRuleEngine mode(boolean setBased, int threads) {
    this.setBased = setBased;
    this.threads = Math.max(1, threads);
    return this;
  }

  /** Forget cached rules of a corp (after any change to them). */
  public void rulesChanged(String corpId) {
    enabled.remove(corpId);
  }

  public List<Rule> enabledRules(String corpId) {
    long now = System.currentTimeMillis();
    Cached cached = enabled.get(corpId);
    if (cached == null || now - cached.loadedAt() > RULES_TTL_MS) {
      cached = new Cached(rules.enabled(corpId), now);
      enabled.put(corpId, cached);
    }
    return cached.rules();
  }

  // ------------------------------------------------------------------------------------------ one customer

  /** Evaluates every enabled rule on one customer and writes what changes. Empty if the customer is unknown. */
  public Optional<CustomerEvaluation> evaluateCustomer(String corpId, String externalUserId) {
    List<Rule> active = enabledRules(corpId);
    if (active.isEmpty()) {
      return Optional.empty();
    }
    return withDeadlockRetry(() -> evaluateOnce(corpId, externalUserId, active));
  }

  private Optional<CustomerEvaluation> evaluateOnce(String corpId, String externalUserId, List<Rule> active) {
    Instant now = clock.instant();
    return snapshots.load(corpId, externalUserId).map(loaded -> {
      RulePlan plan = RulePlan.of(active, loaded.snapshot(), loaded.ruleTags(), now);
      int[] counts = {0, 0};
      if (!plan.changes().isEmpty() || plan.stage() != null) {
        tx.executeWithoutResult(s -> {
          for (TagWriteResult r : tags.writeAll(plan.changes(), loaded.currentTags())) {
            counts[0] += r.added().size();
            counts[1] += r.removed().size();
          }
          if (plan.stage() != null) {
            jdbc.update("UPDATE scrm_customer SET lifecycle_stage = ?, updated_at = ? WHERE corp_id = ? "
                + "AND external_userid = ?", plan.stage(), JdbcCorpMirror.ts(now), corpId, externalUserId);
          }
        });
      }
      String before = loaded.snapshot().lifecycleStage();
      return new CustomerEvaluation(externalUserId, plan.matched(), counts[0], counts[1], before,
          plan.stage() == null ? before : plan.stage());
    });
  }

  /** Which conditions held and which failed for one customer. */
  public Optional<InMemoryEvaluator.Explanation> explain(String corpId, Condition condition, String externalUserId) {
    Instant now = clock.instant();
    return snapshots.find(corpId, externalUserId).map(s -> InMemoryEvaluator.explain(condition, s, now));
  }

  // ------------------------------------------------------------------------------------------ audiences

  /** Customers matching a condition: the count and the first {@code sample} external ids (by id). */
  public record Audience(long count, List<Map<String, Object>> sample) {
  }

  public Audience audience(String corpId, Condition condition, long offset, int limit) {
    SqlRuleCompiler.Sql sql = compiler(corpId).compile(condition);
    List<Object> args = new ArrayList<>(List.of(corpId));
    args.addAll(sql.args());
    Long count = jdbc.queryForObject("SELECT COUNT(*) FROM scrm_customer c WHERE c.corp_id = ? AND " + sql.sql(),
        Long.class, args.toArray());
    args.add(limit);
    args.add(offset);
    List<Map<String, Object>> sample = jdbc.query("SELECT c.external_userid, c.name, c.lifecycle_stage "
        + "FROM scrm_customer c WHERE c.corp_id = ? AND " + sql.sql() + " ORDER BY c.id LIMIT ? OFFSET ?",
        (rs, i) -> {
          Map<String, Object> row = new java.util.LinkedHashMap<>();
          row.put("externalUserId", rs.getString(1));
          row.put("name", rs.getString(2));
          row.put("lifecycleStage", rs.getString(3));
          return row;
        }, args.toArray());
    return new Audience(count == null ? 0 : count, sample);
  }

  // ------------------------------------------------------------------------------------------ the whole corp

  /** Re-evaluates every enabled rule of a corp, set-based, and records the run. */
  public RuleRun runAll(String corpId, String trigger) {
    Instant started = clock.instant();
    List<Rule> active = rules.enabled(corpId);
    enabled.put(corpId, new Cached(active, System.currentTimeMillis()));
    LocalDateTime startedTs = JdbcCorpMirror.ts(started);
    org.springframework.jdbc.support.GeneratedKeyHolder keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
    jdbc.update(con -> {
      java.sql.PreparedStatement ps = con.prepareStatement("INSERT INTO scrm_rule_run (corp_id, trigger_source, "
          + "status, rules, started_at) VALUES (?, ?, 'RUNNING', ?, ?)", new String[] {"id"});
      JdbcCorpMirror.bind(ps, new Object[] {corpId, trigger, active.size(), startedTs});
      return ps;
    }, keys);
    long runId = keys.getKey().longValue();
    long[] counts = new long[4];
    String error = null;
    try {
      if (setBased) {
        SqlRuleCompiler compiler = new SqlRuleCompiler(corpId, started, ZoneId.systemDefault());
        for (Rule rule : active) {
          if (rule.changesTags()) {
            applyTagRule(corpId, rule, compiler, counts);
          }
        }
        counts[2] = applyStages(corpId, active, compiler, started);
      } else {
        runChunked(corpId, active, started, counts);
      }
    } catch (RuntimeException e) {
      error = e.toString();
      log.warn("Rule run {} of corp {} failed", runId, corpId, e);
    }
    Instant finished = clock.instant();
    jdbc.update("UPDATE scrm_rule_run SET status = ?, tags_added = ?, tags_removed = ?, stages_changed = ?, "
        + "pushes_queued = ?, finished_at = ?, duration_ms = ?, error = ? WHERE id = ?",
        error == null ? "SUCCEEDED" : "FAILED", counts[0], counts[1], counts[2], counts[3],
        JdbcCorpMirror.ts(finished), finished.toEpochMilli() - started.toEpochMilli(), error, runId);
    return run(runId).orElseThrow();
  }

  public Optional<RuleRun> run(long id) {
    return jdbc.query("SELECT id, corp_id, trigger_source, status, rules, tags_added, tags_removed, stages_changed, "
        + "pushes_queued, started_at, finished_at, duration_ms, error FROM scrm_rule_run WHERE id = ?",
        (rs, i) -> new RuleRun(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
            rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9),
            JdbcCustomerSnapshots.instant(rs.getTimestamp(10)), JdbcCustomerSnapshots.instant(rs.getTimestamp(11)),
            rs.getObject(12) == null ? null : rs.getLong(12), rs.getString(13)), id).stream().findFirst();
  }

  public List<RuleRun> runs(String corpId, int limit) {
    return jdbc.queryForList("SELECT id FROM scrm_rule_run WHERE corp_id = ? ORDER BY id DESC LIMIT ?", Long.class,
        corpId, limit).stream().map(id -> run(id).orElseThrow()).toList();
  }

  static final int CUSTOMERS_PER_CHUNK = 1000;

  private void runChunked(String corpId, List<Rule> active, Instant now, long[] counts) {
    java.util.concurrent.ExecutorService workers = java.util.concurrent.Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "rule-run-" + corpId);
      t.setDaemon(true);
      return t;
    });
    java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(threads * 2);
    java.util.concurrent.atomic.AtomicReference<RuntimeException> failure =
        new java.util.concurrent.atomic.AtomicReference<>();
    java.util.concurrent.atomic.AtomicLongArray totals = new java.util.concurrent.atomic.AtomicLongArray(4);
    try {
      String last = "";
      while (failure.get() == null) {
        List<String> ids = jdbc.queryForList("SELECT external_userid FROM scrm_customer WHERE corp_id = ? "
            + "AND external_userid > ? ORDER BY external_userid LIMIT ?", String.class, corpId, last,
            CUSTOMERS_PER_CHUNK);
        if (ids.isEmpty()) {
          break;
        }
        last = ids.get(ids.size() - 1);
        inFlight.acquireUninterruptibly();
        workers.execute(() -> {
          try {
            long[] c = withDeadlockRetry(() -> chunk(corpId, active, ids, now));
            for (int i = 0; i < 4; i++) {
              totals.addAndGet(i, c[i]);
            }
          } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
          } finally {
            inFlight.release();
          }
        });
      }
      inFlight.acquireUninterruptibly(threads * 2);
    } finally {
      workers.shutdownNow();
    }
    for (int i = 0; i < 4; i++) {
      counts[i] += totals.get(i);
    }
    if (failure.get() != null) {
      throw failure.get();
    }
  }

  /**
   * Runs idempotent work again when the database picked it as a deadlock victim (InnoDB next-key locks of
   * neighbouring chunks, or a callback writing the same customer): the work re-reads and re-plans, so a retry is safe.
   */
  static <T> T withDeadlockRetry(java.util.function.Supplier<T> work) {
    for (int attempt = 1; ; attempt++) {
      try {
        return work.get();
      } catch (org.springframework.dao.PessimisticLockingFailureException e) {
        if (attempt >= 5) {
          throw e;
        }
        log.info("Deadlock, retrying ({}): {}", attempt, e.getMostSpecificCause().getMessage());
        try {
          Thread.sleep(20L * attempt + java.util.concurrent.ThreadLocalRandom.current().nextInt(50));
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  /** Plans and writes one chunk of customers; returns {added, removed, stages, pushes}. */
  private long[] chunk(String corpId, List<Rule> active, List<String> ids, Instant now) {
    long[] c = new long[4];
    List<io.wescrm.core.tag.TagChange> changes = new ArrayList<>();
    Map<String, Map<String, Boolean>> current = new java.util.HashMap<>();
    Map<String, List<String>> byStage = new java.util.HashMap<>();
    for (JdbcCustomerSnapshots.Loaded l : snapshots.loadRange(corpId, ids.get(0), ids.get(ids.size() - 1))
        .values()) {
      RulePlan plan = RulePlan.of(active, l.snapshot(), l.ruleTags(), now);
      if (!plan.changes().isEmpty()) {
        changes.addAll(plan.changes());
        current.putAll(l.currentTags());
      }
      if (plan.stage() != null) {
        byStage.computeIfAbsent(plan.stage(), k -> new ArrayList<>()).add(l.snapshot().externalUserId());
      }
    }
    if (changes.isEmpty() && byStage.isEmpty()) {
      return c;
    }
    LocalDateTime ts = JdbcCorpMirror.ts(now);
    tx.executeWithoutResult(s -> {
      List<TagWriteResult> results = tags.writeAll(changes, current);
      for (int i = 0; i < results.size(); i++) {
        c[0] += results.get(i).added().size();
        c[1] += results.get(i).removed().size();
        if (changes.get(i).syncToWeCom()) {
          c[3] += results.get(i).added().size() + results.get(i).removed().size();
        }
      }
      byStage.forEach((stage, customers) -> {
        List<Object> args = new ArrayList<>(List.of(stage, ts, corpId));
        args.addAll(customers);
        jdbc.update("UPDATE scrm_customer SET lifecycle_stage = ?, updated_at = ? WHERE corp_id = ? "
            + "AND external_userid IN (" + marks(customers.size()) + ")", args.toArray());
        c[2] += customers.size();
      });
    });
    return c;
  }

  private void applyTagRule(String corpId, Rule rule, SqlRuleCompiler compiler, long[] counts) {
    SqlRuleCompiler.Sql cond = compiler.compile(rule.condition());
    String matching = "SELECT c.external_userid FROM scrm_customer c WHERE c.corp_id = ? AND " + cond.sql();
    LocalDateTime now = JdbcCorpMirror.ts(clock.instant());
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
              + "AND x.external_userid = f.external_userid AND x.tag_id = ?)", args, 2,
              chunk -> tx.executeWithoutResult(s -> {
                multiRow("INSERT INTO scrm_follow_tag (corp_id, userid, external_userid, tag_id, source, source_ref, "
                    + "local_only, created_at) VALUES ", "(?, ?, ?, ?, 'RULE', ?, ?, ?)",
                    " ON DUPLICATE KEY UPDATE tag_id = tag_id", chunk.stream().map(row -> new Object[] {corpId,
                        row[0], row[1], tag, rule.sourceRef(), add.syncToWeCom() ? 0 : 1, now}).toList());
                if (add.syncToWeCom()) {
                  pushes.enqueue(corpId, chunk.stream().map(row -> new JdbcTagPushes.Push((String) row[0],
                      (String) row[1], tag, true)).toList());
                  counts[3] += chunk.size();
                }
                counts[0] += chunk.size();
              }));
        }
      } else if (a instanceof RuleAction.RemoveTags remove) {
        List<Object> args = new ArrayList<>(List.of(corpId));
        args.addAll(remove.tags());
        args.add(corpId);
        args.addAll(cond.args());
        removeRows("SELECT ft.id, ft.userid, ft.external_userid, ft.tag_id, ft.local_only FROM scrm_follow_tag ft "
            + "WHERE ft.corp_id = ? AND ft.tag_id IN (" + marks(remove.tags().size()) + ") AND " + LIVE
            + " AND ft.external_userid IN (" + matching + ")", args, corpId, remove.syncToWeCom(), counts);
      }
    }
    // take back what this rule (any version) added where the customer no longer matches or the tag left the rule
    List<Object> args = new ArrayList<>(List.of(corpId, rule.id() + ":%"));
    args.addAll(ruleAdds);
    args.add(corpId);
    args.addAll(cond.args());
    removeRows("SELECT ft.id, ft.userid, ft.external_userid, ft.tag_id, ft.local_only FROM scrm_follow_tag ft "
        + "WHERE ft.corp_id = ? AND ft.source_ref LIKE ? AND ft.source = 'RULE' AND " + LIVE + " AND ("
        + (ruleAdds.isEmpty() ? "" : "ft.tag_id NOT IN (" + marks(ruleAdds.size()) + ") OR ")
        + "ft.external_userid NOT IN (" + matching + "))", args, corpId, true, counts);
  }

  /** What {@link #takeBack} removed. */
  public record TakeBack(long tagsRemoved, long pushesQueued) {
  }

  /**
   * Removes every tag the rule (any version) added on a live relation, and queues the removals of synced ones for
   * WeCom: what an operator asks for when deleting a rule whose tags should go with it. Tags someone else put on
   * stay; tags on ended relations are history and stay too.
   */
  public TakeBack takeBack(String corpId, long ruleId) {
    long[] counts = new long[4];
    removeRows("SELECT ft.id, ft.userid, ft.external_userid, ft.tag_id, ft.local_only FROM scrm_follow_tag ft "
        + "WHERE ft.corp_id = ? AND ft.source_ref LIKE ? AND ft.source = 'RULE' AND " + LIVE,
        List.of(corpId, ruleId + ":%"), corpId, true, counts);
    return new TakeBack(counts[1], counts[3]);
  }

  private static final String LIVE = "EXISTS (SELECT 1 FROM scrm_follow_relation lf WHERE lf.corp_id = ft.corp_id "
      + "AND lf.userid = ft.userid AND lf.external_userid = ft.external_userid AND lf.deleted_at IS NULL)";

  private void removeRows(String select, List<Object> args, String corpId, boolean sync, long[] counts) {
    stream(select, args, 5, chunk -> tx.executeWithoutResult(s -> {
      multiRow("DELETE FROM scrm_follow_tag WHERE id IN (", "?", ")",
          chunk.stream().map(row -> new Object[] {row[0]}).toList());
      if (sync) {
        List<JdbcTagPushes.Push> queued = chunk.stream().filter(row -> ((Number) row[4]).intValue() == 0)
            .map(row -> new JdbcTagPushes.Push((String) row[1], (String) row[2], (String) row[3], false)).toList();
        pushes.enqueue(corpId, queued);
        counts[3] += queued.size();
      }
      counts[1] += chunk.size();
    }));
  }

  /** One statement per 500 rows: {@code prefix row, row, ... suffix}. */
  void multiRow(String prefix, String row, String suffix, List<Object[]> rows) {
    for (int i = 0; i < rows.size(); i += 500) {
      List<Object[]> part = rows.subList(i, Math.min(rows.size(), i + 500));
      String sql = prefix + String.join(", ", java.util.Collections.nCopies(part.size(), row)) + suffix;
      Object[] args = part.stream().flatMap(java.util.Arrays::stream).toArray();
      jdbc.update(con -> {
        java.sql.PreparedStatement ps = con.prepareStatement(sql);
        JdbcCorpMirror.bind(ps, args);
        return ps;
      });
    }
  }

  /** Streams the stage every stage rule (first match by priority) gives each customer; writes the differences. */
  private long applyStages(String corpId, List<Rule> active, SqlRuleCompiler compiler, Instant now) {
    List<Rule> stageRules = active.stream().filter(r -> r.stage().isPresent()).toList();
    if (stageRules.isEmpty()) {
      return 0;
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
    LocalDateTime ts = JdbcCorpMirror.ts(now);
    long[] changed = {0};
    List<Object[]> batch = new ArrayList<>();
    Consumer<List<Object[]>> flush = rows -> {
      Map<Object, List<Object[]>> byStage = new java.util.HashMap<>();
      rows.forEach(r -> byStage.computeIfAbsent(r[0], k -> new ArrayList<>()).add(new Object[] {r[1]}));
      byStage.forEach((stage, ids) -> {
        for (int i = 0; i < ids.size(); i += 500) {
          List<Object[]> part = ids.subList(i, Math.min(ids.size(), i + 500));
          List<Object> args2 = new ArrayList<>(List.of(stage, ts, corpId));
          part.forEach(p -> args2.add(p[0]));
          jdbc.update("UPDATE scrm_customer SET lifecycle_stage = ?, updated_at = ? WHERE corp_id = ? "
              + "AND external_userid IN (" + marks(part.size()) + ")", args2.toArray());
        }
      });
      changed[0] += rows.size();
    };
    jdbc.query(con -> {
      java.sql.PreparedStatement ps = con.prepareStatement("SELECT c.external_userid, c.lifecycle_stage, "
          + caseSql + " FROM scrm_customer c WHERE c.corp_id = ?", java.sql.ResultSet.TYPE_FORWARD_ONLY,
          java.sql.ResultSet.CONCUR_READ_ONLY);
      ps.setFetchSize(CHUNK);
      JdbcCorpMirror.bind(ps, args.toArray());
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
    return changed[0];
  }

  /** Streams a query's rows in chunks (a separate connection writes each chunk). */
  private void stream(String sql, List<Object> args, int columns, Consumer<List<Object[]>> chunkConsumer) {
    List<Object[]> chunk = new ArrayList<>();
    jdbc.query(con -> {
      java.sql.PreparedStatement ps = con.prepareStatement(sql, java.sql.ResultSet.TYPE_FORWARD_ONLY,
          java.sql.ResultSet.CONCUR_READ_ONLY);
      ps.setFetchSize(CHUNK);
      JdbcCorpMirror.bind(ps, args.toArray());
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

  private SqlRuleCompiler compiler(String corpId) {
    return new SqlRuleCompiler(corpId, clock.instant(), ZoneId.systemDefault());
  }

  /** For tests: the plan for one customer, without writing it. */
  public Optional<RulePlan> plan(String corpId, String externalUserId) {
    return snapshots.load(corpId, externalUserId).map(l -> RulePlan.of(enabledRules(corpId), l.snapshot(),
        l.ruleTags(), clock.instant()));
  }

}
