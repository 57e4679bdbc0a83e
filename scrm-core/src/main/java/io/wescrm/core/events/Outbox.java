package io.wescrm.core.events;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The stored domain events, one row per event and consumer, until that consumer has handled it. */
public interface Outbox {

  /** An event for one consumer, to be handed over from {@code dueAt}. */
  record Entry(String consumer, DomainEvent event, Instant dueAt) {
  }

  /** A stored entry. */
  record Pending(long id, String consumer, DomainEvent event, int attempts) {
  }

  /** Stores entries in the caller's transaction (one statement for all of them). */
  void append(List<Entry> entries, Instant now);

  /** The consumer's entries due at {@code now}, oldest first. */
  List<Pending> due(String consumer, Instant now, int limit);

  /** Removes handled entries. */
  void delivered(List<Long> ids);

  /** Hands an entry over again at {@code at}, counting an attempt and keeping the reason. */
  void later(long id, int attempts, Instant at, String error);

  /** Entries not yet handled, per consumer. */
  java.util.Map<String, Long> depth();

  /** When the oldest entry not yet handled was stored. */
  Optional<Instant> oldest();
}
