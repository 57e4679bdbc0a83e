package io.wescrm.core.moments;

import java.time.Instant;
import java.util.Map;

/**
 * One pass of the moments poll.
 *
 * @param kind BACKFILL (the listing was more than one window behind: a new corp's history) or INCREMENTAL
 * @param windows get_moment_list windows read (≤ 30 days each)
 * @param calls WeCom calls per API
 * @param listedTo the corp-wide listing watermark after the pass
 */
public record MomentSyncPass(long id, String corpId, String kind, String trigger, String status, int windows,
    int momentsSeen, int momentsNew, int interactionsNew, Map<String, Long> calls, Instant listedTo, String error,
    Instant startedAt, Instant finishedAt) {

  public long totalCalls() {
    return calls.values().stream().mapToLong(Long::longValue).sum();
  }
}
