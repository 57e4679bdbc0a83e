package io.wescrm.web.rules;

import io.wescrm.core.persistence.JdbcCorpTagAdmin;
import io.wescrm.core.persistence.JdbcCustomerSnapshots;
import io.wescrm.core.persistence.JdbcRuleEngine;
import io.wescrm.core.persistence.JdbcRules;
import io.wescrm.core.persistence.JdbcTagPushes;
import io.wescrm.core.sync.CorpMirror;
import io.wescrm.core.sync.RemoteCorps;
import io.wescrm.core.tag.TagWriter;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** The rules engine, the corp tag library and the WeCom tag push queue. */
@Configuration(proxyBeanMethods = false)
public class RulesConfiguration {

  @Bean
  JdbcTagPushes tagPushes(JdbcTemplate jdbc, RemoteCorps remote, Clock clock) {
    return new JdbcTagPushes(jdbc, remote, clock);
  }

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

  @Bean
  JdbcCorpTagAdmin corpTagAdmin(JdbcTemplate jdbc, RemoteCorps remote, CorpMirror mirror, Clock clock) {
    return new JdbcCorpTagAdmin(jdbc, remote, mirror, clock);
  }
}
