package io.wescrm.web.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.wescrm.core.persistence.JdbcCustomerSnapshots;
import io.wescrm.core.rules.Condition;
import io.wescrm.core.rules.CustomerSnapshot;
import io.wescrm.core.rules.InMemoryEvaluator;
import io.wescrm.core.rules.RuleCodec;
import io.wescrm.core.rules.SqlRuleCompiler;
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
    SqlRuleCompiler compiler = new SqlRuleCompiler(now, ZoneId.systemDefault());
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
}
