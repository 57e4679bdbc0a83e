package io.wescrm.web.scheduling;

import org.quartz.CronScheduleBuilder;
import org.quartz.JobDetail;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;

/** The cron triggers of every slice's Quartz jobs (JDBC job store; clustered on MySQL). */
public final class CronTriggers {

  private CronTriggers() {
  }

  /**
   * A cron trigger named as its job. {@code catchUp}: a firing missed while no node ran is run once when one starts
   * (the nightly sync); otherwise it is skipped and the next one waits for its time.
   */
  public static Trigger cronTrigger(JobDetail job, String cron, boolean catchUp) {
    CronScheduleBuilder schedule = CronScheduleBuilder.cronSchedule(cron);
    return TriggerBuilder.newTrigger().forJob(job).withIdentity(job.getKey().getName(), job.getKey().getGroup())
        .withSchedule(catchUp ? schedule.withMisfireHandlingInstructionFireAndProceed()
            : schedule.withMisfireHandlingInstructionDoNothing())
        .build();
  }
}
