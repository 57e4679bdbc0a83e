package io.wescrm.web.scheduling;

import io.micrometer.core.instrument.MeterRegistry;
import io.wescrm.core.inbox.InboxRetention;
import io.wescrm.core.sync.RemoteCorps;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.springframework.scheduling.quartz.QuartzJobBean;

/**
 * Deletes every corp's applied inbox events older than {@code scrm.callback.inbox-retention}. One node runs a firing
 * (Quartz's clustered job store), and never two at once.
 */
@DisallowConcurrentExecution
public class InboxRetentionJob extends QuartzJobBean {

  private final InboxRetention retention;
  private final RemoteCorps corps;
  private final MeterRegistry registry;

  public InboxRetentionJob(InboxRetention retention, RemoteCorps corps, MeterRegistry registry) {
    this.retention = retention;
    this.corps = corps;
    this.registry = registry;
  }

  @Override
  protected void executeInternal(JobExecutionContext context) {
    for (String corpId : corps.corpIds()) {
      long deleted = retention.purge(corpId).deleted();
      registry.counter("scrm.inbox.purged", "corp", corpId).increment(deleted);
    }
  }
}
