package io.wescrm.web.audit.scheduling;

import io.wescrm.core.audit.AuditLog;
import io.wescrm.web.audit.AuditProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.quartz.QuartzJobBean;

/** Deletes audit entries older than {@code scrm.audit.retention-days}, in bounded batches; one node, never two. */
@DisallowConcurrentExecution
public class AuditRetentionJob extends QuartzJobBean {

  private static final Logger log = LoggerFactory.getLogger(AuditRetentionJob.class);

  private final AuditLog audit;
  private final AuditProperties properties;
  private final Clock clock;

  public AuditRetentionJob(AuditLog audit, AuditProperties properties, Clock clock) {
    this.audit = audit;
    this.properties = properties;
    this.clock = clock;
  }

  @Override
  protected void executeInternal(JobExecutionContext context) {
    Instant cutoff = clock.instant().minus(Duration.ofDays(properties.retentionDays()));
    int total = 0;
    int deleted;
    do {
      deleted = audit.pruneBefore(cutoff, 5_000);
      total += deleted;
    } while (deleted > 0);
    if (total > 0) {
      log.info("audit log: {} entries older than {} deleted", total, cutoff);
    }
  }
}
