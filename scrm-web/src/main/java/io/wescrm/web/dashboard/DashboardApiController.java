package io.wescrm.web.dashboard;

import io.wescrm.core.campaigns.jdbc.JdbcCampaignResults;
import io.wescrm.core.dashboard.Dashboard;
import io.wescrm.core.dashboard.Dashboards;
import io.wescrm.core.inbox.Inbox;
import io.wescrm.core.sync.SyncRun;
import io.wescrm.core.sync.SyncRuns;
import io.wescrm.core.sync.SyncingCorp;
import io.wescrm.web.api.ApiException;
import io.wescrm.web.security.AccessScope;
import io.wescrm.web.security.StoreScopes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The console's 数据看板 in one read: customers (cards, per day, by store, staff, channel and stage), group growth,
 * recent campaign funnels and, for every role but the store manager, the sync health of the corp (docs/console.md).
 * A store manager's figures cover their stores' staff only; the corp-wide operations part is null for them.
 */
@RestController
@RequestMapping("/api/corps/{corpId}/dashboard")
class DashboardApiController {

  /** Campaign funnels shown. */
  static final int FUNNELS = 5;

  private final Dashboards dashboards;
  private final JdbcCampaignResults campaigns;
  private final Inbox inbox;
  private final SyncRuns syncRuns;
  private final StoreScopes scopes;
  private final Clock clock;

  DashboardApiController(Dashboards dashboards, JdbcCampaignResults campaigns, Inbox inbox, SyncRuns syncRuns,
      StoreScopes scopes, Clock clock) {
    this.dashboards = dashboards;
    this.campaigns = campaigns;
    this.inbox = inbox;
    this.syncRuns = syncRuns;
    this.scopes = scopes;
    this.clock = clock;
  }

  /** The dashboard: {@code customers} and {@code campaigns} in scope, {@code ops} null for a store manager. */
  record DashboardView(Dashboard customers, List<Map<String, Object>> campaigns, Ops ops, Instant generatedAt,
      long tookMs) {
  }

  /**
   * The corp's sync health: the inbox (depth, parked, age of the oldest unapplied event), the last full sync and
   * the last reconciliation with its drift (rows it had to repair).
   */
  record Ops(long inboxDepth, long parked, long applyLagMs, RunSummary lastSync, RunSummary lastReconciliation) {
  }

  /** A sync run in brief. */
  record RunSummary(long runId, String status, Instant startedAt, Instant finishedAt, long drift) {
  }

  @GetMapping
  DashboardView dashboard(@PathVariable String corpId, @RequestParam(defaultValue = "30") int days,
      AccessScope scope) {
    if (!Dashboards.PERIODS.contains(days)) {
      throw ApiException.badRequest("days 只能是 7、30 或 90", "days=" + days);
    }
    long start = System.nanoTime();
    Set<String> staff = scopes.staff(scope);
    Dashboard customers = dashboards.build(corpId, days, staff);
    List<Map<String, Object>> funnels = campaigns.recentFunnels(corpId, FUNNELS, staff);
    Ops ops = scope.allStores() ? ops(corpId) : null;
    return new DashboardView(customers, funnels, ops, clock.instant(),
        Duration.ofNanos(System.nanoTime() - start).toMillis());
  }

  private Ops ops(String corpId) {
    Instant now = clock.instant();
    long lag = inbox.oldestUnapplied(corpId).map(t -> Math.max(0, Duration.between(t, now).toMillis())).orElse(0L);
    List<SyncRun> runs = syncRuns.recent(corpId, 50);
    return new Ops(inbox.depth(corpId), inbox.parkedCount(corpId), lag, last(runs, SyncingCorp.FULL),
        last(runs, SyncingCorp.RECONCILE));
  }

  private static RunSummary last(List<SyncRun> runs, String kind) {
    return runs.stream().filter(r -> kind.equals(r.kind())).findFirst()
        .map(r -> new RunSummary(r.id(), r.status().name(), r.startedAt(), r.finishedAt(),
            r.counts() == null ? 0 : r.counts().rowsChanged() + r.counts().markedDeleted()))
        .orElse(null);
  }
}
