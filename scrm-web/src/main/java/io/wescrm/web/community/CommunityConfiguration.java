package io.wescrm.web.community;

import io.wescrm.core.community.GroupAnalytics;
import io.wescrm.core.community.GroupWelcomeTemplateManagement;
import io.wescrm.core.community.JoinWayManagement;
import io.wescrm.core.community.LoggingGroupMembers;
import io.wescrm.core.community.PullingGroupStats;
import io.wescrm.core.community.RemoteCommunities;
import io.wescrm.core.community.jdbc.JdbcGroupMemberEvents;
import io.wescrm.core.community.jdbc.JdbcGroupStats;
import io.wescrm.core.community.jdbc.JdbcGroupWelcomeTemplates;
import io.wescrm.core.community.jdbc.JdbcJoinWays;
import java.time.Clock;
import java.time.ZoneId;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** Wires the community slice: 群活码, group welcome templates, the member event log and the group analytics. */
@Configuration(proxyBeanMethods = false)
public class CommunityConfiguration {

  @Bean
  JdbcJoinWays joinWays(JdbcTemplate jdbc) {
    return new JdbcJoinWays(jdbc);
  }

  @Bean
  JdbcGroupWelcomeTemplates groupWelcomeTemplates(JdbcTemplate jdbc) {
    return new JdbcGroupWelcomeTemplates(jdbc);
  }

  @Bean
  JdbcGroupStats groupStats(JdbcTemplate jdbc) {
    return new JdbcGroupStats(jdbc);
  }

  @Bean
  JoinWayManagement joinWayManagement(JdbcJoinWays ways, RemoteCommunities remote, Clock clock) {
    return new JoinWayManagement(ways, remote::community, clock);
  }

  @Bean
  GroupWelcomeTemplateManagement groupWelcomeTemplateManagement(JdbcGroupWelcomeTemplates templates,
      RemoteCommunities remote, Clock clock) {
    return new GroupWelcomeTemplateManagement(templates, remote::community, clock);
  }

  @Bean
  GroupAnalytics groupAnalytics(JdbcGroupStats stats, JdbcJoinWays ways, Clock clock, CommunityProperties p) {
    return new GroupAnalytics(stats, ways, clock, ZoneId.of(p.zone()));
  }

  @Bean
  PullingGroupStats pullingGroupStats(JdbcGroupStats stats, RemoteCommunities remote, Clock clock,
      CommunityProperties p) {
    return new PullingGroupStats(stats, remote::community, clock, ZoneId.of(p.zone()));
  }

  /** The {@code community} event consumer: every member join and leave into the member event log. */
  @Bean
  LoggingGroupMembers loggingGroupMembers(JdbcTemplate jdbc, CommunityProperties p) {
    return new LoggingGroupMembers(new JdbcGroupMemberEvents(jdbc), ZoneId.of(p.zone()));
  }
}
