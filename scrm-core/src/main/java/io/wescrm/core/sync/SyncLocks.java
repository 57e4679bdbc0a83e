package io.wescrm.core.sync;

import java.util.Optional;

/**
 * Single-flight locks: in-process by default, shared through Redis when several nodes run.
 * A lease is not bound to a thread; the holder renews it while working and releases it when done.
 */
public interface SyncLocks {

  /** Tries once, without waiting. Empty when another holder (this node or another) has the lock. */
  Optional<Lease> tryAcquire(String name);

  /**
   * The node holding the lock now, when known (shared locks record it; in-process locks answer empty and the caller
   * knows whether it holds them).
   */
  default Optional<String> holder(String name) {
    return Optional.empty();
  }

  /** A held lock. */
  interface Lease extends AutoCloseable {

    /** Extends the lease; false if it was lost (expired and taken by another holder). */
    boolean renew();

    /** Releases the lock if still held by this lease. */
    @Override
    void close();
  }
}
