package io.wescrm.web.scheduling;

import io.wescrm.core.sync.FullSync;
import io.wescrm.core.sync.RemoteCorps;
import io.wescrm.web.callback.CallbackProperties;
import io.wescrm.web.config.ScrmProperties;
import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/** Quartz jobs (JDBC job store; clustered on MySQL) and the optional sync at start-up. */
@Configuration(proxyBeanMethods = false)
public class SchedulingConfiguration {

  private static final Logger log = LoggerFactory.getLogger(SchedulingConfiguration.class);

  private final ScrmProperties properties;
  private final FullSync fullSync;
  private final RemoteCorps corps;

  SchedulingConfiguration(ScrmProperties properties, FullSync fullSync, RemoteCorps corps) {
    this.properties = properties;
    this.fullSync = fullSync;
    this.corps = corps;
  }

  @Bean
  JobDetail nightlyFullSyncJob() {
    return JobBuilder.newJob(CorpSyncJob.class).withIdentity("nightly-full-sync", "sync")
        .usingJobData(CorpSyncJob.KIND, FullSync.FULL)
        .withDescription("每晚全量同步（客户、跟进关系、标签、客户群）").storeDurably().build();
  }

  @Bean
  Trigger nightlyFullSyncTrigger(JobDetail nightlyFullSyncJob) {
    return cronTrigger(nightlyFullSyncJob, properties.sync().nightlyCron(), true);
  }

  @Bean
  JobDetail reconcileJob() {
    return JobBuilder.newJob(CorpSyncJob.class).withIdentity("reconcile", "sync")
        .usingJobData(CorpSyncJob.KIND, FullSync.RECONCILE)
        .withDescription("对账：与企业微信比对并修复回调遗漏的变更（drift）").storeDurably().build();
  }

  @Bean
  Trigger reconcileTrigger(JobDetail reconcileJob) {
    return cronTrigger(reconcileJob, properties.sync().reconcileCron(), false);
  }

  @Bean
  JobDetail inboxRetentionJob() {
    return JobBuilder.newJob(InboxRetentionJob.class).withIdentity("inbox-retention", "callback")
        .withDescription("清理回调收件箱中超过保留期的已完成事件（已应用或已放弃）").storeDurably().build();
  }

  @Bean
  Trigger inboxRetentionTrigger(JobDetail inboxRetentionJob, CallbackProperties callback) {
    return cronTrigger(inboxRetentionJob, callback.inboxRetentionCron(), false);
  }

  /**
   * A cron trigger named as its job. {@code catchUp}: a firing missed while no node ran is run once when one starts
   * (the nightly sync); otherwise it is skipped and the next one waits for its time.
   */
  static Trigger cronTrigger(JobDetail job, String cron, boolean catchUp) {
    CronScheduleBuilder schedule = CronScheduleBuilder.cronSchedule(cron);
    return TriggerBuilder.newTrigger().forJob(job).withIdentity(job.getKey().getName(), job.getKey().getGroup())
        .withSchedule(catchUp ? schedule.withMisfireHandlingInstructionFireAndProceed()
            : schedule.withMisfireHandlingInstructionDoNothing())
        .build();
  }

  @EventListener(ApplicationReadyEvent.class)
  void syncOnStartup() {
    fullSync.recoverAfterRestart();
    if (!properties.sync().onStartup()) {
      return;
    }
    for (String corpId : corps.corpIds()) {
      log.info("Start-up full sync of corp {}: {}", corpId, fullSync.start(corpId, "STARTUP"));
    }
  }
}
