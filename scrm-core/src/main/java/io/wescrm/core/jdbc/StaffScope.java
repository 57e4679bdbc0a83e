package io.wescrm.core.jdbc;

import java.util.Collection;
import java.util.List;

/**
 * A store manager's scope as a SQL condition: the staff (userids) of their stores, or null for every row. Put into the
 * query itself (docs/security.md "Store scope"), so that a page and its count agree.
 */
public final class StaffScope {

  private StaffScope() {
  }

  /**
   * {@code " AND column IN (?,…)"} with the userids appended to {@code args} (sorted, so the SQL is stable); {@code ""}
   * for a null scope (every row); {@code " AND 1 = 0"} for an empty one (a store without staff sees nothing).
   */
  public static String and(String column, Collection<String> staff, List<Object> args) {
    return staff == null ? "" : " AND " + Placeholders.in(column, staff.stream().sorted().toList(), args);
  }

  /**
   * {@code " AND EXISTS (a live follow relation of the customer in {@code customerColumn} with one of the staff)"}:
   * the customers a store manager sees; {@code ""} for a null scope.
   */
  public static String andCustomer(String corpColumn, String customerColumn, Collection<String> staff,
      List<Object> args) {
    if (staff == null) {
      return "";
    }
    return " AND EXISTS (SELECT 1 FROM scrm_follow_relation sf WHERE sf.corp_id = " + corpColumn
        + " AND sf.external_userid = " + customerColumn + " AND sf.deleted_at IS NULL"
        + and("sf.userid", staff, args) + ")";
  }
}
