package io.wescrm.web.inbox;

import io.wescrm.core.inbox.InboxApplier;
import io.wescrm.core.inbox.Refetcher;
import io.wescrm.core.remote.RemoteCorps;
import io.wescrm.core.sync.SyncLocks;
import io.wescrm.web.config.HeldLease;
import io.wescrm.web.config.Wakeup;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Drives the inbox on this node: for every corp whose applier lease this node holds (one node per corp when several
 * run; another takes over when its lease expires), applies due events as soon as they are stored, and works off the
 * re-fetch queue on a second thread so slow API calls never hold back the facts.
 */
public class InboxWorker implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(InboxWorker.class);
  private static final long RENEW_EVERY_MS = 5_000;
  private static final int REFETCH_UNDER_LOAD = 5;

  private final InboxApplier applier;
  private final Refetcher refetcher;
  private final RemoteCorps corps;
  private final SyncLocks locks;
  private final java.util.function.LongSupplier pause;
  private final int batchUnderLoad;
  private final long lingerMillis;
  private final String node;
  private final Map<String, HeldLease> leases = new java.util.concurrent.ConcurrentHashMap<>();
  private final Wakeup wakeup = new Wakeup();
  private volatile boolean running;
  private final java.util.concurrent.atomic.AtomicLong passFailures = new java.util.concurrent.atomic.AtomicLong();
  private Thread applyThread;
  private Thread refetchThread;

  /**
   * @param pause how long background work pauses between passes now (0: not at all; {@link IngestPressure}):
   *     while it pauses, the applier takes at most {@code batchUnderLoad} events per pass and the re-fetcher a
   *     small round
   * @param linger after a pass that found no backlog, how long the applier lets events gather before the next
   */
  public InboxWorker(InboxApplier applier, Refetcher refetcher, RemoteCorps corps, SyncLocks locks,
      java.util.function.LongSupplier pause, int batchUnderLoad, java.time.Duration linger,
      String node) {
    this.node = node;
    this.lingerMillis = linger.toMillis();
    this.applier = applier;
    this.refetcher = refetcher;
    this.corps = corps;
    this.locks = locks;
    this.pause = pause;
    this.batchUnderLoad = batchUnderLoad;
  }


  /** Called when events were stored: apply them now rather than at the next poll. */
  public void wake() {
    wakeup.wake();
  }


  @Override
  public void start() {
    running = true;
    applyThread = new Thread(this::applyLoop, "inbox-apply");
    applyThread.setDaemon(true);
    applyThread.start();
    refetchThread = new Thread(this::refetchLoop, "inbox-refetch");
    refetchThread.setDaemon(true);
    refetchThread.start();
  }

  private void applyLoop() {
    while (running) {
      int applied = 0;
      long yieldMillis = pause.getAsLong();
      boolean yielding = yieldMillis > 0;
      try {
        for (String corp : corps.corpIds()) {
          if (holds(corp)) {
            // the lease is renewed while the pass runs and checked before each commit
            applied += applier.applyDue(corp, yielding ? batchUnderLoad : applier.batchSize(), () -> holds(corp));
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException | Error e) {
        // the thread lives on (an Error here, e.g. from the driver, must not stop this node applying for good);
        // a failing pass waits a moment before the next instead of spinning
        log.error("Inbox apply pass failed", e);
        passFailures.incrementAndGet();
        sleep(1_000);
        continue;
      }
      if (applied == 0) {
        wakeup.await(100);
      } else if (yielding) {
        sleep(yieldMillis);
      } else if (lingerMillis > 0 && applied < applier.batchSize()) {
        // no backlog: let the next events gather for a moment and apply them as one chunk (a transaction per
        // event or two, as a steady 1,000/s otherwise gets, cost the database more than the writes themselves)
        sleep(lingerMillis);
      }
    }
  }

  private void refetchLoop() {
    while (running) {
      int fetched = 0;
      long yieldMillis = pause.getAsLong();
      boolean yielding = yieldMillis > 0;
      try {
        for (String corp : corps.corpIds()) {
          if (holds(corp)) {
            // during a burst: one small round (about one call per concurrency slot) per pause
            fetched += yielding ? refetcher.refetchDue(corp, REFETCH_UNDER_LOAD) : refetcher.refetchDue(corp);
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException | Error e) {
        log.error("Re-fetch pass failed", e);
        passFailures.incrementAndGet();
        sleep(1_000);
        continue;
      }
      if (fetched == 0) {
        sleep(200);
      } else if (yielding) {
        sleep(yieldMillis);
      }
    }
  }

  /** Apply and re-fetch passes that failed as a whole (the threads went on). */
  public long passFailures() {
    return passFailures.get();
  }

  /** Whether both threads are alive (while running). */
  public boolean alive() {
    return running && applyThread != null && applyThread.isAlive() && refetchThread != null
        && refetchThread.isAlive();
  }

  /** The node applying the corp's inbox now: this one, or the one holding the shared lease; empty when none. */
  public java.util.Optional<String> leaseHolder(String corp) {
    HeldLease mine = leases.get(corp);
    if (mine != null && mine.isHeld()) {
      return java.util.Optional.of(node);
    }
    return locks.holder(leaseName(corp));
  }

  private static String leaseName(String corp) {
    return "scrm:inbox:" + corp;
  }

  /** Whether this node applies the corp's inbox: takes the lease if free, renews it every few seconds. */
  private boolean holds(String corp) {
    return leases.computeIfAbsent(corp, c -> new HeldLease(locks, leaseName(c), RENEW_EVERY_MS,
        "the inbox of corp " + c)).held();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void stop() {
    running = false;
    for (Thread t : new Thread[] {applyThread, refetchThread}) {
      if (t != null) {
        t.interrupt();
        try {
          t.join(5_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
    leases.values().forEach(HeldLease::close);
    leases.clear();
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
