package io.wescrm.core.rules;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The record of every full re-evaluation ({@link RuleRun}). */
public interface RuleRunRecords {

  /** Records a run as RUNNING; returns its id. */
  long start(String corpId, String trigger, int rules, Instant startedAt);

  /** Records the outcome: {@code error} null means SUCCEEDED. */
  void finish(long runId, RuleCounts counts, Instant startedAt, Instant finishedAt, String error);

  Optional<RuleRun> find(long id);

  /** A corp's latest runs, newest first. */
  List<RuleRun> recent(String corpId, int limit);
}
