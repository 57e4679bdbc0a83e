package io.wescrm.web.sync.scheduling;

import io.wescrm.core.remote.RemoteCorps;
import io.wescrm.core.sync.SyncingCorp;
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

  private final SyncingCorp syncingCorp;
  private final RemoteCorps corps;

  public CorpSyncJob(SyncingCorp syncingCorp, RemoteCorps corps) {
    this.syncingCorp = syncingCorp;
    this.corps = corps;
  }

  @Override
  protected void executeInternal(JobExecutionContext context) {
    String kind = context.getMergedJobDataMap().getString(KIND);
    for (String corpId : corps.corpIds()) {
      log.info("Scheduled {} run of corp {}: {}", kind, corpId, syncingCorp.start(corpId, kind, "SCHEDULE",
          SyncingCorp.RECONCILE.equals(kind)));
    }
  }
}
