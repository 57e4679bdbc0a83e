package io.wescrm.core.campaigns.jdbc;

import io.wescrm.core.campaigns.CampaignDefinition;
import io.wescrm.core.campaigns.Uplift;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.wescrm.core.corp.Views;
import io.wescrm.core.jdbc.JdbcTime;
import io.wescrm.core.jdbc.Rows;
import io.wescrm.core.jdbc.Placeholders;
import io.wescrm.core.jdbc.StaffScope;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What a campaign achieved, from the send ledger: the funnel (audience → planned → task created → confirmed by
 * staff → delivered → each failure), per store and staff member; each customer's pushes; and the uplift report that
 * compares sent with held-back customers.
 */
public class JdbcCampaignResults {

  /** Deliveries that reached a WeCom task (whatever happened next). */
  private static final String TASK_CREATED = "(d.status IN ('TASK_CREATED', 'SENT', 'NOT_CONFIRMED') "
      + "OR d.reason IN ('wecom_status_2', 'wecom_status_3', 'fail_list'))";

  /** Rows that were planned to be sent: not held back, not over a frequency cap, not too long to send. */
  private static final String PLANNED = "(d.status NOT IN ('HELD_BACK', 'OVER_LIMIT') "
      + "AND NOT (d.status = 'FAILED' AND d.reason = 'content_too_long'))";

  private final JdbcTemplate jdbc;

  public JdbcCampaignResults(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * The funnel of a campaign's runs (all, or one run) sent by {@code staff} (a store manager's scope; null: every
   * sender). Scoped, the audience, planned and held-back figures are counted from the ledger's rows of those senders
   * (the run's totals are the whole corp's).
   */
  public Map<String, Object> results(String corpId, long campaignId, Long runId, Collection<String> staff) {
    List<Object> args = new ArrayList<>(List.of(corpId, campaignId));
    String runFilter = (runId == null ? "" : " AND r.id = " + runId.longValue())
        + StaffScope.and("d.sender", staff, args);
    Object[] a = args.toArray();
    Map<String, Object> out = new LinkedHashMap<>();
    Map<String, Object> totals = staff == null ? jdbc.queryForMap("SELECT COALESCE(SUM(r.audience), 0) AS audience, "
        + "COALESCE(SUM(r.planned), 0) AS planned, COALESCE(SUM(r.held_back), 0) AS held_back, COUNT(*) AS runs "
        + "FROM scrm_campaign_run r WHERE r.corp_id = ? AND r.campaign_id = ?" + runFilter, a)
        : jdbc.queryForMap("SELECT COUNT(*) AS audience, COALESCE(SUM(CASE WHEN " + PLANNED + " THEN 1 ELSE 0 END), 0) "
            + "AS planned, COALESCE(SUM(CASE WHEN d.status = 'HELD_BACK' THEN 1 ELSE 0 END), 0) AS held_back, "
            + "COUNT(DISTINCT r.id) AS runs FROM scrm_campaign_delivery d JOIN scrm_campaign_run r ON r.id = d.run_id "
            + "WHERE r.corp_id = ? AND r.campaign_id = ?" + runFilter, a);
    out.put("runs", number(totals.get("runs")));
    out.put("audience", number(totals.get("audience")));
    out.put("planned", number(totals.get("planned")));
    out.put("heldBack", number(totals.get("held_back")));
    Map<String, Object> funnel = jdbc.queryForMap("SELECT COALESCE(SUM(CASE WHEN " + TASK_CREATED
        + " THEN 1 ELSE 0 END), 0) AS task_created, COALESCE(SUM(d.confirmed), 0) AS confirmed, "
        + "COALESCE(SUM(CASE WHEN d.status = 'SENT' THEN 1 ELSE 0 END), 0) AS delivered, "
        + "COALESCE(SUM(CASE WHEN d.status IN ('PLANNED', 'SENDING', 'TASK_CREATED') THEN 1 ELSE 0 END), 0) AS open "
        + "FROM scrm_campaign_delivery d JOIN scrm_campaign_run r ON r.id = d.run_id "
        + "WHERE r.corp_id = ? AND r.campaign_id = ?" + runFilter, a);
    out.put("taskCreated", number(funnel.get("task_created")));
    out.put("confirmed", number(funnel.get("confirmed")));
    out.put("delivered", number(funnel.get("delivered")));
    out.put("inProgress", number(funnel.get("open")));
    Map<String, Long> failed = new LinkedHashMap<>();
    Map<String, Long> reasons = new LinkedHashMap<>();
    jdbc.query("SELECT d.status, d.reason, COUNT(*) FROM scrm_campaign_delivery d JOIN scrm_campaign_run r "
        + "ON r.id = d.run_id WHERE r.corp_id = ? AND r.campaign_id = ?" + runFilter
        + " AND d.status NOT IN ('PLANNED', 'SENDING', 'TASK_CREATED', 'SENT', 'HELD_BACK') "
        + "GROUP BY d.status, d.reason ORDER BY d.status, d.reason", rs -> {
          failed.merge(rs.getString(1), rs.getLong(3), Long::sum);
          reasons.merge(rs.getString(1) + (rs.getString(2) == null ? "" : ":" + rs.getString(2)), rs.getLong(3),
              Long::sum);
        }, a);
    out.put("failed", failed);
    out.put("failedReasons", reasons);
    out.put("byStore", Rows.camelCase(jdbc, "SELECT d.store_id AS store_id, MAX(dp.name) AS store_name, "
        + "SUM(CASE WHEN d.status <> 'HELD_BACK' THEN 1 ELSE 0 END) AS planned, "
        + "SUM(CASE WHEN " + TASK_CREATED + " THEN 1 ELSE 0 END) AS task_created, SUM(d.confirmed) AS confirmed, "
        + "SUM(CASE WHEN d.status = 'SENT' THEN 1 ELSE 0 END) AS delivered FROM scrm_campaign_delivery d "
        + "JOIN scrm_campaign_run r ON r.id = d.run_id LEFT JOIN scrm_department dp ON dp.corp_id = d.corp_id "
        + "AND dp.dept_id = d.store_id WHERE r.corp_id = ? AND r.campaign_id = ?" + runFilter
        + " GROUP BY d.store_id ORDER BY d.store_id", a));
    out.put("byStaff", Rows.camelCase(jdbc, "SELECT d.sender AS userid, MAX(s.name) AS name, "
        + "SUM(CASE WHEN d.status <> 'HELD_BACK' THEN 1 ELSE 0 END) AS planned, "
        + "SUM(CASE WHEN " + TASK_CREATED + " THEN 1 ELSE 0 END) AS task_created, SUM(d.confirmed) AS confirmed, "
        + "SUM(CASE WHEN d.status = 'SENT' THEN 1 ELSE 0 END) AS delivered, "
        + "SUM(CASE WHEN d.status = 'NOT_CONFIRMED' THEN 1 ELSE 0 END) AS not_confirmed FROM scrm_campaign_delivery d "
        + "JOIN scrm_campaign_run r ON r.id = d.run_id LEFT JOIN scrm_staff s ON s.corp_id = d.corp_id "
        + "AND s.userid = d.sender WHERE r.corp_id = ? AND r.campaign_id = ?" + runFilter
        + " GROUP BY d.sender ORDER BY d.sender", a));
    return out;
  }

  /**
   * The corp's {@code limit} most recently run campaigns (not deleted), newest first — id, name, kind, the last run's
   * time, runs — and the funnel of the newest one (audience, planned, task created, confirmed, delivered, counted as
   * {@link #results} counts them; the others' funnels are {@link #results} calls of their own, one ledger scan each),
   * over the rows of {@code staff} (a store manager's scope; null: every sender). Two queries.
   */
  public List<Map<String, Object>> recentFunnels(String corpId, int limit, Collection<String> staff) {
    List<Map<String, Object>> campaigns = Rows.camelCase(jdbc, "SELECT c.id AS id, c.name AS name, c.kind AS kind, "
        + "MAX(r.created_at) AS last_run_at, COUNT(*) AS runs, COALESCE(SUM(r.audience), 0) AS audience, "
        + "COALESCE(SUM(r.planned), 0) AS planned FROM scrm_campaign_run r "
        + "JOIN scrm_campaign c ON c.id = r.campaign_id "
        + "WHERE r.corp_id = ? AND c.deleted_at IS NULL GROUP BY c.id, c.name, c.kind ORDER BY MAX(r.id) DESC LIMIT ?",
        corpId, limit);
    if (campaigns.isEmpty()) {
      return campaigns;
    }
    List<Object> args = new ArrayList<>(List.of(corpId));
    List<Long> ids = List.of(number(campaigns.get(0).get("id")));
    args.addAll(ids);
    String scope = StaffScope.and("d.sender", staff, args);
    Map<Long, long[]> counts = new HashMap<>();
    jdbc.query("SELECT r.campaign_id, COUNT(*), COALESCE(SUM(CASE WHEN " + PLANNED + " THEN 1 ELSE 0 END), 0), "
        + "COALESCE(SUM(CASE WHEN " + TASK_CREATED + " THEN 1 ELSE 0 END), 0), COALESCE(SUM(d.confirmed), 0), "
        + "COALESCE(SUM(CASE WHEN d.status = 'SENT' THEN 1 ELSE 0 END), 0) FROM scrm_campaign_delivery d "
        + "JOIN scrm_campaign_run r ON r.id = d.run_id WHERE r.corp_id = ? AND r.campaign_id IN ("
        + Placeholders.marks(ids.size()) + ")" + scope + " GROUP BY r.campaign_id", rs -> {
          counts.put(rs.getLong(1), new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
              rs.getLong(6)});
        }, args.toArray());
    for (Map<String, Object> c : campaigns) {
      c.put("runs", number(c.get("runs")));
      c.put("lastRunAt", JdbcTime.instant(JdbcTime.local(c.get("lastRunAt"))));
      if (!ids.contains(number(c.get("id")))) {
        c.remove("audience");
        c.remove("planned");
        continue;
      }
      long[] n = counts.getOrDefault(number(c.get("id")), new long[5]);
      if (staff != null) {
        // scoped: the audience and planned figures from the ledger's rows of those senders, as results() does
        c.put("audience", n[0]);
        c.put("planned", n[1]);
      } else {
        c.put("audience", number(c.get("audience")));
        c.put("planned", number(c.get("planned")));
      }
      c.put("taskCreated", n[2]);
      c.put("confirmed", n[3]);
      c.put("delivered", n[4]);
    }
    return campaigns;
  }

  /**
   * Per run of a campaign, the audience, planned and held-back rows sent by {@code staff} (a store manager's share of
   * each run): run id → {audience, planned, heldBack}.
   */
  public Map<Long, long[]> runCounts(String corpId, long campaignId, Collection<String> staff) {
    List<Object> args = new ArrayList<>(List.of(corpId, campaignId));
    String scope = StaffScope.and("d.sender", staff, args);
    Map<Long, long[]> out = new HashMap<>();
    jdbc.query("SELECT d.run_id, COUNT(*), COALESCE(SUM(CASE WHEN " + PLANNED + " THEN 1 ELSE 0 END), 0), "
        + "COALESCE(SUM(CASE WHEN d.status = 'HELD_BACK' THEN 1 ELSE 0 END), 0) FROM scrm_campaign_delivery d "
        + "JOIN scrm_campaign_run r ON r.id = d.run_id WHERE r.corp_id = ? AND r.campaign_id = ?" + scope
        + " GROUP BY d.run_id", rs -> {
          out.put(rs.getLong(1), new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4)});
        }, args.toArray());
    return out;
  }

  /**
   * One page of a campaign's deliveries (all runs, or one run; one status or all), newest first, sent by
   * {@code staff} (null: every sender): each recipient's name (the customer's, or the group chat's), sender, store,
   * status with its reason, whether the sender confirmed, when it was sent and the text it received.
   */
  public Views.Page<Map<String, Object>> deliveries(String corpId, long campaignId, Long runId, String status,
      Collection<String> staff, long page, int size) {
    List<Object> args = new ArrayList<>(List.of(corpId, campaignId));
    StringBuilder where = new StringBuilder(" WHERE r.corp_id = ? AND r.campaign_id = ?");
    if (runId != null) {
      where.append(" AND d.run_id = ?");
      args.add(runId);
    }
    if (status != null && !status.isBlank()) {
      where.append(" AND d.status = ?");
      args.add(status);
    }
    where.append(StaffScope.and("d.sender", staff, args));
    String from = " FROM scrm_campaign_delivery d JOIN scrm_campaign_run r ON r.id = d.run_id";
    Long total = jdbc.queryForObject("SELECT COUNT(*)" + from + where, Long.class, args.toArray());
    List<Object> pageArgs = new ArrayList<>(args);
    pageArgs.add(size);
    pageArgs.add((page - 1) * size);
    List<Map<String, Object>> items = Rows.camelCase(jdbc, "SELECT d.id AS id, d.run_id AS run_id, "
        + "d.target AS target, COALESCE(c.name, g.name) AS name, d.sender AS sender, s.name AS staff_name, "
        + "d.store_id AS store_id, dp.name AS store_name, d.status AS status, d.reason AS reason, "
        + "d.confirmed AS confirmed, d.sent_at AS sent_at, d.updated_at AS updated_at, x.text AS text" + from
        + " LEFT JOIN scrm_customer c ON c.corp_id = d.corp_id AND c.external_userid = d.target"
        + " LEFT JOIN scrm_group_chat g ON g.corp_id = d.corp_id AND g.chat_id = d.target"
        + " LEFT JOIN scrm_staff s ON s.corp_id = d.corp_id AND s.userid = d.sender"
        + " LEFT JOIN scrm_department dp ON dp.corp_id = d.corp_id AND dp.dept_id = d.store_id"
        + " LEFT JOIN scrm_campaign_render x ON x.run_id = d.run_id AND x.render_key = d.render_key"
        + where + " ORDER BY d.id DESC LIMIT ? OFFSET ?", pageArgs.toArray());
    return new Views.Page<>(items, page, size, total == null ? 0 : total);
  }

  /** What one customer was sent by {@code staff} (null: by anyone), newest first. */
  public List<Map<String, Object>> pushes(String corpId, String externalUserId, int limit, Collection<String> staff) {
    List<Object> args = new ArrayList<>(List.of(corpId, externalUserId));
    String scope = StaffScope.and("d.sender", staff, args);
    args.add(limit);
    return Rows.camelCase(jdbc, "SELECT d.run_id AS run_id, r.campaign_id AS campaign_id, c.name AS campaign_name, "
        + "r.channel AS channel, d.sender AS sender, d.status AS status, d.reason AS reason, "
        + "d.confirmed AS confirmed, d.counted_at AS planned_for, d.sent_at AS sent_at, x.text AS text "
        + "FROM scrm_campaign_delivery d JOIN scrm_campaign_run r ON r.id = d.run_id "
        + "JOIN scrm_campaign c ON c.id = r.campaign_id LEFT JOIN scrm_campaign_render x ON x.run_id = d.run_id "
        + "AND x.render_key = d.render_key WHERE d.corp_id = ? AND d.target = ?" + scope
        + " ORDER BY d.id DESC LIMIT ?",
        args.toArray());
  }

  /**
   * The uplift report: sent (SENT) against held-back customers of the campaign's runs — still a friend of the sender
   * after 7 and 30 days (counted up to now while those days have not passed), and reaching the goal (a goal tag added
   * or the goal stage) within the goal's days — with the difference and its 95 % confidence interval.
   */
  public Map<String, Object> uplift(String corpId, long campaignId, CampaignDefinition.Goal goal, Instant now,
      Collection<String> staff) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (int days : new int[] {7, 30}) {
      out.put("retained" + days + "d", compare(retention(corpId, campaignId, days, now, "SENT", staff),
          retention(corpId, campaignId, days, now, "HELD_BACK", staff)));
    }
    if (goal != null) {
      out.put("goal", Map.of("tags", goal.tags(), "stage", goal.stage() == null ? "" : goal.stage(), "days",
          goal.days()));
      out.put("goalReached", compare(goalRate(corpId, campaignId, goal, "SENT", staff),
          goalRate(corpId, campaignId, goal, "HELD_BACK", staff)));
    }
    return out;
  }

  private Uplift.Rate retention(String corpId, long campaignId, int days, Instant now, String status,
      Collection<String> staff) {
    List<Object> args = new ArrayList<>(List.of(corpId, campaignId, status));
    String scope = StaffScope.and("d.sender", staff, args);
    Map<String, Object> row = jdbc.queryForMap("SELECT COUNT(*) AS n, COALESCE(SUM(CASE WHEN f.id IS NOT NULL "
        + "AND (f.deleted_at IS NULL OR f.deleted_at > " + plusDays("d.counted_at", days) + ") THEN 1 ELSE 0 END), 0) "
        + "AS hits FROM scrm_campaign_delivery d JOIN scrm_campaign_run r ON r.id = d.run_id "
        + "LEFT JOIN scrm_follow_relation f ON f.corp_id = d.corp_id AND f.userid = d.sender "
        + "AND f.external_userid = d.target WHERE r.corp_id = ? AND r.campaign_id = ? AND d.status = ?" + scope,
        args.toArray());
    return new Uplift.Rate(number(row.get("n")), number(row.get("hits")));
  }

  private Uplift.Rate goalRate(String corpId, long campaignId, CampaignDefinition.Goal goal, String status,
      Collection<String> staff) {
    List<Object> args = new ArrayList<>();
    StringBuilder hit = new StringBuilder("(1=0)");
    if (!goal.tags().isEmpty()) {
      hit.append(" OR EXISTS (SELECT 1 FROM scrm_follow_tag ft WHERE ft.corp_id = d.corp_id "
          + "AND ft.external_userid = d.target AND ft.created_at >= d.counted_at AND ft.created_at <= ")
          .append(plusDays("d.counted_at", goal.days())).append(" AND ft.tag_id IN (")
          .append(Placeholders.marks(goal.tags().size())).append("))");
      args.addAll(goal.tags());
    }
    if (goal.stage() != null) {
      hit.append(" OR c.lifecycle_stage = ?");
      args.add(goal.stage());
    }
    List<Object> all = new ArrayList<>(args);
    all.addAll(List.of(corpId, campaignId, status));
    String scope = StaffScope.and("d.sender", staff, all);
    Map<String, Object> row = jdbc.queryForMap("SELECT COUNT(*) AS n, COALESCE(SUM(CASE WHEN " + hit
        + " THEN 1 ELSE 0 END), 0) AS hits FROM scrm_campaign_delivery d JOIN scrm_campaign_run r ON r.id = d.run_id "
        + "LEFT JOIN scrm_customer c ON c.corp_id = d.corp_id AND c.external_userid = d.target "
        + "WHERE r.corp_id = ? AND r.campaign_id = ? AND d.status = ?" + scope, all.toArray());
    return new Uplift.Rate(number(row.get("n")), number(row.get("hits")));
  }

  /** {@code column + days} in SQL that MySQL, MariaDB and H2 all read. */
  private static String plusDays(String column, int days) {
    return "(" + column + " + INTERVAL '" + days + "' DAY)";
  }

  private static Map<String, Object> compare(Uplift.Rate sent, Uplift.Rate held) {
    Uplift.Comparison c = Uplift.compare(sent, held);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("sent", Map.of("customers", sent.n(), "hits", sent.hits(), "rate", round(c.sentRate())));
    out.put("heldBack", Map.of("customers", held.n(), "hits", held.hits(), "rate", round(c.heldRate())));
    out.put("difference", round(c.difference()));
    out.put("ci95", List.of(round(c.ciLow()), round(c.ciHigh())));
    out.put("significant", c.significant());
    return out;
  }

  private static double round(double v) {
    return Math.round(v * 10_000) / 10_000.0;
  }

  static long number(Object o) {
    return o == null ? 0 : ((Number) o).longValue();
  }
}
