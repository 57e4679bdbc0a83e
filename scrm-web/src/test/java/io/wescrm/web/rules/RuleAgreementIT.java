package io.wescrm.web.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.wescrm.core.rules.Condition;
import io.wescrm.core.rules.CustomerSnapshot;
import io.wescrm.core.rules.InMemoryEvaluator;
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
      RuleCodec codec = new RuleCodec(t -> true);
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

  private static String norm(String externalUserId) {
    return externalUserId.substring(externalUserId.indexOf('_'));
  }
}
