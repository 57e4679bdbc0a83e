package io.wescrm.web.api;

import io.wescrm.core.jdbc.IdSlices;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.LongConsumer;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs the heavy reads of the API (rule and campaign previews, customer search, audience counts): at most
 * {@code scrm.api.concurrent-previews} at once per corp and {@code concurrent-previews-total} at once over all corps
 * (429 with Retry-After beyond; bench/isolation.sh measured why: docs/performance.md), each in a transaction whose
 * timeout JdbcTemplate applies to every statement as its query timeout ({@code
 * scrm.api.query-timeout}; a statement it ends answers 503), and at the pace set by {@link #paceWith}.
 */
public class PreviewGate {

  private final int perCorp;
  private final int total;
  private final Semaphore all;
  private final TransactionTemplate reads;
  private final Map<String, Semaphore> running = new ConcurrentHashMap<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile LongConsumer pace = IdSlices.FULL_SPEED;

  PreviewGate(ApiProperties properties, PlatformTransactionManager transactions) {
    this.perCorp = properties.concurrentPreviews();
    this.total = properties.concurrentPreviewsTotal();
    this.all = new Semaphore(total);
    this.reads = new TransactionTemplate(transactions);
    reads.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    reads.setTimeout((int) Math.max(1, properties.queryTimeout().toSeconds()));
  }

  /**
   * Whether a heavy read runs on this node now: the callback path's background work yields to it while callbacks
   * arrive at a high rate (IngestPressure), so that the scan and the applier's writes do not share the database's
   * CPU with the inbox commits.
   */
  public boolean running() {
    return inFlight.get() > 0;
  }

  /**
   * The pace of every heavy read from now on: called between the parts of a scan with the nanoseconds the last one
   * took, it may sleep (IngestPressure: while callbacks arrive fast).
   */
  public void paceWith(LongConsumer pace) {
    this.pace = pace;
  }

  /** Runs {@code query} (given the pace its scan keeps) within the limits, or answers 429. */
  public <T> T run(String corpId, Function<LongConsumer, T> query) {
    Semaphore places = running.computeIfAbsent(corpId, c -> new Semaphore(perCorp));
    if (!places.tryAcquire()) {
      throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, "too_many_previews",
          "该企业同时进行的预览或搜索已达上限（" + perCorp + " 个），请稍后再试", "previews of " + corpId + " at the limit",
          List.of(), 1);
    }
    try {
      if (!all.tryAcquire()) {
        throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, "too_many_previews",
            "服务器同时进行的预览或搜索已达上限（" + total + " 个），请稍后再试", "previews of all corps at the limit",
            List.of(), 1);
      }
      inFlight.incrementAndGet();
      try {
        LongConsumer paced = pace;
        return reads.execute(status -> query.apply(paced));
      } finally {
        inFlight.decrementAndGet();
        all.release();
      }
    } finally {
      places.release();
    }
  }
}
