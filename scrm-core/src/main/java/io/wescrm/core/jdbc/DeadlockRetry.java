package io.wescrm.core.jdbc;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.TransientDataAccessException;

/**
 * Runs idempotent database work again when it lost a lock race: picked as a deadlock victim (InnoDB error 1213:
 * next-key and gap locks of neighbouring key ranges, even with rows in key order) or timed out waiting for a lock
 * (1205). Work given here must be safe to repeat: a whole statement or transaction that re-reads what it needs.
 */
public final class DeadlockRetry {

  private static final Logger log = LoggerFactory.getLogger(DeadlockRetry.class);
  /** Attempts in all, the first one included, unless the caller gives its own budget. */
  public static final int ATTEMPTS = 5;

  private DeadlockRetry() {
  }

  public static <T> T run(String what, Supplier<T> work) {
    return run(what, ATTEMPTS, work);
  }

  /**
   * As {@link #run(String, Supplier)} with {@code attempts} in all: a caller on a deadline (the inbox writer, whose
   * callers wait for their acknowledgement) gives up sooner and lets its sender retry.
   */
  public static <T> T run(String what, int attempts, Supplier<T> work) {
    for (int attempt = 1; ; attempt++) {
      try {
        return work.get();
      } catch (TransientDataAccessException e) {
        if (attempt >= attempts) {
          throw e;
        }
        log.info("{} lost a lock race, retrying (attempt {}): {}", what, attempt, e.getMostSpecificCause().getMessage());
        try {
          // short and jittered: the winner commits within milliseconds; jitter keeps two losers from meeting again
          Thread.sleep(5L * attempt + ThreadLocalRandom.current().nextInt(10 * attempt));
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  public static void run(String what, Runnable work) {
    run(what, () -> {
      work.run();
      return null;
    });
  }
}
