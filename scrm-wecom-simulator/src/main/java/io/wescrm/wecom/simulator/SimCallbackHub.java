package io.wescrm.wecom.simulator;

import java.net.http.HttpClient;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the callback dispatchers of one simulator share: a small daemon thread pool (which also runs the
 * {@link HttpClient}'s handlers), a timer for retry intervals and latency, the HTTP client, the callback faults and the
 * stats. Threads start on first use. Nothing here blocks on HTTP: requests go out with {@code sendAsync}.
 */
final class SimCallbackHub implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(SimCallbackHub.class.getName());

  private final SimCallbackFaults faults;
  private final SimStats stats;
  private ThreadPoolExecutor executor;
  private ScheduledExecutorService timer;
  private HttpClient client;
  private boolean closed;

  SimCallbackHub(SimCallbackFaults faults, SimStats stats) {
    this.faults = faults;
    this.stats = stats;
  }

  SimCallbackFaults faults() {
    return faults;
  }

  SimStats stats() {
    return stats;
  }

  synchronized HttpClient client() {
    start();
    return client;
  }

  /** Runs a task on the pool now, or after {@code delayMs}. Silently dropped once closed. */
  void run(Runnable task, long delayMs) {
    ExecutorService pool;
    ScheduledExecutorService scheduler;
    synchronized (this) {
      if (closed) {
        return;
      }
      start();
      pool = executor;
      scheduler = timer;
    }
    try {
      if (delayMs <= 0) {
        pool.execute(task);
      } else {
        scheduler.schedule(() -> {
          try {
            pool.execute(task);
          } catch (RejectedExecutionException e) {
            // closed meanwhile
          }
        }, delayMs, TimeUnit.MILLISECONDS);
      }
    } catch (RejectedExecutionException e) {
      LOG.log(System.Logger.Level.DEBUG, "callback task rejected: simulator closed");
    }
  }

  private void start() {
    if (executor != null) {
      return;
    }
    int threads = Math.max(4, Runtime.getRuntime().availableProcessors() * 2);
    executor = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
        daemon("sim-callback-"));
    executor.allowCoreThreadTimeOut(true);
    ScheduledThreadPoolExecutor scheduled = new ScheduledThreadPoolExecutor(1, daemon("sim-callback-timer-"));
    scheduled.setRemoveOnCancelPolicy(true);
    timer = scheduled;
    client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER)
        .executor(executor)
        .build();
  }

  private static ThreadFactory daemon(String prefix) {
    AtomicInteger counter = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + counter.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (executor != null) {
      timer.shutdownNow();
      executor.shutdownNow();
    }
  }
}
