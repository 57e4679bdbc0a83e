package io.wescrm.web.config;

import io.wescrm.core.sync.SyncLocks;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A lease that a worker keeps while it works (one node at a time does a job: applying a corp's inbox, delivering
 * the domain events): taken when free, renewed every {@code renewEveryMs}, tried again after as long when another
 * node holds it; lost when a renewal fails (it expired and another node took it).
 */
public final class HeldLease implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(HeldLease.class);

  private final SyncLocks locks;
  private final String name;
  private final long renewEveryMs;
  private final String what;
  private SyncLocks.Lease lease;
  private long renewedAt;
  private long nextTryAt;

  /** @param what the job, for the log ("the inbox of corp ww…") */
  public HeldLease(SyncLocks locks, String name, long renewEveryMs, String what) {
    this.locks = locks;
    this.name = name;
    this.renewEveryMs = renewEveryMs;
    this.what = what;
  }

  /** Whether this node holds the lease now: takes it if free, renews it when due. */
  public synchronized boolean held() {
    long now = System.currentTimeMillis();
    if (lease != null) {
      if (now - renewedAt < renewEveryMs) {
        return true;
      }
      if (lease.renew()) {
        renewedAt = now;
        return true;
      }
      log.warn("Lost the lease of {}", what);
      lease = null;
    }
    if (now < nextTryAt) {
      return false;
    }
    Optional<SyncLocks.Lease> acquired = locks.tryAcquire(name);
    if (acquired.isPresent()) {
      lease = acquired.get();
      renewedAt = now;
      log.info("This node took {}", what);
      return true;
    }
    nextTryAt = now + renewEveryMs;
    return false;
  }

  /** Whether this node held the lease at its last take or renewal (without renewing). */
  public synchronized boolean isHeld() {
    return lease != null;
  }

  @Override
  public synchronized void close() {
    if (lease != null) {
      lease.close();
      lease = null;
    }
  }
}
