package io.wescrm.web.api;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs the heavy reads of the API (rule and campaign previews, customer search, audience counts): at most
 * {@code scrm.api.concurrent-previews} at once per corp and {@code concurrent-previews-total} at once over all corps
 * (429 with Retry-After beyond; bench/isolation.sh measured why: docs/performance.md), each in a transaction whose
 * timeout JdbcTemplate applies to every statement as its query timeout ({@code
 * scrm.api.query-timeout}; a statement it ends answers 503).
 */
public class PreviewGate {

  private final int perCorp;
  private final int total;
  private final Semaphore all;
  private final TransactionTemplate reads;
  private final Map<String, Semaphore> running = new ConcurrentHashMap<>();

  PreviewGate(ApiProperties properties, PlatformTransactionManager transactions) {
    this.perCorp = properties.concurrentPreviews();
    this.total = properties.concurrentPreviewsTotal();
    this.all = new Semaphore(total);
    this.reads = new TransactionTemplate(transactions);
    reads.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    reads.setTimeout((int) Math.max(1, properties.queryTimeout().toSeconds()));
  }

  public <T> T run(String corpId, Supplier<T> query) {
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
      try {
        return reads.execute(status -> query.get());
      } finally {
        all.release();
      }
    } finally {
      places.release();
    }
  }
}
