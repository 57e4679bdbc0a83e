package io.wescrm.core.sync;

import java.time.Instant;

/** One recorded sync run with its counts. */
public record SyncRun(long id, String corpId, String kind, String trigger, Status status, String node,
    Instant startedAt, Instant finishedAt, Long durationMs, SyncCounts counts, String error) {

  /** Run states. */
  public enum Status { RUNNING, SUCCEEDED, FAILED, ABORTED }
}
