package io.wescrm.web.scheduling;

import io.wescrm.core.sync.FullSync;
import io.wescrm.core.sync.RemoteCorps;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.quartz.QuartzJobBean;

/**
 * Starts a run of every configured corp: the nightly full sync ({@code kind=FULL}) or a reconciliation
 * ({@code kind=RECONCILE}, whose changes are the drift callbacks missed). The single-flight lock makes a second node
 * or an overlapping run skip it.
 */
@DisallowConcurrentExecution
public class CorpSyncJob extends QuartzJobBean {

  static final String KIND = "kind";
  private static final Logger log = LoggerFactory.getLogger(CorpSyncJob.class);

  private final FullSync fullSync;
  private final RemoteCorps corps;

  public CorpSyncJob(FullSync fullSync, RemoteCorps corps) {
    this.fullSync = fullSync;
    this.corps = corps;
  }

  @Override
  protected void executeInternal(JobExecutionContext context) {
    String kind = context.getMergedJobDataMap().getString(KIND);
    for (String corpId : corps.corpIds()) {
      log.info("Scheduled {} run of corp {}: {}", kind, corpId, fullSync.start(corpId, kind, "SCHEDULE",
          FullSync.RECONCILE.equals(kind)));
    }
  }
}
