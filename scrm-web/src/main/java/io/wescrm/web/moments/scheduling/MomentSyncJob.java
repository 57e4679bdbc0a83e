package io.wescrm.web.moments.scheduling;

import io.wescrm.core.remote.RemoteCorps;
import io.wescrm.web.moments.MomentSyncs;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.quartz.QuartzJobBean;

/** Polls every corp's moments (WeCom sends no callback for 客户朋友圈): one incremental pass each. */
@DisallowConcurrentExecution
public class MomentSyncJob extends QuartzJobBean {

  private static final Logger log = LoggerFactory.getLogger(MomentSyncJob.class);

  private final MomentSyncs syncs;
  private final RemoteCorps corps;

  public MomentSyncJob(MomentSyncs syncs, RemoteCorps corps) {
    this.syncs = syncs;
    this.corps = corps;
  }

  @Override
  protected void executeInternal(JobExecutionContext context) {
    for (String corpId : corps.corpIds()) {
      if (syncs.runNow(corpId, "SCHEDULE").isEmpty()) {
        log.info("Scheduled moment sync of corp {} skipped: a pass is running", corpId);
      }
    }
  }
}
