package io.wescrm.web.events;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Durable domain events ({@code scrm.events.*}).
 *
 * @param batch events handed to a consumer at once
 * @param poll how often the outbox is read when nothing wakes the worker (events stored by another node, retries)
 * @param firstBackoff wait after a consumer's first failure on an event; doubled per attempt
 * @param maxBackoff the longest wait between attempts (an event is never dropped)
 */
@ConfigurationProperties("scrm.events")
public record EventsProperties(Integer batch, Duration poll, Duration firstBackoff, Duration maxBackoff) {

  public EventsProperties {
    batch = batch == null ? 500 : batch;
    poll = poll == null ? Duration.ofMillis(500) : poll;
    firstBackoff = firstBackoff == null ? Duration.ofSeconds(1) : firstBackoff;
    maxBackoff = maxBackoff == null ? Duration.ofMinutes(5) : maxBackoff;
  }
}
