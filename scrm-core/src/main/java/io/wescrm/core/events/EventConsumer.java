package io.wescrm.core.events;

import java.time.Duration;
import java.util.List;

/**
 * A feature that acts on domain events. Each consumer has its own copy of every event it {@link #accepts} (one outbox
 * row), handled in batches in the order they were stored, at least once: a consumer must be idempotent (handling an
 * event twice changes nothing the second time).
 */
public interface EventConsumer {

  /** A stable name (≤ 32 characters): stored with every pending event, so renaming one strands its events. */
  String name();

  boolean accepts(DomainEvent event);

  /** How long an event waits before it is handed over (a debounce); zero by default. */
  default Duration delay() {
    return Duration.ZERO;
  }

  /**
   * Handles a batch. Throwing fails the batch: its events are then handled one at a time, and each one that fails
   * again is retried later with back-off. Returns the events to hand over again later without counting a failure
   * (e.g. the customer is not in our database yet); empty when all are done.
   */
  List<DomainEvent> handle(List<DomainEvent> events);
}
