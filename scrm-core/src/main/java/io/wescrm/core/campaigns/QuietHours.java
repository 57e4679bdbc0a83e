package io.wescrm.core.campaigns;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * 免打扰: a daily window, in local time of {@code zone}, during which nothing is pushed. {@code start} is inside the
 * window, {@code end} is not; a window with {@code start} after {@code end} wraps midnight (21:00–09:00);
 * {@code start == end} means no window at all. Sends due inside the window are shifted to its end, never dropped.
 */
public record QuietHours(LocalTime start, LocalTime end, ZoneId zone) {

  public QuietHours {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    Objects.requireNonNull(zone, "zone");
  }

  /** No quiet hours. */
  public static QuietHours none() {
    return new QuietHours(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, ZoneOffset.UTC);
  }

  /** Whether there is a window at all. */
  public boolean enabled() {
    return !start.equals(end);
  }

  /** Whether {@code t}'s local time in {@code zone} lies in [start, end) (wrapping midnight if start > end). */
  public boolean contains(Instant t) {
    if (!enabled()) {
      return false;
    }
    LocalTime local = t.atZone(zone).toLocalTime();
    if (start.isBefore(end)) {
      return !local.isBefore(start) && local.isBefore(end);
    }
    return !local.isBefore(start) || local.isBefore(end);
  }

  /**
   * {@code due} itself if it lies outside the window, else the window's end: the first instant after {@code due}
   * whose local time is {@code end}. On a DST overlap the later of the two instants is taken if the earlier one is
   * not after {@code due}; if {@code end} falls in a DST gap, the local time just after the gap is used (what
   * {@link ZonedDateTime#of} gives).
   */
  public Instant shift(Instant due) {
    if (!contains(due)) {
      return due;
    }
    ZonedDateTime local = due.atZone(zone);
    for (int days = 0; days <= 2; days++) {
      ZonedDateTime candidate = ZonedDateTime.of(local.toLocalDate().plusDays(days), end, zone);
      if (candidate.toInstant().isAfter(due)) {
        return candidate.toInstant();
      }
      ZonedDateTime later = candidate.withLaterOffsetAtOverlap();
      if (later.toInstant().isAfter(due)) {
        return later.toInstant();
      }
    }
    throw new IllegalStateException("no end of quiet hours after " + due); // unreachable: the end recurs daily
  }
}
