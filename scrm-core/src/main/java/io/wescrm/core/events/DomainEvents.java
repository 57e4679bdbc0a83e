package io.wescrm.core.events;

import java.util.Collection;

/**
 * Where domain events go: stored durably <em>inside the caller's transaction</em> (the change that caused them and
 * the events commit together or not at all), then delivered at least once after commit to every consumer that takes
 * them, retried on failure and re-delivered after a crash or restart ({@link EventDelivery}). Consumers must
 * therefore be idempotent.
 */
@FunctionalInterface
public interface DomainEvents {

  /** Stores the events in the current transaction; a no-op for an empty collection. */
  void record(Collection<? extends DomainEvent> events);
}
