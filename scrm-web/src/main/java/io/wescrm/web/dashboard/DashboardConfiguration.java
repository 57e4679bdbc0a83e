package io.wescrm.web.dashboard;

import io.wescrm.core.community.GroupAnalytics;
import io.wescrm.core.dashboard.Dashboards;
import io.wescrm.core.dashboard.jdbc.JdbcDashboardQueries;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** Wires the dashboard slice: its queries over JDBC, days in the corps' calendar (the community slice's zone). */
@Configuration(proxyBeanMethods = false)
public class DashboardConfiguration {

  @Bean
  Dashboards dashboards(JdbcTemplate jdbc, Clock clock, GroupAnalytics analytics) {
    return new Dashboards(new JdbcDashboardQueries(jdbc), clock, analytics.zone());
  }
}
