package io.wescrm.web.inbox.scheduling;

import static io.wescrm.web.scheduling.CronTriggers.cronTrigger;

import io.wescrm.web.inbox.CallbackProperties;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.Trigger;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The hourly inbox retention ({@code scrm.callback.inbox-retention-cron}). */
@Configuration(proxyBeanMethods = false)
public class InboxSchedulingConfiguration {

  @Bean
  JobDetail inboxRetentionJob() {
    return JobBuilder.newJob(InboxRetentionJob.class).withIdentity("inbox-retention", "callback")
        .withDescription("清理回调收件箱中超过保留期的已完成事件（已应用或已放弃）").storeDurably().build();
  }

  @Bean
  Trigger inboxRetentionTrigger(JobDetail inboxRetentionJob, CallbackProperties callback) {
    return cronTrigger(inboxRetentionJob, callback.inboxRetentionCron(), false);
  }
}
