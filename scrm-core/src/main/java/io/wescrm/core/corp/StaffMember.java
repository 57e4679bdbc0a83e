package io.wescrm.core.corp;

import java.util.List;

/**
 * A corp member (staff, 导购) as {@code user/get} describes it.
 *
 * @param status 1 active, 2 disabled, 4 not activated, 5 resigned (WeCom's numbering)
 */
public record StaffMember(String userid, String name, List<Long> departments, Long mainDepartment, String position,
    Integer status) {

  public StaffMember {
    departments = departments == null ? List.of() : List.copyOf(departments);
  }
}
