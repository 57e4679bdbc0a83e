package io.wescrm.web.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** When the callback path's background work yields, and for how long. */
class IngestPressureTest {

  final AtomicBoolean burst = new AtomicBoolean();
  final AtomicBoolean reads = new AtomicBoolean();
  final AtomicReference<Double> rate = new AtomicReference<>(0.0);
  final IngestPressure pressure = new IngestPressure(burst::get, reads::get, rate::get, Duration.ofMillis(200),
      Duration.ofSeconds(1), 200, 1);

  @Test
  void noPressureMeansFullSpeed() {
    rate.set(5_000.0);
    assertThat(pressure.getAsLong()).isZero();
    assertThat(pressure.yielding()).isFalse();
  }

  @Test
  void aBurstPausesForTheApplyYield() {
    burst.set(true);
    assertThat(pressure.getAsLong()).isEqualTo(200);
    reads.set(true);
    rate.set(3_000.0);
    assertThat(pressure.getAsLong()).as("a burst's short pause wins: the backlog must not grow longer").isEqualTo(200);
  }

  @Test
  void aHeavyReadPausesOnlyWhileCallbacksArriveAtTheReadYieldRate() {
    reads.set(true);
    rate.set(50.0);
    assertThat(pressure.getAsLong()).as("a few callbacks a second are applied at once, preview or not").isZero();
    rate.set(200.0);
    assertThat(pressure.getAsLong()).isEqualTo(1_000);
    assertThat(pressure.yielding()).isTrue();
    reads.set(false);
    assertThat(pressure.getAsLong()).as("the read is over: catch up").isZero();
  }

  @Test
  void zeroDisablesEitherPause() {
    IngestPressure never = new IngestPressure(() -> true, () -> true, () -> 10_000.0, Duration.ZERO, Duration.ZERO,
        200, 1);
    assertThat(never.getAsLong()).isZero();
    IngestPressure burstsOnly = new IngestPressure(() -> false, () -> true, () -> 10_000.0, Duration.ofMillis(200),
        Duration.ZERO, 200, 1);
    assertThat(burstsOnly.getAsLong()).isZero();
  }

  @Test
  void aHeavyReadScansItsShareOfTheTimeWhileCallbacksArriveFast() {
    IngestPressure quarter = new IngestPressure(burst::get, reads::get, rate::get, Duration.ofMillis(200),
        Duration.ofSeconds(1), 200, 0.25);
    long slice = Duration.ofMillis(20).toNanos();
    rate.set(100.0);
    assertThat(restAfter(quarter, slice)).as("a quiet inbox: the read runs at full speed").isLessThan(Duration.ofMillis(15));
    rate.set(1_000.0);
    // a quarter of the time scanning: 3 × 20 ms of rest after a 20 ms slice
    assertThat(restAfter(quarter, slice)).isBetween(Duration.ofMillis(60), Duration.ofMillis(200));
    assertThat(restAfter(quarter, Duration.ofSeconds(5).toNanos())).as("never more than a second at once")
        .isBetween(Duration.ofSeconds(1), Duration.ofMillis(1_300));
    assertThat(restAfter(pressure, slice)).as("share 1: never rests").isLessThan(Duration.ofMillis(15));
  }

  private static Duration restAfter(IngestPressure pressure, long sliceNanos) {
    long start = System.nanoTime();
    pressure.paceRead(sliceNanos);
    return Duration.ofNanos(System.nanoTime() - start);
  }
}
