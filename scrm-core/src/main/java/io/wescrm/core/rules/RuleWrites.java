package io.wescrm.core.rules;

import io.wescrm.core.tags.TagChange;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Writes what plans decided ({@link RulePlan}), in one transaction per call. */
public interface RuleWrites {

  /**
   * Writes tag changes (against the relations' current tags: relation key → tag → local-only) and lifecycle
   * stages (stage → customers) in one transaction.
   */
  RuleCounts write(String corpId, List<TagChange> changes, Map<String, Map<String, Boolean>> currentTags,
      Map<String, List<String>> customersByStage, Instant now);

  /**
   * Runs idempotent work (read, plan, write) again when the database lost a lock race on its writes (neighbouring
   * chunks, or a callback writing the same customer): the work re-reads and re-plans, so a retry is safe.
   */
  <T> T retryingLockRaces(String what, Supplier<T> work);
}
