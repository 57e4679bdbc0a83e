package io.wescrm.web.moments.scheduling;

import io.wescrm.core.moments.PublishingMoments;
import io.wescrm.web.moments.MomentPublishWorker;
import java.time.Instant;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.quartz.QuartzJobBean;

/**
 * One fire of a 朋友圈 task's trigger: the publish of this occurrence (its scheduled fire time), made once even if the
 * fire is seen twice (the occurrence is unique per task).
 */
public class MomentTaskFireJob extends QuartzJobBean {

  private static final Logger log = LoggerFactory.getLogger(MomentTaskFireJob.class);

  private final PublishingMoments publishing;
  private final MomentPublishWorker worker;

  public MomentTaskFireJob(PublishingMoments publishing, MomentPublishWorker worker) {
    this.publishing = publishing;
    this.worker = worker;
  }

  @Override
  protected void executeInternal(JobExecutionContext context) {
    JobDataMap data = context.getMergedJobDataMap();
    String corpId = data.getString("corpId");
    long taskId = data.getLong("taskId");
    Instant scheduled = context.getScheduledFireTime().toInstant();
    publishing.fire(corpId, taskId, scheduled.toString(), scheduled).ifPresentOrElse(id -> worker.wake(),
        () -> log.info("Moment task {} of corp {} fired at {}: cancelled, gone or already published", taskId, corpId,
            scheduled));
  }
}
