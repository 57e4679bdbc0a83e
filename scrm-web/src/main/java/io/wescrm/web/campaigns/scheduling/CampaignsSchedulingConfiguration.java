package io.wescrm.web.campaigns.scheduling;

import io.wescrm.core.campaigns.jdbc.JdbcCampaigns;
import org.quartz.Scheduler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Campaign triggers in Quartz (JDBC job store; clustered on MySQL) and the cron engine that validates them. */
@Configuration(proxyBeanMethods = false)
public class CampaignsSchedulingConfiguration {

  @Bean
  QuartzCronCalendar cronCalendar() {
    return new QuartzCronCalendar();
  }

  @Bean
  CampaignSchedules campaignSchedules(Scheduler scheduler, JdbcCampaigns campaigns) {
    return new CampaignSchedules(scheduler, campaigns);
  }
}
