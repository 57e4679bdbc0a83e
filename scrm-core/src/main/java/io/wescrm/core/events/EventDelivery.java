package io.wescrm.core.events;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands stored domain events to their consumers: per consumer, the due entries oldest first, in batches; handled
 * entries are deleted after the consumer returned (so a crash in between delivers them again: at least once). A
 * failed batch is handed over again one event at a time, and each event that fails alone is retried with exponential
 * back-off (capped, never dropped), holding back nothing else.
 */
public final class EventDelivery {

  private static final Logger log = LoggerFactory.getLogger(EventDelivery.class);

  /** Tuning: batch size, first and longest back-off, how often a consumer may ask to see an event again. */
  public record Settings(int batch, Duration firstBackoff, Duration maxBackoff, int maxLater) {

    public static Settings defaults() {
      return new Settings(500, Duration.ofSeconds(1), Duration.ofMinutes(5), 4);
    }
  }

  private final Outbox outbox;
  private final List<EventConsumer> consumers;
  private final Clock clock;
  private final Settings settings;
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();

  public EventDelivery(Outbox outbox, List<EventConsumer> consumers, Clock clock, Settings settings) {
    this.outbox = outbox;
    this.consumers = List.copyOf(consumers);
    this.clock = clock;
    this.settings = settings;
  }

  /** One pass over every consumer; returns how many entries were handled (or rescheduled). */
  public int deliverDue() {
    int n = 0;
    for (EventConsumer consumer : consumers) {
      try {
        n += deliverDue(consumer);
      } catch (RuntimeException e) {
        // the outbox itself failed (database): the entries stay and the next pass tries again
        log.warn("Delivering domain events to {} failed: {}", consumer.name(), e.toString());
      }
    }
    return n;
  }

  private int deliverDue(EventConsumer consumer) {
    List<Outbox.Pending> due = outbox.due(consumer.name(), clock.instant(), settings.batch());
    if (due.isEmpty()) {
      return 0;
    }
    List<Long> done = new ArrayList<>(due.size());
    try {
      List<DomainEvent> later = consumer.handle(due.stream().map(Outbox.Pending::event).toList());
      Map<DomainEvent, Boolean> again = new IdentityHashMap<>();
      later.forEach(e -> again.put(e, true));
      for (Outbox.Pending p : due) {
        if (again.containsKey(p.event())) {
          handOverLater(consumer, p);
        } else {
          done.add(p.id());
        }
      }
    } catch (RuntimeException batchFailure) {
      log.debug("{} failed a batch of {} events ({}); one by one", consumer.name(), due.size(),
          batchFailure.toString());
      for (Outbox.Pending p : due) {
        try {
          if (consumer.handle(List.of(p.event())).isEmpty()) {
            done.add(p.id());
          } else {
            handOverLater(consumer, p);
          }
        } catch (RuntimeException e) {
          failures.incrementAndGet();
          int attempts = p.attempts() + 1;
          long backoff = Math.min(settings.maxBackoff().toMillis(),
              settings.firstBackoff().toMillis() << Math.min(20, attempts - 1));
          String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
          outbox.later(p.id(), attempts, clock.instant().plusMillis(backoff), reason);
          log.warn("{} failed on {} (attempt {}), again in {} ms: {}", consumer.name(), p.event(), attempts, backoff,
              reason);
        }
      }
    }
    if (!done.isEmpty()) {
      outbox.delivered(done);
      delivered.addAndGet(done.size());
    }
    return due.size();
  }

  private void handOverLater(EventConsumer consumer, Outbox.Pending p) {
    int attempts = p.attempts() + 1;
    if (attempts >= settings.maxLater()) {
      outbox.delivered(List.of(p.id()));
      return;
    }
    long wait = Math.max(consumer.delay().toMillis(), settings.firstBackoff().toMillis()) * (attempts + 1);
    outbox.later(p.id(), attempts, clock.instant().plusMillis(wait), null);
  }

  /** Entries handled since start. */
  public long delivered() {
    return delivered.get();
  }

  /** Events a consumer failed on alone since start (each retried later). */
  public long failures() {
    return failures.get();
  }
}
