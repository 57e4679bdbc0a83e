package io.wescrm.core.campaigns;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/** STUB: replaced by the content branch. */
public record FrequencyCaps(int perDay, int perWeek, int perMonth, ZoneId zone) {
  public Instant dayStart(Instant now) {
    return now.atZone(zone).toLocalDate().atStartOfDay(zone).toInstant();
  }

  public Instant weekStart(Instant now) {
    return now.atZone(zone).toLocalDate().with(java.time.DayOfWeek.MONDAY).atStartOfDay(zone).toInstant();
  }

  public Instant monthStart(Instant now) {
    return now.atZone(zone).toLocalDate().withDayOfMonth(1).atStartOfDay(zone).toInstant();
  }

  public Optional<String> exceeded(int sentToday, int sentThisWeek, int sentThisMonth) {
    if (perDay > 0 && sentToday >= perDay) {
      return Optional.of("cap_day");
    }
    if (perWeek > 0 && sentThisWeek >= perWeek) {
      return Optional.of("cap_week");
    }
    if (perMonth > 0 && sentThisMonth >= perMonth) {
      return Optional.of("cap_month");
    }
    return Optional.empty();
  }
}
