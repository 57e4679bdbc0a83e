package io.wescrm.core.sync.jdbc;

import io.wescrm.core.sync.CorpMirror;
import io.wescrm.core.sync.SyncRuns;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** The sync slice's stores: the corp mirror and the run records. */
@Configuration(proxyBeanMethods = false)
public class SyncJdbcConfiguration {

  @Bean
  CorpMirror corpMirror(JdbcTemplate jdbc) {
    return new JdbcCorpMirror(jdbc);
  }

  @Bean
  SyncRuns syncRuns(JdbcTemplate jdbc) {
    return new JdbcSyncRuns(jdbc);
  }
}
