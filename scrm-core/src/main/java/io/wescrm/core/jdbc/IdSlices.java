package io.wescrm.core.jdbc;

import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import java.util.function.Predicate;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A heavy read over a table in slices of its primary key ({@code id >= ? AND id < ?}) instead of one statement:
 * each slice's statements take about {@link #TARGET_NANOS} (the slice width adapts to what the last one took), and
 * after each slice the read's pace may rest. Counts, per-group counts and pages summed over the slices are
 * exact for anything decided per row of the table, since every row is in exactly one slice, and the slices run in
 * the caller's transaction (one read view). This is how the previews, searches and audience counts give the database
 * back to callback ingest while it is busy (docs/performance.md, "Isolation"); without a rest they cost about what
 * one statement would.
 */
public final class IdSlices {

  static final long TARGET_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
  static final long FIRST_WIDTH = 4_096;
  static final long MIN_WIDTH = 256;
  static final long MAX_WIDTH = 1L << 17;

  private IdSlices() {
  }

  /** A pace that never rests. */
  public static final LongConsumer FULL_SPEED = sliceNanos -> { };

  /** The ids {@code from} (inclusive) to {@code to} (exclusive). */
  public record Slice(long from, long to) {
  }

  /**
   * Calls {@code each} with consecutive slices that cover every id {@code table} holds now, in id order, until it
   * returns false; after each slice but the last, {@code pace} gets the time it took in nanoseconds and may sleep (the
   * read's timeout keeps running).
   */
  public static void scan(JdbcTemplate jdbc, String table, LongConsumer pace, Predicate<Slice> each) {
    long[] bounds = jdbc.queryForObject("SELECT MIN(id), MAX(id) FROM " + table,
        (rs, i) -> rs.getObject(1) == null ? null : new long[] {rs.getLong(1), rs.getLong(2)});
    if (bounds == null) {
      return;
    }
    long width = FIRST_WIDTH;
    long from = bounds[0];
    while (from <= bounds[1]) {
      long to = bounds[1] - from < width ? bounds[1] + 1 : from + width;
      long started = System.nanoTime();
      boolean more = each.test(new Slice(from, to));
      long took = System.nanoTime() - started;
      from = to;
      if (!more || from > bounds[1]) {
        return;
      }
      width = next(width, took);
      pace.accept(took);
    }
  }

  /** The next slice's width: doubled below half the target time, halved above twice it. */
  static long next(long width, long tookNanos) {
    if (tookNanos < TARGET_NANOS / 2) {
      return Math.min(MAX_WIDTH, width * 2);
    }
    if (tookNanos > TARGET_NANOS * 2) {
      return Math.max(MIN_WIDTH, width / 2);
    }
    return width;
  }
}
