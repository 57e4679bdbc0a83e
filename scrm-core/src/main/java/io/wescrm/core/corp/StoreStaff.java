package io.wescrm.core.corp;

import java.util.Set;

/**
 * Port: the staff of a set of stores. A store is a WeCom department; it includes its sub-departments (a store's
 * counters or teams are departments under it), and a member belongs to it through any of their departments.
 */
public interface StoreStaff {

  /** The userids of the (not deleted) staff in {@code departments} or below them. */
  Set<String> staffOf(String corpId, Set<Long> departments);
}
