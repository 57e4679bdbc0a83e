package io.wescrm.web.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.wescrm.core.rules.Condition;
import io.wescrm.core.rules.CustomerSnapshot;
import io.wescrm.core.rules.InMemoryEvaluator;
import io.wescrm.core.rules.LiveTags;
import io.wescrm.core.rules.RuleCodec;
import io.wescrm.core.rules.SqlRuleCompiler;
import io.wescrm.core.rules.jdbc.JdbcCustomerSnapshots;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One condition model, two evaluators: for random condition trees over a random corp, the SQL compiler (set-based)
 * and the in-memory evaluator (one customer) must give the same answer for every (rule, customer) pair. Runs on H2
 * in the default suite and on MariaDB with -Pmariadb. Set -Drules.seed=... to replay a failure.
 */
class RuleAgreementIT {

  static final int CUSTOMERS = 400;
  static final int CONDITIONS = 60;

  @Test
  void sqlAndInMemoryEvaluatorsAgreeOnRandomRulesAndCustomers() {
    long seed = Long.getLong("rules.seed", System.nanoTime());
    JdbcTemplate jdbc = new JdbcTemplate(TestDataSources.migrated());
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    String corpId = "wwagree" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    RandomCorp corp = new RandomCorp(corpId, seed, now);
    corp.write(jdbc, CUSTOMERS);
    JdbcCustomerSnapshots loader = new JdbcCustomerSnapshots(jdbc);
    Map<String, CustomerSnapshot> snapshots = corp.customers.stream()
        .collect(Collectors.toMap(c -> c, c -> loader.find(corpId, c).orElseThrow()));
    // the loader sees the send ledger: some customers received pushes, some none
    assertThat(snapshots.values()).anyMatch(s -> !s.pushes().isEmpty()).anyMatch(s -> s.pushes().isEmpty());
    SqlRuleCompiler compiler = new SqlRuleCompiler(corpId, now, ZoneId.systemDefault());
    long pairs = 0;
    long matches = 0;
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < CONDITIONS; i++) {
      Condition condition = corp.condition(3);
      SqlRuleCompiler.Sql sql = compiler.compile(condition);
      List<Object> args = new ArrayList<>(List.of(corpId));
      args.addAll(sql.args());
      Set<String> bySql = new HashSet<>(jdbc.queryForList("SELECT c.external_userid FROM scrm_customer c "
          + "WHERE c.corp_id = ? AND " + sql.sql(), String.class, args.toArray()));
      for (String customer : corp.customers) {
        boolean inMemory = InMemoryEvaluator.matches(condition, snapshots.get(customer), now);
        pairs++;
        matches += inMemory ? 1 : 0;
        if (inMemory != bySql.contains(customer) && failures.size() < 5) {
          failures.add("seed " + seed + ": customer " + customer + " sql=" + bySql.contains(customer)
              + " memory=" + inMemory + " for " + RuleCodec.text(RuleCodec.write(condition)) + "\n  "
              + InMemoryEvaluator.explain(condition, snapshots.get(customer), now) + "\n  " + snapshots.get(customer));
        }
      }
    }
    assertThat(failures).as("disagreements (replay with -Drules.seed=" + seed + ")").isEmpty();
    assertThat(pairs).isGreaterThanOrEqualTo(10_000);
    // the generator must produce both outcomes often enough to mean something
    assertThat(matches).isBetween(pairs / 20, pairs - pairs / 20);
    System.out.printf("rules agreement: %d pairs, %d matches, seed %d, %s%n", pairs, matches, seed,
        TestDataSources.mariadb() ? "MariaDB" : "H2");
  }

  /**
   * The campaign fields on crafted send-ledger rows: every operator, campaign set, window and count gives the same
   * answer in SQL and in memory, and the answers are the documented ones (only SENT deliveries with a sent time, of
   * runs to customers, in this corp, count; a window includes its first instant).
   */
  @Test
  void campaignFieldsAgreeOnCraftedDeliveries() {
    JdbcTemplate jdbc = new JdbcTemplate(TestDataSources.migrated());
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    String corpId = "wwcamp" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    String other = corpId + "x";
    List<String> customers = List.of("wm_fresh", "wm_old", "wm_unsent", "wm_group", "wm_none", "wm_edge");
    customers.forEach(c -> jdbc.update("INSERT INTO scrm_customer (corp_id, external_userid, name) VALUES (?, ?, ?)",
        corpId, c, c));
    long single = run(jdbc, corpId, 11, "SINGLE", now);
    long task = run(jdbc, corpId, 12, "STAFF_TASK", now);
    long group = run(jdbc, corpId, 13, "GROUP", now);
    long elsewhere = run(jdbc, other, 11, "SINGLE", now);
    // wm_fresh: campaign 11 from two senders 1 day ago, campaign 12 5 days ago
    deliver(jdbc, single, corpId, "wm_fresh", "u1", "SENT", now.minus(java.time.Duration.ofDays(1)));
    deliver(jdbc, single, corpId, "wm_fresh", "u2", "SENT", now.minus(java.time.Duration.ofDays(1)));
    deliver(jdbc, task, corpId, "wm_fresh", "u1", "SENT", now.minus(java.time.Duration.ofDays(5)));
    // wm_old: campaign 12 40 days ago
    deliver(jdbc, task, corpId, "wm_old", "u1", "SENT", now.minus(java.time.Duration.ofDays(40)));
    // wm_unsent: planned, not friends, SENT without a time: nothing counts
    deliver(jdbc, single, corpId, "wm_unsent", "u1", "TASK_CREATED", null);
    deliver(jdbc, task, corpId, "wm_unsent", "u1", "NOT_FRIEND", null);
    deliver(jdbc, single, corpId, "wm_unsent", "u2", "SENT", null);
    // wm_group: a group-chat run's row naming the customer, and another corp's push: neither counts
    deliver(jdbc, group, corpId, "wm_group", "u1", "SENT", now.minus(java.time.Duration.ofDays(1)));
    deliver(jdbc, elsewhere, other, "wm_group", "u1", "SENT", now.minus(java.time.Duration.ofDays(1)));
    // wm_edge: exactly 7 days ago (inside a 7-day window)
    deliver(jdbc, task, corpId, "wm_edge", "u1", "SENT", now.minus(java.time.Duration.ofDays(7)));
    JdbcCustomerSnapshots loader = new JdbcCustomerSnapshots(jdbc);
    Map<String, CustomerSnapshot> snapshots = loader.loadMany(corpId, customers).entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().snapshot()));
    SqlRuleCompiler compiler = new SqlRuleCompiler(corpId, now, ZoneId.systemDefault());
    List<Condition.Leaf> leaves = new ArrayList<>();
    for (List<String> ids : List.of(List.of("11"), List.of("12"), List.of("13"), List.of("11", "12"),
        List.of("99"))) {
      for (Integer days : java.util.Arrays.asList(null, 1, 6, 7, 30, 60)) {
        leaves.add(new Condition.Leaf(io.wescrm.core.rules.Field.CAMPAIGN_RECEIVED, io.wescrm.core.rules.Op.IN, ids,
            null, days));
        leaves.add(new Condition.Leaf(io.wescrm.core.rules.Field.CAMPAIGN_RECEIVED,
            io.wescrm.core.rules.Op.NOT_IN, ids, null, days));
      }
    }
    for (io.wescrm.core.rules.Op op : io.wescrm.core.rules.Field.Type.WINDOW_COUNT.ops()) {
      for (long n = 0; n <= 4; n++) {
        for (int days : List.of(1, 2, 6, 7, 30, 60)) {
          leaves.add(new Condition.Leaf(io.wescrm.core.rules.Field.CAMPAIGN_PUSHES, op, List.of(), n, days));
        }
      }
    }
    Map<String, Set<String>> matched = new java.util.HashMap<>();
    for (Condition.Leaf leaf : leaves) {
      SqlRuleCompiler.Sql sql = compiler.compile(leaf);
      List<Object> args = new ArrayList<>(List.of(corpId));
      args.addAll(sql.args());
      Set<String> bySql = new HashSet<>(jdbc.queryForList("SELECT c.external_userid FROM scrm_customer c "
          + "WHERE c.corp_id = ? AND " + sql.sql(), String.class, args.toArray()));
      Set<String> inMemory = customers.stream()
          .filter(c -> InMemoryEvaluator.matches(leaf, snapshots.get(c), now)).collect(Collectors.toSet());
      String text = RuleCodec.text(RuleCodec.write(leaf));
      assertThat(bySql).as(text).isEqualTo(inMemory);
      matched.put(text, bySql);
    }
    assertThat(matched.get("{\"field\":\"campaign.received\",\"op\":\"in\",\"values\":[11]}"))
        .containsExactly("wm_fresh");
    assertThat(matched.get("{\"field\":\"campaign.received\",\"op\":\"in\",\"values\":[12]}"))
        .containsExactlyInAnyOrder("wm_fresh", "wm_old", "wm_edge");
    assertThat(matched.get("{\"field\":\"campaign.received\",\"op\":\"in\",\"values\":[12],\"days\":7}"))
        .containsExactlyInAnyOrder("wm_fresh", "wm_edge");
    assertThat(matched.get("{\"field\":\"campaign.received\",\"op\":\"in\",\"values\":[13]}")).isEmpty();
    assertThat(matched.get("{\"field\":\"campaign.received\",\"op\":\"notIn\",\"values\":[11,12]}"))
        .containsExactlyInAnyOrder("wm_unsent", "wm_group", "wm_none");
    assertThat(matched.get("{\"field\":\"campaign.pushes\",\"op\":\"eq\",\"value\":2,\"days\":2}"))
        .containsExactly("wm_fresh");
    assertThat(matched.get("{\"field\":\"campaign.pushes\",\"op\":\"gte\",\"value\":3,\"days\":6}"))
        .containsExactly("wm_fresh");
    assertThat(matched.get("{\"field\":\"campaign.pushes\",\"op\":\"eq\",\"value\":0,\"days\":30}"))
        .containsExactlyInAnyOrder("wm_old", "wm_unsent", "wm_group", "wm_none");
    assertThat(snapshots.get("wm_fresh").pushes()).hasSize(3);
    assertThat(snapshots.get("wm_group").pushes()).isEmpty();
    assertThat(snapshots.get("wm_unsent").pushes()).isEmpty();
  }

  private static long run(JdbcTemplate jdbc, String corpId, long campaignId, String channel, Instant now) {
    java.sql.Timestamp at = java.sql.Timestamp.valueOf(java.time.LocalDateTime.ofInstant(now, ZoneId.systemDefault()));
    String occurrence = "api:" + UUID.randomUUID();
    jdbc.update("INSERT INTO scrm_campaign_run (corp_id, campaign_id, version, occurrence, trigger_source, channel, "
        + "status, due_at, deadline_at, created_at) VALUES (?, ?, 1, ?, 'API', ?, 'DONE', ?, ?, ?)", corpId,
        campaignId, occurrence, channel, at, at, at);
    return jdbc.queryForObject("SELECT id FROM scrm_campaign_run WHERE campaign_id = ? AND occurrence = ?",
        Long.class, campaignId, occurrence);
  }

  private static void deliver(JdbcTemplate jdbc, long runId, String corpId, String target, String sender,
      String status, Instant sentAt) {
    java.sql.Timestamp sent = sentAt == null ? null
        : java.sql.Timestamp.valueOf(java.time.LocalDateTime.ofInstant(sentAt, ZoneId.systemDefault()));
    java.sql.Timestamp now = java.sql.Timestamp.valueOf(java.time.LocalDateTime.now());
    jdbc.update("INSERT INTO scrm_campaign_delivery (run_id, corp_id, target, sender, render_key, status, counted_at, "
        + "sent_at, updated_at) VALUES (?, ?, ?, ?, 'r0', ?, ?, ?, ?)", runId, corpId, target, sender, status, now,
        sent, now);
  }

  /**
   * The full re-evaluation's two modes (set-based SQL per rule, and chunked in memory) leave the same tags and stages
   * on two identical random corps, with random tag rules and the lifecycle defaults.
   */
  @Test
  void setBasedAndChunkedFullRunsLeaveTheSameTagsAndStages() {
    long seed = Long.getLong("rules.seed", System.nanoTime());
    javax.sql.DataSource ds = TestDataSources.migrated();
    JdbcTemplate jdbc = new JdbcTemplate(ds);
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    java.time.Clock clock = java.time.Clock.fixed(now, ZoneId.systemDefault());
    org.springframework.transaction.support.TransactionTemplate tx =
        new org.springframework.transaction.support.TransactionTemplate(
            new org.springframework.jdbc.datasource.DataSourceTransactionManager(ds));
    String run = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    Map<Boolean, String> corpIds = Map.of(true, "wwsetbased" + run, false, "wwchunked0" + run);
    Map<Boolean, Map<String, String>> results = new java.util.HashMap<>();
    for (boolean setBased : List.of(true, false)) {
      String corpId = corpIds.get(setBased);
      RandomCorp corp = new RandomCorp(corpId, seed, now);
      corp.write(jdbc, 300);
      for (int i = 0; i < 8; i++) {
        jdbc.update("INSERT INTO scrm_tag (corp_id, tag_id, group_id, name) VALUES (?, ?, 'grp', ?)", corpId,
            "r" + i, "rule " + i);
      }
      io.wescrm.core.rules.jdbc.JdbcRules rules = new io.wescrm.core.rules.jdbc.JdbcRules(jdbc, tx, clock);
      RuleCodec codec = new RuleCodec(LiveTags.each(t -> true));
      for (io.wescrm.core.rules.DefaultRules.Preset p : io.wescrm.core.rules.DefaultRules.LIFECYCLE) {
        rules.create(corpId, new io.wescrm.core.rules.jdbc.JdbcRules.Header(p.name(), null, p.priority(), true,
            p.key()), codec.read(RuleCodec.parseJson(p.condition()), RuleCodec.parseJson(p.actions())), "test");
      }
      RandomCorp generator = new RandomCorp(corpId, seed + 1, now);
      for (int i = 0; i < 8; i++) {
        Condition condition = generator.condition(2);
        String action = i % 3 == 2 ? "[{\"type\":\"removeTags\",\"tags\":[\"t" + (i % 6) + "\"]}]"
            : "[{\"type\":\"addTags\",\"tags\":[\"r" + i + "\"],\"syncToWeCom\":" + (i % 2 == 0) + "}]";
        String conditionJson = RuleCodec.text(RuleCodec.write(condition));
        if (i % 3 == 2 && conditionJson.contains("\"t" + (i % 6) + "\"")) {
          action = "[{\"type\":\"addTags\",\"tags\":[\"r" + i + "\"]}]";
        }
        rules.create(corpId, new io.wescrm.core.rules.jdbc.JdbcRules.Header("random " + i, null, 60 + i, true,
            null), codec.read(RuleCodec.parseJson(conditionJson), RuleCodec.parseJson(action)), "test");
      }
      io.wescrm.core.tags.jdbc.JdbcTagPushes pushes = new io.wescrm.core.tags.jdbc.JdbcTagPushes(jdbc, null,
          clock);
      io.wescrm.core.rules.jdbc.JdbcRuleEngine engine = new io.wescrm.core.rules.jdbc.JdbcRuleEngine(jdbc, tx,
          rules, new JdbcCustomerSnapshots(jdbc), new io.wescrm.core.tags.jdbc.JdbcTagWriter(jdbc, null, clock,
          pushes), pushes, clock).mode(setBased, 2);
      assertThat(engine.runAll(corpId, "TEST").status()).isEqualTo("SUCCEEDED");
      Map<String, String> state = new java.util.TreeMap<>();
      jdbc.query("SELECT external_userid, lifecycle_stage FROM scrm_customer WHERE corp_id = ?", rs -> {
        state.put("stage " + norm(rs.getString(1)), String.valueOf(rs.getString(2)));
      }, corpId);
      jdbc.query("SELECT userid, external_userid, tag_id, source, local_only FROM scrm_follow_tag WHERE corp_id = ?",
          rs -> {
            state.put("tag " + rs.getString(1) + " " + norm(rs.getString(2)) + " " + rs.getString(3),
                rs.getString(4) + " " + rs.getInt(5));
          }, corpId);
      jdbc.query("SELECT userid, external_userid, tag_id, op FROM scrm_tag_push WHERE corp_id = ?", rs -> {
        state.put("push " + rs.getString(1) + " " + norm(rs.getString(2)) + " " + rs.getString(3), rs.getString(4));
      }, corpId);
      results.put(setBased, state);
    }
    assertThat(results.get(false)).as("chunked vs set-based, seed " + seed).isEqualTo(results.get(true));
    assertThat(results.get(true).keySet()).anyMatch(k -> k.startsWith("tag ") && results.get(true).get(k)
        .startsWith("RULE"));
  }

  /** A run whose lease is gone writes nothing more, in both modes: it stops FAILED before its next chunk commits. */
  @Test
  void aRunThatLostItsLeaseWritesNothing() {
    javax.sql.DataSource ds = TestDataSources.migrated();
    JdbcTemplate jdbc = new JdbcTemplate(ds);
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    java.time.Clock clock = java.time.Clock.fixed(now, ZoneId.systemDefault());
    org.springframework.transaction.support.TransactionTemplate tx =
        new org.springframework.transaction.support.TransactionTemplate(
            new org.springframework.jdbc.datasource.DataSourceTransactionManager(ds));
    for (boolean setBased : List.of(true, false)) {
      String corpId = "wwleaselost" + (setBased ? "s" : "c") + UUID.randomUUID().toString().substring(0, 6);
      new RandomCorp(corpId, 7, now).write(jdbc, 200);
      jdbc.update("INSERT INTO scrm_tag (corp_id, tag_id, group_id, name) VALUES (?, 'rall', 'grp', 'all')", corpId);
      io.wescrm.core.rules.jdbc.JdbcRules rules = new io.wescrm.core.rules.jdbc.JdbcRules(jdbc, tx, clock);
      RuleCodec codec = new RuleCodec(LiveTags.each(t -> true));
      rules.create(corpId, new io.wescrm.core.rules.jdbc.JdbcRules.Header("everyone", null, 50, true, null),
          codec.read(RuleCodec.parseJson("{\"field\": \"follow.count\", \"op\": \"gte\", \"value\": 1}"),
              RuleCodec.parseJson("[{\"type\": \"addTags\", \"tags\": [\"rall\"]}]")), "test");
      io.wescrm.core.tags.jdbc.JdbcTagPushes pushes = new io.wescrm.core.tags.jdbc.JdbcTagPushes(jdbc, null,
          clock);
      io.wescrm.core.rules.jdbc.JdbcRuleEngine engine = new io.wescrm.core.rules.jdbc.JdbcRuleEngine(jdbc, tx,
          rules, new JdbcCustomerSnapshots(jdbc), new io.wescrm.core.tags.jdbc.JdbcTagWriter(jdbc, null, clock,
          pushes), pushes, clock).mode(setBased, 2);
      io.wescrm.core.rules.RuleRun run = engine.runAll(corpId, "TEST", () -> false);
      assertThat(run.status()).as("set-based " + setBased).isEqualTo("FAILED");
      assertThat(run.error()).contains("lost its lease");
      assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM scrm_follow_tag WHERE corp_id = ? AND source = 'RULE'",
          Long.class, corpId)).as("no tag written after the lease was lost").isZero();
      assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM scrm_tag_push WHERE corp_id = ?", Long.class, corpId))
          .isZero();
      // the same run with its lease held tags every customer with a live relation: the check is what stopped it
      assertThat(engine.runAll(corpId, "TEST", () -> true).status()).isEqualTo("SUCCEEDED");
      assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM scrm_follow_tag WHERE corp_id = ? AND source = 'RULE'",
          Long.class, corpId)).isPositive();
    }
  }

  private static String norm(String externalUserId) {
    return externalUserId.substring(externalUserId.indexOf('_'));
  }
}
