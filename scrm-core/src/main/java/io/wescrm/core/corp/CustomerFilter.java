package io.wescrm.core.corp;

import java.time.Instant;
import java.util.List;

/**
 * Customer list filters. The follow-relation conditions (staff, state, added between, relation status) must hold on
 * one and the same relation: "customers that staff X added through channel Y last week".
 *
 * @param tagIds customers with any of these tags (on any relation)
 * @param relation ACTIVE (default: at least one live relation), DELETED (every relation deleted), ANY
 */
public record CustomerFilter(String userid, List<String> tagIds, String state, Instant addedFrom, Instant addedTo,
    Relation relation, String keyword) {

  /** Which follow relations count. */
  public enum Relation { ACTIVE, DELETED, ANY }

  public CustomerFilter {
    tagIds = tagIds == null ? List.of() : List.copyOf(tagIds);
    relation = relation == null ? Relation.ACTIVE : relation;
  }
}
