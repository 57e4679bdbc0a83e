package io.wescrm.core.corp;

import java.time.Instant;

/**
 * A member of a customer group chat.
 *
 * @param type 1 corp member, 2 external contact
 * @param joinScene 1 direct invite, 2 invite link, 3 group QR code (groupchat/get numbering, not the event's)
 * @param state the 群活码's state the member joined through, or null
 */
public record GroupMember(String memberId, int type, String unionid, Instant joinTime, Integer joinScene,
    String invitor, String groupNickname, String name, boolean admin, String state) {

  /** A member that joined through no 群活码. */
  public GroupMember(String memberId, int type, String unionid, Instant joinTime, Integer joinScene, String invitor,
      String groupNickname, String name, boolean admin) {
    this(memberId, type, unionid, joinTime, joinScene, invitor, groupNickname, name, admin, null);
  }
}
