package io.wescrm.core.sync;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A fixed pool with a bounded queue whose {@link #submit} blocks when the queue is full (back-pressure keeps memory
 * bounded), that records the first failure of any task and lets the caller wait for all submitted tasks.
 */
final class TaskGroup implements AutoCloseable {

  /** A task that may throw. */
  @FunctionalInterface
  interface Task {
    void run() throws Exception;
  }

  private final ThreadPoolExecutor pool;
  private final AtomicReference<Throwable> failure;
  private final AtomicInteger pending = new AtomicInteger();
  private final Object done = new Object();

  TaskGroup(String name, int threads, int queueCapacity, AtomicReference<Throwable> sharedFailure) {
    AtomicInteger seq = new AtomicInteger();
    this.failure = sharedFailure;
    this.pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(Math.max(1, queueCapacity)), r -> {
          Thread t = new Thread(r, name + "-" + seq.incrementAndGet());
          t.setDaemon(true);
          return t;
        }, (r, executor) -> {
          try {
            executor.getQueue().put(r);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.util.concurrent.RejectedExecutionException("interrupted while queueing", e);
          }
        });
  }

  /** Queues a task (blocking while the queue is full). Tasks are skipped once any task of the run has failed. */
  void submit(Task task) {
    if (failure.get() != null) {
      return;
    }
    pending.incrementAndGet();
    try {
      pool.execute(() -> {
        try {
          if (failure.get() == null) {
            task.run();
          }
        } catch (Throwable t) {
          failure.compareAndSet(null, t);
        } finally {
          if (pending.decrementAndGet() == 0) {
            synchronized (done) {
              done.notifyAll();
            }
          }
        }
      });
    } catch (RuntimeException e) {
      pending.decrementAndGet();
      failure.compareAndSet(null, e);
    }
  }

  /** Waits until every submitted task has finished. */
  void await() throws InterruptedException {
    synchronized (done) {
      while (pending.get() > 0) {
        done.wait(200);
      }
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
