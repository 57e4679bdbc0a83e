package io.wescrm.wecom.simulator;

/**
 * A customer-group member, as {@code groupchat/get} returns it.
 *
 * @param userid        staff userid (type 1) or external userid (type 2)
 * @param type          1 staff, 2 external contact
 * @param unionid       WeChat unionid of an external member, or null
 * @param joinTime      epoch seconds
 * @param joinScene     1 invited directly, 2 invited by link, 3 scanned the group QR code
 * @param invitor       userid of the inviting staff member, or null
 * @param groupNickname nickname in the group, or null
 * @param name          display name; null means "the staff or customer name"
 * @param state         the 群活码's state the member joined through (groupchat/get {@code state}), or null
 */
public record SimGroupMember(String userid, int type, String unionid, long joinTime, int joinScene, String invitor,
    String groupNickname, String name, String state) {

  /** A member that joined through no 群活码 (no state). */
  public SimGroupMember(String userid, int type, String unionid, long joinTime, int joinScene, String invitor,
      String groupNickname, String name) {
    this(userid, type, unionid, joinTime, joinScene, invitor, groupNickname, name, null);
  }

  public SimGroupMember {
    if (userid == null || userid.isBlank()) {
      throw new IllegalArgumentException("member userid is required");
    }
    if (type != 1 && type != 2) {
      throw new IllegalArgumentException("member type must be 1 (staff) or 2 (external): " + type);
    }
  }

  /** A staff member joining by direct invitation. */
  public static SimGroupMember staff(String userid, long joinTime, String invitor) {
    return new SimGroupMember(userid, 1, null, joinTime, 1, invitor, null, null);
  }

  /** An external contact joining with the given scene. */
  public static SimGroupMember customer(String externalUserId, long joinTime, int joinScene, String invitor) {
    return new SimGroupMember(externalUserId, 2, null, joinTime, joinScene, invitor, null, null);
  }
}
