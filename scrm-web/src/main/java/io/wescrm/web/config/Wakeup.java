package io.wescrm.web.config;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Wakes a worker thread that waits for work between polls. {@link #wake()} never blocks the caller (the callback
 * path calls it per stored event); a wake that comes while the worker is busy is remembered, so the next
 * {@link #await} returns at once instead of sleeping on work that is already there.
 */
public final class Wakeup {

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition work = lock.newCondition();
  private volatile boolean woken;

  /** There is work: the waiting thread goes on now rather than at its next poll. */
  public void wake() {
    woken = true;
    if (lock.tryLock()) {
      try {
        work.signal();
      } finally {
        lock.unlock();
      }
    }
  }

  /** Waits up to {@code millis} unless woken since the last wait; an interrupt is kept on the thread. */
  public void await(long millis) {
    lock.lock();
    try {
      if (!woken) {
        work.await(millis, TimeUnit.MILLISECONDS);
      }
      woken = false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      lock.unlock();
    }
  }
}
