package io.wescrm.web.scheduling;

import io.wescrm.core.campaigns.Schedule;
import java.util.Date;
import java.util.TimeZone;
import org.quartz.CronScheduleBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.SimpleScheduleBuilder;
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

  /**
   * The trigger of an operator's schedule (a campaign's or a 朋友圈 task's): {@code once} fires at its time, and at
   * once when that time passed while no node ran; {@code recurring} fires on its cron in its zone, a missed firing
   * run once when a node starts.
   */
  public static Trigger forSchedule(JobKey job, String name, String group, Schedule schedule) {
    TriggerBuilder<Trigger> builder = TriggerBuilder.newTrigger().forJob(job).withIdentity(name, group);
    if (schedule instanceof Schedule.Once once) {
      return builder.startAt(Date.from(once.at())).withSchedule(SimpleScheduleBuilder.simpleSchedule()
          .withMisfireHandlingInstructionFireNow()).build();
    }
    Schedule.Recurring r = (Schedule.Recurring) schedule;
    return builder.withSchedule(CronScheduleBuilder.cronSchedule(r.cron())
        .inTimeZone(TimeZone.getTimeZone(r.zone())).withMisfireHandlingInstructionFireAndProceed()).build();
  }
}
