package io.wescrm.core.inbox;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit for the inbox: request threads hand their event over and get a future; writer threads take whatever
 * has queued up (up to {@code maxBatch}) and store it in one transaction, then complete every future of the batch (the
 * callback servlet answers 200 from that completion, on the writer thread). Under load this turns thousands of
 * single-row commits per second into a few hundred multi-row ones (from {@code gatherRate} per second a batch waits
 * {@code gather} for company); idle, an event is written at once. A request is
 * answered 200 only after its batch committed.
 */
public final class InboxWriter implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(InboxWriter.class);

  private record Pending(InboxEvent event, CompletableFuture<Void> done, long queuedAt) {
  }

  /** Told of every committed batch: its size, how long its oldest event waited for a writer, and the commit time. */
  @FunctionalInterface
  public interface BatchListener {
    void written(int size, long waitedNanos, long storeNanos);
  }

  private volatile BatchListener listener = (size, waited, store) -> { };

  private final Inbox inbox;
  private final Clock clock;
  private final int maxBatch;
  private final BlockingQueue<Pending> queue;
  private final List<Thread> writers = new ArrayList<>();
  private volatile boolean running = true;
  private final int burstRate;
  private final long gatherNanos;
  private final int gatherRate;
  private volatile double rate;
  private final java.util.concurrent.atomic.AtomicLong stored = new java.util.concurrent.atomic.AtomicLong();
  private long windowStart = System.nanoTime();
  private long windowCount;
  private volatile boolean burst;

  public InboxWriter(Inbox inbox, Clock clock, int threads, int maxBatch, int queueCapacity) {
    this(inbox, clock, threads, maxBatch, queueCapacity, 2_000);
  }

  /** @param burstRate events stored per second from which {@link #busy()} reports a burst */
  public InboxWriter(Inbox inbox, Clock clock, int threads, int maxBatch, int queueCapacity, int burstRate) {
    this(inbox, clock, threads, maxBatch, queueCapacity, burstRate, java.time.Duration.ZERO);
  }

  /**
   * @param burstRate events stored per second from which {@link #busy()} reports a burst
   * @param gather during a burst, how long a batch may wait for more events after its first one arrived before it is
   *     written: fewer, larger commits (a commit costs the database several times what a row costs) for at most this
   *     much more latency; idle, an event is written at once; zero: never wait
   */
  public InboxWriter(Inbox inbox, Clock clock, int threads, int maxBatch, int queueCapacity, int burstRate,
      java.time.Duration gather) {
    this(inbox, clock, threads, maxBatch, queueCapacity, burstRate, gather, burstRate);
  }

  /**
   * @param gatherRate events stored per second from which a batch gathers for {@code gather}: below it, an event is
   *     written at once; at a steady few hundred per second and more a commit per event costs the database more than
   *     a millisecond or two of ack latency is worth (WeCom waits 5 s)
   */
  public InboxWriter(Inbox inbox, Clock clock, int threads, int maxBatch, int queueCapacity, int burstRate,
      java.time.Duration gather, int gatherRate) {
    this.gatherRate = gatherRate;
    this.gatherNanos = gather.toNanos();
    this.burstRate = burstRate;
    this.inbox = inbox;
    this.clock = clock;
    this.maxBatch = maxBatch;
    this.queue = new ArrayBlockingQueue<>(queueCapacity);
    for (int i = 0; i < threads; i++) {
      Thread t = new Thread(this::drain, "inbox-writer-" + (i + 1));
      t.setDaemon(true);
      t.start();
      writers.add(t);
    }
  }

  /**
   * Queues an event for the next batch.
   *
   * @return completes when the event is durably stored (or was already there); fails if the write failed
   * @throws IllegalStateException when the queue is full (the caller answers 503: WeCom retries)
   */
  public CompletableFuture<Void> submit(InboxEvent event) {
    Pending pending = new Pending(event, new CompletableFuture<>(), System.nanoTime());
    if (!running || !queue.offer(pending)) {
      throw new IllegalStateException("inbox writer saturated");
    }
    return pending.done();
  }

  private void drain() {
    List<Pending> batch = new ArrayList<>(maxBatch);
    while (running || !queue.isEmpty()) {
      try {
        Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        if (gatherNanos > 0 && gathering()) {
          // one sleep, not a wake-up per arriving event (on a small VM a park/unpark pair costs more than a row)
          long left = first.queuedAt() + gatherNanos - System.nanoTime();
          if (left > 0 && queue.size() < maxBatch - 1) {
            java.util.concurrent.locks.LockSupport.parkNanos(left);
          }
        }
        queue.drainTo(batch, maxBatch - 1);
        write(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } finally {
        batch.clear();
      }
    }
  }

  /**
   * True while a burst is being ingested: over the last window (≥ {@value #WINDOW_MS} ms, measured when asked) at
   * least {@code burstRate} events per second were stored. Background work (applying, re-fetching) yields to it so
   * that acknowledgements stay fast; what it defers is caught up once the burst is over.
   */
  public synchronized boolean busy() {
    long now = System.nanoTime();
    long elapsed = now - windowStart;
    if (elapsed >= WINDOW_MS * 1_000_000) {
      long count = stored.get();
      rate = (count - windowCount) * 1_000_000_000.0 / elapsed;
      burst = rate >= burstRate;
      windowStart = now;
      windowCount = count;
    }
    return burst;
  }

  private static final long WINDOW_MS = 250;

  /** Events stored per second over the last window (≥ {@value #WINDOW_MS} ms, measured when asked). */
  public double rate() {
    busy();
    return rate;
  }

  /** True while events are stored at {@code gatherRate} per second or more (over the same window as busy()). */
  boolean gathering() {
    busy();
    return rate >= gatherRate;
  }

  /** Sets the listener told of every committed batch (metrics). */
  public void onBatch(BatchListener batchListener) {
    this.listener = java.util.Objects.requireNonNull(batchListener);
  }

  private void write(List<Pending> batch) {
    long begin = System.nanoTime();
    try {
      // key order: concurrent batches lock the unique index in the same order
      List<InboxEvent> events = batch.stream().map(Pending::event)
          .sorted(java.util.Comparator.comparing(InboxEvent::corpId).thenComparing(InboxEvent::dedupeKey))
          .toList();
      inbox.store(events, clock.instant());
      long end = System.nanoTime();
      stored.addAndGet(events.size());
      listener.written(events.size(), begin - batch.get(0).queuedAt(), end - begin);
      batch.forEach(p -> p.done().complete(null));
    } catch (RuntimeException | Error e) {
      // an Error too (a driver's StackOverflowError, an AssertionError, …): this batch is answered 503 and WeCom
      // re-sends it; the writer thread lives on for the next batch (a dead writer would fail every callback after)
      log.error("Inbox write of {} event(s) failed; WeCom will retry them", batch.size(), e);
      batch.forEach(p -> p.done().completeExceptionally(e));
    }
  }

  @Override
  public void close() {
    running = false;
    for (Thread t : writers) {
      try {
        t.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
