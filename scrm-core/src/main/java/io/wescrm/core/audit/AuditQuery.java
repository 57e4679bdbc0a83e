package io.wescrm.core.audit;

import java.time.Instant;

/**
 * A search of the audit log, newest first. Every criterion is optional; {@code beforeId} pages backwards (pass the
 * smallest id of the previous page); {@code limit} is bounded by {@link #MAX_LIMIT}.
 */
public record AuditQuery(String corpId, String actor, String objectType, String objectId, String action, Instant from,
    Instant to, Long beforeId, int limit) {

  public static final int MAX_LIMIT = 500;

  public AuditQuery {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be within [1, " + MAX_LIMIT + "]");
    }
    if (from != null && to != null && from.isAfter(to)) {
      throw new IllegalArgumentException("from must not be after to");
    }
  }
}
