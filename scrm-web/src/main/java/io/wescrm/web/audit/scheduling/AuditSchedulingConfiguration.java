package io.wescrm.web.audit.scheduling;

import static io.wescrm.web.scheduling.CronTriggers.cronTrigger;

import io.wescrm.web.audit.AuditProperties;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.Trigger;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The daily audit log retention ({@code scrm.audit.prune-cron}). */
@Configuration(proxyBeanMethods = false)
public class AuditSchedulingConfiguration {

  @Bean
  JobDetail auditRetentionJob() {
    return JobBuilder.newJob(AuditRetentionJob.class).withIdentity("audit-retention", "audit")
        .withDescription("清理超过保留期的审计日志").storeDurably().build();
  }

  @Bean
  Trigger auditRetentionTrigger(JobDetail auditRetentionJob, AuditProperties audit) {
    return cronTrigger(auditRetentionJob, audit.pruneCron(), false);
  }
}
