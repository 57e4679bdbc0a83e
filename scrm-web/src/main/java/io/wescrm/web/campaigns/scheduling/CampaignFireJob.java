package io.wescrm.web.campaigns.scheduling;

import io.wescrm.core.campaigns.Campaign;
import io.wescrm.core.campaigns.RunningCampaigns;
import io.wescrm.core.campaigns.jdbc.JdbcCampaigns;
import io.wescrm.web.campaigns.CampaignWorker;
import java.time.Instant;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.quartz.QuartzJobBean;

/**
 * One fire of a campaign's trigger: creates the run of this occurrence (its scheduled fire time), so that a fire
 * seen twice — a misfire re-run, a node that died after firing — still makes one run. Quartz (clustered on MySQL)
 * fires each trigger on one node; the run's unique occurrence makes that exact even if it did not.
 */
public class CampaignFireJob extends QuartzJobBean {

  private static final Logger log = LoggerFactory.getLogger(CampaignFireJob.class);

  private final JdbcCampaigns campaigns;
  private final RunningCampaigns running;
  private final CampaignWorker worker;

  public CampaignFireJob(JdbcCampaigns campaigns, RunningCampaigns running, CampaignWorker worker) {
    this.campaigns = campaigns;
    this.running = running;
    this.worker = worker;
  }

  @Override
  protected void executeInternal(JobExecutionContext context) {
    JobDataMap data = context.getMergedJobDataMap();
    String corpId = data.getString("corpId");
    long campaignId = data.getLong("campaignId");
    Instant scheduled = context.getScheduledFireTime().toInstant();
    Campaign campaign = campaigns.find(corpId, campaignId).orElse(null);
    if (campaign == null || campaign.status() != Campaign.Status.ACTIVE) {
      log.info("Campaign {} of corp {} fired but is gone or paused: nothing to send", campaignId, corpId);
      return;
    }
    running.fire(campaign, scheduled.toString(), "SCHEDULE", scheduled, null)
        .ifPresentOrElse(run -> worker.wake(),
            () -> log.info("Campaign {} fire at {} already has its run", campaignId, scheduled));
  }
}
