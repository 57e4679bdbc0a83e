package io.wescrm.web.campaigns;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Campaign gauges for operations: open WeCom tasks by status ({@code scrm.campaigns.tasks{status}}: PENDING waiting
 * to be created, UNKNOWN/RESOLVING being looked for after a timeout, CREATED/CONFIRMED waiting for results) and
 * runs in progress by status ({@code scrm.campaigns.runs{status}}). Read from the ledger at most every 10 s.
 */
public class CampaignMetrics {

  static final List<String> TASK_STATUSES = List.of("PENDING", "SENDING", "UNKNOWN", "RESOLVING", "CREATED",
      "CONFIRMED");
  static final List<String> RUN_STATUSES = List.of("PLANNING", "DISPATCHING", "WAITING", "PAUSED");
  private static final long TTL_MS = 10_000;

  private final JdbcTemplate jdbc;
  private volatile Map<String, Long> tasks = Map.of();
  private volatile Map<String, Long> runs = Map.of();
  private volatile long readAt;

  public CampaignMetrics(JdbcTemplate jdbc, MeterRegistry registry) {
    this.jdbc = jdbc;
    for (String status : TASK_STATUSES) {
      Gauge.builder("scrm.campaigns.tasks", () -> counts(true).getOrDefault(status, 0L)).tag("status", status)
          .description("Open WeCom group-send tasks by status").register(registry);
    }
    for (String status : RUN_STATUSES) {
      Gauge.builder("scrm.campaigns.runs", () -> counts(false).getOrDefault(status, 0L)).tag("status", status)
          .description("Campaign runs in progress by status").register(registry);
    }
  }

  private synchronized Map<String, Long> counts(boolean ofTasks) {
    long now = System.currentTimeMillis();
    if (now - readAt > TTL_MS) {
      Map<String, Long> t = new HashMap<>();
      jdbc.query("SELECT status, COUNT(*) FROM scrm_campaign_task WHERE status IN ('PENDING', 'SENDING', 'UNKNOWN', "
          + "'RESOLVING', 'CREATED', 'CONFIRMED') GROUP BY status", rs -> {
            t.put(rs.getString(1), rs.getLong(2));
          });
      Map<String, Long> r = new HashMap<>();
      jdbc.query("SELECT status, COUNT(*) FROM scrm_campaign_run WHERE status IN ('PLANNING', 'DISPATCHING', "
          + "'WAITING', 'PAUSED') GROUP BY status", rs -> {
            r.put(rs.getString(1), rs.getLong(2));
          });
      tasks = t;
      runs = r;
      readAt = now;
    }
    return ofTasks ? tasks : runs;
  }
}
