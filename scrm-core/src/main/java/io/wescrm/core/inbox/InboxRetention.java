package io.wescrm.core.inbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.function.ObjLongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the inbox bounded: finished events (applied, or discarded by an operator) older than the retention are deleted
 * in small batches, oldest first. Pending, retrying and parked events are never deleted (they are work, or wait for
 * an operator). WeCom re-sends an event within seconds, so a retention of days never lets a retry in twice.
 */
public final class InboxRetention {

  private static final Logger log = LoggerFactory.getLogger(InboxRetention.class);

  /** What one pass over a corp did. */
  public record Purge(String corpId, Instant before, long deleted, Duration took) { }

  private final Inbox inbox;
  private final Clock clock;
  private final Duration retention;
  private final int batch;
  private final BooleanSupplier busy;
  private final Duration yield;
  private final ObjLongConsumer<String> purged;

  /**
   * @param busy true while a callback burst is being ingested: the purge then pauses {@code yield} between batches
   * @param purged told the corp and the number of events each purge deleted (metrics)
   */
  public InboxRetention(Inbox inbox, Clock clock, Duration retention, int batch, BooleanSupplier busy,
      Duration yield, ObjLongConsumer<String> purged) {
    if (retention.isNegative() || retention.isZero()) {
      throw new IllegalArgumentException("inbox retention must be positive: " + retention);
    }
    this.inbox = inbox;
    this.clock = clock;
    this.retention = retention;
    this.batch = batch;
    this.busy = busy;
    this.yield = yield;
    this.purged = purged;
  }

  public Duration retention() {
    return retention;
  }

  /** Deletes the corp's finished events received and finished before now − retention. */
  public Purge purge(String corpId) {
    Instant started = clock.instant();
    Instant before = started.minus(retention);
    long deleted = 0;
    for (String status : Inbox.FINISHED) {
      long after = 0;
      while (true) {
        Inbox.PurgeBatch next = inbox.purgeFinished(corpId, status, before, after, batch);
        deleted += next.deleted();
        if (next.done()) {
          break;
        }
        after = next.lastId();
        pauseWhileBusy();
      }
    }
    Purge purge = new Purge(corpId, before, deleted, Duration.between(started, clock.instant()));
    purged.accept(corpId, deleted);
    if (deleted > 0) {
      log.info("Inbox of corp {}: deleted {} finished event(s) received before {} in {} ms", corpId, deleted, before,
          purge.took().toMillis());
    }
    return purge;
  }

  private void pauseWhileBusy() {
    if (!yield.isZero() && busy.getAsBoolean()) {
      try {
        Thread.sleep(yield.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("inbox purge interrupted", e);
      }
    }
  }
}
