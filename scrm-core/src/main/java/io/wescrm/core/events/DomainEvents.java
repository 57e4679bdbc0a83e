package io.wescrm.core.events;

/**
 * Where domain events go: an in-process bus today (Spring's application events), a broker later. Consumers must be
 * idempotent: an event applied again after a crash is published again.
 */
@FunctionalInterface
public interface DomainEvents {

  void publish(DomainEvent event);
}
