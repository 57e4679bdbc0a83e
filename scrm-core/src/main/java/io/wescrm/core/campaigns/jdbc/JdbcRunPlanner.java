package io.wescrm.core.campaigns.jdbc;

import static io.wescrm.core.jdbc.JdbcTime.ts;

import io.wescrm.core.campaigns.CampaignDefinition;
import io.wescrm.core.campaigns.CampaignDefinition.Channel;
import io.wescrm.core.campaigns.CampaignRun;
import io.wescrm.core.campaigns.ControlGroup;
import io.wescrm.core.campaigns.Delivery;
import io.wescrm.core.campaigns.FrequencyCaps;
import io.wescrm.core.campaigns.LongCounter;
import io.wescrm.core.campaigns.RenderKey;
import io.wescrm.core.campaigns.RunPlanner;
import io.wescrm.core.jdbc.MultiRowInsert;
import io.wescrm.core.jdbc.Placeholders;
import io.wescrm.core.rules.Condition;
import io.wescrm.core.rules.SqlRuleCompiler;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@link RunPlanner} in SQL: one streaming query joins the audience (the rules' compiled condition) with each
 * customer's relations in scope, the sender's store, the attribution channel, the tag groups and attributes the
 * template names and the pushes already counted against the caps; rows are rendered as they stream and written by a
 * second thread in multi-row inserts of 1,000, so reading and writing overlap. The sender of a customer is the staff
 * member in scope who added them first ("their own 导购"); one delivery per customer and run.
 */
public class JdbcRunPlanner implements RunPlanner {

  private static final int BATCH = 1_000;
  private static final int FETCH = 2_000;
  private static final int RENDER_CACHE = 200_000;
  private static final String DELIVERY_HEAD = "INSERT INTO scrm_campaign_delivery (run_id, corp_id, target, sender, "
      + "store_id, render_key, chunk_no, status, reason, counted_at, updated_at)";
  private static final List<Object[]> POISON = new ArrayList<>();

  private final JdbcTemplate jdbc;
  private final ZoneId zone;

  public JdbcRunPlanner(JdbcTemplate jdbc, ZoneId zone) {
    this.jdbc = jdbc;
    this.zone = zone;
  }

  @Override
  public Plan plan(CampaignRun run, Policy policy) {
    jdbc.update("DELETE FROM scrm_campaign_task WHERE run_id = ?", run.id());
    jdbc.update("DELETE FROM scrm_campaign_delivery WHERE run_id = ?", run.id());
    jdbc.update("DELETE FROM scrm_campaign_render WHERE run_id = ?", run.id());
    Query query = run.channel() == Channel.GROUP ? groupQuery(run, policy) : customerQuery(run, policy);
    Writer writer = new Writer(run);
    Thread thread = new Thread(writer, "campaign-plan-" + run.id());
    thread.start();
    long[] counts = new long[4]; // audience, planned, held back, over limit
    LongCounter chunks = new LongCounter();
    Set<String> renders = new HashSet<>();
    long[] distinct = {0};
    LocalDateTime counted = ts(run.dueAt());
    LocalDateTime now = ts(policy.now());
    List<Object[]> batch = new ArrayList<>(BATCH);
    List<Object[]> renderBatch = new ArrayList<>();
    String[] last = {null};
    try {
      jdbc.query(con -> {
        PreparedStatement ps = con.prepareStatement(query.sql, ResultSet.TYPE_FORWARD_ONLY,
            ResultSet.CONCUR_READ_ONLY);
        ps.setFetchSize(FETCH);
        Placeholders.bind(ps, query.args.toArray());
        return ps;
      }, rs -> {
        String target = rs.getString("target");
        if (target.equals(last[0])) {
          return; // a further relation of the same customer: the first one (earliest added) sends
        }
        last[0] = target;
        counts[0]++;
        Map<String, String> values = new HashMap<>();
        values.put("customer_name", rs.getString("customer_name"));
        values.put("remark", rs.getString("remark"));
        values.put("staff_name", rs.getString("staff_name"));
        values.put("store_name", rs.getString("store_name"));
        values.put("lifecycle_stage", rs.getString("lifecycle_stage"));
        values.put("channel", rs.getString("channel"));
        values.put("group_name", rs.getString("group_name"));
        for (int i = 0; i < query.extras.size(); i++) {
          values.put(query.extras.get(i), rs.getString("x" + i));
        }
        String sender = rs.getString("sender");
        Long store = (Long) rs.getObject("store_id", Long.class);
        String text = policy.render().apply(values::get);
        String key = RenderKey.of(text, policy.content().attachments());
        String status = Delivery.PLANNED;
        String reason = null;
        int chunk = -1; // rows that are not sent match no task (a task is run × sender × render × chunk ≥ 0)
        if (ControlGroup.heldBack(run.campaignId(), target, policy.controlPermille())) {
          status = Delivery.HELD_BACK;
          reason = "control_group";
          counts[2]++;
        } else {
          String over = policy.caps() == null ? null : policy.caps().exceeded(rs.getInt("sent_day"),
              rs.getInt("sent_week"), rs.getInt("sent_month")).orElse(null);
          if (over != null) {
            status = Delivery.OVER_LIMIT;
            reason = over;
            counts[3]++;
          } else if (text.getBytes(StandardCharsets.UTF_8).length > 4000) {
            status = Delivery.FAILED;
            reason = "content_too_long";
          } else {
            counts[1]++;
            long pair = (((long) sender.hashCode()) << 32) ^ Long.parseUnsignedLong(key, 16);
            chunk = chunks.getAndIncrement(pair) / policy.chunkSize();
            if (renders.size() < RENDER_CACHE ? renders.add(key) : !renders.contains(key)) {
              renderBatch.add(new Object[] {run.id(), key, text});
              distinct[0]++;
            }
          }
        }
        batch.add(new Object[] {run.id(), run.corpId(), target, sender, store, key, chunk, status, reason, counted,
            now});
        if (batch.size() >= BATCH) {
          writer.put(new ArrayList<>(batch), new ArrayList<>(renderBatch));
          batch.clear();
          renderBatch.clear();
        }
      });
      writer.put(batch, renderBatch);
    } finally {
      writer.finish();
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (writer.failure.get() != null) {
      throw writer.failure.get();
    }
    int tasks = jdbc.update("INSERT INTO scrm_campaign_task (run_id, corp_id, sender, render_key, chunk_no, recipients, "
        + "status, attempts, reminders) SELECT run_id, corp_id, sender, render_key, chunk_no, COUNT(*), 'PENDING', 0, 0 "
        + "FROM scrm_campaign_delivery WHERE run_id = ? AND status = 'PLANNED' "
        + "GROUP BY run_id, corp_id, sender, render_key, chunk_no", run.id());
    jdbc.update("UPDATE scrm_campaign_run SET status = CASE WHEN status = 'PLANNING' THEN 'DISPATCHING' ELSE status END, "
        + "audience = ?, planned = ?, held_back = ?, planned_at = ?, lease_until = NULL WHERE id = ?", counts[0],
        counts[1], counts[2], now, run.id());
    return new Plan(counts[0], counts[1], counts[2], counts[3], tasks, distinct[0]);
  }

  /** The writer thread: inserts batches while the reader streams. */
  private final class Writer implements Runnable {
    private final BlockingQueue<List<Object[]>[]> queue = new ArrayBlockingQueue<>(4);
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private final CampaignRun run;

    Writer(CampaignRun run) {
      this.run = run;
    }

    @SuppressWarnings("unchecked")
    void put(List<Object[]> deliveries, List<Object[]> renders) {
      if (failure.get() != null) {
        throw failure.get();
      }
      try {
        queue.put(new List[] {deliveries, renders});
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while planning run " + run.id(), e);
      }
    }

    @SuppressWarnings("unchecked")
    void finish() {
      try {
        queue.put(new List[] {POISON, POISON});
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public void run() {
      try {
        while (true) {
          List<Object[]>[] item = queue.take();
          if (item[0] == POISON) {
            return;
          }
          if (failure.get() != null) {
            continue;
          }
          if (!item[1].isEmpty()) {
            MultiRowInsert.insert(jdbc, "INSERT INTO scrm_campaign_render (run_id, render_key, text)", item[1],
                " ON DUPLICATE KEY UPDATE render_key = render_key");
          }
          if (!item[0].isEmpty()) {
            MultiRowInsert.insert(jdbc, DELIVERY_HEAD, item[0], "");
          }
        }
      } catch (RuntimeException e) {
        failure.set(e);
        drain();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    private void drain() {
      try {
        while (queue.take()[0] != POISON) {
          // discard: the reader learns of the failure on its next put
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private record Query(String sql, List<Object> args, List<String> extras) {
  }

  /** Customer audiences (SINGLE, STAFF_TASK) and SOP steps. */
  private Query customerQuery(CampaignRun run, Policy policy) {
    CampaignDefinition def = policy.definition();
    List<Object> args = new ArrayList<>();
    List<String> extras = new ArrayList<>();
    StringBuilder select = new StringBuilder("SELECT c.external_userid AS target, c.name AS customer_name, "
        + "c.lifecycle_stage AS lifecycle_stage, f.userid AS sender, f.remark AS remark, s.name AS staff_name, "
        + "s.main_department AS store_id, d.name AS store_name, a.channel AS channel, "
        + "CAST(NULL AS CHAR(128)) AS group_name");
    StringBuilder from = new StringBuilder(" FROM scrm_customer c JOIN scrm_follow_relation f ON f.corp_id = c.corp_id "
        + "AND f.external_userid = c.external_userid AND f.deleted_at IS NULL "
        + "JOIN scrm_staff s ON s.corp_id = f.corp_id AND s.userid = f.userid AND s.deleted_at IS NULL "
        + "LEFT JOIN scrm_department d ON d.corp_id = s.corp_id AND d.dept_id = s.main_department "
        + "AND d.deleted_at IS NULL "
        + "LEFT JOIN scrm_customer_attribution a ON a.corp_id = c.corp_id AND a.external_userid = c.external_userid ");
    List<Object> fromArgs = new ArrayList<>();
    extraJoins(run.corpId(), policy, select, from, fromArgs, extras);
    capJoin(run, policy, select, from, fromArgs);
    args.addAll(fromArgs);
    StringBuilder where = new StringBuilder(" WHERE c.corp_id = ?");
    args.add(run.corpId());
    if (run.sopStep() != null) {
      from.append("JOIN scrm_sop_enrollment e ON e.campaign_id = ? AND e.external_userid = c.external_userid "
          + "AND e.userid = f.userid AND e.status = 'ACTIVE' AND e.next_step = ? AND e.next_due_at <= ? "
          // a step another run of the SOP already planned (a node died before the enrolments moved on) is not sent again
          + "AND NOT EXISTS (SELECT 1 FROM scrm_campaign_delivery dx JOIN scrm_campaign_run rx ON rx.id = dx.run_id "
          + "WHERE dx.corp_id = e.corp_id AND dx.target = e.external_userid AND dx.sender = e.userid "
          + "AND rx.campaign_id = e.campaign_id AND rx.sop_step = e.next_step AND rx.id <> ?) ");
      args.addAll(args.size() - 1, List.of(run.campaignId(), run.sopStep(), ts(run.dueAt()), run.id()));
    } else {
      SqlRuleCompiler compiler = new SqlRuleCompiler(run.corpId(), policy.now(), zone);
      Condition include = def.audience().include();
      if (include != null) {
        SqlRuleCompiler.Sql sql = compiler.compile(include);
        where.append(" AND ").append(sql.sql());
        args.addAll(sql.args());
      }
      Condition exclude = def.audience().exclude();
      if (exclude != null) {
        SqlRuleCompiler.Sql sql = compiler.compile(exclude);
        where.append(" AND NOT ").append(sql.sql());
        args.addAll(sql.args());
      }
    }
    scope(def, "f.userid", where, args);
    String sql = select + from.toString() + where + " ORDER BY c.id, f.added_at, f.id";
    return new Query(sql, args, extras);
  }

  /** Group chats owned by staff in scope (群发到客户群). */
  private Query groupQuery(CampaignRun run, Policy policy) {
    CampaignDefinition def = policy.definition();
    List<Object> args = new ArrayList<>();
    StringBuilder select = new StringBuilder("SELECT g.chat_id AS target, CAST(NULL AS CHAR(128)) AS customer_name, "
        + "CAST(NULL AS CHAR(32)) AS lifecycle_stage, g.owner AS sender, CAST(NULL AS CHAR(128)) AS remark, "
        + "s.name AS staff_name, s.main_department AS store_id, d.name AS store_name, "
        + "CAST(NULL AS CHAR(64)) AS channel, g.name AS group_name");
    StringBuilder from = new StringBuilder(" FROM scrm_group_chat g JOIN scrm_staff s ON s.corp_id = g.corp_id "
        + "AND s.userid = g.owner AND s.deleted_at IS NULL LEFT JOIN scrm_department d ON d.corp_id = s.corp_id "
        + "AND d.dept_id = s.main_department AND d.deleted_at IS NULL ");
    List<Object> fromArgs = new ArrayList<>();
    capJoin(run, policy, select, from, fromArgs);
    args.addAll(fromArgs);
    StringBuilder where = new StringBuilder(" WHERE g.corp_id = ? AND g.dismissed_at IS NULL");
    args.add(run.corpId());
    if (!def.audience().chatIds().isEmpty()) {
      where.append(" AND g.chat_id IN (").append(marks(def.audience().chatIds().size())).append(')');
      args.addAll(def.audience().chatIds());
    }
    scope(def, "g.owner", where, args);
    return new Query(select + from.toString() + where + " ORDER BY g.id", args, List.of());
  }

  private static void scope(CampaignDefinition def, String staffColumn, StringBuilder where, List<Object> args) {
    if (!def.audience().staff().isEmpty()) {
      where.append(" AND ").append(staffColumn).append(" IN (").append(marks(def.audience().staff().size()))
          .append(')');
      args.addAll(def.audience().staff());
    }
    if (!def.audience().stores().isEmpty()) {
      where.append(" AND s.main_department IN (").append(marks(def.audience().stores().size())).append(')');
      args.addAll(def.audience().stores());
    }
  }

  /** {@code {{tag:组}}} and {@code {{attr:名}}}: one derived table or join each. */
  private static void extraJoins(String corpId, Policy policy, StringBuilder select, StringBuilder from,
      List<Object> args, List<String> extras) {
    for (String variable : policy.variables()) {
      int i = extras.size();
      if (variable.startsWith("tag:")) {
        select.append(", tg").append(i).append(".v AS x").append(i);
        from.append("LEFT JOIN (SELECT ft.external_userid AS eu, MIN(t.name) AS v FROM scrm_follow_tag ft "
            + "JOIN scrm_tag t ON t.corp_id = ft.corp_id AND t.tag_id = ft.tag_id AND t.deleted_at IS NULL "
            + "JOIN scrm_tag_group tg ON tg.corp_id = t.corp_id AND tg.group_id = t.group_id AND tg.deleted_at IS NULL "
            + "AND tg.name = ? WHERE ft.corp_id = ? GROUP BY ft.external_userid) tg").append(i).append(" ON tg")
            .append(i).append(".eu = c.external_userid ");
        args.add(variable.substring(4));
        args.add(corpId);
        extras.add(variable);
      } else if (variable.startsWith("attr:")) {
        select.append(", at").append(i).append(".attr_value AS x").append(i);
        from.append("LEFT JOIN scrm_customer_attribute at").append(i).append(" ON at").append(i)
            .append(".corp_id = c.corp_id AND at").append(i).append(".external_userid = c.external_userid AND at")
            .append(i).append(".name = ? ");
        args.add(variable.substring(5));
        extras.add(variable);
      }
    }
  }

  /** Pushes already counted against the caps in the day, week and month of the run's due time. */
  private void capJoin(CampaignRun run, Policy policy, StringBuilder select, StringBuilder from, List<Object> args) {
    FrequencyCaps caps = policy.caps();
    if (caps == null) {
      select.append(", 0 AS sent_day, 0 AS sent_week, 0 AS sent_month");
      return;
    }
    Instant due = run.dueAt();
    Instant day = caps.dayStart(due);
    Instant week = caps.weekStart(due);
    Instant month = caps.monthStart(due);
    Instant from0 = week.isBefore(month) ? week : month;
    select.append(", COALESCE(p.dn, 0) AS sent_day, COALESCE(p.wn, 0) AS sent_week, COALESCE(p.mn, 0) AS sent_month");
    from.append("LEFT JOIN (SELECT d2.target AS pt, SUM(CASE WHEN d2.counted_at >= ? THEN 1 ELSE 0 END) AS dn, "
        + "SUM(CASE WHEN d2.counted_at >= ? THEN 1 ELSE 0 END) AS wn, "
        + "SUM(CASE WHEN d2.counted_at >= ? THEN 1 ELSE 0 END) AS mn FROM scrm_campaign_delivery d2 "
        + "WHERE d2.corp_id = ? AND d2.counted_at >= ? AND d2.run_id <> ? "
        + "AND d2.status IN ('SENDING', 'TASK_CREATED', 'SENT') GROUP BY d2.target) p ON p.pt = ")
        .append(run.channel() == Channel.GROUP ? "g.chat_id " : "c.external_userid ");
    args.addAll(List.of(ts(day), ts(week), ts(month), run.corpId(), ts(from0), run.id()));
  }

  private static String marks(int n) {
    return String.join(", ", java.util.Collections.nCopies(n, "?"));
  }
}
