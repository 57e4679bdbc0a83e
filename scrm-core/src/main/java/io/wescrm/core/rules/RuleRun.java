package io.wescrm.core.rules;

import java.time.Instant;

/** A full re-evaluation of a corp's rules, as recorded in {@code scrm_rule_run}. */
public record RuleRun(long id, String corpId, String trigger, String status, int rules, long tagsAdded,
    long tagsRemoved, long stagesChanged, long pushesQueued, Instant startedAt, Instant finishedAt, Long durationMs,
    String error) {
}
