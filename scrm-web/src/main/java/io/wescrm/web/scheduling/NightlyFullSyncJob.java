package io.wescrm.web.scheduling;

import io.wescrm.core.sync.FullSync;
import io.wescrm.core.sync.RemoteCorps;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.quartz.QuartzJobBean;

/** Starts a full sync of every configured corp (nightly). The single-flight lock makes a second node skip it. */
@DisallowConcurrentExecution
public class NightlyFullSyncJob extends QuartzJobBean {

  private static final Logger log = LoggerFactory.getLogger(NightlyFullSyncJob.class);

  private final FullSync fullSync;
  private final RemoteCorps corps;

  public NightlyFullSyncJob(FullSync fullSync, RemoteCorps corps) {
    this.fullSync = fullSync;
    this.corps = corps;
  }

  @Override
  protected void executeInternal(JobExecutionContext context) {
    for (String corpId : corps.corpIds()) {
      log.info("Nightly full sync of corp {}: {}", corpId, fullSync.start(corpId, "SCHEDULE"));
    }
  }
}
