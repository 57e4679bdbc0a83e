package io.wescrm.web.events;

import io.wescrm.core.events.EventDelivery;
import io.wescrm.core.sync.SyncLocks;
import io.wescrm.web.config.HeldLease;
import io.wescrm.web.config.Wakeup;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Delivers the outbox on one node at a time (lease {@code scrm:events}; another node takes over when it expires): at
 * once when this node's applier stored events ({@link #wake()}), otherwise every {@code poll}. Stopped early and
 * started late in the life cycle, so that consumers are up while it runs. Ingest first: while a burst of callbacks
 * is being stored it pauses {@code yield} between passes, as the applier does (what it defers waits in the outbox).
 */
public class EventDeliveryWorker implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(EventDeliveryWorker.class);
  private static final long RENEW_EVERY_MS = 5_000;

  private final EventDelivery delivery;
  private final HeldLease lease;
  private final java.util.concurrent.atomic.AtomicLong failures = new java.util.concurrent.atomic.AtomicLong();
  private final long pollMillis;
  private volatile java.util.function.LongSupplier pause = () -> 0;
  private final Wakeup wakeup = new Wakeup();
  private volatile boolean running;
  private Thread thread;

  public EventDeliveryWorker(EventDelivery delivery, SyncLocks locks, Duration poll) {
    this.delivery = delivery;
    this.lease = new HeldLease(locks, "scrm:events", RENEW_EVERY_MS, "the delivery of the domain events");
    this.pollMillis = poll.toMillis();
  }

  /**
   * Ingest first (set by the callback path, which knows its own load).
   *
   * @param pause how long to pause between passes now (0: not at all), e.g. during a burst of callbacks
   */
  public void yieldWhile(java.util.function.LongSupplier pause) {
    this.pause = pause;
  }

  /** Delivery passes that failed as a whole (the thread went on). */
  public long passFailures() {
    return failures.get();
  }

  /** Events were stored on this node: deliver them now rather than at the next poll. */
  public void wake() {
    wakeup.wake();
  }


  @Override
  public void start() {
    running = true;
    thread = new Thread(this::loop, "event-delivery");
    thread.setDaemon(true);
    thread.start();
  }

  private void loop() {
    while (running) {
      int n = 0;
      try {
        if (lease.held()) {
          n = delivery.deliverDue();
        }
      } catch (RuntimeException | Error e) {
        // the thread outlives an Error of one pass: a dead delivery thread would stop every consumer for good
        log.error("Domain event delivery pass failed", e);
        failures.incrementAndGet();
        wakeup.await(1_000);
        continue;
      }
      long pauseMillis = n == 0 ? 0 : pause.getAsLong();
      if (n == 0) {
        wakeup.await(pollMillis);
      } else if (pauseMillis > 0) {
        try {
          Thread.sleep(pauseMillis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  @Override
  public void stop() {
    running = false;
    if (thread != null) {
      thread.interrupt();
      try {
        thread.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    lease.close();
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Started after the other life-cycle beans and stopped before them. */
  @Override
  public int getPhase() {
    return Integer.MAX_VALUE - 1000;
  }
}
