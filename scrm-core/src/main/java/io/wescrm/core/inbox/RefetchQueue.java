package io.wescrm.core.inbox;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Coalesced re-fetches: however many events name one object within the window, it is fetched once. A request made
 * while a fetch of the same object is running keeps the entry for one more pass.
 */
public interface RefetchQueue {

  /** The kinds of objects re-fetched from WeCom. */
  enum Kind { CUSTOMER, GROUP, STAFF, TAGS }

  /** A due re-fetch. */
  record Entry(long id, String corpId, Kind kind, String refId, Instant requestedAt, int attempts) {
  }

  /** An object to re-fetch. */
  record Request(String corpId, Kind kind, String refId) {
  }

  void request(String corpId, Kind kind, String refId, Instant now, Duration window);

  /** Several requests at once (one statement for a whole apply chunk); the same object twice counts once. */
  default void requestAll(List<Request> requests, Instant now, Duration window) {
    for (Request r : new java.util.LinkedHashSet<>(requests)) {
      request(r.corpId(), r.kind(), r.refId(), now, window);
    }
  }

  List<Entry> due(String corpId, Instant now, int limit);

  /** Done: removed unless requested again after {@code fetchStartedAt}. */
  void done(Entry entry, Instant fetchStartedAt);

  void failed(Entry entry, Instant retryAt, String error);

  long backlog(String corpId);

  /** Due time of the most overdue entry: enrichment lag is now minus this. */
  Optional<Instant> oldestDue(String corpId, Instant now);
}
