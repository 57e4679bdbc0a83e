package io.wescrm.web.acquisition;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.wescrm.core.acquisition.WelcomeJob;
import io.wescrm.core.acquisition.WelcomeLedger;
import io.wescrm.core.acquisition.WelcomeSender;
import io.wescrm.core.inbox.InboxEvent;
import io.wescrm.core.remote.RemoteCorps;
import io.wescrm.web.inbox.CallbackTap;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The welcome fast path. The callback servlet hands every stored add event here before it answers 200; events with
 * a WelcomeCode go to a bounded pool of our own threads (not the inbox applier, which may have a backlog) that
 * claim the code in the ledger and send. Events without one are left to the applier ({@link AcquisitionEvents}
 * records them as NO_CODE with the reason): nothing to hurry for, and a burst's acks must not pay for them. A sweep
 * every few seconds
 * picks up what a full queue or a crash left behind: codes younger than the window with no ledger row (from the
 * inbox), and PENDING claims of a dead node.
 */
public class WelcomeDispatcher implements CallbackTap, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(WelcomeDispatcher.class);

  private final WelcomeSender sender;
  private final WelcomeLedger ledger;
  private final RemoteCorps corps;
  private final Clock clock;
  private final String node;
  private final Duration window;
  private final ThreadPoolExecutor pool;
  private final ScheduledExecutorService sweeper;
  private final MeterRegistry registry;
  private final Timer latency;
  private final Counter rejected;
  /** The sweep's place in the inbox: an event stored 5 s ago is visible (commits take milliseconds). */
  private final SweepCursor cursor;

  public WelcomeDispatcher(WelcomeSender sender, WelcomeLedger ledger, RemoteCorps corps, Clock clock, String node,
      AcquisitionProperties properties, MeterRegistry registry) {
    this.sender = sender;
    this.ledger = ledger;
    this.corps = corps;
    this.clock = clock;
    this.node = node;
    this.window = properties.welcomeWindow();
    this.cursor = new SweepCursor(Duration.ofSeconds(5), window);
    this.registry = registry;
    AtomicInteger n = new AtomicInteger();
    this.pool = new ThreadPoolExecutor(properties.welcomeThreads(), properties.welcomeThreads(), 60,
        TimeUnit.SECONDS, new ArrayBlockingQueue<>(properties.welcomeQueue()), r -> {
          Thread t = new Thread(r, "welcome-" + n.incrementAndGet());
          t.setDaemon(true);
          t.setPriority(Thread.NORM_PRIORITY + 2);
          return t;
        }, new ThreadPoolExecutor.AbortPolicy());
    this.latency = Timer.builder("scrm.welcome.latency").description("callback arrival to send_welcome_msg answered")
        .publishPercentiles(0.5, 0.99).register(registry);
    this.rejected = Counter.builder("scrm.welcome.queue.rejected").register(registry);
    registry.gauge("scrm.welcome.queue.depth", pool, p -> p.getQueue().size());
    this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "welcome-recovery");
      t.setDaemon(true);
      return t;
    });
    long every = properties.recoveryInterval().toMillis();
    sweeper.scheduleWithFixedDelay(this::recover, every, every, TimeUnit.MILLISECONDS);
  }

  @Override
  public void stored(InboxEvent event, long arrivedAtMillis) {
    if (!"change_external_contact".equals(event.event()) || event.changeType() == null
        || !event.changeType().startsWith("add_")) {
      return;
    }
    Map<String, String> f = event.fields();
    String code = blankToNull(f.get("WelcomeCode"));
    Instant arrived = Instant.ofEpochMilli(arrivedAtMillis);
    try {
      if (code != null) {
        submit(new WelcomeJob(event.corpId(), code, f.get("UserID"), f.get("ExternalUserID"),
            blankToNull(f.get("State")), arrived));
      }
    } catch (RejectedExecutionException e) {
      rejected.increment();
      log.warn("Welcome queue full: code of corp {} left to the recovery sweep", event.corpId());
    }
  }

  private void submit(WelcomeJob job) {
    pool.execute(() -> safely(() -> sender.send(job).ifPresent(s -> count(job, s))));
  }

  private void count(WelcomeJob job, WelcomeLedger.Status status) {
    registry.counter("scrm.welcome.outcome", "status", status.name()).increment();
    if (status == WelcomeLedger.Status.SENT) {
      latency.record(Duration.between(job.receivedAt(), clock.instant()));
    }
  }

  /**
   * Codes still inside the window that nobody finished: never claimed (lost hand-off) or claimed by a dead node.
   * The inbox is read incrementally ({@link SweepCursor}): reading the whole window every few seconds, as this did,
   * parsed up to 50,000 events per sweep in a burst, a sixth of what the server allocated at 5,000 callbacks/s.
   */
  synchronized void recover() {
    Instant now = clock.instant();
    Instant since = now.minus(window);
    SweepCursor.Sweep sweep = cursor.begin(now);
    long inboxMax = -1;
    boolean complete = true;
    for (String corp : corps.corpIds()) {
      try {
        long after = cursor.after(sweep, corp);
        WelcomeLedger.Unclaimed found = ledger.unclaimed(corp, since, after);
        inboxMax = inboxMax < 0 ? found.inboxMaxId() : Math.min(inboxMax, found.inboxMaxId());
        cursor.read(sweep, corp, after, found.candidates().stream().mapToLong(WelcomeLedger.Candidate::inboxId)
            .toArray());
        for (WelcomeLedger.Candidate c : found.candidates()) {
          if (c.job().receivedAt().isBefore(now.minusSeconds(2))) {
            submit(c.job());
          }
        }
        for (WelcomeLedger.Entry e : ledger.pendingSince(corp, since)) {
          if (ledger.reclaim(corp, e.welcomeCode(), node, now.minusSeconds(10), now)) {
            WelcomeJob job = new WelcomeJob(corp, e.welcomeCode(), e.userid(), e.externalUserId(), e.state(),
                e.receivedAt());
            pool.execute(() -> safely(() -> count(job, sender.sendClaimed(job))));
          }
        }
      } catch (RuntimeException e) {
        complete = false;
        log.warn("Welcome recovery of corp {} failed: {}", corp, e.toString());
      }
    }
    cursor.end(sweep, inboxMax, complete);
  }

  private static void safely(Runnable work) {
    try {
      work.run();
    } catch (RuntimeException e) {
      log.error("Welcome path failed", e);
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  @Override
  public void close() {
    sweeper.shutdownNow();
    pool.shutdown();
    try {
      pool.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
