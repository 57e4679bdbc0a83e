package io.wescrm.core.corp;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Customer list filters. The follow-relation conditions (staff, store, state, added between, relation status) must
 * hold on one and the same relation: "customers that staff X added through channel Y last week".
 *
 * @param tagIds customers with any of these tags (on any relation)
 * @param relation ACTIVE (default: at least one live relation), DELETED (every relation deleted), ANY
 * @param staffScope null for every customer; otherwise the relation conditions must hold on a relation with one of
 *     these staff (a store manager's stores, {@link StoreStaff}); an empty set matches nothing
 * @param stage a lifecycle stage key ({@code new}, {@code growing}, …), {@link #NO_STAGE} for customers without one,
 *     or null for any
 * @param storeStaff null for any store; otherwise the staff of the chosen store ({@link StoreStaff#staffOf}): the
 *     relation conditions must hold on a relation with one of them (an empty set matches nothing). Unlike
 *     {@code staffScope} it does not hide the customer's other followers.
 */
public record CustomerFilter(String userid, List<String> tagIds, String state, Instant addedFrom, Instant addedTo,
    Relation relation, String keyword, Set<String> staffScope, String stage, Set<String> storeStaff) {

  /** The {@code stage} value of customers without a lifecycle stage. */
  public static final String NO_STAGE = "none";

  public CustomerFilter(String userid, List<String> tagIds, String state, Instant addedFrom, Instant addedTo,
      Relation relation, String keyword) {
    this(userid, tagIds, state, addedFrom, addedTo, relation, keyword, null);
  }

  public CustomerFilter(String userid, List<String> tagIds, String state, Instant addedFrom, Instant addedTo,
      Relation relation, String keyword, Set<String> staffScope) {
    this(userid, tagIds, state, addedFrom, addedTo, relation, keyword, staffScope, null, null);
  }

  /** Which follow relations count. */
  public enum Relation { ACTIVE, DELETED, ANY }

  public CustomerFilter {
    tagIds = tagIds == null ? List.of() : List.copyOf(tagIds);
    relation = relation == null ? Relation.ACTIVE : relation;
    staffScope = staffScope == null ? null : Set.copyOf(staffScope);
    storeStaff = storeStaff == null ? null : Set.copyOf(storeStaff);
    stage = stage == null || stage.isBlank() ? null : stage;
  }
}
