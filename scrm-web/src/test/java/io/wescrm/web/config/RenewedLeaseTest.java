package io.wescrm.web.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wescrm.core.sync.SyncLocks;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A lease kept alive while long work runs: renewed in the background, lost when a renewal fails, released at the end. */
class RenewedLeaseTest {

  @Test
  void renewedWhileTheWorkRunsUntilARenewalFailsAndReleasedAtTheEnd() {
    AtomicInteger renewals = new AtomicInteger();
    AtomicBoolean ours = new AtomicBoolean(true);
    AtomicBoolean released = new AtomicBoolean();
    SyncLocks.Lease lease = new SyncLocks.Lease() {
      @Override
      public boolean renew() {
        renewals.incrementAndGet();
        return ours.get();
      }

      @Override
      public void close() {
        released.set(true);
      }
    };
    try (RenewedLease kept = new RenewedLease(lease, 20, "a test run")) {
      await().atMost(Duration.ofSeconds(5)).until(() -> renewals.get() >= 3);
      assertThat(kept.held()).isTrue();
      ours.set(false); // it expired and another node took it
      await().atMost(Duration.ofSeconds(5)).until(() -> !kept.held());
      int after = renewals.get();
      assertThat(released).isFalse();
      await().during(Duration.ofMillis(100)).atMost(Duration.ofSeconds(2)).until(() -> renewals.get() == after);
    }
    assertThat(released).isTrue();
  }
}
