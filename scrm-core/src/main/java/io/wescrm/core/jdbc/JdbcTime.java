package io.wescrm.core.jdbc;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * Time conversion between the domain ({@link Instant}) and the database. Times are stored as local date-times of the
 * JVM's zone (LocalDateTime binds far cheaper than Timestamp), at millisecond precision.
 */
public final class JdbcTime {

  private JdbcTime() {
  }

  /** The value to bind for an instant (null stays null). */
  public static LocalDateTime ts(Instant instant) {
    return instant == null ? null
        : LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MILLIS), ZoneId.systemDefault());
  }

  public static Instant instant(Timestamp ts) {
    return ts == null ? null : ts.toInstant();
  }

  public static Instant instant(LocalDateTime t) {
    return t == null ? null : t.atZone(ZoneId.systemDefault()).toInstant();
  }

  /** A date-time column's value as read by {@code queryForList} (LocalDateTime, Timestamp or text, by driver). */
  public static LocalDateTime local(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof LocalDateTime t) {
      return t;
    }
    if (value instanceof Timestamp t) {
      return t.toLocalDateTime();
    }
    return LocalDateTime.parse(value.toString().replace(' ', 'T'));
  }
}
