package io.wescrm.core.campaigns;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The send ledger as the dispatcher and the result follower use it: runs, their WeCom tasks (one per run × sender ×
 * render × chunk, written before the call) and deliveries (one per run × recipient × sender). Every state change is
 * a guarded update (from the expected state), so two nodes never act on the same task.
 */
public interface SendLedger {

  /** A WeCom task row. */
  record Task(long id, long runId, String corpId, String sender, String renderKey, int chunkNo, int recipients,
      String status, String msgId, int attempts, Instant attemptAt, Instant createdAt, Instant confirmedAt,
      int reminders, Instant lastRemindAt, CampaignDefinition.Channel channel, long campaignId, Instant deadlineAt,
      String runStatus) {
  }

  /** Inserts a run unless this fire already has one (campaign × occurrence is unique): empty then. */
  Optional<CampaignRun> createRun(String corpId, long campaignId, int version, String occurrence,
      String triggerSource, CampaignDefinition.Channel channel, Integer sopStep, Instant dueAt, Instant deadlineAt);

  Optional<CampaignRun> run(long runId);

  List<CampaignRun> runs(String corpId, long campaignId, int limit);

  /** Claims a run that is due for planning (PLANNING, due, lease free or expired). */
  Optional<CampaignRun> claimRunToPlan(String owner, Instant now, Instant leaseUntil);

  /** Claims one PLANNING run for planning (its lease free or expired). */
  Optional<CampaignRun> claimRun(long runId, String owner, Instant now, Instant leaseUntil);

  /** Marks a run FAILED with a reason (planning failed for good). */
  void runFailed(long runId, String error, Instant now);

  /** PENDING tasks of DISPATCHING runs whose next attempt is due, oldest first. */
  List<Task> dueTasks(Instant now, int limit);

  /** PENDING → SENDING with a lease; its deliveries PLANNED → SENDING. False when another worker took it. */
  boolean claimTask(long taskId, String owner, Instant now, Instant leaseUntil);

  /** Recipients of a task still to send (SENDING deliveries). */
  List<String> recipients(Task task);

  /** The rendered text of a run's render key. */
  String renderText(long runId, String renderKey);

  /** WeCom created the task: msgid stored; deliveries TASK_CREATED except {@code failList} (NOT_FRIEND). */
  void taskCreated(Task task, String msgId, List<String> failList, Instant now, Instant nextPoll);

  /** WeCom refused the task for good: the task and its deliveries FAILED with a reason. */
  void taskFailed(Task task, String status, String reason, Instant now);

  /** WeCom certainly did not act (rate limit, refused before acting): back to PENDING at {@code at}. */
  void taskRetryLater(Task task, Instant at, String error);

  /** The call's outcome is unknown (timeout, -1): UNKNOWN, resolved before anything is sent again. */
  void taskUnknown(Task task, Instant now, Instant resolveAt, String error);

  /** Tasks whose outcome must be resolved: UNKNOWN due, or SENDING whose lease expired (a node died mid-call). */
  List<Task> tasksToResolve(Instant now, int limit);

  /** Takes a task to resolve (RESOLVING under a lease): false when another worker resolves it. */
  boolean claimResolution(Task task, String owner, Instant now, Instant leaseUntil);

  /**
   * Extends a lease this worker still holds: the task is in {@code status} (SENDING or RESOLVING) under the very lease
   * it took ({@code owner} and {@code heldUntil}, to the millisecond: no other claim since, not even by another thread
   * of this node). A SENDING task's attempt time becomes {@code now} (the call starts now). False when the task was
   * taken over.
   */
  boolean holdTask(long taskId, String status, String owner, Instant heldUntil, Instant now, Instant leaseUntil);

  /** Whether a msgid is already some task's (adoption must not take another task's message). */
  boolean msgIdTaken(String corpId, String msgId);

  /** Postpones a resolution. */
  void resolveLater(Task task, Instant at);

  /** Tasks whose results are due to be polled (CREATED/CONFIRMED, next_at due). */
  List<Task> tasksToPoll(Instant now, int limit);

  /**
   * Applies WeCom's results: {@code statusByTarget} maps recipients to WeCom's status (1 sent, 2 not a friend, 3 over
   * the cap; 0 still unsent). Returns the targets that became SENT just now.
   */
  List<String> applyResults(Task task, boolean confirmed, Instant confirmedAt, Map<String, Integer> statusByTarget,
      Map<String, Instant> sendTimes, Instant now, Instant nextPoll);

  void pollLater(Task task, Instant at, String error);

  void reminded(Task task, Instant now);

  /** The task ends: deliveries still TASK_CREATED become {@code leftover} (NOT_CONFIRMED, CANCELLED). */
  void taskClosed(Task task, String taskStatus, String leftover, Instant now);

  /** Moves runs along: DISPATCHING with no open task → WAITING, WAITING with every task closed → DONE. */
  void advanceRuns(Instant now);

  /** Pause / resume: false when the run is not in a state that allows it. */
  boolean pause(long runId);

  boolean resume(long runId);

  /** Cancels a run: PENDING tasks and PLANNED deliveries CANCELLED; created tasks are returned to be cancelled. */
  List<Task> cancel(long runId, Instant now);

  /** The run's tasks in a state (for cancel and tests). */
  List<Task> tasks(long runId);
}
