package io.wescrm.core.inbox;

import java.time.Instant;
import java.util.List;

/**
 * The facts a callback carries, written at once (before any re-fetch). Every method is idempotent and guarded by
 * the event's time, so a retried or late event never undoes a newer fact.
 */
public interface EventFacts {

  /** add_external_contact / add_half_external_contact: the relation exists (again) since {@code at}. */
  void followAdded(String corpId, String userid, String externalUserId, String state, Instant at, Instant now);

  /** An add, as {@link #followAdded} takes it. */
  record FollowAdd(String corpId, String userid, String externalUserId, String state, Instant at) {
  }

  /** {@link #followAdded} for a run of adds, in order (an implementation may write them with a few statements). */
  default void followsAdded(List<FollowAdd> adds, Instant now) {
    for (FollowAdd a : adds) {
      followAdded(a.corpId(), a.userid(), a.externalUserId(), a.state(), a.at(), now);
    }
  }

  /** del_external_contact / del_follow_user: the relation ended at {@code at}, deleted by STAFF, CUSTOMER, TRANSFER. */
  void followDeleted(String corpId, String userid, String externalUserId, String deletedBy, Instant at, Instant now);

  /**
   * add_member: members joined. Returns false when the group's stored member version is not the event's
   * LastMemVer (a member event was missed): the caller re-fetches the whole group.
   */
  boolean membersJoined(String corpId, String chatId, List<String> memberIds, Integer joinScene, String lastVersion,
      String currentVersion, Instant at, Instant now);

  /** del_member: members left. Same version contract as {@link #membersJoined}. */
  boolean membersLeft(String corpId, String chatId, List<String> memberIds, Integer quitScene, String lastVersion,
      String currentVersion, Instant at, Instant now);

  void groupDismissed(String corpId, String chatId, Instant at, Instant now);

  /** delete of a tag or a whole tag group: soft-deleted, and taken off every follow relation. */
  void tagDeleted(String corpId, String id, boolean group, Instant at, Instant now);

  void staffDeleted(String corpId, String userid, Instant at, Instant now);

  void departmentUpserted(String corpId, long id, String name, Long parentId, Long order, Instant now);

  void departmentDeleted(String corpId, long id, Instant at, Instant now);
}
