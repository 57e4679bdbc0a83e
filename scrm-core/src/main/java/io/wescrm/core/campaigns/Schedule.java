package io.wescrm.core.campaigns;

import java.time.Instant;

/** STUB: replaced by the content branch. */
public sealed interface Schedule {
  record Once(Instant at) implements Schedule {
  }

  record Recurring(String cron, String preset, String zone) implements Schedule {
  }
}
