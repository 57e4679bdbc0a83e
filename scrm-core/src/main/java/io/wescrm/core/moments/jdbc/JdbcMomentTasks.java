package io.wescrm.core.moments.jdbc;

import static io.wescrm.core.jdbc.JdbcTime.ts;

import io.wescrm.core.jdbc.JdbcTime;
import io.wescrm.core.jdbc.Placeholders;
import io.wescrm.core.jdbc.Rows;
import io.wescrm.core.jdbc.StaffScope;
import io.wescrm.core.moments.MomentTaskCodec;
import io.wescrm.core.moments.MomentTaskSpec;
import io.wescrm.core.moments.MomentTasks;
import io.wescrm.core.moments.RemoteMoment;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;

/** {@link MomentTasks} on {@code scrm_moment_task}, {@code scrm_moment_publish} and {@code scrm_moment_publish_staff}. */
public class JdbcMomentTasks implements MomentTasks {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PUBLISH_COLUMNS = "id, corp_id, task_id, occurrence, status, due_at, attempt_at, jobid, "
      + "moment_id, deadline_at, remind_at, reminders_sent, cancel_requested, created_at";

  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;
  private final Supplier<Collection<String>> corps;

  /**
   * @param corps the corps this node serves (its work is claimed only for them), or null for every corp
   */
  public JdbcMomentTasks(JdbcTemplate jdbc, TransactionTemplate tx, Supplier<Collection<String>> corps) {
    this.jdbc = jdbc;
    this.tx = tx;
    this.corps = corps;
  }

  @Override
  public long create(String corpId, MomentTaskSpec spec, boolean publishNow, Instant now) {
    return tx.execute(s -> {
      long id = insertTask(corpId, spec, now);
      if (publishNow) {
        addPublish(corpId, id, "NOW", now, now);
      }
      return id;
    });
  }

  private long insertTask(String corpId, MomentTaskSpec spec, Instant now) {
    String json = MomentTaskCodec.write(spec).toString();
    GeneratedKeyHolder keys = new GeneratedKeyHolder();
    jdbc.update(con -> {
      PreparedStatement ps = con.prepareStatement("INSERT INTO scrm_moment_task (corp_id, name, definition_json, "
          + "status, created_at, updated_at) VALUES (?, ?, ?, 'ACTIVE', ?, ?)", Statement.RETURN_GENERATED_KEYS);
      ps.setString(1, corpId);
      ps.setString(2, spec.name());
      ps.setString(3, json);
      ps.setObject(4, ts(now));
      ps.setObject(5, ts(now));
      return ps;
    }, keys);
    return keys.getKey().longValue();
  }

  @Override
  public Optional<MomentTask> task(String corpId, long id) {
    return jdbc.query("SELECT id, corp_id, definition_json, status, created_at FROM scrm_moment_task "
        + "WHERE corp_id = ? AND id = ?", (rs, i) -> task(rs), corpId, id).stream().findFirst();
  }

  @Override
  public List<MomentTask> active() {
    return jdbc.query("SELECT id, corp_id, definition_json, status, created_at FROM scrm_moment_task "
        + "WHERE status = 'ACTIVE' ORDER BY id", (rs, i) -> task(rs));
  }

  private static MomentTask task(ResultSet rs) throws SQLException {
    return new MomentTask(rs.getLong(1), rs.getString(2), MomentTaskCodec.stored(JSON.readTree(rs.getString(3))),
        rs.getString(4), at(rs, 5));
  }

  @Override
  public void taskCancelled(long id, Instant now) {
    jdbc.update("UPDATE scrm_moment_task SET status = 'CANCELLED', updated_at = ? WHERE id = ?", ts(now), id);
  }

  @Override
  public Optional<Long> addPublish(String corpId, long taskId, String occurrence, Instant dueAt, Instant now) {
    GeneratedKeyHolder keys = new GeneratedKeyHolder();
    try {
      jdbc.update(con -> {
        PreparedStatement ps = con.prepareStatement("INSERT INTO scrm_moment_publish (corp_id, task_id, occurrence, "
            + "status, due_at, created_at, updated_at) VALUES (?, ?, ?, 'PENDING', ?, ?, ?)",
            Statement.RETURN_GENERATED_KEYS);
        ps.setString(1, corpId);
        ps.setLong(2, taskId);
        ps.setString(3, occurrence);
        ps.setObject(4, ts(dueAt));
        ps.setObject(5, ts(now));
        ps.setObject(6, ts(now));
        return ps;
      }, keys);
    } catch (DuplicateKeyException e) {
      return Optional.empty();
    }
    return Optional.of(keys.getKey().longValue());
  }

  @Override
  public List<Publish> publishes(long taskId) {
    return jdbc.query("SELECT " + PUBLISH_COLUMNS + " FROM scrm_moment_publish WHERE task_id = ? ORDER BY id",
        (rs, i) -> publish(rs), taskId);
  }

  private static Publish publish(ResultSet rs) throws SQLException {
    return new Publish(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5), at(rs, 6),
        at(rs, 7), rs.getString(8), rs.getString(9), at(rs, 10), at(rs, 11), rs.getInt(12), rs.getInt(13) != 0,
        at(rs, 14));
  }

  @Override
  public List<Long> dueToCreate(Instant now, int max) {
    List<Object> args = new ArrayList<>(List.of(ts(now), ts(now)));
    String served = served(args);
    return jdbc.queryForList("SELECT id FROM scrm_moment_publish WHERE status = 'PENDING' AND due_at <= ? "
        + "AND (lease_until IS NULL OR lease_until < ?)" + served + " ORDER BY due_at, id LIMIT " + max, Long.class,
        args.toArray());
  }

  @Override
  public List<Long> dueToFollow(Instant now, int max) {
    List<Object> args = new ArrayList<>(List.of(ts(now), ts(now), ts(now)));
    String served = served(args);
    return jdbc.queryForList("SELECT id FROM scrm_moment_publish WHERE ((status IN ('UNKNOWN', 'JOB_RUNNING', "
        + "'PUBLISHING') AND next_poll_at <= ? AND (lease_until IS NULL OR lease_until < ?)) "
        + "OR (status = 'CREATING' AND lease_until < ?))" + served + " ORDER BY next_poll_at, id LIMIT " + max,
        Long.class, args.toArray());
  }

  private String served(List<Object> args) {
    if (corps == null) {
      return "";
    }
    Collection<String> ids = corps.get();
    if (ids.isEmpty()) {
      return " AND 1 = 0";
    }
    args.addAll(ids);
    return " AND corp_id IN (" + Placeholders.marks(ids.size()) + ")";
  }

  @Override
  public Optional<Publish> claim(long id, String owner, Instant now, Instant until) {
    int n = jdbc.update("UPDATE scrm_moment_publish SET lease_owner = ?, lease_until = ? WHERE id = ? "
        + "AND status NOT IN ('DONE', 'FAILED', 'CANCELLED') AND (lease_until IS NULL OR lease_until < ?)", owner,
        ts(until), id, ts(now));
    if (n == 0) {
      return Optional.empty();
    }
    return jdbc.query("SELECT " + PUBLISH_COLUMNS + " FROM scrm_moment_publish WHERE id = ?", (rs, i) -> publish(rs),
        id).stream().findFirst();
  }

  @Override
  public boolean creating(long id, String owner, Instant now) {
    return jdbc.update("UPDATE scrm_moment_publish SET status = 'CREATING', attempt_at = ?, updated_at = ? "
        + "WHERE id = ? AND status = 'PENDING' AND lease_owner = ? AND lease_until > ?", ts(now), ts(now), id, owner,
        ts(now)) == 1;
  }

  @Override
  public void jobCreated(long id, String jobid, Instant nextPoll, Instant now) {
    jdbc.update("UPDATE scrm_moment_publish SET status = 'JOB_RUNNING', jobid = ?, next_poll_at = ?, error = NULL, "
        + "lease_owner = NULL, lease_until = NULL, updated_at = ? WHERE id = ?", jobid, ts(nextPoll), ts(now), id);
  }

  @Override
  public void retryLater(long id, Instant dueAt, String error, Instant now) {
    jdbc.update("UPDATE scrm_moment_publish SET status = 'PENDING', due_at = ?, error = ?, lease_owner = NULL, "
        + "lease_until = NULL, updated_at = ? WHERE id = ?", ts(dueAt), cut(error), ts(now), id);
  }

  @Override
  public void unknown(long id, String error, Instant nextPoll, Instant now) {
    jdbc.update("UPDATE scrm_moment_publish SET status = 'UNKNOWN', error = ?, next_poll_at = ?, lease_owner = NULL, "
        + "lease_until = NULL, updated_at = ? WHERE id = ?", cut(error), ts(nextPoll), ts(now), id);
  }

  @Override
  public void failed(long id, Integer errcode, String error, Instant now) {
    jdbc.update("UPDATE scrm_moment_publish SET status = 'FAILED', errcode = ?, error = ?, finished_at = ?, "
        + "lease_owner = NULL, lease_until = NULL, updated_at = ? WHERE id = ?", errcode, cut(error), ts(now), ts(now),
        id);
  }

  @Override
  public void pollLater(long id, Instant nextPoll, String error, Instant now) {
    jdbc.update("UPDATE scrm_moment_publish SET next_poll_at = ?, error = COALESCE(?, error), lease_owner = NULL, "
        + "lease_until = NULL, updated_at = ? WHERE id = ?", ts(nextPoll), cut(error), ts(now), id);
  }

  @Override
  public void momentCreated(long id, JobOutcome outcome, Instant createdAt, Instant deadline, Instant remindAt,
      Instant nextPoll, Instant now) {
    jdbc.update("UPDATE scrm_moment_publish SET status = 'PUBLISHING', moment_id = ?, invalid_userids = ?, "
        + "invalid_departments = ?, invalid_tags = ?, created_in_wecom_at = ?, deadline_at = ?, remind_at = ?, "
        + "next_poll_at = ?, error = NULL, lease_owner = NULL, lease_until = NULL, updated_at = ? WHERE id = ?",
        outcome.momentId(), json(outcome.invalidUserids()), json(outcome.invalidDepartments()),
        json(outcome.invalidTags()), ts(createdAt), ts(deadline), remindAt == null ? null : ts(remindAt),
        ts(nextPoll), ts(now), id);
  }

  @Override
  public boolean momentTaken(String corpId, String momentId) {
    Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM scrm_moment_publish WHERE corp_id = ? AND moment_id = ?",
        Integer.class, corpId, momentId);
    return n != null && n > 0;
  }

  @Override
  public void staffStatus(long id, String corpId, List<RemoteMoment.Task> tasks, Instant now) {
    tx.executeWithoutResult(s -> {
      for (RemoteMoment.Task t : tasks) {
        int n = jdbc.update("UPDATE scrm_moment_publish_staff SET publish_status = ?, published_seen_at = "
            + "CASE WHEN ? = 1 AND published_seen_at IS NULL THEN ? ELSE published_seen_at END, "
            + "outcome = CASE WHEN ? = 1 THEN 'PUBLISHED' ELSE outcome END, updated_at = ? "
            + "WHERE publish_id = ? AND userid = ?", t.publishStatus(), t.publishStatus(), ts(now), t.publishStatus(),
            ts(now), id, t.userid());
        if (n == 0) {
          jdbc.update("INSERT INTO scrm_moment_publish_staff (publish_id, corp_id, userid, publish_status, "
              + "published_seen_at, outcome, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)", id, corpId, t.userid(),
              t.publishStatus(), t.publishStatus() == 1 ? ts(now) : null, t.publishStatus() == 1 ? "PUBLISHED" : null,
              ts(now));
        }
      }
    });
  }

  @Override
  public List<String> markReminded(long id, Instant now) {
    return tx.execute(s -> {
      List<String> due = jdbc.queryForList("SELECT userid FROM scrm_moment_publish_staff WHERE publish_id = ? "
          + "AND publish_status = 0 AND reminded_at IS NULL ORDER BY userid FOR UPDATE", String.class, id);
      if (due.isEmpty()) {
        return due;
      }
      List<Object> args = new ArrayList<>(List.of(ts(now), ts(now), id));
      args.addAll(due);
      jdbc.update("UPDATE scrm_moment_publish_staff SET reminded_at = ?, updated_at = ? WHERE publish_id = ? "
          + "AND reminded_at IS NULL AND userid IN (" + Placeholders.marks(due.size()) + ")", args.toArray());
      jdbc.update("UPDATE scrm_moment_publish SET reminders_sent = reminders_sent + ? WHERE id = ?", due.size(), id);
      return due;
    });
  }

  @Override
  public void closed(long id, String status, String unpublishedOutcome, Instant now) {
    tx.executeWithoutResult(s -> {
      if (unpublishedOutcome != null) {
        jdbc.update("UPDATE scrm_moment_publish_staff SET outcome = ?, updated_at = ? WHERE publish_id = ? "
            + "AND publish_status = 0", unpublishedOutcome, ts(now), id);
      }
      jdbc.update("UPDATE scrm_moment_publish SET status = ?, finished_at = ?, lease_owner = NULL, lease_until = NULL, "
          + "updated_at = ? WHERE id = ?", status, ts(now), ts(now), id);
    });
  }

  @Override
  public void cancelRequested(long taskId, Instant now) {
    tx.executeWithoutResult(s -> {
      jdbc.update("UPDATE scrm_moment_publish SET status = 'CANCELLED', finished_at = ?, updated_at = ? "
          + "WHERE task_id = ? AND status = 'PENDING' AND (lease_until IS NULL OR lease_until < ?)", ts(now), ts(now),
          taskId, ts(now));
      jdbc.update("UPDATE scrm_moment_publish SET cancel_requested = 1, next_poll_at = ?, updated_at = ? "
          + "WHERE task_id = ? AND status NOT IN ('DONE', 'FAILED', 'CANCELLED')", ts(now), ts(now), taskId);
    });
  }

  // ---------------------------------------------------------------- reads for the API

  /** Whether the mirror knows the staff member (not deleted). */
  public boolean knownStaff(String corpId, String userid) {
    Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM scrm_staff WHERE corp_id = ? AND userid = ? "
        + "AND deleted_at IS NULL", Integer.class, corpId, userid);
    return n != null && n > 0;
  }

  /** Whether the mirror knows the department (not deleted). */
  public boolean knownDepartment(String corpId, long deptId) {
    Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM scrm_department WHERE corp_id = ? AND dept_id = ? "
        + "AND deleted_at IS NULL", Integer.class, corpId, deptId);
    return n != null && n > 0;
  }

  /**
   * The tasks of a corp, newest first, with their latest publish's status; with a {@code staff} scope (a store
   * manager's) only the tasks in which one of them was asked to publish ({@link #inScope}).
   */
  public List<Map<String, Object>> list(String corpId, int limit, Collection<String> staff) {
    List<Object> args = new ArrayList<>(List.of(corpId));
    String scope = taskInScope(staff, args);
    return Rows.camelCase(jdbc, "SELECT t.id, t.name, t.status, t.created_at, "
        + "(SELECT COUNT(*) FROM scrm_moment_publish p WHERE p.task_id = t.id) AS publishes, "
        + "(SELECT p.status FROM scrm_moment_publish p WHERE p.task_id = t.id ORDER BY p.id DESC LIMIT 1) "
        + "AS last_publish_status FROM scrm_moment_task t WHERE t.corp_id = ?" + scope + " ORDER BY t.id DESC LIMIT "
        + limit, args.toArray());
  }

  /** Whether one of {@code staff} was asked to publish in one of the task's publishes (null: every task). */
  public boolean inScope(long taskId, Collection<String> staff) {
    List<Object> args = new ArrayList<>(List.of(taskId));
    String scope = taskInScope(staff, args);
    Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM scrm_moment_task t WHERE t.id = ?" + scope, Integer.class,
        args.toArray());
    return n != null && n > 0;
  }

  private static String taskInScope(Collection<String> staff, List<Object> args) {
    if (staff == null) {
      return "";
    }
    return " AND EXISTS (SELECT 1 FROM scrm_moment_publish p JOIN scrm_moment_publish_staff ps ON ps.publish_id = p.id "
        + "WHERE p.task_id = t.id" + StaffScope.and("ps.userid", staff, args) + ")";
  }

  /**
   * One task's publishes with their staff, for the API; with a {@code staff} scope only those staff's rows (and
   * counts), and invalid userids among them.
   */
  public List<Map<String, Object>> publishViews(long taskId, Collection<String> staff) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> row : Rows.camelCase(jdbc, "SELECT id, occurrence, status, due_at, attempt_at, jobid, "
        + "moment_id, invalid_userids, invalid_departments, invalid_tags, created_in_wecom_at, deadline_at, remind_at, "
        + "reminders_sent, cancel_requested, errcode, error, created_at, finished_at FROM scrm_moment_publish "
        + "WHERE task_id = ? ORDER BY id", taskId)) {
      Map<String, Object> p = new LinkedHashMap<>(row);
      for (String key : List.of("invalidUserids", "invalidDepartments", "invalidTags")) {
        Object v = p.get(key);
        p.put(key, v == null ? null : JSON.readTree(v.toString()));
      }
      if (staff != null && p.get("invalidUserids") instanceof ArrayNode invalid) {
        ArrayNode kept = JSON.createArrayNode();
        invalid.forEach(u -> {
          if (staff.contains(u.asText())) {
            kept.add(u);
          }
        });
        p.put("invalidUserids", kept);
      }
      Object cancel = p.get("cancelRequested");
      p.put("cancelRequested", cancel instanceof Boolean b ? b : ((Number) cancel).intValue() != 0);
      List<Object> args = new ArrayList<>(List.of(p.get("id")));
      String scope = StaffScope.and("userid", staff, args);
      List<Map<String, Object>> staffRows = Rows.camelCase(jdbc, "SELECT userid, publish_status, published_seen_at, "
          + "reminded_at, outcome FROM scrm_moment_publish_staff WHERE publish_id = ?" + scope + " ORDER BY userid",
          args.toArray());
      p.put("staff", staffRows);
      p.put("published", staffRows.stream().filter(r -> "PUBLISHED".equals(r.get("outcome"))).count());
      p.put("notPublished", staffRows.stream().filter(r -> "NOT_PUBLISHED".equals(r.get("outcome"))).count());
      out.add(p);
    }
    return out;
  }

  private static String json(List<?> values) {
    return values == null ? null : JSON.writeValueAsString(values);
  }

  private static String cut(String s) {
    return s == null || s.length() <= 1000 ? s : s.substring(0, 1000);
  }

  private static Instant at(ResultSet rs, int column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : JdbcTime.instant(t);
  }
}
