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

  List<Suggestion> list(String corpId, Status status, int limit);

  Optional<Suggestion> find(String corpId, long id);

  boolean decide(String corpId, long id, Status status, String operator, Instant now);
}
