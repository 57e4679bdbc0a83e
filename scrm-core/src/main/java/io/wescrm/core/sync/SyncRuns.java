package io.wescrm.core.sync;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The record of sync runs. */
public interface SyncRuns {

  long start(String corpId, String kind, SyncScope scope, String trigger, String node, Instant now);

  /** The scope of the latest run of {@code kind} of the corp, whatever its outcome; empty when there was none. */
  Optional<SyncScope> lastScope(String corpId, String kind);

  void heartbeat(long runId, SyncCounts progress, Instant now);

  void finish(long runId, SyncRun.Status status, SyncCounts counts, String error, Instant now);

  /** Marks RUNNING runs whose heartbeat is older than {@code staleBefore} as ABORTED (their node died). */
  int abortStale(String corpId, Instant staleBefore, Instant now);

  /** Marks this node's RUNNING runs as ABORTED: called at start-up, when no run of this node can be alive. */
  int abortRunningOf(String node, Instant now);

  Optional<SyncRun> find(long runId);

  List<SyncRun> recent(String corpId, int limit);
}
