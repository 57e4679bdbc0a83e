package io.wescrm.core.inbox;

import io.wescrm.core.events.DomainEvent;
import io.wescrm.core.events.DomainEvents;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the inbox: oldest first, one event at a time per order key (customer, group chat, tag library, staff
 * member, department), keys spread over parallel lanes. A chunk of events and their APPLIED marks commit in one
 * transaction together with the domain events they cause (stored durably, delivered after the commit). A failed event
 * is retried with exponential back-off and holds back the later events of its key. A transient failure (the database
 * unreachable, a lost connection, a lock wait or deadlock: {@code transientFailure}) is retried for as long as it
 * lasts, its back-off capped at {@link #TRANSIENT_BACKOFF_CAP}, and never parks the event; any other failure parks it
 * after {@code maxAttempts} (at once, for an event type we do not know) with its reason, visible through the API and
 * replayable, and its key moves on. App events that share the callback URL ({@code enter_agent}, menu clicks, …) are
 * marked IGNORED.
 */
public final class InboxApplier implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(InboxApplier.class);
  /** The longest wait between two attempts of an event that failed transiently: it applies soon after an outage. */
  public static final Duration TRANSIENT_BACKOFF_CAP = Duration.ofSeconds(10);

  /** Tuning. */
  public record Settings(int lanes, int batch, int chunk, int maxAttempts, Duration firstBackoff,
      Duration maxBackoff) {

    public static Settings defaults() {
      return new Settings(4, 2000, 100, 8, Duration.ofSeconds(1), Duration.ofMinutes(5));
    }
  }

  private final Inbox inbox;
  private final EventApplication application;
  private final Transactions transactions;
  private final DomainEvents events;
  private final Clock clock;
  private final Settings settings;
  private final ExecutorService lanes;
  private final ApplyListener listener;
  private final Runnable eventsStored;
  private final java.util.function.Predicate<Throwable> transientFailure;

  /** Told how long each applied event waited since it was received. */
  @FunctionalInterface
  public interface ApplyListener {
    void applied(StoredEvent event, Duration lag);
  }

  public InboxApplier(Inbox inbox, EventApplication application, Transactions transactions, DomainEvents events,
      Clock clock, Settings settings, ApplyListener listener) {
    this(inbox, application, transactions, events, clock, settings, listener, () -> { }, failure -> false);
  }

  /**
   * @param eventsStored told after a commit that stored domain events (to deliver them now, not at the next poll)
   * @param transientFailure whether a failure will go away by itself (retried without limit, never parked)
   */
  public InboxApplier(Inbox inbox, EventApplication application, Transactions transactions, DomainEvents events,
      Clock clock, Settings settings, ApplyListener listener, Runnable eventsStored,
      java.util.function.Predicate<Throwable> transientFailure) {
    this.transientFailure = transientFailure;
    this.eventsStored = eventsStored;
    this.inbox = inbox;
    this.application = application;
    this.transactions = transactions;
    this.events = events;
    this.clock = clock;
    this.settings = settings;
    this.listener = listener;
    this.lanes = Executors.newFixedThreadPool(settings.lanes(), r -> {
      Thread t = new Thread(r, "inbox-lane");
      t.setDaemon(true);
      return t;
    });
  }

  /** Events one full pass takes: a pass that applied fewer found no backlog. */
  public int batchSize() {
    return settings.batch();
  }

  /** One pass over the due events of a corp. Returns how many events were applied. */
  public int applyDue(String corpId) throws InterruptedException {
    return applyDue(corpId, settings.batch());
  }

  /** As {@link #applyDue(String)}, taking at most {@code limit} due events. */
  public int applyDue(String corpId, int limit) throws InterruptedException {
    return applyDue(corpId, limit, () -> true);
  }

  /**
   * As {@link #applyDue(String, int)}, committing only while {@code leaseHeld} (asked inside each transaction, just
   * before its commit; it may renew the lease when due): a node whose lease ran out during a long pass (a database
   * stall) rolls back and stops instead of applying beside the node that took over.
   */
  public int applyDue(String corpId, int limit, java.util.function.BooleanSupplier leaseHeld)
      throws InterruptedException {
    java.util.concurrent.atomic.AtomicBoolean lost = new java.util.concurrent.atomic.AtomicBoolean();
    java.util.function.BooleanSupplier held = () -> {
      if (lost.get() || !leaseHeld.getAsBoolean()) {
        lost.set(true);
        return false;
      }
      return true;
    };
    List<StoredEvent> due = inbox.due(corpId, clock.instant(), Math.max(1, Math.min(limit, settings.batch())));
    if (due.isEmpty()) {
      return 0;
    }
    Map<String, List<StoredEvent>> byKey = new LinkedHashMap<>();
    for (StoredEvent e : due) {
      byKey.computeIfAbsent(e.orderKey(), k -> new ArrayList<>()).add(e);
    }
    List<List<List<StoredEvent>>> perLane = new ArrayList<>();
    for (int i = 0; i < settings.lanes(); i++) {
      perLane.add(new ArrayList<>());
    }
    for (Map.Entry<String, List<StoredEvent>> entry : byKey.entrySet()) {
      perLane.get(Math.floorMod(entry.getKey().hashCode(), settings.lanes())).add(entry.getValue());
    }
    List<Future<Integer>> results = new ArrayList<>();
    for (List<List<StoredEvent>> keys : perLane) {
      if (!keys.isEmpty()) {
        results.add(lanes.submit(() -> applyLane(keys, held)));
      }
    }
    int total = 0;
    for (Future<Integer> f : results) {
      try {
        total += f.get();
      } catch (java.util.concurrent.ExecutionException e) {
        log.error("Inbox lane failed", e.getCause());
      }
    }
    return total;
  }

  /** Chunks of whole keys, each applied in one transaction. */
  private int applyLane(List<List<StoredEvent>> keys, java.util.function.BooleanSupplier held) {
    int applied = 0;
    List<List<StoredEvent>> chunk = new ArrayList<>();
    int size = 0;
    for (List<StoredEvent> events : keys) {
      chunk.add(events);
      size += events.size();
      if (size >= settings.chunk()) {
        try {
          applied += applyChunk(chunk, held);
        } catch (LeaseLost lost) {
          return applied;
        }
        chunk = new ArrayList<>();
        size = 0;
      }
    }
    if (!chunk.isEmpty()) {
      try {
        applied += applyChunk(chunk, held);
      } catch (LeaseLost lost) {
        return applied;
      }
    }
    return applied;
  }

  /**
   * Fast path: the whole chunk and its APPLIED marks in one transaction. If any event fails, the transaction rolls
   * back and the chunk is applied again one event per transaction, where failures are retried or parked.
   */
  /** The lease was lost before a commit: the transaction rolled back, the pass stops. */
  private static final class LeaseLost extends RuntimeException {
    LeaseLost() {
      super("the applier lease was lost", null, false, false);
    }
  }

  private static void requireLease(java.util.function.BooleanSupplier held) {
    if (!held.getAsBoolean()) {
      throw new LeaseLost();
    }
  }

  private int applyChunk(List<List<StoredEvent>> keys, java.util.function.BooleanSupplier held) {
    Instant now = clock.instant();
    List<StoredEvent> ready = new ArrayList<>();
    for (List<StoredEvent> events : keys) {
      for (StoredEvent e : events) {
        if ("RETRY".equals(e.status())) {
          break; // a key with a failed event goes the slow way, in order
        }
        ready.add(e);
      }
    }
    if (ready.size() == keys.stream().mapToInt(List::size).sum()) {
      List<DomainEvent> out = new ArrayList<>();
      try {
        List<StoredEvent> ignored = ready.stream().filter(EventApplication::ignored).toList();
        List<StoredEvent> toApply = ignored.isEmpty() ? ready
            : ready.stream().filter(e -> !EventApplication.ignored(e)).toList();
        transactions.inTransaction(() -> {
          out.clear();
          application.applyAll(toApply, out);
          events.record(out);
          inbox.applied(toApply.stream().map(StoredEvent::id).toList(), clock.instant());
          inbox.ignored(ignored.stream().map(StoredEvent::id).toList(), clock.instant());
          requireLease(held);
        });
        stored(out);
        if (listener != null) {
          Instant done = clock.instant();
          ready.forEach(e -> listener.applied(e, Duration.between(e.receivedAt(), done)));
        }
        return ready.size();
      } catch (LeaseLost lost) {
        log.warn("Inbox of corp {}: the lease was lost during a pass; {} events rolled back for the new holder",
            ready.get(0).corpId(), ready.size());
        throw lost;
      } catch (RuntimeException | Error failure) {
        log.debug("Chunk of {} events failed as a whole ({}); applying one by one", ready.size(), failure.toString());
      }
    }
    int n = 0;
    for (List<StoredEvent> events : keys) {
      for (StoredEvent e : events) {
        if ("RETRY".equals(e.status()) && e.nextAttemptAt() != null && e.nextAttemptAt().isAfter(now)) {
          break; // this key waits for its failed event
        }
        if (!applyOne(e, clock.instant(), held)) {
          break;
        }
        n++;
      }
    }
    return n;
  }

  /** Returns whether the key may go on to its next event. */
  private boolean applyOne(StoredEvent e, Instant now, java.util.function.BooleanSupplier held) {
    try {
      List<DomainEvent> out = new ArrayList<>();
      boolean ignored = EventApplication.ignored(e);
      transactions.inTransaction(() -> {
        out.clear();
        if (ignored) {
          inbox.ignored(List.of(e.id()), clock.instant());
        } else {
          application.apply(e, out);
          events.record(out);
          inbox.applied(List.of(e.id()), clock.instant());
        }
        requireLease(held);
      });
      stored(out);
      if (listener != null) {
        listener.applied(e, Duration.between(e.receivedAt(), clock.instant()));
      }
      return true;
    } catch (LeaseLost lost) {
      throw lost;
    } catch (EventApplication.UnknownEvent unknown) {
      return settle(e, () -> inbox.park(e.id(), e.attempts() + 1, unknown.getMessage()), true,
          () -> log.warn("Inbox event {} of corp {} parked: {}", e.id(), e.corpId(), unknown.getMessage()));
    } catch (RuntimeException | Error failure) {
      // an Error of one event (e.g. a StackOverflowError on a pathological payload) is that event's failure: counted,
      // parked after maxAttempts, and the lane thread goes on
      int attempts = e.attempts() + 1;
      String reason = failure.getClass().getSimpleName() + ": " + failure.getMessage();
      boolean passing = transientFailure.test(failure);
      if (!passing && attempts >= settings.maxAttempts()) {
        return settle(e, () -> inbox.park(e.id(), attempts, reason), true, () -> log.error(
            "Inbox event {} of corp {} parked after {} attempts: {}", e.id(), e.corpId(), attempts, reason));
      }
      long cap = passing ? Math.min(settings.maxBackoff().toMillis(), TRANSIENT_BACKOFF_CAP.toMillis())
          : settings.maxBackoff().toMillis();
      long backoff = Math.min(cap, settings.firstBackoff().toMillis() << Math.min(20, attempts - 1));
      return settle(e, () -> inbox.retryLater(e.id(), attempts, now.plusMillis(backoff),
          (passing ? "transient: " : "") + reason), false, () -> log.warn(
          "Inbox event {} of corp {} failed{} (attempt {}), retrying in {} ms: {}", e.id(), e.corpId(),
          passing ? " transiently" : "", attempts, backoff, reason));
    }
  }

  /**
   * Records how a failed event goes on ({@code record}); if even that fails (the database is down), the event stays
   * as it was — unapplied, to be tried again at the next pass — and its key waits.
   */
  private boolean settle(StoredEvent e, Runnable record, boolean keyMovesOn, Runnable logIt) {
    try {
      record.run();
    } catch (RuntimeException failure) {
      log.warn("Inbox event {} of corp {} failed and its failure could not be recorded (tried again next pass): {}",
          e.id(), e.corpId(), failure.toString());
      return false;
    }
    logIt.run();
    return keyMovesOn;
  }

  private void stored(List<DomainEvent> out) {
    if (!out.isEmpty()) {
      eventsStored.run();
    }
  }


  @Override
  public void close() {
    lanes.shutdownNow();
  }
}
