package io.wescrm.web.rules.scheduling;

import io.wescrm.core.remote.RemoteCorps;
import io.wescrm.web.rules.RuleRuns;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.quartz.QuartzJobBean;

/**
 * Re-evaluates every corp's enabled rules: time-based conditions (added before N days, no interaction for N days,
 * counts in a window) change without any event.
 */
@DisallowConcurrentExecution
public class RuleEvaluationJob extends QuartzJobBean {

  private static final Logger log = LoggerFactory.getLogger(RuleEvaluationJob.class);

  private final RuleRuns runs;
  private final RemoteCorps corps;

  public RuleEvaluationJob(RuleRuns runs, RemoteCorps corps) {
    this.runs = runs;
    this.corps = corps;
  }

  @Override
  protected void executeInternal(JobExecutionContext context) {
    for (String corpId : corps.corpIds()) {
      log.info("Scheduled rule run of corp {}: {}", corpId, runs.runNow(corpId, "SCHEDULE")
          .map(Object::toString).orElse("skipped, a run is in progress"));
    }
  }
}
