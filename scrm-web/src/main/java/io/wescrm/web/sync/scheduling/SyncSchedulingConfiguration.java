package io.wescrm.web.sync.scheduling;

import static io.wescrm.web.scheduling.CronTriggers.cronTrigger;

import io.wescrm.core.remote.RemoteCorps;
import io.wescrm.core.sync.SyncingCorp;
import io.wescrm.web.config.ScrmProperties;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.Trigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/** The nightly full sync, the reconciliation passes (Quartz) and the optional sync at start-up. */
@Configuration(proxyBeanMethods = false)
public class SyncSchedulingConfiguration {

  private static final Logger log = LoggerFactory.getLogger(SyncSchedulingConfiguration.class);

  private final ScrmProperties properties;
  private final SyncingCorp syncingCorp;
  private final RemoteCorps corps;

  SyncSchedulingConfiguration(ScrmProperties properties, SyncingCorp syncingCorp, RemoteCorps corps) {
    this.properties = properties;
    this.syncingCorp = syncingCorp;
    this.corps = corps;
  }

  @Bean
  JobDetail nightlyFullSyncJob() {
    return JobBuilder.newJob(CorpSyncJob.class).withIdentity("nightly-full-sync", "sync")
        .usingJobData(CorpSyncJob.KIND, SyncingCorp.FULL)
        .withDescription("每晚全量同步（客户、跟进关系、标签、客户群）").storeDurably().build();
  }

  @Bean
  Trigger nightlyFullSyncTrigger(JobDetail nightlyFullSyncJob) {
    return cronTrigger(nightlyFullSyncJob, properties.sync().nightlyCron(), true);
  }

  @Bean
  JobDetail reconcileJob() {
    return JobBuilder.newJob(CorpSyncJob.class).withIdentity("reconcile", "sync")
        .usingJobData(CorpSyncJob.KIND, SyncingCorp.RECONCILE)
        .withDescription("对账：与企业微信比对并修复回调遗漏的变更（drift）").storeDurably().build();
  }

  @Bean
  Trigger reconcileTrigger(JobDetail reconcileJob) {
    return cronTrigger(reconcileJob, properties.sync().reconcileCron(), false);
  }

  @EventListener(ApplicationReadyEvent.class)
  void syncOnStartup() {
    syncingCorp.recoverAfterRestart();
    if (!properties.sync().onStartup()) {
      return;
    }
    for (String corpId : corps.corpIds()) {
      log.info("Start-up full sync of corp {}: {}", corpId, syncingCorp.start(corpId, "STARTUP"));
    }
  }
}
