package io.wescrm.web.rules;

import io.wescrm.core.rules.jdbc.JdbcCustomerSnapshots;
import io.wescrm.core.rules.jdbc.JdbcRuleEngine;
import io.wescrm.core.rules.jdbc.JdbcRules;
import io.wescrm.core.tags.TagWriter;
import io.wescrm.core.tags.jdbc.JdbcTagPushes;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** The rule store and the rules engine. */
@Configuration(proxyBeanMethods = false)
public class RulesConfiguration {

  @Bean
  JdbcRules rules(JdbcTemplate jdbc, TransactionTemplate tx, Clock clock) {
    return new JdbcRules(jdbc, tx, clock);
  }

  @Bean
  JdbcCustomerSnapshots customerSnapshots(JdbcTemplate jdbc) {
    return new JdbcCustomerSnapshots(jdbc);
  }

  @Bean
  JdbcRuleEngine ruleEngine(JdbcTemplate jdbc, TransactionTemplate tx, JdbcRules rules,
      JdbcCustomerSnapshots snapshots, TagWriter tags, JdbcTagPushes pushes, Clock clock) {
    return new JdbcRuleEngine(jdbc, tx, rules, snapshots, tags, pushes, clock);
  }
}
