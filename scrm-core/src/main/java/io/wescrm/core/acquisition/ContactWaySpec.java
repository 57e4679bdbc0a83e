package io.wescrm.core.acquisition;

import java.util.List;

/**
 * What we ask WeCom for in add_contact_way / update_contact_way.
 *
 * @param type 1 one member, 2 several members and/or departments
 * @param scene 1 mini program, 2 QR code
 */
public record ContactWaySpec(int type, int scene, String remark, boolean skipVerify, String state,
    List<String> userids, List<Long> departmentIds) {

  public ContactWaySpec {
    userids = userids == null ? List.of() : List.copyOf(userids);
    departmentIds = departmentIds == null ? List.of() : List.copyOf(departmentIds);
  }
}
