package io.wescrm.core.corp;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Customer list filters. The follow-relation conditions (staff, state, added between, relation status) must hold on
 * one and the same relation: "customers that staff X added through channel Y last week".
 *
 * @param tagIds customers with any of these tags (on any relation)
 * @param relation ACTIVE (default: at least one live relation), DELETED (every relation deleted), ANY
 * @param staffScope null for every customer; otherwise the relation conditions must hold on a relation with one of
 *     these staff (a store manager's stores, {@link StoreStaff}); an empty set matches nothing
 */
public record CustomerFilter(String userid, List<String> tagIds, String state, Instant addedFrom, Instant addedTo,
    Relation relation, String keyword, Set<String> staffScope) {

  public CustomerFilter(String userid, List<String> tagIds, String state, Instant addedFrom, Instant addedTo,
      Relation relation, String keyword) {
    this(userid, tagIds, state, addedFrom, addedTo, relation, keyword, null);
  }

  /** Which follow relations count. */
  public enum Relation { ACTIVE, DELETED, ANY }

  public CustomerFilter {
    tagIds = tagIds == null ? List.of() : List.copyOf(tagIds);
    relation = relation == null ? Relation.ACTIVE : relation;
    staffScope = staffScope == null ? null : Set.copyOf(staffScope);
  }
}
