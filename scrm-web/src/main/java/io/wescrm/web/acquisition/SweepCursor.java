package io.wescrm.web.acquisition;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Where the welcome recovery sweep reads a corp's inbox from. Per corp it keeps the inbox id up to which every add
 * with a code has been seen claimed; that cursor only passes events stored at least {@code settle} ago (an inbox id
 * is taken at insert and becomes visible at commit: on several nodes a lower id can commit after a higher one), and
 * one sweep every {@code fullEvery} reads the whole window again, for a commit slower than that. Used by the
 * sweeper thread only: not thread-safe.
 */
final class SweepCursor {

  /** One sweep: when it started, whether it reads the whole window, the highest id settled by then. */
  record Sweep(Instant at, boolean full, long settled) {
  }

  private record Mark(Instant at, long inboxMaxId) {
  }

  private final Duration settle;
  private final Duration fullEvery;
  private final Map<String, Long> through = new HashMap<>();
  private final ArrayDeque<Mark> marks = new ArrayDeque<>();
  private long settledMax;
  private Instant lastFull = Instant.EPOCH;

  SweepCursor(Duration settle, Duration fullEvery) {
    this.settle = settle;
    this.fullEvery = fullEvery;
  }

  Sweep begin(Instant now) {
    Instant cutoff = now.minus(settle);
    while (!marks.isEmpty() && !marks.peekFirst().at().isAfter(cutoff)) {
      settledMax = marks.pollFirst().inboxMaxId();
    }
    return new Sweep(now, !now.isBefore(lastFull.plus(fullEvery)), settledMax);
  }

  /** The inbox id to read the corp's events after (0: the whole window). */
  long after(Sweep sweep, String corp) {
    return sweep.full() ? 0 : through.getOrDefault(corp, 0L);
  }

  /** What the corp's read found: the inbox ids of adds whose code is not claimed yet (they are read again). */
  void read(Sweep sweep, String corp, long after, long... unclaimedIds) {
    long next = Math.max(after, sweep.settled());
    for (long id : unclaimedIds) {
      next = Math.min(next, id - 1);
    }
    through.put(corp, Math.max(next, 0));
  }

  /**
   * @param inboxMaxId the inbox's highest id the sweep saw (negative: none read)
   * @param complete every corp was read: a full sweep that failed somewhere is repeated next time
   */
  void end(Sweep sweep, long inboxMaxId, boolean complete) {
    if (sweep.full() && complete) {
      lastFull = sweep.at();
    }
    if (inboxMaxId >= 0) {
      marks.addLast(new Mark(sweep.at(), inboxMaxId));
    }
  }
}
