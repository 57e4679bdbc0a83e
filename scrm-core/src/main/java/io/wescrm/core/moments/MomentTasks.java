package io.wescrm.core.moments;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The 朋友圈 tasks and their publishes (state in the database, so that any node continues what another began).
 * Every state change of a publish releases its lease.
 */
public interface MomentTasks {

  /** A task: its definition and ACTIVE or CANCELLED. */
  record MomentTask(long id, String corpId, MomentTaskSpec spec, String status, Instant createdAt) {
  }

  /** Statuses of a publish. */
  final class Status {
    public static final String PENDING = "PENDING";
    public static final String CREATING = "CREATING";
    public static final String UNKNOWN = "UNKNOWN";
    public static final String JOB_RUNNING = "JOB_RUNNING";
    public static final String PUBLISHING = "PUBLISHING";
    public static final String DONE = "DONE";
    public static final String FAILED = "FAILED";
    public static final String CANCELLED = "CANCELLED";

    private Status() {
    }
  }

  /** One publish of a task (one occurrence). */
  record Publish(long id, String corpId, long taskId, String occurrence, String status, Instant dueAt,
      Instant attemptAt, String jobid, String momentId, Instant deadlineAt, Instant remindAt, int remindersSent,
      boolean cancelRequested, Instant createdAt) {
  }

  /** The outcome of a finished job. */
  record JobOutcome(String momentId, List<String> invalidUserids, List<Long> invalidDepartments,
      List<String> invalidTags) {
  }

  /** Stores a task, and with {@code publishNow} its publish of occurrence {@code NOW}, in one transaction. */
  long create(String corpId, MomentTaskSpec spec, boolean publishNow, Instant now);

  Optional<MomentTask> task(String corpId, long id);

  /** Every ACTIVE task (the schedules are reconciled with them at start). */
  List<MomentTask> active();

  void taskCancelled(long id, Instant now);

  /** Adds the publish of an occurrence unless it exists; empty when it did. */
  Optional<Long> addPublish(String corpId, long taskId, String occurrence, Instant dueAt, Instant now);

  List<Publish> publishes(long taskId);

  /** PENDING publishes due at {@code now} whose lease is free, of the corps this node serves. */
  List<Long> dueToCreate(Instant now, int max);

  /**
   * Publishes to follow at {@code now}: JOB_RUNNING, PUBLISHING and UNKNOWN ones due for a poll, and CREATING ones
   * whose lease ran out (their node died in the call), with a free lease, of the corps this node serves.
   */
  List<Long> dueToFollow(Instant now, int max);

  /** Takes the lease of a publish until {@code until} if it is free; the publish as claimed. */
  Optional<Publish> claim(long id, String owner, Instant now, Instant until);

  /**
   * Status CREATING and the attempt time, written before add_moment_task (keeps the lease) — only while
   * {@code owner} still holds the lease on the PENDING publish: false means another node may have it, do not call.
   */
  boolean creating(long id, String owner, Instant now);

  void jobCreated(long id, String jobid, Instant nextPoll, Instant now);

  /** Back to PENDING, due again at {@code dueAt} (nothing was created). */
  void retryLater(long id, Instant dueAt, String error, Instant now);

  /** add_moment_task's answer was lost: resolve before anything else. */
  void unknown(long id, String error, Instant nextPoll, Instant now);

  void failed(long id, Integer errcode, String error, Instant now);

  void pollLater(long id, Instant nextPoll, String error, Instant now);

  /** The job finished (or a lost one was found): the moment exists; follow its staff until the deadline. */
  void momentCreated(long id, JobOutcome outcome, Instant createdAt, Instant deadline, Instant remindAt,
      Instant nextPoll, Instant now);

  /** Whether another publish of the corp already holds this moment (a lost create adopted twice). */
  boolean momentTaken(String corpId, String momentId);

  /** Records get_moment_task: the staff of the publish and who published. */
  void staffStatus(long id, String corpId, List<RemoteMoment.Task> tasks, Instant now);

  /**
   * Marks the unpublished staff reminded (those not reminded yet) and returns them: the mark is written before the
   * message is sent, so a member is reminded at most once.
   */
  List<String> markReminded(long id, Instant now);

  /** The publish is over: status DONE or CANCELLED, staff who never published get {@code unpublishedOutcome}. */
  void closed(long id, String status, String unpublishedOutcome, Instant now);

  /** Cancellation requested: publishes not created yet are cancelled; the others are flagged for the follower. */
  void cancelRequested(long taskId, Instant now);
}
