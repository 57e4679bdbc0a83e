package io.wescrm.web.moments.scheduling;

import io.wescrm.core.moments.jdbc.JdbcMomentTasks;
import io.wescrm.web.moments.MomentsProperties;
import io.wescrm.web.scheduling.CronTriggers;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.Scheduler;
import org.quartz.Trigger;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The moments poll in Quartz ({@code scrm.moments.cron}, every 15 minutes by default). */
@Configuration(proxyBeanMethods = false)
public class MomentsSchedulingConfiguration {

  @Bean
  JobDetail momentSyncJob() {
    return JobBuilder.newJob(MomentSyncJob.class).withIdentity("moment-sync", "moments")
        .withDescription("客户朋友圈轮询（增量，含历史回补）").storeDurably().build();
  }

  @Bean
  Trigger momentSyncTrigger(JobDetail momentSyncJob, MomentsProperties properties) {
    return CronTriggers.cronTrigger(momentSyncJob, properties.cron(), false);
  }

  @Bean
  MomentTaskSchedules momentTaskSchedules(Scheduler scheduler, JdbcMomentTasks tasks) {
    return new MomentTaskSchedules(scheduler, tasks);
  }
}
