package io.wescrm.web.moments.scheduling;

import io.wescrm.core.campaigns.Schedule;
import io.wescrm.core.moments.MomentTasks;
import io.wescrm.core.moments.MomentTasks.MomentTask;
import io.wescrm.web.scheduling.CronTriggers;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
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
 * One Quartz trigger per scheduled 朋友圈 task ({@code moment-tasks.moment-task-<id>}), as campaigns have: created
 * with the task, removed when it is cancelled, reconciled with the tasks at start. A missed once-fire (no node was
 * up) fires when a node starts; each fire makes the publish of its occurrence once.
 */
public class MomentTaskSchedules {

  static final String GROUP = "moment-tasks";
  private static final Logger log = LoggerFactory.getLogger(MomentTaskSchedules.class);

  private final Scheduler scheduler;
  private final MomentTasks tasks;

  public MomentTaskSchedules(Scheduler scheduler, MomentTasks tasks) {
    this.scheduler = scheduler;
    this.tasks = tasks;
  }

  static JobKey job(long taskId) {
    return JobKey.jobKey("moment-task-" + taskId, GROUP);
  }

  /** The next fire time of a task's trigger, if it has one. */
  public java.util.Optional<Instant> nextFire(long taskId) {
    try {
      Trigger trigger = scheduler.getTrigger(TriggerKey.triggerKey("moment-task-" + taskId, GROUP));
      return java.util.Optional.ofNullable(trigger).map(Trigger::getNextFireTime).map(Date::toInstant);
    } catch (SchedulerException e) {
      return java.util.Optional.empty();
    }
  }

  /** Brings the task's trigger in line with its schedule and status. */
  public void sync(MomentTask task) {
    try {
      JobKey key = job(task.id());
      Schedule schedule = task.spec().schedule();
      if (!"ACTIVE".equals(task.status()) || schedule == null) {
        scheduler.deleteJob(key);
        return;
      }
      JobDetail job = JobBuilder.newJob(MomentTaskFireJob.class).withIdentity(key)
          .withDescription("朋友圈任务 " + task.id()).usingJobData("corpId", task.corpId())
          .usingJobData("taskId", task.id()).storeDurably().build();
      Trigger trigger = CronTriggers.forSchedule(key, "moment-task-" + task.id(), GROUP, schedule);
      Set<Trigger> triggers = new HashSet<>();
      triggers.add(trigger);
      scheduler.scheduleJob(job, triggers, true);
    } catch (SchedulerException e) {
      throw new IllegalStateException("could not schedule moment task " + task.id() + ": " + e.getMessage(), e);
    }
  }

  /** At start: every active task's trigger as it should be, and no trigger of a task that is gone. */
  @EventListener(ApplicationReadyEvent.class)
  public void reconcile() {
    try {
      Set<JobKey> keep = new HashSet<>();
      for (MomentTask task : tasks.active()) {
        if (task.spec().schedule() != null) {
          sync(task);
          keep.add(job(task.id()));
        }
      }
      for (JobKey key : scheduler.getJobKeys(GroupMatcher.jobGroupEquals(GROUP))) {
        if (!keep.contains(key)) {
          scheduler.deleteJob(key);
        }
      }
    } catch (SchedulerException | RuntimeException e) {
      log.error("Could not reconcile the moment task schedules", e);
    }
  }
}
