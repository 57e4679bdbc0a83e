package io.wescrm.web.rules;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the rules engine ({@code scrm.rules.*}).
 *
 * @param cron when the full re-evaluation runs (time-based conditions: "no interaction for N days", windows)
 * @param debounce how long a customer's events are gathered before one evaluation
 * @param pushInterval how often the WeCom tag push queue is drained
 * @param pushBatch rows per drain pass
 */
@ConfigurationProperties("scrm.rules")
public record RulesProperties(String cron, Duration debounce, Duration pushInterval, Integer pushBatch) {

  public RulesProperties {
    cron = cron == null || cron.isBlank() ? "0 20 * * * ?" : cron;
    debounce = debounce == null ? Duration.ofMillis(1500) : debounce;
    pushInterval = pushInterval == null ? Duration.ofSeconds(1) : pushInterval;
    pushBatch = pushBatch == null ? 500 : pushBatch;
  }
}
