package io.wescrm.web.events;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.wescrm.core.events.DomainEvents;
import io.wescrm.core.events.EventConsumer;
import io.wescrm.core.events.EventDelivery;
import io.wescrm.core.events.Outbox;
import io.wescrm.core.events.OutboxEvents;
import io.wescrm.core.events.jdbc.JdbcOutbox;
import io.wescrm.core.sync.LocalSyncLocks;
import io.wescrm.core.sync.SyncLocks;
import io.wescrm.web.config.RedissonLocks;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.redisson.api.RedissonClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Durable domain events: the outbox ({@code scrm_domain_event}), the {@link DomainEvents} the applier stores into,
 * the delivery to every {@link EventConsumer} bean, and its metrics ({@code scrm.events.depth} per consumer,
 * {@code scrm.events.oldest.seconds}, {@code scrm.events.delivered}, {@code scrm.events.failures}).
 */
@Configuration(proxyBeanMethods = false)
public class EventsConfiguration {

  @Bean
  Outbox outbox(JdbcTemplate jdbc) {
    return new JdbcOutbox(jdbc);
  }

  @Bean
  DomainEvents domainEvents(Outbox outbox, List<EventConsumer> consumers, Clock clock) {
    return new OutboxEvents(outbox, consumers, clock);
  }

  @Bean
  EventDelivery eventDelivery(Outbox outbox, List<EventConsumer> consumers, Clock clock, EventsProperties p,
      MeterRegistry registry, io.wescrm.web.config.BackgroundGauges gauges) {
    EventDelivery delivery = new EventDelivery(outbox, consumers, clock,
        new EventDelivery.Settings(p.batch(), p.firstBackoff(), p.maxBackoff(), 4));
    FunctionCounter.builder("scrm.events.delivered", delivery, EventDelivery::delivered)
        .description("Domain events handled by their consumers").register(registry);
    FunctionCounter.builder("scrm.events.failures", delivery, EventDelivery::failures)
        .description("Domain events a consumer failed on (each retried later)").register(registry);
    // computed in the background, read from memory at scrape
    var depth = gauges.every("scrm.events.depth", outbox::depth, java.util.Map.<String, Long>of());
    var oldest = gauges.every("scrm.events.oldest.seconds", () -> outbox.oldest()
        .map(t -> Duration.between(t, clock.instant()).toMillis() / 1000.0).orElse(0.0), 0.0);
    for (EventConsumer consumer : consumers) {
      Gauge.builder("scrm.events.depth", depth, d -> d.get().getOrDefault(consumer.name(), 0L))
          .tag("consumer", consumer.name()).description("Domain events not yet handled").register(registry);
    }
    Gauge.builder("scrm.events.oldest.seconds", oldest, o -> o.get())
        .description("Age of the oldest domain event not yet handled").register(registry);
    return delivery;
  }

  @Bean
  EventDeliveryWorker eventDeliveryWorker(EventDelivery delivery, EventsProperties properties,
      ObjectProvider<RedissonClient> redisson, io.wescrm.web.config.ScrmProperties scrm) {
    RedissonClient client = redisson.getIfAvailable();
    SyncLocks locks = client == null ? new LocalSyncLocks()
        : new RedissonLocks(client, Duration.ofSeconds(15), scrm.node());
    return new EventDeliveryWorker(delivery, locks, properties.poll());
  }
}
