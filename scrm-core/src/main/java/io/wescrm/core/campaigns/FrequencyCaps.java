package io.wescrm.core.campaigns;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.Objects;
import java.util.Optional;

/**
 * How many pushes one customer (or group chat) may receive per natural day, week (from Monday 00:00) and month (from
 * the 1st), in local time of {@code zone}; 0 means unlimited.
 */
public record FrequencyCaps(int perDay, int perWeek, int perMonth, ZoneId zone) {

  /** Reason code: one more push would exceed the daily cap. */
  public static final String CAP_DAY = "cap_day";
  /** Reason code: one more push would exceed the weekly cap. */
  public static final String CAP_WEEK = "cap_week";
  /** Reason code: one more push would exceed the monthly cap. */
  public static final String CAP_MONTH = "cap_month";

  public FrequencyCaps {
    Objects.requireNonNull(zone, "zone");
    if (perDay < 0 || perWeek < 0 || perMonth < 0) {
      throw new IllegalArgumentException("caps must be ≥ 0: " + perDay + "/" + perWeek + "/" + perMonth);
    }
  }

  /** No caps. */
  public static FrequencyCaps unlimited(ZoneId zone) {
    return new FrequencyCaps(0, 0, 0, zone);
  }

  /** WeCom's documented cap (WxJava javadoc): 4 mass messages per customer per natural month. */
  public static FrequencyCaps wecomMonthly(ZoneId zone) {
    return new FrequencyCaps(0, 0, 4, zone);
  }

  /**
   * WeCom's newer cap (later official docs): 1 mass message per customer or group per day, company- and
   * staff-created alike.
   */
  public static FrequencyCaps wecomDaily(ZoneId zone) {
    return new FrequencyCaps(1, 0, 0, zone);
  }

  /** The stricter of each cap of this and {@code other} (0 yields to any limit), in this zone. */
  public FrequencyCaps and(FrequencyCaps other) {
    return new FrequencyCaps(stricter(perDay, other.perDay), stricter(perWeek, other.perWeek),
        stricter(perMonth, other.perMonth), zone);
  }

  private static int stricter(int a, int b) {
    return a == 0 ? b : b == 0 ? a : Math.min(a, b);
  }

  /** Start of {@code now}'s day: local 00:00 (or the first instant of the day if a DST gap skips midnight). */
  public Instant dayStart(Instant now) {
    return date(now).atStartOfDay(zone).toInstant();
  }

  /** Start of {@code now}'s week: the local Monday at 00:00. */
  public Instant weekStart(Instant now) {
    return date(now).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).atStartOfDay(zone).toInstant();
  }

  /** Start of {@code now}'s month: the local 1st at 00:00. */
  public Instant monthStart(Instant now) {
    return date(now).withDayOfMonth(1).atStartOfDay(zone).toInstant();
  }

  private LocalDate date(Instant now) {
    return now.atZone(zone).toLocalDate();
  }

  /**
   * The reason code ({@link #CAP_DAY}, {@link #CAP_WEEK}, {@link #CAP_MONTH}, checked in this order) if one more push
   * would exceed a cap, given the pushes already counted in the current day, week and month windows.
   */
  public Optional<String> exceeded(int sentToday, int sentThisWeek, int sentThisMonth) {
    if (perDay > 0 && sentToday >= perDay) {
      return Optional.of(CAP_DAY);
    }
    if (perWeek > 0 && sentThisWeek >= perWeek) {
      return Optional.of(CAP_WEEK);
    }
    if (perMonth > 0 && sentThisMonth >= perMonth) {
      return Optional.of(CAP_MONTH);
    }
    return Optional.empty();
  }
}
