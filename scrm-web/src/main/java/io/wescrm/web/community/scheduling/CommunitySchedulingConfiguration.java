package io.wescrm.web.community.scheduling;

import io.wescrm.web.community.CommunityProperties;
import io.wescrm.web.scheduling.CronTriggers;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.Trigger;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The daily pull of WeCom's group statistics ({@code scrm.community.stats-cron}, 06:30 by default). */
@Configuration(proxyBeanMethods = false)
public class CommunitySchedulingConfiguration {

  @Bean
  JobDetail groupStatsJob() {
    return JobBuilder.newJob(GroupStatsJob.class).withIdentity("group-stats", "community")
        .withDescription("拉取企业微信客户群统计（statistic_group_by_day，按群主、按天）").storeDurably().build();
  }

  @Bean
  Trigger groupStatsTrigger(JobDetail groupStatsJob, CommunityProperties properties) {
    return CronTriggers.cronTrigger(groupStatsJob, properties.statsCron(), false);
  }
}
