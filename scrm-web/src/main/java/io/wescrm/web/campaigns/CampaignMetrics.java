package io.wescrm.web.campaigns;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import io.wescrm.web.config.BackgroundGauges;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Campaign gauges for operations: open WeCom tasks by status ({@code scrm.campaigns.tasks{status}}: PENDING waiting
 * to be created, UNKNOWN/RESOLVING being looked for after a timeout, CREATED/CONFIRMED waiting for results) and
 * runs in progress by status ({@code scrm.campaigns.runs{status}}). Read from the ledger in the background
 * ({@link BackgroundGauges}); a scrape reads memory.
 */
public class CampaignMetrics {

  static final List<String> TASK_STATUSES = List.of("PENDING", "SENDING", "UNKNOWN", "RESOLVING", "CREATED",
      "CONFIRMED");
  static final List<String> RUN_STATUSES = List.of("PLANNING", "DISPATCHING", "WAITING", "PAUSED");

  private final JdbcTemplate jdbc;

  public CampaignMetrics(JdbcTemplate jdbc, MeterRegistry registry, BackgroundGauges gauges) {
    this.jdbc = jdbc;
    BackgroundGauges.Figure<Map<String, Long>> tasks = gauges.every("scrm.campaigns.tasks", () -> count(
        "SELECT status, COUNT(*) FROM scrm_campaign_task WHERE status IN ('PENDING', 'SENDING', 'UNKNOWN', "
        + "'RESOLVING', 'CREATED', 'CONFIRMED') GROUP BY status"), Map.of());
    BackgroundGauges.Figure<Map<String, Long>> runs = gauges.every("scrm.campaigns.runs", () -> count(
        "SELECT status, COUNT(*) FROM scrm_campaign_run WHERE status IN ('PLANNING', 'DISPATCHING', "
        + "'WAITING', 'PAUSED') GROUP BY status"), Map.of());
    for (String status : TASK_STATUSES) {
      Gauge.builder("scrm.campaigns.tasks", () -> tasks.get().getOrDefault(status, 0L)).tag("status", status)
          .description("Open WeCom group-send tasks by status").register(registry);
    }
    for (String status : RUN_STATUSES) {
      Gauge.builder("scrm.campaigns.runs", () -> runs.get().getOrDefault(status, 0L)).tag("status", status)
          .description("Campaign runs in progress by status").register(registry);
    }
  }

  private Map<String, Long> count(String sql) {
    Map<String, Long> counts = new HashMap<>();
    jdbc.query(sql, rs -> {
      counts.put(rs.getString(1), rs.getLong(2));
    });
    return counts;
  }
}
