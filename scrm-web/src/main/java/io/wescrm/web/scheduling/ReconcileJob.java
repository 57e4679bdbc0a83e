package io.wescrm.web.scheduling;

import io.wescrm.core.sync.FullSync;
import io.wescrm.core.sync.RemoteCorps;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.quartz.QuartzJobBean;

/**
 * Reconciliation: compares every corp with WeCom and repairs what callbacks missed (WeCom does not promise delivery).
 * What such a run has to change is the drift, reported per run and as a metric.
 */
@DisallowConcurrentExecution
public class ReconcileJob extends QuartzJobBean {

  private static final Logger log = LoggerFactory.getLogger(ReconcileJob.class);

  private final FullSync fullSync;
  private final RemoteCorps corps;

  public ReconcileJob(FullSync fullSync, RemoteCorps corps) {
    this.fullSync = fullSync;
    this.corps = corps;
  }

  @Override
  protected void executeInternal(JobExecutionContext context) {
    for (String corpId : corps.corpIds()) {
      log.info("Reconciliation of corp {}: {}", corpId, fullSync.start(corpId, FullSync.RECONCILE, "SCHEDULE"));
    }
  }
}
