package io.wescrm.web.tags;

import io.wescrm.core.remote.RemoteCorps;
import io.wescrm.core.sync.CorpMirror;
import io.wescrm.core.tags.TagWriter;
import io.wescrm.core.tags.jdbc.JdbcCorpTagAdmin;
import io.wescrm.core.tags.jdbc.JdbcTagPushes;
import io.wescrm.core.tags.jdbc.JdbcTagWriter;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** Tag writes (diff, batch), the WeCom tag push queue and the corp tag library. */
@Configuration(proxyBeanMethods = false)
public class TagsConfiguration {

  @Bean
  TagWriter tagWriter(JdbcTemplate jdbc, RemoteCorps remote, Clock clock, JdbcTagPushes tagPushes) {
    return new JdbcTagWriter(jdbc, remote, clock, tagPushes);
  }

  @Bean
  JdbcTagPushes tagPushes(JdbcTemplate jdbc, RemoteCorps remote, Clock clock) {
    return new JdbcTagPushes(jdbc, remote, clock);
  }

  @Bean
  JdbcCorpTagAdmin corpTagAdmin(JdbcTemplate jdbc, RemoteCorps remote, CorpMirror mirror, Clock clock) {
    return new JdbcCorpTagAdmin(jdbc, remote, mirror, clock);
  }
}
