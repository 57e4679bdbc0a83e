package io.wescrm.core.sync;

import java.time.Instant;

/**
 * One recorded sync run with its counts.
 *
 * @param scope the part of the corp the run covered: {@code all}, or {@code slice/slices} of the staff
 *     ({@link SyncScope})
 */
public record SyncRun(long id, String corpId, String kind, String scope, String trigger, Status status, String node,
    Instant startedAt, Instant finishedAt, Long durationMs, SyncCounts counts, String error) {

  /** Run states. */
  public enum Status { RUNNING, SUCCEEDED, FAILED, ABORTED }
}
