package io.wescrm.web.inbox;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * The {@code inbox} health component: DOWN when this node's inbox threads have stopped (nothing would apply its
 * events), DEGRADED while any corp has parked events (an operator must look: replay or discard them; the node
 * itself works, so DEGRADED answers HTTP 200 and does not fail a readiness probe), UP otherwise. The details per
 * corp — parked, depth, oldest unapplied age, the node holding the applier lease — are the background-counted
 * figures ({@link CallbackMetrics}): a health check never runs a query.
 */
class InboxHealthIndicator implements HealthIndicator {

  /** Some events need an operator; the service runs. */
  static final Status DEGRADED = new Status("DEGRADED", "搁置的回调事件需要处理（重放或放弃）");

  private final CallbackMetrics metrics;
  private final InboxWorker worker;

  InboxHealthIndicator(CallbackMetrics metrics, InboxWorker worker) {
    this.metrics = metrics;
    this.worker = worker;
  }

  @Override
  public Health health() {
    Map<String, Object> corps = new LinkedHashMap<>();
    long parked = 0;
    for (String corp : metrics.corps()) {
      Map<String, Object> detail = new LinkedHashMap<>();
      var figures = metrics.figures(corp);
      figures.ifPresent(f -> {
        detail.put("parked", f.parked());
        detail.put("depth", f.depth());
        detail.put("oldestUnappliedAgeSeconds", f.oldestAgeSeconds());
        detail.put("countedAt", f.countedAt().toString());
      });
      detail.put("leaseHolder", worker.leaseHolder(corp).orElse(null));
      parked += figures.map(CallbackMetrics.InboxFigures::parked).orElse(0L);
      corps.put(corp, detail);
    }
    Health.Builder health;
    if (!worker.alive()) {
      health = Health.down().withDetail("error", "inbox worker threads stopped: events are not applied on this node");
    } else if (parked > 0) {
      health = Health.status(DEGRADED);
    } else {
      health = Health.up();
    }
    return health.withDetail("parked", parked).withDetail("applyPassFailures", worker.passFailures())
        .withDetail("corps", corps).build();
  }
}
