package io.wescrm.core.sync;

import java.time.Duration;

/**
 * Tuning of a full sync.
 *
 * @param apiConcurrency concurrent calls per WeCom API (WeCom allows about 5: 45033 beyond)
 * @param staffPerCustomerCall userids per {@code batch/get_by_user} call (≤ 100); smaller chunks spread the
 *     customer pages over more parallel cursors
 * @param writerThreads threads writing pages to the database
 * @param heartbeat how often a running sync renews its lock and records progress
 * @param staleAfter a RUNNING run without heartbeat for this long is considered dead
 * @param reconcileSlices scheduled reconciliations cover one of this many slices of the staff per pass
 *     ({@link SyncScope}); 1 = every pass covers the corp
 */
public record SyncSettings(int apiConcurrency, int staffPerCustomerCall, int writerThreads, Duration heartbeat,
    Duration staleAfter, int reconcileSlices) {

  public SyncSettings {
    if (apiConcurrency < 1 || staffPerCustomerCall < 1 || staffPerCustomerCall > 100 || writerThreads < 1
        || reconcileSlices < 1 || reconcileSlices > 1000) {
      throw new IllegalArgumentException("invalid sync settings: " + apiConcurrency + "/" + staffPerCustomerCall
          + "/" + writerThreads + "/" + reconcileSlices);
    }
  }

  public static SyncSettings defaults() {
    return new SyncSettings(5, 100, 3, Duration.ofSeconds(10), Duration.ofSeconds(60), 8);
  }
}
