package io.wescrm.core.inbox;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The durable callback inbox. */
public interface Inbox {

  /** Stores events in one transaction; events already present (same corp and dedupe key) are skipped. */
  void store(List<InboxEvent> events, Instant receivedAt);

  /**
   * Up to {@code limit} events of a corp not yet applied, oldest first; keys held back by a failed event that is not
   * due again yet are left out entirely.
   */
  List<StoredEvent> due(String corpId, Instant now, int limit);

  void applied(List<Long> ids, Instant now);

  void retryLater(long id, int attempts, Instant next, String error);

  void park(long id, int attempts, String reason);

  /** Puts a parked event back in line. */
  boolean replay(String corpId, long id, Instant now);

  Optional<StoredEvent> find(String corpId, long id);

  List<StoredEvent> parked(String corpId, int limit);

  /** Events received but not applied (PENDING + RETRY). */
  long depth(String corpId);

  long parkedCount(String corpId);

  /** When the oldest unapplied event was received; empty when nothing waits. */
  Optional<Instant> oldestUnapplied(String corpId);
}
