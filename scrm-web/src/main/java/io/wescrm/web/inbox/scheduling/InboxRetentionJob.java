package io.wescrm.web.inbox.scheduling;

import io.wescrm.core.inbox.InboxRetention;
import io.wescrm.core.remote.RemoteCorps;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.springframework.scheduling.quartz.QuartzJobBean;

/**
 * Deletes every corp's finished inbox events (applied or discarded) older than {@code scrm.callback.inbox-retention}.
 * One node runs a firing (Quartz's clustered job store), and never two at once.
 */
@DisallowConcurrentExecution
public class InboxRetentionJob extends QuartzJobBean {

  private final InboxRetention retention;
  private final RemoteCorps corps;

  public InboxRetentionJob(InboxRetention retention, RemoteCorps corps) {
    this.retention = retention;
    this.corps = corps;
  }

  @Override
  protected void executeInternal(JobExecutionContext context) {
    for (String corpId : corps.corpIds()) {
      retention.purge(corpId);
    }
  }
}
