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
import io.wescrm.core.jdbc.MysqlFamily;
import io.wescrm.core.jdbc.Placeholders;
import io.wescrm.core.rules.Condition;
import io.wescrm.core.rules.SqlRuleCompiler;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

/**
 * {@link RunPlanner} in SQL: one streaming query joins the audience (the rules' compiled condition) with each
 * customer's relations in scope, the sender's store, the attribution channel, the tag groups and attributes the
 * template names and the pushes already counted against the caps (no join when nothing was counted in the window);
 * rows are rendered as they stream (a render is remembered per distinct variable values) and written by two writer
 * threads in multi-row inserts of 500, one transaction per 5,000 rows, so reading and writing overlap. The sender of
 * a customer is the staff member in scope who added them first ("their own 导购"; ties: the older relation row),
 * picked from the customer's rows as they arrive in customer order; one delivery per customer and run.
 */
public class JdbcRunPlanner implements RunPlanner {

  /** Deliveries per writer transaction. */
  private static final int BATCH = 5_000;
  private static final int FETCH = 2_000;
  private static final int WRITERS = 2;
  private static final int RENDER_CACHE = 200_000;
  /** Distinct variable values whose render is remembered (a handful for store/staff templates). */
  private static final int RENDER_MEMO = 10_000;
  private static final String[] VALUE_COLUMNS = {"customer_name", "remark", "staff_name", "store_name",
      "lifecycle_stage", "channel", "group_name"};
  private static final String RENDER_HEAD = "INSERT INTO scrm_campaign_render (run_id, render_key, text) VALUES ";
  private static final String DELIVERY_ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
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
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < WRITERS; i++) {
      Thread thread = new Thread(writer, "campaign-plan-" + run.id() + "-" + i);
      thread.start();
      threads.add(thread);
    }
    Planning planning = new Planning(run, policy, query, writer);
    try {
      jdbc.query(con -> {
        PreparedStatement ps = con.prepareStatement(query.sql, ResultSet.TYPE_FORWARD_ONLY,
            ResultSet.CONCUR_READ_ONLY);
        ps.setFetchSize(FETCH);
        Placeholders.bind(ps, query.args.toArray());
        return ps;
      }, planning);
      planning.finish();
    } finally {
      writer.finish(threads.size());
      for (Thread thread : threads) {
        try {
          thread.join();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
    if (writer.failure.get() != null) {
      throw writer.failure.get();
    }
    long[] counts = planning.counts;
    LocalDateTime now = ts(policy.now());
    int tasks = jdbc.update("INSERT INTO scrm_campaign_task (run_id, corp_id, sender, render_key, chunk_no, recipients, "
        + "status, attempts, reminders) SELECT run_id, corp_id, sender, render_key, chunk_no, COUNT(*), 'PENDING', 0, 0 "
        + "FROM scrm_campaign_delivery WHERE run_id = ? AND status = 'PLANNED' "
        + "GROUP BY run_id, corp_id, sender, render_key, chunk_no", run.id());
    jdbc.update("UPDATE scrm_campaign_run SET status = CASE WHEN status = 'PLANNING' THEN 'DISPATCHING' ELSE status END, "
        + "audience = ?, planned = ?, held_back = ?, planned_at = ?, lease_until = NULL WHERE id = ?", counts[0],
        counts[1], counts[2], now, run.id());
    return new Plan(counts[0], counts[1], counts[2], counts[3], tasks, planning.distinct);
  }

  /** One streamed row: a customer (or chat) × one of its relations in scope. */
  private record Row(String target, String[] values, String[] extras, String sender, Long store, int sentDay,
      int sentWeek, int sentMonth, Timestamp addedAt, long relation) {

    static Row read(ResultSet rs, int extras) throws SQLException {
      String[] values = new String[VALUE_COLUMNS.length];
      for (int i = 0; i < values.length; i++) {
        values[i] = rs.getString(VALUE_COLUMNS[i]);
      }
      String[] x = new String[extras];
      for (int i = 0; i < extras; i++) {
        x[i] = rs.getString("x" + i);
      }
      return new Row(rs.getString("target"), values, x, rs.getString("sender"),
          (Long) rs.getObject("store_id", Long.class), rs.getInt("sent_day"), rs.getInt("sent_week"),
          rs.getInt("sent_month"), rs.getTimestamp("added_at"), rs.getLong("rel_id"));
    }

    /** Added before {@code other} (ORDER BY added_at, id: NULL first). */
    boolean before(Row other) {
      if (addedAt == null || other.addedAt == null) {
        return addedAt == null && (other.addedAt != null || relation < other.relation);
      }
      int c = addedAt.compareTo(other.addedAt);
      return c < 0 || (c == 0 && relation < other.relation);
    }
  }

  /** The rendered content of one set of variable values. */
  private record Rendered(String text, String key, boolean tooLong) {
  }

  /**
   * The reader side: rows arrive grouped by customer (ORDER BY c.id); of a customer's relations in scope the
   * earliest added (then the lowest id) sends, chosen here rather than by sorting every relation in SQL.
   */
  private final class Planning implements RowCallbackHandler {
    private final CampaignRun run;
    private final Policy policy;
    private final Query query;
    private final Writer writer;
    private final long[] counts = new long[4]; // audience, planned, held back, over limit
    private final LongCounter chunks = new LongCounter();
    private final Set<String> renders = new HashSet<>();
    private final Map<String, Rendered> renderCache = new HashMap<>();
    private final List<String> variables;
    private final LocalDateTime counted;
    private final LocalDateTime now;
    private List<Object[]> batch = new ArrayList<>(BATCH);
    private List<Object[]> renderBatch = new ArrayList<>();
    private long distinct;
    private Row pending;

    Planning(CampaignRun run, Policy policy, Query query, Writer writer) {
      this.run = run;
      this.policy = policy;
      this.query = query;
      this.writer = writer;
      this.variables = new ArrayList<>(policy.variables());
      this.counted = ts(run.dueAt());
      this.now = ts(policy.now());
    }

    @Override
    public void processRow(ResultSet rs) throws SQLException {
      Row row = Row.read(rs, query.extras.size());
      if (pending != null && pending.target.equals(row.target)) {
        if (row.before(pending)) {
          pending = row; // a further relation of the same customer: the earliest added sends
        }
        return;
      }
      if (pending != null) {
        plan(pending);
      }
      pending = row;
    }

    void finish() {
      if (pending != null) {
        plan(pending);
        pending = null;
      }
      writer.put(batch, renderBatch);
    }

    private String value(Row row, String variable) {
      for (int i = 0; i < VALUE_COLUMNS.length; i++) {
        if (VALUE_COLUMNS[i].equals(variable)) {
          return row.values[i];
        }
      }
      int x = query.extras.indexOf(variable);
      return x < 0 ? null : row.extras[x];
    }

    private Rendered render(Row row) {
      StringBuilder cacheKey = new StringBuilder();
      for (String v : variables) {
        String value = value(row, v);
        cacheKey.append(value == null ? "\u0001" : value).append('\u0000');
      }
      String k = cacheKey.toString();
      Rendered cached = renderCache.get(k);
      if (cached != null) {
        return cached;
      }
      Map<String, String> values = new HashMap<>();
      for (int i = 0; i < VALUE_COLUMNS.length; i++) {
        values.put(VALUE_COLUMNS[i], row.values[i]);
      }
      for (int i = 0; i < query.extras.size(); i++) {
        values.put(query.extras.get(i), row.extras[i]);
      }
      String text = policy.render().apply(values::get);
      Rendered rendered = new Rendered(text, RenderKey.of(text, policy.content().attachments()),
          text.getBytes(StandardCharsets.UTF_8).length > 4000);
      if (renderCache.size() < RENDER_MEMO) {
        renderCache.put(k, rendered);
      }
      return rendered;
    }

    private void plan(Row row) {
      counts[0]++;
      String target = row.target;
      String sender = row.sender;
      Rendered rendered = render(row);
      String key = rendered.key;
      String status = Delivery.PLANNED;
      String reason = null;
      int chunk = -1; // rows that are not sent match no task (a task is run × sender × render × chunk ≥ 0)
      if (ControlGroup.heldBack(run.campaignId(), target, policy.controlPermille())) {
        status = Delivery.HELD_BACK;
        reason = "control_group";
        counts[2]++;
      } else {
        String over = policy.caps() == null ? null : policy.caps().exceeded(row.sentDay, row.sentWeek,
            row.sentMonth).orElse(null);
        if (over != null) {
          status = Delivery.OVER_LIMIT;
          reason = over;
          counts[3]++;
        } else if (rendered.tooLong) {
          status = Delivery.FAILED;
          reason = "content_too_long";
        } else {
          counts[1]++;
          long pair = (((long) sender.hashCode()) << 32) ^ Long.parseUnsignedLong(key, 16);
          chunk = chunks.getAndIncrement(pair) / policy.chunkSize();
          if (renders.size() < RENDER_CACHE ? renders.add(key) : !renders.contains(key)) {
            renderBatch.add(new Object[] {run.id(), key, rendered.text});
            distinct++;
          }
        }
      }
      batch.add(new Object[] {run.id(), run.corpId(), target, sender, row.store, key, chunk, status, reason, counted,
          now});
      if (batch.size() >= BATCH) {
        writer.put(batch, renderBatch);
        batch = new ArrayList<>(BATCH);
        renderBatch = new ArrayList<>();
      }
    }
  }

  /**
   * The writer threads: insert batches while the reader streams, each batch in one transaction on a connection held
   * for the whole run (a commit per statement would wait for a log flush every 500 rows).
   */
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
    void finish(int writers) {
      try {
        for (int i = 0; i < writers; i++) {
          queue.put(new List[] {POISON, POISON});
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public void run() {
      try {
        jdbc.execute((ConnectionCallback<Void>) con -> {
          boolean autoCommit = con.getAutoCommit();
          con.setAutoCommit(false);
          try {
            write(con);
          } catch (SQLException | RuntimeException e) {
            con.rollback();
            throw e;
          } finally {
            con.setAutoCommit(autoCommit);
          }
          return null;
        });
      } catch (RuntimeException e) {
        failure.compareAndSet(null, e);
        drain();
      }
    }

    private void write(Connection con) throws SQLException {
      try (PreparedStatement full = con.prepareStatement(DELIVERY_HEAD + " VALUES "
          + String.join(",", Collections.nCopies(MultiRowInsert.ROWS_PER_STATEMENT, DELIVERY_ROW)))) {
        while (true) {
          List<Object[]>[] item;
          try {
            item = queue.take();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
          if (item[0] == POISON) {
            return;
          }
          if (failure.get() != null) {
            continue;
          }
          List<Object[]> renders = item[1];
          for (int from = 0; from < renders.size(); from += MultiRowInsert.ROWS_PER_STATEMENT) {
            List<Object[]> part = renders.subList(from, Math.min(renders.size(),
                from + MultiRowInsert.ROWS_PER_STATEMENT));
            try (PreparedStatement ps = con.prepareStatement(RENDER_HEAD + String.join(",", Collections.nCopies(
                part.size(), "(?, ?, ?)")) + " ON DUPLICATE KEY UPDATE render_key = render_key")) {
              Placeholders.bind(ps, flatten(part));
              ps.executeUpdate();
            }
          }
          List<Object[]> deliveries = item[0];
          for (int from = 0; from < deliveries.size(); from += MultiRowInsert.ROWS_PER_STATEMENT) {
            List<Object[]> part = deliveries.subList(from, Math.min(deliveries.size(),
                from + MultiRowInsert.ROWS_PER_STATEMENT));
            if (part.size() == MultiRowInsert.ROWS_PER_STATEMENT) {
              Placeholders.bind(full, flatten(part));
              full.executeUpdate();
            } else {
              try (PreparedStatement ps = con.prepareStatement(DELIVERY_HEAD + " VALUES "
                  + String.join(",", Collections.nCopies(part.size(), DELIVERY_ROW)))) {
                Placeholders.bind(ps, flatten(part));
                ps.executeUpdate();
              }
            }
          }
          con.commit();
        }
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

  private static Object[] flatten(List<Object[]> rows) {
    int width = rows.get(0).length;
    Object[] args = new Object[rows.size() * width];
    int i = 0;
    for (Object[] values : rows) {
      System.arraycopy(values, 0, args, i, width);
      i += width;
    }
    return args;
  }

  private record Query(String sql, List<Object> args, List<String> extras) {
  }

  /** Customer audiences (SINGLE, STAFF_TASK) and SOP steps. */
  private Query customerQuery(CampaignRun run, Policy policy) {
    CampaignDefinition def = policy.definition();
    List<Object> args = new ArrayList<>();
    List<String> extras = new ArrayList<>();
    // The whole audience: read the customers in primary-key order (STRAIGHT_JOIN on MySQL and MariaDB, whose
    // optimizer would otherwise drive from the staff table and sort every row in a temporary table); a customer's
    // rows then arrive together and Planning picks the sender. SOP steps and scoped audiences are small: the
    // optimizer chooses.
    boolean straight = run.sopStep() == null && def.audience().staff().isEmpty() && def.audience().stores().isEmpty()
        && MysqlFamily.is(jdbc);
    StringBuilder select = new StringBuilder(straight ? "SELECT STRAIGHT_JOIN " : "SELECT ").append("c.external_userid "
        + "AS target, c.name AS customer_name, c.lifecycle_stage AS lifecycle_stage, f.userid AS sender, "
        + "f.remark AS remark, s.name AS staff_name, s.main_department AS store_id, d.name AS store_name, "
        + (policy.variables().contains("channel") ? "a.channel" : "CAST(NULL AS CHAR(64))") + " AS channel, "
        + "CAST(NULL AS CHAR(128)) AS group_name, f.added_at AS added_at, f.id AS rel_id");
    StringBuilder from = new StringBuilder(" FROM scrm_customer c JOIN scrm_follow_relation f ON f.corp_id = c.corp_id "
        + "AND f.external_userid = c.external_userid AND f.deleted_at IS NULL "
        + "JOIN scrm_staff s ON s.corp_id = f.corp_id AND s.userid = f.userid AND s.deleted_at IS NULL "
        + "LEFT JOIN scrm_department d ON d.corp_id = s.corp_id AND d.dept_id = s.main_department "
        + "AND d.deleted_at IS NULL ");
    if (policy.variables().contains("channel")) {
      // only when the template names {{channel}}: a million lookups otherwise spent on nothing
      from.append("LEFT JOIN scrm_customer_attribution a ON a.corp_id = c.corp_id "
          + "AND a.external_userid = c.external_userid ");
    }
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
    String sql = select + from.toString() + where + " ORDER BY c.id";
    return new Query(sql, args, extras);
  }

  /** Group chats owned by staff in scope (群发到客户群). */
  private Query groupQuery(CampaignRun run, Policy policy) {
    CampaignDefinition def = policy.definition();
    List<Object> args = new ArrayList<>();
    StringBuilder select = new StringBuilder("SELECT g.chat_id AS target, CAST(NULL AS CHAR(128)) AS customer_name, "
        + "CAST(NULL AS CHAR(32)) AS lifecycle_stage, g.owner AS sender, CAST(NULL AS CHAR(128)) AS remark, "
        + "s.name AS staff_name, s.main_department AS store_id, d.name AS store_name, "
        + "CAST(NULL AS CHAR(64)) AS channel, g.name AS group_name, NULL AS added_at, g.id AS rel_id");
    StringBuilder from = new StringBuilder(" FROM scrm_group_chat g JOIN scrm_staff s ON s.corp_id = g.corp_id "
        + "AND s.userid = g.owner AND s.deleted_at IS NULL LEFT JOIN scrm_department d ON d.corp_id = s.corp_id "
        + "AND d.dept_id = s.main_department AND d.deleted_at IS NULL ");
    List<Object> fromArgs = new ArrayList<>();
    capJoin(run, policy, select, from, fromArgs);
    args.addAll(fromArgs);
    StringBuilder where = new StringBuilder(" WHERE g.corp_id = ? AND g.dismissed_at IS NULL");
    args.add(run.corpId());
    if (!def.audience().chatIds().isEmpty()) {
      where.append(" AND g.chat_id IN (").append(Placeholders.marks(def.audience().chatIds().size())).append(')');
      args.addAll(def.audience().chatIds());
    }
    scope(def, "g.owner", where, args);
    return new Query(select + from.toString() + where + " ORDER BY g.id", args, List.of());
  }

  private static void scope(CampaignDefinition def, String staffColumn, StringBuilder where, List<Object> args) {
    if (!def.audience().staff().isEmpty()) {
      where.append(" AND ").append(staffColumn).append(" IN (").append(Placeholders.marks(def.audience().staff().size()))
          .append(')');
      args.addAll(def.audience().staff());
    }
    if (!def.audience().stores().isEmpty()) {
      where.append(" AND s.main_department IN (").append(Placeholders.marks(def.audience().stores().size())).append(')');
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
    // A delivery is counted at its run's due time (never changed), so only the runs due in the window are read
    // (by run, on idx_delivery_status), not the corp's whole send history.
    String counted = "FROM scrm_campaign_run r2 JOIN scrm_campaign_delivery d2 ON d2.run_id = r2.id "
        + "AND d2.status IN ('SENDING', 'TASK_CREATED', 'SENT') AND d2.corp_id = ? AND d2.counted_at >= ? "
        + "WHERE r2.corp_id = ? AND r2.due_at >= ? AND r2.id <> ?";
    List<Object> countedArgs = List.of(run.corpId(), ts(from0), run.corpId(), ts(from0), run.id());
    if (jdbc.queryForList("SELECT 1 " + counted + " LIMIT 1", Integer.class, countedArgs.toArray()).isEmpty()) {
      // nothing counted in the window: no join
      select.append(", 0 AS sent_day, 0 AS sent_week, 0 AS sent_month");
      return;
    }
    select.append(", COALESCE(p.dn, 0) AS sent_day, COALESCE(p.wn, 0) AS sent_week, COALESCE(p.mn, 0) AS sent_month");
    from.append("LEFT JOIN (SELECT d2.target AS pt, SUM(CASE WHEN d2.counted_at >= ? THEN 1 ELSE 0 END) AS dn, "
        + "SUM(CASE WHEN d2.counted_at >= ? THEN 1 ELSE 0 END) AS wn, "
        + "SUM(CASE WHEN d2.counted_at >= ? THEN 1 ELSE 0 END) AS mn ").append(counted)
        .append(" GROUP BY d2.target) p ON p.pt = ")
        .append(run.channel() == Channel.GROUP ? "g.chat_id " : "c.external_userid ");
    args.addAll(List.of(ts(day), ts(week), ts(month)));
    args.addAll(countedArgs);
  }

}
