package io.wescrm.web.inbox;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * Ingest first: how long the callback path's background work (applying, re-fetching, domain-event delivery, the
 * inbox purge) pauses between its passes right now, so that acknowledgements keep the CPU and the database they
 * need. Two situations make it yield:
 * <ul>
 *   <li>a burst (the inbox writer stores {@code burst-rate} callbacks per second or more): pause {@code apply-yield};
 *   <li>a heavy read is running (a rule or campaign audience preview, a customer search: each one scan of the corp
 *       that keeps a database core busy for seconds) while callbacks arrive at {@code read-yield-rate} per second or
 *       more: pause {@code read-yield}. On a small database host the scan and the applier's writes otherwise take
 *       the CPU the inbox commits need, and the ack latency follows (docs/performance.md, "Isolation").
 * </ul>
 * The heavy read itself yields too ({@link #paceRead}): it scans only {@code read-share} of the time.
 * Nothing is lost by yielding: every acknowledged event is applied once the pressure is gone (the apply lag grows
 * by as long as it lasted); a welcome message does not wait for it (it is sent from the stored event).
 */
final class IngestPressure implements LongSupplier {

  private static final long MAX_REST_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final BooleanSupplier burst;
  private final BooleanSupplier heavyReads;
  private final DoubleSupplier rate;
  private final long burstPause;
  private final long readPause;
  private final int readRate;
  private final double readShare;

  /**
   * @param burst true while a burst is being ingested ({@code InboxWriter::busy})
   * @param heavyReads true while a heavy read runs on this node ({@code PreviewGate::running})
   * @param rate callbacks stored per second lately ({@code InboxWriter::rate})
   * @param readShare the share of the time a heavy read scans while callbacks arrive at {@code readRate} or more
   */
  IngestPressure(BooleanSupplier burst, BooleanSupplier heavyReads, DoubleSupplier rate, Duration burstYield,
      Duration readYield, int readRate, double readShare) {
    this.burst = burst;
    this.heavyReads = heavyReads;
    this.rate = rate;
    this.burstPause = burstYield.toMillis();
    this.readPause = readYield.toMillis();
    this.readRate = readRate;
    this.readShare = readShare;
  }

  /**
   * The other side of ingest first: a heavy read's pace (IdSlices). While callbacks arrive at {@code readRate} per
   * second or more, it rests after each slice so that it scans {@code readShare} of the time: the database's CPU it
   * leaves is the inbox commits'. The read gets slower (its timeout keeps running: a 503 rather than late acks).
   */
  void paceRead(long sliceNanos) {
    if (readShare >= 1 || rate.getAsDouble() < readRate) {
      return;
    }
    long rest = Math.min(MAX_REST_NANOS, (long) (sliceNanos * (1 - readShare) / readShare));
    try {
      TimeUnit.NANOSECONDS.sleep(rest);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while a heavy read yielded to callbacks", e);
    }
  }

  /** The pause between passes now, in milliseconds; 0: no pressure, work at full speed. */
  @Override
  public long getAsLong() {
    if (burstPause > 0 && burst.getAsBoolean()) {
      return burstPause;
    }
    if (readPause > 0 && heavyReads.getAsBoolean() && rate.getAsDouble() >= readRate) {
      return readPause;
    }
    return 0;
  }

  /** Whether background work yields now. */
  boolean yielding() {
    return getAsLong() > 0;
  }
}
