package io.wescrm.core.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LongCounterTest {

  @Test
  void theLongCounterCountsAMillionKeysExactly() {
    LongCounter counter = new LongCounter();
    for (long k = 0; k < 1_000_000; k++) {
      assertThat(counter.getAndIncrement(k * 7919)).isZero();
    }
    assertThat(counter.size()).isEqualTo(1_000_000);
    for (long k = 0; k < 1_000_000; k += 1000) {
      assertThat(counter.getAndIncrement(k * 7919)).isEqualTo(1);
    }
  }
}
