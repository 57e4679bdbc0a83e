package io.wescrm.core.inbox;

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
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the inbox: oldest first, one event at a time per order key (customer, group chat, tag library, staff
 * member, department), keys spread over parallel lanes. A failed event is retried with exponential back-off and
 * holds back the later events of its key; after {@code maxAttempts} (or at once, for an event type we do not know)
 * it is parked with its reason, visible through the API and replayable, and its key moves on.
 */
public final class InboxApplier implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(InboxApplier.class);

  /** Tuning. */
  public record Settings(int lanes, int batch, int maxAttempts, Duration firstBackoff, Duration maxBackoff) {

    public static Settings defaults() {
      return new Settings(4, 1000, 8, Duration.ofSeconds(1), Duration.ofMinutes(5));
    }
  }

  private final Inbox inbox;
  private final EventApplication application;
  private final Clock clock;
  private final Settings settings;
  private final ExecutorService lanes;
  private final AtomicLong applied = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private final AtomicLong parked = new AtomicLong();
  private final ApplyListener listener;

  /** Told how long each applied event waited since it was received. */
  @FunctionalInterface
  public interface ApplyListener {
    void applied(StoredEvent event, Duration lag);
  }

  public InboxApplier(Inbox inbox, EventApplication application, Clock clock, Settings settings,
      ApplyListener listener) {
    this.inbox = inbox;
    this.application = application;
    this.clock = clock;
    this.settings = settings;
    this.listener = listener;
    this.lanes = Executors.newFixedThreadPool(settings.lanes(), r -> {
      Thread t = new Thread(r, "inbox-lane");
      t.setDaemon(true);
      return t;
    });
  }

  /** One pass over the due events of a corp. Returns how many events were applied. */
  public int applyDue(String corpId) throws InterruptedException {
    List<StoredEvent> due = inbox.due(corpId, clock.instant(), settings.batch());
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
        results.add(lanes.submit(() -> applyLane(keys)));
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

  private int applyLane(List<List<StoredEvent>> keys) {
    List<Long> done = new ArrayList<>();
    for (List<StoredEvent> events : keys) {
      for (StoredEvent e : events) {
        Instant now = clock.instant();
        if ("RETRY".equals(e.status()) && e.nextAttemptAt() != null && e.nextAttemptAt().isAfter(now)) {
          break; // this key waits for its failed event
        }
        if (!applyOne(e, now, done)) {
          break;
        }
      }
      if (done.size() >= 200) {
        flush(done);
      }
    }
    int n = done.size();
    flush(done);
    return n;
  }

  /** Returns whether the key may go on to its next event. */
  private boolean applyOne(StoredEvent e, Instant now, List<Long> done) {
    try {
      application.apply(e);
      done.add(e.id());
      applied.incrementAndGet();
      if (listener != null) {
        listener.applied(e, Duration.between(e.receivedAt(), clock.instant()));
      }
      return true;
    } catch (EventApplication.UnknownEvent unknown) {
      inbox.park(e.id(), e.attempts() + 1, unknown.getMessage());
      parked.incrementAndGet();
      log.warn("Inbox event {} of corp {} parked: {}", e.id(), e.corpId(), unknown.getMessage());
      return true;
    } catch (RuntimeException failure) {
      failures.incrementAndGet();
      int attempts = e.attempts() + 1;
      String reason = failure.getClass().getSimpleName() + ": " + failure.getMessage();
      if (attempts >= settings.maxAttempts()) {
        inbox.park(e.id(), attempts, reason);
        parked.incrementAndGet();
        log.error("Inbox event {} of corp {} parked after {} attempts: {}", e.id(), e.corpId(), attempts, reason);
        return true;
      }
      long backoff = Math.min(settings.maxBackoff().toMillis(),
          settings.firstBackoff().toMillis() << Math.min(20, attempts - 1));
      inbox.retryLater(e.id(), attempts, now.plusMillis(backoff), reason);
      log.warn("Inbox event {} of corp {} failed (attempt {}), retrying in {} ms: {}", e.id(), e.corpId(), attempts,
          backoff, reason);
      return false;
    }
  }

  private void flush(List<Long> done) {
    if (!done.isEmpty()) {
      inbox.applied(List.copyOf(done), clock.instant());
      done.clear();
    }
  }

  public long appliedCount() {
    return applied.get();
  }

  public long failureCount() {
    return failures.get();
  }

  public long parkedCount() {
    return parked.get();
  }

  @Override
  public void close() {
    lanes.shutdownNow();
  }
}
