package io.wescrm.core.acquisition;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One row per welcome code: claiming the code is an insert against a unique key, so a welcome goes out at most
 * once whatever the retries, nodes or restarts.
 */
public interface WelcomeLedger {

  /** Outcomes of a welcome attempt. */
  enum Status { PENDING, SENT, EXPIRED, USED, NO_CODE, NO_CHANNEL, NO_WELCOME, FAILED }

  /** A ledger row. */
  record Entry(String corpId, String welcomeCode, String userid, String externalUserId, String state,
      Long contactWayId, Status status, Integer errcode, String reason, int attempts, String content, String node,
      Instant receivedAt, Instant claimedAt, Instant finishedAt, Integer latencyMs) {
  }

  /** Claims a code: true when this caller inserted the PENDING row, false when someone else has it. */
  boolean claim(String corpId, String welcomeCode, String userid, String externalUserId, String state,
      Instant receivedAt, String node, Instant now);

  /**
   * Takes over a PENDING claim older than {@code staleBefore} (its node died): true when this caller now owns it.
   */
  boolean reclaim(String corpId, String welcomeCode, String node, Instant staleBefore, Instant now);

  /** Final outcome of a claimed code. */
  void finish(String corpId, String welcomeCode, Status status, Long contactWayId, Integer errcode, String reason,
      int attempts, String content, Instant finishedAt, Integer latencyMs);

  /** Records an add without a code (or another final non-attempt), idempotently. */
  void record(String corpId, String key, String userid, String externalUserId, String state, Status status,
      String reason, Instant receivedAt, Instant now);

  /** A final non-attempt, as {@link #record} takes it. */
  record Final(String corpId, String key, String userid, String externalUserId, String state, Status status,
      String reason, Instant receivedAt) {
  }

  /** {@link #record} for several rows at once. */
  default void recordAll(List<Final> rows, Instant now) {
    for (Final r : rows) {
      record(r.corpId(), r.key(), r.userid(), r.externalUserId(), r.state(), r.status(), r.reason(), r.receivedAt(),
          now);
    }
  }

  default Optional<Entry> find(String corpId, String welcomeCode) {
    return find(corpId, welcomeCode, null);
  }

  /**
   * One row; with a {@code staffScope} (a store manager's staff, docs/security.md) only a row of one of them, else
   * empty as if it did not exist.
   */
  Optional<Entry> find(String corpId, String welcomeCode, java.util.Collection<String> staffScope);

  default List<Entry> recent(String corpId, Status status, int limit) {
    return recent(corpId, status, limit, null);
  }

  /** The newest rows; with a {@code staffScope} only the rows of those staff (the condition is in the query). */
  List<Entry> recent(String corpId, Status status, int limit, java.util.Collection<String> staffScope);

  /**
   * One customer's rows, newest first; with a {@code staffScope} only the rows of those staff (the condition is in
   * the query).
   */
  List<Entry> forCustomer(String corpId, String externalUserId, int limit, java.util.Collection<String> staffScope);

  /** PENDING rows received after {@code since}: candidates for recovery. */
  List<Entry> pendingSince(String corpId, Instant since);

  /**
   * Add events with a WelcomeCode stored in the inbox since {@code since}, after inbox id {@code afterId}, that have
   * no ledger row: codes a crash lost between the inbox write and the claim. At most the inbox's last
   * {@link #SWEEP_SPAN} events are looked at.
   */
  Unclaimed unclaimed(String corpId, Instant since, long afterId);

  /** How many of the inbox's newest events one sweep looks at, at most. */
  int SWEEP_SPAN = 50_000;

  /** An add event with a code and no ledger row, with its inbox id. */
  record Candidate(long inboxId, WelcomeJob job) {
  }

  /**
   * What one sweep found.
   *
   * @param inboxMaxId the inbox's highest id when the sweep looked: every event stored later has a higher one
   */
  record Unclaimed(List<Candidate> candidates, long inboxMaxId) {
  }

  /** Counts by status and arrival-to-send latency percentiles of SENT rows received in [from, to). */
  record Summary(java.util.Map<Status, Long> counts, long sent, long sentWithin20s, Integer p50Ms, Integer p99Ms,
      Integer maxMs) {
  }

  default Summary summary(String corpId, Instant from, Instant to) {
    return summary(corpId, from, to, null);
  }

  /** {@link #summary(String, Instant, Instant)} over the rows of {@code staffScope} only (null: every row). */
  Summary summary(String corpId, Instant from, Instant to, java.util.Collection<String> staffScope);
}
