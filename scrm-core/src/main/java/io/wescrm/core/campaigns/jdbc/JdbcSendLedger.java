package io.wescrm.core.campaigns.jdbc;

import static io.wescrm.core.jdbc.JdbcTime.instant;
import static io.wescrm.core.jdbc.JdbcTime.ts;

import io.wescrm.core.campaigns.CampaignDefinition;
import io.wescrm.core.campaigns.CampaignRun;
import io.wescrm.core.campaigns.Delivery;
import io.wescrm.core.campaigns.SendLedger;
import io.wescrm.core.events.DomainEvent;
import io.wescrm.core.events.DomainEvents;
import io.wescrm.core.jdbc.Placeholders;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.transaction.support.TransactionTemplate;

/** {@link SendLedger} on {@code scrm_campaign_run}, {@code scrm_campaign_task} and {@code scrm_campaign_delivery}. */
public class JdbcSendLedger implements SendLedger {

  static final String RUN_COLUMNS = "r.id, r.corp_id, r.campaign_id, r.version, r.occurrence, r.trigger_source, "
      + "r.channel, r.status, r.sop_step, r.due_at, r.deadline_at, r.audience, r.planned, r.held_back, r.error, "
      + "r.created_at, r.planned_at, r.finished_at";
  private static final String TASK_SELECT = "SELECT t.id, t.run_id, t.corp_id, t.sender, t.render_key, t.chunk_no, "
      + "t.recipients, t.status, t.msgid, t.attempts, t.attempt_at, t.created_at, t.confirmed_at, t.reminders, "
      + "t.last_remind_at, r.channel, r.campaign_id, r.deadline_at, r.status FROM scrm_campaign_task t "
      + "JOIN scrm_campaign_run r ON r.id = t.run_id ";
  private static final int IN_CHUNK = 500;

  static final RowMapper<CampaignRun> RUN = (rs, i) -> new CampaignRun(rs.getLong(1), rs.getString(2),
      rs.getLong(3), rs.getInt(4), rs.getString(5), rs.getString(6),
      CampaignDefinition.Channel.valueOf(rs.getString(7)), CampaignRun.Status.valueOf(rs.getString(8)),
      (Integer) rs.getObject(9, Integer.class), at(rs, 10), at(rs, 11), rs.getLong(12), rs.getLong(13),
      rs.getLong(14), rs.getString(15), at(rs, 16), at(rs, 17), at(rs, 18));

  private static final RowMapper<Task> TASK = (rs, i) -> new Task(rs.getLong(1), rs.getLong(2), rs.getString(3),
      rs.getString(4), rs.getString(5), rs.getInt(6), rs.getInt(7), rs.getString(8), rs.getString(9),
      rs.getInt(10), at(rs, 11), at(rs, 12), at(rs, 13), rs.getInt(14), at(rs, 15),
      CampaignDefinition.Channel.valueOf(rs.getString(16)), rs.getLong(17), at(rs, 18), rs.getString(19));

  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;
  private final Supplier<DomainEvents> events;

  private final Supplier<java.util.Collection<String>> corps;

  /** @param events where a push that reached a customer is recorded (looked up lazily: consumers use this ledger) */
  public JdbcSendLedger(JdbcTemplate jdbc, TransactionTemplate tx, Supplier<DomainEvents> events) {
    this(jdbc, tx, events, null);
  }

  /**
   * @param corps the corps this node serves: it claims work (runs to plan, tasks to send, resolve or poll) of those
   *     only, so deployments (or test contexts) with other corps on the same database never take each other's work;
   *     null = every corp
   */
  public JdbcSendLedger(JdbcTemplate jdbc, TransactionTemplate tx, Supplier<DomainEvents> events,
      Supplier<java.util.Collection<String>> corps) {
    this.jdbc = jdbc;
    this.tx = tx;
    this.events = events;
    this.corps = corps;
  }

  /** {@code AND <column> IN (served corps)}, its arguments appended to {@code args}; empty when every corp. */
  private String served(String column, List<Object> args) {
    if (corps == null) {
      return "";
    }
    java.util.Collection<String> ids = corps.get();
    if (ids.isEmpty()) {
      return " AND 1 = 0";
    }
    args.addAll(ids);
    return " AND " + column + " IN (" + Placeholders.marks(ids.size()) + ")";
  }

  static Instant at(ResultSet rs, int column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : instant(t);
  }

  @Override
  public Optional<CampaignRun> createRun(String corpId, long campaignId, int version, String occurrence,
      String triggerSource, CampaignDefinition.Channel channel, Integer sopStep, Instant dueAt, Instant deadlineAt) {
    try {
      // a run of a paused campaign (run by hand) is born PAUSED, read from the campaign row in the same statement:
      // no worker can see it PLANNING, so it creates no WeCom task before the campaign is resumed
      jdbc.update("INSERT INTO scrm_campaign_run (corp_id, campaign_id, version, occurrence, trigger_source, channel, "
          + "status, sop_step, due_at, deadline_at, created_at) SELECT ?, ?, ?, ?, ?, ?, "
          + "CASE WHEN c.status = 'PAUSED' THEN 'PAUSED' ELSE 'PLANNING' END, ?, ?, ?, ? FROM scrm_campaign c "
          + "WHERE c.id = ?", corpId, campaignId, version, occurrence, triggerSource, channel.name(), sopStep,
          ts(dueAt), ts(deadlineAt), ts(Instant.now()), campaignId);
    } catch (DuplicateKeyException e) {
      return Optional.empty();
    }
    return jdbc.query("SELECT " + RUN_COLUMNS + " FROM scrm_campaign_run r WHERE r.campaign_id = ? "
        + "AND r.occurrence = ?", RUN, campaignId, occurrence).stream().findFirst();
  }

  @Override
  public Optional<CampaignRun> run(long runId) {
    return jdbc.query("SELECT " + RUN_COLUMNS + " FROM scrm_campaign_run r WHERE r.id = ?", RUN, runId).stream()
        .findFirst();
  }

  @Override
  public List<CampaignRun> runs(String corpId, long campaignId, int limit) {
    return jdbc.query("SELECT " + RUN_COLUMNS + " FROM scrm_campaign_run r WHERE r.corp_id = ? AND r.campaign_id = ? "
        + "ORDER BY r.id DESC LIMIT ?", RUN, corpId, campaignId, limit);
  }

  @Override
  public Optional<CampaignRun> claimRunToPlan(String owner, Instant now, Instant leaseUntil) {
    List<Object> args = new ArrayList<>(List.of(ts(now), ts(now)));
    String served = served("corp_id", args);
    List<Long> ids = jdbc.queryForList("SELECT id FROM scrm_campaign_run WHERE status = 'PLANNING' AND due_at <= ? "
        + "AND (lease_until IS NULL OR lease_until < ?)" + served + " ORDER BY due_at, id LIMIT 5", Long.class,
        args.toArray());
    for (long id : ids) {
      int n = jdbc.update("UPDATE scrm_campaign_run SET lease_owner = ?, lease_until = ? WHERE id = ? "
          + "AND status = 'PLANNING' AND (lease_until IS NULL OR lease_until < ?)", owner, ts(leaseUntil), id,
          ts(now));
      if (n == 1) {
        return run(id);
      }
    }
    return Optional.empty();
  }

  @Override
  public Optional<CampaignRun> claimRun(long runId, String owner, Instant now, Instant leaseUntil) {
    int n = jdbc.update("UPDATE scrm_campaign_run SET lease_owner = ?, lease_until = ? WHERE id = ? "
        + "AND status = 'PLANNING' AND (lease_until IS NULL OR lease_until < ?)", owner, ts(leaseUntil), runId,
        ts(now));
    return n == 1 ? run(runId) : Optional.empty();
  }

  @Override
  public void runFailed(long runId, String error, Instant now) {
    jdbc.update("UPDATE scrm_campaign_run SET status = 'FAILED', error = ?, finished_at = ?, lease_until = NULL "
        + "WHERE id = ?", truncate(error), ts(now), runId);
  }

  @Override
  public List<Task> dueTasks(Instant now, int limit) {
    List<Object> args = new ArrayList<>(List.of(ts(now)));
    String served = served("t.corp_id", args);
    args.add(limit);
    return jdbc.query(TASK_SELECT + "WHERE t.status = 'PENDING' AND r.status = 'DISPATCHING' "
        + "AND (t.next_at IS NULL OR t.next_at <= ?)" + served + " ORDER BY t.id LIMIT ?", TASK, args.toArray());
  }

  @Override
  public boolean claimTask(long taskId, String owner, Instant now, Instant leaseUntil) {
    Boolean claimed = tx.execute(s -> {
      int n = jdbc.update("UPDATE scrm_campaign_task SET status = 'SENDING', lease_owner = ?, lease_until = ?, "
          + "attempt_at = ?, attempts = attempts + 1 WHERE id = ? AND status = 'PENDING'", owner, ts(leaseUntil),
          ts(now), taskId);
      if (n != 1) {
        return false;
      }
      Task t = task(taskId);
      jdbc.update("UPDATE scrm_campaign_delivery SET status = 'SENDING', updated_at = ? WHERE run_id = ? "
          + "AND sender = ? AND render_key = ? AND chunk_no = ? AND status = 'PLANNED'", ts(now), t.runId(),
          t.sender(), t.renderKey(), t.chunkNo());
      return true;
    });
    return Boolean.TRUE.equals(claimed);
  }

  private Task task(long id) {
    return jdbc.queryForObject(TASK_SELECT + "WHERE t.id = ?", TASK, id);
  }

  @Override
  public List<String> recipients(Task task) {
    return jdbc.queryForList("SELECT target FROM scrm_campaign_delivery WHERE run_id = ? AND sender = ? "
        + "AND render_key = ? AND chunk_no = ? AND status = 'SENDING' ORDER BY id", String.class, task.runId(),
        task.sender(), task.renderKey(), task.chunkNo());
  }

  @Override
  public String renderText(long runId, String renderKey) {
    return jdbc.queryForObject("SELECT text FROM scrm_campaign_render WHERE run_id = ? AND render_key = ?",
        String.class, runId, renderKey);
  }

  @Override
  public void taskCreated(Task task, String msgId, List<String> failList, Instant now, Instant nextPoll) {
    tx.executeWithoutResult(s -> {
      int n = jdbc.update("UPDATE scrm_campaign_task SET status = 'CREATED', msgid = ?, created_at = ?, next_at = ?, "
          + "lease_until = NULL, error = NULL WHERE id = ? AND status IN ('SENDING', 'UNKNOWN', 'RESOLVING')", msgId,
          ts(now), ts(nextPoll), task.id());
      if (n == 0) {
        return; // resolved meanwhile (the same WeCom message was adopted): nothing to record twice
      }
      jdbc.update("UPDATE scrm_campaign_delivery SET status = 'TASK_CREATED', updated_at = ? WHERE run_id = ? "
          + "AND sender = ? AND render_key = ? AND chunk_no = ? AND status IN ('SENDING', 'PLANNED')", ts(now),
          task.runId(), task.sender(), task.renderKey(), task.chunkNo());
      for (List<String> part : chunks(failList)) {
        List<Object> args = new ArrayList<>(List.of(ts(now), task.runId(), task.sender()));
        args.addAll(part);
        jdbc.update("UPDATE scrm_campaign_delivery SET status = 'NOT_FRIEND', reason = 'fail_list', updated_at = ? "
            + "WHERE run_id = ? AND sender = ? AND target IN (" + Placeholders.marks(part.size()) + ")", args.toArray());
      }
    });
  }

  @Override
  public void taskFailed(Task task, String status, String reason, Instant now) {
    tx.executeWithoutResult(s -> {
      jdbc.update("UPDATE scrm_campaign_task SET status = 'FAILED', error = ?, lease_until = NULL, next_at = NULL "
          + "WHERE id = ?", truncate(reason), task.id());
      jdbc.update("UPDATE scrm_campaign_delivery SET status = ?, reason = ?, updated_at = ? WHERE run_id = ? "
          + "AND sender = ? AND render_key = ? AND chunk_no = ? AND status IN ('PLANNED', 'SENDING')", status,
          truncate64(reason), ts(now), task.runId(), task.sender(), task.renderKey(), task.chunkNo());
    });
  }

  @Override
  public void taskRetryLater(Task task, Instant at, String error) {
    tx.executeWithoutResult(s -> {
      int n = jdbc.update("UPDATE scrm_campaign_task SET status = 'PENDING', next_at = ?, error = ?, "
          + "lease_until = NULL WHERE id = ? AND status IN ('SENDING', 'UNKNOWN', 'RESOLVING')", ts(at),
          truncate(error), task.id());
      if (n == 0) {
        return;
      }
      jdbc.update("UPDATE scrm_campaign_delivery SET status = 'PLANNED' WHERE run_id = ? AND sender = ? "
          + "AND render_key = ? AND chunk_no = ? AND status = 'SENDING'", task.runId(), task.sender(),
          task.renderKey(), task.chunkNo());
    });
  }

  @Override
  public void taskUnknown(Task task, Instant now, Instant resolveAt, String error) {
    jdbc.update("UPDATE scrm_campaign_task SET status = 'UNKNOWN', next_at = ?, error = ?, lease_until = NULL "
        + "WHERE id = ?", ts(resolveAt), truncate(error), task.id());
  }

  @Override
  public List<Task> tasksToResolve(Instant now, int limit) {
    List<Object> args = new ArrayList<>(List.of(ts(now), ts(now)));
    String served = served("t.corp_id", args);
    args.add(limit);
    return jdbc.query(TASK_SELECT + "WHERE ((t.status = 'UNKNOWN' AND t.next_at <= ?) OR (t.status IN ('SENDING', "
        + "'RESOLVING') AND t.lease_until < ?))" + served + " ORDER BY t.id LIMIT ?", TASK, args.toArray());
  }

  @Override
  public boolean claimResolution(Task task, String owner, Instant now, Instant leaseUntil) {
    return jdbc.update("UPDATE scrm_campaign_task SET status = 'RESOLVING', lease_owner = ?, lease_until = ? "
        + "WHERE id = ? AND ((status = 'UNKNOWN' AND next_at <= ?) OR (status IN ('SENDING', 'RESOLVING') "
        + "AND lease_until < ?))", owner, ts(leaseUntil), task.id(), ts(now), ts(now)) == 1;
  }

  @Override
  public boolean holdTask(long taskId, String status, String owner, Instant heldUntil, Instant now,
      Instant leaseUntil) {
    return jdbc.update("UPDATE scrm_campaign_task SET attempt_at = CASE WHEN status = 'SENDING' THEN ? "
        + "ELSE attempt_at END, lease_until = ? WHERE id = ? AND status = ? AND lease_owner = ? AND lease_until = ?",
        ts(now), ts(leaseUntil), taskId, status, owner, ts(heldUntil)) == 1;
  }

  @Override
  public boolean msgIdTaken(String corpId, String msgId) {
    Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM scrm_campaign_task WHERE corp_id = ? AND msgid = ?",
        Integer.class, corpId, msgId);
    return n != null && n > 0;
  }

  @Override
  public void resolveLater(Task task, Instant at) {
    jdbc.update("UPDATE scrm_campaign_task SET status = 'UNKNOWN', next_at = ?, lease_until = NULL WHERE id = ? "
        + "AND status IN ('UNKNOWN', 'SENDING', 'RESOLVING')", ts(at), task.id());
  }

  @Override
  public List<Task> tasksToPoll(Instant now, int limit) {
    List<Object> args = new ArrayList<>(List.of(ts(now)));
    String served = served("t.corp_id", args);
    args.add(limit);
    return jdbc.query(TASK_SELECT + "WHERE t.status IN ('CREATED', 'CONFIRMED') AND t.next_at <= ?" + served
        + " ORDER BY t.next_at, t.id LIMIT ?", TASK, args.toArray());
  }

  @Override
  public List<String> applyResults(Task task, boolean confirmed, Instant confirmedAt,
      Map<String, Integer> statusByTarget, Map<String, Instant> sendTimes, Instant now, Instant nextPoll) {
    List<String> sentNow = new ArrayList<>();
    tx.executeWithoutResult(s -> {
      if (confirmed) {
        jdbc.update("UPDATE scrm_campaign_task SET status = 'CONFIRMED', confirmed_at = COALESCE(confirmed_at, ?) "
            + "WHERE id = ? AND status = 'CREATED'", ts(confirmedAt == null ? now : confirmedAt), task.id());
        jdbc.update("UPDATE scrm_campaign_delivery SET confirmed = 1 WHERE run_id = ? AND sender = ? "
            + "AND render_key = ? AND chunk_no = ? AND confirmed = 0", task.runId(), task.sender(), task.renderKey(),
            task.chunkNo());
      }
      List<String> open = jdbc.queryForList("SELECT target FROM scrm_campaign_delivery WHERE run_id = ? "
          + "AND sender = ? AND render_key = ? AND chunk_no = ? AND status = 'TASK_CREATED'", String.class,
          task.runId(), task.sender(), task.renderKey(), task.chunkNo());
      List<Object[]> sent = new ArrayList<>();
      List<String> notFriend = new ArrayList<>();
      List<String> overLimit = new ArrayList<>();
      for (String target : open) {
        Integer status = statusByTarget.get(target);
        if (status == null || status == 0) {
          continue;
        }
        switch (status) {
          case 1 -> {
            Instant at = sendTimes.getOrDefault(target, now);
            sent.add(new Object[] {ts(at == null ? now : at), ts(now), task.runId(), task.sender(), target});
            sentNow.add(target);
          }
          case 2 -> notFriend.add(target);
          case 3 -> overLimit.add(target);
          default -> {
          }
        }
      }
      if (!sent.isEmpty()) {
        jdbc.batchUpdate("UPDATE scrm_campaign_delivery SET status = 'SENT', sent_at = ?, updated_at = ? "
            + "WHERE run_id = ? AND sender = ? AND target = ? AND status = 'TASK_CREATED'", sent);
        if (task.channel() == CampaignDefinition.Channel.SINGLE && events != null) {
          List<DomainEvent> pushed = new ArrayList<>();
          for (String target : sentNow) {
            Instant at = sendTimes.get(target);
            pushed.add(new DomainEvent.CampaignPushed(task.corpId(), task.sender(), target, task.campaignId(),
                task.runId(), at == null ? now : at));
          }
          events.get().record(pushed);
        }
      }
      mark(task, notFriend, Delivery.NOT_FRIEND, "wecom_status_2", now);
      mark(task, overLimit, Delivery.OVER_LIMIT, "wecom_status_3", now);
      Integer left = jdbc.queryForObject("SELECT COUNT(*) FROM scrm_campaign_delivery WHERE run_id = ? "
          + "AND sender = ? AND render_key = ? AND chunk_no = ? AND status IN ('PLANNED', 'SENDING', 'TASK_CREATED')",
          Integer.class, task.runId(), task.sender(), task.renderKey(), task.chunkNo());
      if (left != null && left == 0) {
        jdbc.update("UPDATE scrm_campaign_task SET status = 'DONE', next_at = NULL WHERE id = ?", task.id());
      } else {
        jdbc.update("UPDATE scrm_campaign_task SET next_at = ?, error = NULL WHERE id = ?", ts(nextPoll), task.id());
      }
    });
    return sentNow;
  }

  private void mark(Task task, List<String> targets, String status, String reason, Instant now) {
    for (List<String> part : chunks(targets)) {
      List<Object> args = new ArrayList<>(List.of(status, reason, ts(now), task.runId(), task.sender()));
      args.addAll(part);
      jdbc.update("UPDATE scrm_campaign_delivery SET status = ?, reason = ?, updated_at = ? WHERE run_id = ? "
          + "AND sender = ? AND status = 'TASK_CREATED' AND target IN (" + Placeholders.marks(part.size()) + ")", args.toArray());
    }
  }

  @Override
  public void pollLater(Task task, Instant at, String error) {
    jdbc.update("UPDATE scrm_campaign_task SET next_at = ?, error = ? WHERE id = ?", ts(at), truncate(error),
        task.id());
  }

  @Override
  public void reminded(Task task, Instant now) {
    jdbc.update("UPDATE scrm_campaign_task SET reminders = reminders + 1, last_remind_at = ? WHERE id = ?", ts(now),
        task.id());
  }

  @Override
  public void taskClosed(Task task, String taskStatus, String leftover, Instant now) {
    tx.executeWithoutResult(s -> {
      jdbc.update("UPDATE scrm_campaign_task SET status = ?, next_at = NULL, lease_until = NULL WHERE id = ?",
          taskStatus, task.id());
      jdbc.update("UPDATE scrm_campaign_delivery SET status = ?, updated_at = ? WHERE run_id = ? AND sender = ? "
          + "AND render_key = ? AND chunk_no = ? AND status IN ('PLANNED', 'SENDING', 'TASK_CREATED')", leftover,
          ts(now), task.runId(), task.sender(), task.renderKey(), task.chunkNo());
    });
  }

  @Override
  public void advanceRuns(Instant now) {
    jdbc.update("UPDATE scrm_campaign_run SET status = 'WAITING' WHERE status = 'DISPATCHING' AND NOT EXISTS ("
        + "SELECT 1 FROM scrm_campaign_task t WHERE t.run_id = scrm_campaign_run.id "
        + "AND t.status IN ('PENDING', 'SENDING', 'UNKNOWN', 'RESOLVING'))");
    jdbc.update("UPDATE scrm_campaign_run SET status = 'DONE', finished_at = ? WHERE status = 'WAITING' "
        + "AND NOT EXISTS (SELECT 1 FROM scrm_campaign_task t WHERE t.run_id = scrm_campaign_run.id "
        + "AND t.status IN ('PENDING', 'SENDING', 'UNKNOWN', 'RESOLVING', 'CREATED', 'CONFIRMED'))", ts(now));
  }

  @Override
  public boolean pause(long runId) {
    return jdbc.update("UPDATE scrm_campaign_run SET status = 'PAUSED' WHERE id = ? "
        + "AND status IN ('PLANNING', 'DISPATCHING')", runId) == 1;
  }

  @Override
  public boolean resume(long runId) {
    return jdbc.update("UPDATE scrm_campaign_run SET status = CASE WHEN planned_at IS NULL THEN 'PLANNING' "
        + "ELSE 'DISPATCHING' END WHERE id = ? AND status = 'PAUSED'", runId) == 1;
  }

  @Override
  public List<Task> cancel(long runId, Instant now) {
    List<Task> created = new ArrayList<>();
    tx.executeWithoutResult(s -> {
      jdbc.update("UPDATE scrm_campaign_run SET status = 'CANCELLED', finished_at = ? WHERE id = ? "
          + "AND status IN ('PLANNING', 'DISPATCHING', 'WAITING', 'PAUSED')", ts(now), runId);
      jdbc.update("UPDATE scrm_campaign_task SET status = 'CANCELLED', next_at = NULL WHERE run_id = ? "
          + "AND status = 'PENDING'", runId);
      jdbc.update("UPDATE scrm_campaign_delivery SET status = 'CANCELLED', reason = 'run_cancelled', updated_at = ? "
          + "WHERE run_id = ? AND status = 'PLANNED'", ts(now), runId);
    });
    created.addAll(jdbc.query(TASK_SELECT + "WHERE t.run_id = ? AND t.status IN ('CREATED', 'CONFIRMED', 'SENDING', "
        + "'UNKNOWN', 'RESOLVING')", TASK, runId));
    return created;
  }

  @Override
  public List<Task> tasks(long runId) {
    return jdbc.query(TASK_SELECT + "WHERE t.run_id = ? ORDER BY t.id", TASK, runId);
  }

  static List<List<String>> chunks(List<String> items) {
    List<List<String>> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i += IN_CHUNK) {
      out.add(items.subList(i, Math.min(items.size(), i + IN_CHUNK)));
    }
    return out;
  }

  static String truncate(String s) {
    return s == null || s.length() <= 1000 ? s : s.substring(0, 1000);
  }

  static String truncate64(String s) {
    return s == null || s.length() <= 64 ? s : s.substring(0, 64);
  }
}
