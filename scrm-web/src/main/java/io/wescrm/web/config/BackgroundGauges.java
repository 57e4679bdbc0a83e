package io.wescrm.web.config;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Figures that cost a query, computed on one background thread every {@code every} and read from memory: a
 * Prometheus scrape or a health check never runs a query (a scrape every few seconds by several scrapers, each
 * counting the inbox, the outbox and the campaign ledger, cost the database more than the figures were worth, and
 * hung with it in an outage). A figure whose computation fails keeps its last value; the failure is logged once per
 * change of message.
 */
public final class BackgroundGauges implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(BackgroundGauges.class);

  /** The last value of one figure. */
  public static final class Figure<T> implements Supplier<T> {
    private final String what;
    private final Supplier<T> compute;
    private volatile T value;
    private volatile String lastFailure;

    Figure(String what, Supplier<T> compute, T initial) {
      this.what = what;
      this.compute = compute;
      this.value = initial;
    }

    /** The value computed last (never a query). */
    @Override
    public T get() {
      return value;
    }

    void refresh() {
      try {
        value = compute.get();
        if (lastFailure != null) {
          log.info("Gauge {} computed again", what);
          lastFailure = null;
        }
      } catch (RuntimeException e) {
        String message = e.toString();
        if (!message.equals(lastFailure)) {
          log.warn("Gauge {} could not be computed (keeps its last value): {}", what, message);
        }
        lastFailure = message;
      }
    }
  }

  private final List<Figure<?>> figures = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService scheduler;

  public BackgroundGauges(Duration every) {
    long millis = Math.max(50, every.toMillis());
    this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "background-gauges");
      t.setDaemon(true);
      return t;
    });
    scheduler.scheduleWithFixedDelay(this::refreshAll, millis, millis, TimeUnit.MILLISECONDS);
  }

  /** A figure computed now and then every interval; read it with {@link Figure#get()}. */
  public <T> Figure<T> every(String what, Supplier<T> compute, T initial) {
    Figure<T> figure = new Figure<>(what, compute, initial);
    figures.add(figure);
    scheduler.execute(figure::refresh);
    return figure;
  }

  /** Computes every figure now (on the caller's thread). */
  public void refreshAll() {
    for (Figure<?> figure : figures) {
      try {
        figure.refresh();
      } catch (Error e) {
        log.error("Gauge refresh failed", e); // the scheduler would stop for good if this escaped
      }
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
