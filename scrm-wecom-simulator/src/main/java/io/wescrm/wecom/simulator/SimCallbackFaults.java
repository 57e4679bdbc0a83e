package io.wescrm.wecom.simulator;

import java.time.Duration;
import java.util.Random;

/**
 * Fault injection for callback delivery, for all corps of one simulator. Thread-safe; every setting can change at
 * runtime. Decisions are drawn from a seeded {@link Random} (default seed 42) when an event is queued, in the corp's
 * change order, so a run that makes the same changes draws the same faults.
 *
 * <ul>
 *   <li>{@code lossRate}: the event is never sent (journal status LOST).
 *   <li>{@code duplicateRate}: the event is delivered twice (a second, separately encrypted delivery right after it).
 *   <li>{@code reorderRate}: the event is held back and delivered after the next event (or after
 *       {@link #reorderHold()}, default 1 s, when no next event comes).
 *   <li>{@code extraLatency}: a delay before every delivery attempt (not counted against the receiver's timeout).
 * </ul>
 */
public final class SimCallbackFaults {

  public static final long DEFAULT_SEED = 42L;
  public static final Duration DEFAULT_REORDER_HOLD = Duration.ofSeconds(1);

  /** What happens to one event. */
  record Decision(boolean lost, boolean duplicate, boolean reorder) {
    static final Decision NONE = new Decision(false, false, false);
  }

  private double lossRate;
  private double duplicateRate;
  private double reorderRate;
  private volatile long extraLatencyMs;
  private volatile long reorderHoldMs = DEFAULT_REORDER_HOLD.toMillis();
  private long seed = DEFAULT_SEED;
  private Random random = new Random(DEFAULT_SEED);

  SimCallbackFaults() {
  }

  public synchronized SimCallbackFaults lossRate(double rate) {
    this.lossRate = checkRate(rate);
    return this;
  }

  public synchronized double lossRate() {
    return lossRate;
  }

  public synchronized SimCallbackFaults duplicateRate(double rate) {
    this.duplicateRate = checkRate(rate);
    return this;
  }

  public synchronized double duplicateRate() {
    return duplicateRate;
  }

  public synchronized SimCallbackFaults reorderRate(double rate) {
    this.reorderRate = checkRate(rate);
    return this;
  }

  public synchronized double reorderRate() {
    return reorderRate;
  }

  public SimCallbackFaults extraLatency(Duration latency) {
    if (latency.isNegative()) {
      throw new IllegalArgumentException("latency must not be negative");
    }
    this.extraLatencyMs = latency.toMillis();
    return this;
  }

  public Duration extraLatency() {
    return Duration.ofMillis(extraLatencyMs);
  }

  /** How long a reordered event waits for a next event before it is sent anyway (default 1 s). */
  public SimCallbackFaults reorderHold(Duration hold) {
    if (hold.isNegative()) {
      throw new IllegalArgumentException("hold must not be negative");
    }
    this.reorderHoldMs = hold.toMillis();
    return this;
  }

  public Duration reorderHold() {
    return Duration.ofMillis(reorderHoldMs);
  }

  /** Restarts the random sequence with a seed. */
  public synchronized SimCallbackFaults seed(long newSeed) {
    this.seed = newSeed;
    this.random = new Random(newSeed);
    return this;
  }

  public synchronized long seed() {
    return seed;
  }

  /** No faults, seed 42. */
  public synchronized SimCallbackFaults reset() {
    lossRate = 0;
    duplicateRate = 0;
    reorderRate = 0;
    extraLatencyMs = 0;
    reorderHoldMs = DEFAULT_REORDER_HOLD.toMillis();
    return seed(DEFAULT_SEED);
  }

  /** Draws the fate of one event: loss first, then duplicate and reorder (one draw per non-zero rate). */
  synchronized Decision decide() {
    if (lossRate == 0 && duplicateRate == 0 && reorderRate == 0) {
      return Decision.NONE;
    }
    if (lossRate > 0 && random.nextDouble() < lossRate) {
      return new Decision(true, false, false);
    }
    boolean duplicate = duplicateRate > 0 && random.nextDouble() < duplicateRate;
    boolean reorder = reorderRate > 0 && random.nextDouble() < reorderRate;
    return new Decision(false, duplicate, reorder);
  }

  private static double checkRate(double rate) {
    if (!(rate >= 0 && rate <= 1)) {
      throw new IllegalArgumentException("rate must be within 0..1");
    }
    return rate;
  }
}
