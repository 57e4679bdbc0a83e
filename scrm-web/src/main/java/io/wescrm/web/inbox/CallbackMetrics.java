package io.wescrm.web.inbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.wescrm.core.inbox.Inbox;
import io.wescrm.core.inbox.InboxEvent;
import io.wescrm.core.inbox.RefetchQueue;
import io.wescrm.core.inbox.StoredEvent;
import io.wescrm.core.remote.RemoteCorps;
import io.wescrm.wecom.callback.CallbackRejected;
import java.time.Clock;
import java.time.Duration;
import io.wescrm.web.config.BackgroundGauges;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Callback and inbox metrics (Micrometer, under /actuator/metrics and /actuator/prometheus): acks and their latency,
 * refusals by reason, inbox depth, parked events, apply lag, the coalesced re-fetch backlog and its lag, and the
 * drift the last reconciliation repaired. The figures that cost a query are counted in the background
 * ({@link BackgroundGauges}, every {@code scrm.metrics.refresh}), never per scrape.
 */
public class CallbackMetrics {

  /** Percentiles of the ack path cover about the last 20–30 s (three rotating 10 s buffers), not 2 min. */
  private static final Duration WINDOW = Duration.ofSeconds(30);

  private final MeterRegistry registry;
  private final Timer ackLatency;
  private final Timer applyLag;
  private final Counter unavailable;
  private final java.util.Map<String, BackgroundGauges.Figure<InboxFigures>> figures =
      new java.util.concurrent.ConcurrentSkipListMap<>();
  private final java.util.Map<String, Counter> ackedByEvent = new java.util.concurrent.ConcurrentHashMap<>();

  public CallbackMetrics(MeterRegistry registry, Inbox inbox, RefetchQueue refetches, RemoteCorps corps,
      io.wescrm.core.sync.SyncRuns runs, Clock clock, io.wescrm.core.inbox.InboxWriter writer,
      BackgroundGauges gauges) {
    this.registry = registry;
    registry.gauge("scrm.inbox.ingest.busy", writer, w -> w.busy() ? 1 : 0);
    Timer writeTime = Timer.builder("scrm.inbox.write").description("commit time of one group-commit batch")
        .publishPercentiles(0.5, 0.99).distributionStatisticExpiry(WINDOW).register(registry);
    Timer writeWait = Timer.builder("scrm.inbox.write.wait")
        .description("how long the oldest event of a batch waited for an inbox writer")
        .publishPercentiles(0.5, 0.99).distributionStatisticExpiry(WINDOW).register(registry);
    io.micrometer.core.instrument.DistributionSummary batchSize = io.micrometer.core.instrument.DistributionSummary
        .builder("scrm.inbox.write.batch").description("events per group-commit batch")
        .publishPercentiles(0.5, 0.99).distributionStatisticExpiry(WINDOW).register(registry);
    writer.onBatch((size, waited, store) -> {
      writeTime.record(store, TimeUnit.NANOSECONDS);
      writeWait.record(waited, TimeUnit.NANOSECONDS);
      batchSize.record(size);
    });
    this.ackLatency = Timer.builder("scrm.callback.ack").description("time from request to durable ack")
        .publishPercentiles(0.5, 0.99).publishPercentileHistogram(false).distributionStatisticExpiry(WINDOW)
        .register(registry);
    this.applyLag = Timer.builder("scrm.inbox.apply.lag").description("time from durable ack to applied")
        .publishPercentiles(0.5, 0.99).register(registry);
    this.unavailable = Counter.builder("scrm.callback.unavailable")
        .description("callbacks answered 503 (inbox could not store them; WeCom retries)").register(registry);
    for (String corp : corps.corpIds()) {
      // counted in the background (BackgroundGauges), read from memory at scrape and by the health check
      BackgroundGauges.Figure<InboxFigures> figure = gauges.every("inbox of " + corp, () -> {
        java.time.Instant now = clock.instant();
        return new InboxFigures(inbox.depth(corp), inbox.parkedCount(corp), inbox.oldestUnapplied(corp)
            .map(t -> Duration.between(t, now).toMillis() / 1000.0).orElse(0.0), refetches.backlog(corp),
            refetches.oldestDue(corp, now).map(t -> Duration.between(t, now).toMillis() / 1000.0).orElse(0.0),
            runs.recent(corp, 50).stream().filter(run -> "RECONCILE".equals(run.kind())
                && run.status() == io.wescrm.core.sync.SyncRun.Status.SUCCEEDED).findFirst()
                .map(run -> (double) run.counts().rowsChanged() + run.counts().markedDeleted()).orElse(0.0), now);
      }, null);
      figures.put(corp, figure);
      List<io.micrometer.core.instrument.Tag> tags = List.of(io.micrometer.core.instrument.Tag.of("corp", corp));
      registry.gauge("scrm.inbox.depth", tags, figure, f -> value(f, InboxFigures::depth));
      registry.gauge("scrm.inbox.parked", tags, figure, f -> value(f, InboxFigures::parked));
      registry.gauge("scrm.inbox.oldest.age.seconds", tags, figure, f -> value(f, InboxFigures::oldestAgeSeconds));
      registry.gauge("scrm.refetch.backlog", tags, figure, f -> value(f, InboxFigures::refetchBacklog));
      registry.gauge("scrm.refetch.lag.seconds", tags, figure, f -> value(f, InboxFigures::refetchLagSeconds));
      registry.gauge("scrm.reconcile.drift", tags, figure, f -> value(f, InboxFigures::drift));
    }
  }

  /**
   * A corp's inbox figures as last counted.
   *
   * @param countedAt when they were counted
   */
  public record InboxFigures(long depth, long parked, double oldestAgeSeconds, long refetchBacklog,
      double refetchLagSeconds, double drift, java.time.Instant countedAt) {
  }

  private static double value(BackgroundGauges.Figure<InboxFigures> figure,
      java.util.function.ToDoubleFunction<InboxFigures> field) {
    InboxFigures f = figure.get();
    return f == null ? Double.NaN : field.applyAsDouble(f);
  }

  /** The corp's inbox figures as last counted in the background; empty before the first count. */
  public java.util.Optional<InboxFigures> figures(String corp) {
    BackgroundGauges.Figure<InboxFigures> figure = figures.get(corp);
    return figure == null ? java.util.Optional.empty() : java.util.Optional.ofNullable(figure.get());
  }

  /** The corps whose inbox is counted. */
  public java.util.Set<String> corps() {
    return figures.keySet();
  }

  void acked(InboxEvent event, long nanos) {
    ackLatency.record(nanos, TimeUnit.NANOSECONDS);
    ackedByEvent.computeIfAbsent(event.event(), e -> registry.counter("scrm.callback.acked", "event", e)).increment();
  }

  void rejected(CallbackRejected.Reason reason) {
    registry.counter("scrm.callback.rejected", "reason", reason.name()).increment();
  }

  void unavailable() {
    unavailable.increment();
  }

  /** A callback the database could not store in time, written to the node's spool instead. */
  void spooled() {
    registry.counter("scrm.callback.spooled").increment();
  }

  public void applied(StoredEvent event, Duration lag) {
    applyLag.record(lag);
  }

  /** Finished events the retention deleted. */
  public void purged(String corp, long deleted) {
    registry.counter("scrm.inbox.purged", "corp", corp).increment(deleted);
  }
}
