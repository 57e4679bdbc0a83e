package io.wescrm.core.events;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** {@link DomainEvents} through the {@link Outbox}: one entry per event and consumer that accepts it. */
public final class OutboxEvents implements DomainEvents {

  private final Outbox outbox;
  private final List<EventConsumer> consumers;
  private final Clock clock;

  public OutboxEvents(Outbox outbox, List<EventConsumer> consumers, Clock clock) {
    this.outbox = outbox;
    this.consumers = List.copyOf(consumers);
    this.clock = clock;
  }

  @Override
  public void record(Collection<? extends DomainEvent> events) {
    if (events.isEmpty()) {
      return;
    }
    Instant now = clock.instant();
    List<Outbox.Entry> entries = new ArrayList<>();
    for (DomainEvent event : events) {
      for (EventConsumer consumer : consumers) {
        if (consumer.accepts(event)) {
          entries.add(new Outbox.Entry(consumer.name(), event, now.plus(consumer.delay())));
        }
      }
    }
    if (!entries.isEmpty()) {
      outbox.append(entries, now);
    }
  }
}
