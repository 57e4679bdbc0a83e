package io.wescrm.web.campaigns.scheduling;

import io.wescrm.core.campaigns.Campaign;
import io.wescrm.core.campaigns.CampaignDefinition;
import io.wescrm.core.campaigns.Schedule;
import io.wescrm.core.campaigns.jdbc.JdbcCampaigns;
import io.wescrm.web.scheduling.CronTriggers;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

/**
 * Keeps one Quartz trigger per scheduled broadcast ({@code campaigns.campaign-<id>}): created or replaced when the
 * campaign is saved or resumed, removed when it is paused or deleted, and reconciled with the campaigns at start. A
 * missed fire (no node was up) fires once when a node starts — the run is moved out of quiet hours like any other.
 */
public class CampaignSchedules {

  static final String GROUP = "campaigns";
  private static final Logger log = LoggerFactory.getLogger(CampaignSchedules.class);

  private final Scheduler scheduler;
  private final JdbcCampaigns campaigns;

  public CampaignSchedules(Scheduler scheduler, JdbcCampaigns campaigns) {
    this.scheduler = scheduler;
    this.campaigns = campaigns;
  }

  static JobKey job(long campaignId) {
    return JobKey.jobKey("campaign-" + campaignId, GROUP);
  }

  /** The next fire time of a campaign's trigger, if it has one. */
  public Optional<Instant> nextFire(long campaignId) {
    try {
      Trigger trigger = scheduler.getTrigger(TriggerKey.triggerKey("campaign-" + campaignId, GROUP));
      return Optional.ofNullable(trigger).map(Trigger::getNextFireTime).map(Date::toInstant);
    } catch (SchedulerException e) {
      return Optional.empty();
    }
  }

  /** Brings the campaign's trigger in line with its current version and status. */
  public void sync(Campaign campaign) {
    try {
      JobKey key = job(campaign.id());
      Schedule schedule = campaign.definition().schedule();
      boolean wanted = campaign.status() == Campaign.Status.ACTIVE
          && campaign.kind() == CampaignDefinition.Kind.BROADCAST && schedule != null
          && !(schedule instanceof Schedule.Once once && once.at().isBefore(Instant.now().minusSeconds(3600)));
      if (!wanted) {
        scheduler.deleteJob(key);
        return;
      }
      JobDetail job = JobBuilder.newJob(CampaignFireJob.class).withIdentity(key)
          .withDescription("群发活动 " + campaign.name()).usingJobData("corpId", campaign.corpId())
          .usingJobData("campaignId", campaign.id()).usingJobData("version", campaign.version()).storeDurably()
          .build();
      Trigger trigger = CronTriggers.forSchedule(key, "campaign-" + campaign.id(), GROUP, schedule);
      Set<Trigger> triggers = new HashSet<>();
      triggers.add(trigger);
      scheduler.scheduleJob(job, triggers, true);
    } catch (SchedulerException e) {
      throw new IllegalStateException("could not schedule campaign " + campaign.id() + ": " + e.getMessage(), e);
    }
  }

  /** Removes a deleted campaign's trigger. */
  public void remove(long campaignId) {
    try {
      scheduler.deleteJob(job(campaignId));
    } catch (SchedulerException e) {
      throw new IllegalStateException("could not unschedule campaign " + campaignId, e);
    }
  }

  /** At start: every live campaign's trigger as it should be, and no trigger of a campaign that is gone. */
  @EventListener(ApplicationReadyEvent.class)
  public void reconcile() {
    try {
      Set<JobKey> keep = new HashSet<>();
      for (Campaign campaign : campaigns.all()) {
        sync(campaign);
        keep.add(job(campaign.id()));
      }
      for (JobKey key : scheduler.getJobKeys(GroupMatcher.jobGroupEquals(GROUP))) {
        if (!keep.contains(key)) {
          scheduler.deleteJob(key);
        }
      }
    } catch (SchedulerException | RuntimeException e) {
      log.error("Could not reconcile the campaign schedules", e);
    }
  }
}
