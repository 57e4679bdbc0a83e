package io.wescrm.wecom.simulator;

import java.util.List;

/**
 * A customer group (客户群) with its members.
 *
 * @param status        0 normal, 1 owner resigned, 2 inheriting, 3 inherited
 * @param memberVersion changes on every membership change
 */
public record SimGroupChat(String chatId, String name, String owner, String notice, long createTime, int status,
    String memberVersion, List<SimGroupMember> members, List<String> admins) {

  public SimGroupChat {
    members = List.copyOf(members);
    admins = List.copyOf(admins);
  }
}
