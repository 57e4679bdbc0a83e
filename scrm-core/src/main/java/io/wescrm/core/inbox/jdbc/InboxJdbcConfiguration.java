package io.wescrm.core.inbox.jdbc;

import io.wescrm.core.inbox.EventFacts;
import io.wescrm.core.inbox.Inbox;
import io.wescrm.core.inbox.RefetchQueue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** The inbox slice's stores: the inbox, the facts events write, the re-fetch queue. */
@Configuration(proxyBeanMethods = false)
public class InboxJdbcConfiguration {

  @Bean
  Inbox inbox(JdbcTemplate jdbc) {
    return new JdbcInbox(jdbc);
  }

  @Bean
  EventFacts eventFacts(JdbcTemplate jdbc) {
    return new JdbcEventFacts(jdbc);
  }

  @Bean
  RefetchQueue refetchQueue(JdbcTemplate jdbc) {
    return new JdbcRefetchQueue(jdbc);
  }
}
