package io.wescrm.core.corp;

import java.time.Instant;
import java.util.List;

/** A customer group chat (客户群) with all its members, as {@code groupchat/get} returns it. */
public record GroupChat(String chatId, String name, String owner, String notice, Instant createdAt, int status,
    String memberVersion, List<GroupMember> members) {

  public GroupChat {
    members = members == null ? List.of() : List.copyOf(members);
  }

  public GroupChat withStatus(int newStatus) {
    return new GroupChat(chatId, name, owner, notice, createdAt, newStatus, memberVersion, members);
  }
}
