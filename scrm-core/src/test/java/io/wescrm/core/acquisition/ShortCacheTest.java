package io.wescrm.core.acquisition;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ShortCacheTest {

  private final ShortCache cache = new ShortCache(100);
  private final AtomicInteger loads = new AtomicInteger();

  @Test
  void aFoundValueIsReadOnceWithinItsTimeToLive() {
    for (int i = 0; i < 3; i++) {
      assertThat(cache.get("w|ww1|store_sh01_qr", 60_000, () -> {
        loads.incrementAndGet();
        return Optional.of("way");
      })).contains("way");
    }
    assertThat(loads).hasValue(1);
  }

  @Test
  void aMissIsNotRememberedSoThatAWayCreatedAMomentLaterIsFound() {
    assertThat(cache.<Optional<String>>get("w|ww1|store_sh01_qr", 60_000, Optional::empty)).isEmpty();
    assertThat(cache.get("w|ww1|store_sh01_qr", 60_000, () -> Optional.of("way created since"))).contains(
        "way created since");
  }
}
