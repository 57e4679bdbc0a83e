package io.wescrm.core.campaigns;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * A cron engine (Quartz syntax: seconds first, {@code ?}, {@code L}, {@code #}). Core has none; the web module
 * implements this over Quartz's {@code CronExpression}.
 */
@FunctionalInterface
public interface CronCalendar {

  /**
   * The first fire time strictly after {@code after}, or empty if the expression never fires again.
   *
   * @throws IllegalArgumentException on bad syntax, with a message saying what is wrong
   */
  Optional<Instant> next(String cron, ZoneId zone, Instant after);
}
