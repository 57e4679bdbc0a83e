package io.wescrm.web.moments;

import io.wescrm.core.events.DomainEvents;
import io.wescrm.core.moments.RemoteMoments;
import io.wescrm.core.moments.SyncingMoments;
import io.wescrm.core.moments.jdbc.JdbcMomentQueries;
import io.wescrm.core.moments.jdbc.JdbcMomentStore;
import io.wescrm.wecom.client.WeComProperties;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** Wires the moments poll: its store (with durable domain events), the use case and the read queries. */
@Configuration(proxyBeanMethods = false)
public class MomentsConfiguration {

  @Bean
  JdbcMomentStore momentStore(JdbcTemplate jdbc, TransactionTemplate tx, ObjectProvider<DomainEvents> events) {
    return new JdbcMomentStore(jdbc, tx, events::getObject);
  }

  @Bean
  JdbcMomentQueries momentQueries(JdbcTemplate jdbc) {
    return new JdbcMomentQueries(jdbc);
  }

  @Bean
  SyncingMoments syncingMoments(RemoteMoments remote, JdbcMomentStore store, Clock clock, MomentsProperties p,
      WeComProperties wecom) {
    return new SyncingMoments(remote, store, clock, new SyncingMoments.Settings(p.backfillDays(), p.recheckDays(),
        p.maxWindows(), p.listOverlap(), p.parallelism() == null ? wecom.apiConcurrency() : p.parallelism()));
  }
}
