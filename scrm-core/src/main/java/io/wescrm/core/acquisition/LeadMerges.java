package io.wescrm.core.acquisition;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Merge suggestions for customers that look like one person. */
public interface LeadMerges {

  /** Where a suggestion stands. */
  enum Status { OPEN, ACCEPTED, REJECTED }

  /** A suggestion: {@code a} &lt; {@code b}. */
  record Suggestion(long id, String corpId, String a, String b, String matchKind, String matchValue, Status status,
      String decidedBy, Instant decidedAt, Instant createdAt) {
  }

  /** Customers sharing a remark mobile, as (mobile, external userid) pairs of live relations. */
  List<String[]> mobiles(String corpId);

  /** Customers sharing a unionid: (unionid, external userid). */
  List<String[]> unionids(String corpId);

  /** Adds a suggestion unless the pair is already suggested for that kind; true when new. */
  boolean suggest(String corpId, String a, String b, String kind, String value, Instant now);

  default List<Suggestion> list(String corpId, Status status, int limit) {
    return list(corpId, status, limit, null);
  }

  /**
   * Suggestions; with a {@code staffScope} (a store manager's staff) only those whose two customers both have a live
   * relation with one of them (in the query).
   */
  List<Suggestion> list(String corpId, Status status, int limit, java.util.Collection<String> staffScope);

  Optional<Suggestion> find(String corpId, long id);

  boolean decide(String corpId, long id, Status status, String operator, Instant now);
}
