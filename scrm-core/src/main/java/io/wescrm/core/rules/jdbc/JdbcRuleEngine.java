package io.wescrm.core.rules.jdbc;

import io.wescrm.core.rules.RuleEngine;
import io.wescrm.core.tags.TagWriter;
import io.wescrm.core.tags.jdbc.JdbcTagPushes;
import java.time.Clock;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** The {@link RuleEngine} assembled over JDBC: its ports are this package's stores. No logic of its own. */
public class JdbcRuleEngine extends RuleEngine {

  public JdbcRuleEngine(JdbcTemplate jdbc, TransactionTemplate tx, JdbcRules rules, JdbcCustomerSnapshots snapshots,
      TagWriter tags, JdbcTagPushes pushes, Clock clock) {
    super(rules, snapshots, new JdbcRuleWrites(jdbc, tx, tags), new JdbcSetBasedRules(jdbc, tx, pushes, clock),
        new JdbcRuleRunRecords(jdbc), clock);
  }

  @Override
  public JdbcRuleEngine mode(boolean setBased, int threads) {
    super.mode(setBased, threads);
    return this;
  }
}
