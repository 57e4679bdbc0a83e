package io.wescrm.web.rules.scheduling;

import io.wescrm.web.rules.RulesProperties;
import io.wescrm.web.scheduling.CronTriggers;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.Trigger;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The scheduled full re-evaluation of rules ({@code scrm.rules.cron}, hourly by default). */
@Configuration(proxyBeanMethods = false)
public class RulesSchedulingConfiguration {

  @Bean
  JobDetail ruleEvaluationJob() {
    return JobBuilder.newJob(RuleEvaluationJob.class).withIdentity("rule-evaluation", "rules")
        .withDescription("规则全量重算（时间类条件：N 天未互动、N 天内添加等）").storeDurably().build();
  }

  @Bean
  Trigger ruleEvaluationTrigger(JobDetail ruleEvaluationJob, RulesProperties properties) {
    return CronTriggers.cronTrigger(ruleEvaluationJob, properties.cron(), false);
  }
}
