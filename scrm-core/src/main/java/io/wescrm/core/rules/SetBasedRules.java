package io.wescrm.core.rules;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * Rules applied to sets of customers by the database (conditions compiled by {@link SqlRuleCompiler}): audiences,
 * the set-based full run and the take-back of a rule's tags.
 */
public interface SetBasedRules {

  /**
   * Customers matching a condition at {@code now}: the count and a page of them (by id). A heavy read: {@code pace}
   * gets the nanoseconds of each part of it and may sleep between parts (to yield the database to callback ingest).
   */
  RuleEngine.Audience audience(String corpId, Condition condition, Instant now, long offset, int limit,
      LongConsumer pace);

  /**
   * Applies every rule set-based: per tag rule, the relations whose tags must change are selected by SQL, streamed
   * and written in chunks (rule tags that no longer apply taken back); then stages in one streamed pass. What each written
   * chunk changed goes to {@code progress} as it commits (a failed run still records what it did).
   */
  default void applyAll(String corpId, List<Rule> active, Instant now, Consumer<RuleCounts> progress) {
    applyAll(corpId, active, now, progress, () -> true);
  }

  /**
   * As above, asking {@code held} inside each chunk's transaction before it writes: when the run's lease was lost
   * (another node may have taken the corp over) the chunk rolls back and the run stops with {@link LeaseLostException}.
   */
  void applyAll(String corpId, List<Rule> active, Instant now, Consumer<RuleCounts> progress,
      java.util.function.BooleanSupplier held);

  /** Removes every tag the rule (any version) added on a live relation and queues removals of synced ones. */
  RuleCounts takeBack(String corpId, long ruleId);
}
