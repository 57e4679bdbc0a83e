package io.wescrm.web.config;

import io.wescrm.core.sync.SyncLocks;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a lease alive while one long piece of work runs (a rule run can outlast its 60 s TTL on a large corp):
 * renewed on a shared background thread every {@code everyMs}; {@link #held()} says whether every renewal so far
 * succeeded, for the work to check before it commits. Closing stops the renewals and releases the lease.
 */
public final class RenewedLease implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(RenewedLease.class);
  private static final ScheduledExecutorService RENEWER = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "lease-renewer");
    t.setDaemon(true);
    return t;
  });

  private final SyncLocks.Lease lease;
  private final ScheduledFuture<?> renewal;
  private volatile boolean held = true;

  public RenewedLease(SyncLocks.Lease lease, long everyMs, String what) {
    this.lease = lease;
    this.renewal = RENEWER.scheduleWithFixedDelay(() -> {
      if (!held) {
        return;
      }
      try {
        if (!lease.renew()) {
          held = false;
          log.warn("Lost the lease of {} while it ran", what);
        }
      } catch (RuntimeException e) {
        log.warn("Could not renew the lease of {}: {}", what, e.toString());
      }
    }, everyMs, everyMs, TimeUnit.MILLISECONDS);
  }

  /** Whether the lease is still this holder's (as of the last renewal). */
  public boolean held() {
    return held;
  }

  @Override
  public void close() {
    renewal.cancel(false);
    lease.close();
  }
}
