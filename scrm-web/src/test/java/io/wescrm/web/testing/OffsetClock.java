package io.wescrm.web.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** The wall clock plus an offset a test moves forward: "three days later" without waiting three days. */
public final class OffsetClock extends Clock {

  private final AtomicLong offsetMillis = new AtomicLong();

  public void advance(Duration by) {
    offsetMillis.addAndGet(by.toMillis());
  }

  /** Moves the clock so that it reads {@code at} now (never backwards). */
  public void advanceTo(Instant at) {
    long delta = at.toEpochMilli() - instant().toEpochMilli();
    if (delta > 0) {
      offsetMillis.addAndGet(delta);
    }
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return Instant.now().plusMillis(offsetMillis.get());
  }
}
