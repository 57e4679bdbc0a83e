package io.wescrm.wecom.simulator;

import java.util.List;

/**
 * A staff member (成员).
 *
 * @param gender 0 unknown, 1 male, 2 female
 * @param status 1 active (the only status the simulator uses)
 */
public record SimStaff(String userid, String name, List<Long> departments, long mainDepartment, String position,
    String mobile, int gender, String email, boolean customerContactEnabled, int status) {

  public SimStaff {
    departments = List.copyOf(departments);
  }
}
