package io.wescrm.core.inbox;

import io.wescrm.core.corp.Views;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The durable callback inbox. */
public interface Inbox {

  /** Stores events in one transaction; events already present (same corp and dedupe key) are skipped. */
  void store(List<InboxEvent> events, Instant receivedAt);

  /**
   * Up to {@code limit} events of a corp not yet applied, oldest first; keys held back by a failed event that is not
   * due again yet are left out entirely (however many such keys there are).
   */
  List<StoredEvent> due(String corpId, Instant now, int limit);

  void applied(List<Long> ids, Instant now);

  /** Marks events IGNORED: app events this server does not apply (finished, like applied ones). */
  void ignored(List<Long> ids, Instant now);

  void retryLater(long id, int attempts, Instant next, String error);

  void park(long id, int attempts, String reason);

  /** Puts a parked event back in line. */
  boolean replay(String corpId, long id, Instant now);

  /**
   * Closes a parked event without applying it (an operator decided it will never apply, e.g. an event type we do not
   * know): it leaves the parked list and is deleted with the applied events once the retention has passed.
   */
  boolean discard(String corpId, long id, String reason, Instant now);

  Optional<StoredEvent> find(String corpId, long id);

  List<StoredEvent> parked(String corpId, int limit);

  /**
   * A page of a corp's events, newest first, for the console: {@code status} and {@code event} (the event's type, e.g.
   * {@code change_external_contact}) narrow it when not null.
   */
  Views.Page<StoredEvent> events(String corpId, String status, String event, int page, int size);

  /** Events received but not applied (PENDING + RETRY). */
  long depth(String corpId);

  long parkedCount(String corpId);

  /** When the oldest unapplied event was received; empty when nothing waits. */
  Optional<Instant> oldestUnapplied(String corpId);

  /**
   * Deletes one batch of the corp's finished events (status APPLIED, DISCARDED or IGNORED, one status per call) with an id above
   * {@code afterId} that were received and finished before {@code before}, looking at no more than {@code limit} of
   * them in id order (the oldest first).
   */
  PurgeBatch purgeFinished(String corpId, String status, Instant before, long afterId, int limit);

  /** The statuses of finished events, which the retention deletes. */
  List<String> FINISHED = List.of("APPLIED", "DISCARDED", "IGNORED");

  /**
   * @param deleted events deleted by this batch
   * @param lastId the highest id looked at: the next batch starts after it
   * @param done no older event of that status is left beyond {@code lastId}
   */
  record PurgeBatch(int deleted, long lastId, boolean done) { }
}
