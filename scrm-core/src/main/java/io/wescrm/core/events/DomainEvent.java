package io.wescrm.core.events;

import java.time.Instant;
import java.util.List;

/** What happened in a corp, for rules, welcome messages and campaigns. */
public sealed interface DomainEvent {

  String corpId();

  Instant at();

  /**
   * A staff member added a customer (or the customer added a staff member who skips verification: {@code half}).
   *
   * @param state the contact way's state: the channel
   * @param welcomeCode valid 20 s and once; null when WeCom sent none
   */
  record CustomerAdded(String corpId, String userid, String externalUserId, String state, String welcomeCode,
      boolean half, Instant at) implements DomainEvent {
  }

  /**
   * A follow relation added within the look-back that a sync or reconciliation pass found and no add callback
   * announced (WeCom gave up re-sending it): attributed like an add, without a welcome (its code is long gone).
   */
  record CustomerFound(String corpId, String userid, String externalUserId, String state, Instant at)
      implements DomainEvent {
  }

  /** The staff member deleted the customer; {@code byTransfer} when an on-job transfer removed the old follower. */
  record StaffDeletedCustomer(String corpId, String userid, String externalUserId, boolean byTransfer, Instant at)
      implements DomainEvent {
  }

  /** The customer deleted the staff member: the churn signal. */
  record CustomerDeletedStaff(String corpId, String userid, String externalUserId, Instant at)
      implements DomainEvent {
  }

  /** A transfer to {@code takeoverUserid} failed ({@code customer_refused}, {@code customer_limit_exceed}). */
  record CustomerTransferFailed(String corpId, String takeoverUserid, String externalUserId, String reason,
      Instant at) implements DomainEvent {
  }

  /** Members joined a group chat; {@code joinScene} in the event's numbering (0 invited, 3 QR code). */
  record MembersJoinedGroup(String corpId, String chatId, List<String> memberIds, Integer joinScene, Instant at)
      implements DomainEvent {
  }

  /** Members left a group chat; {@code quitScene} 0 left themselves, 1 removed. */
  record MembersLeftGroup(String corpId, String chatId, List<String> memberIds, Integer quitScene, Instant at)
      implements DomainEvent {
  }

  /** The corp tag library changed (create, update, delete, shuffle of a tag or group). */
  record CorpTagsChanged(String corpId, String changeType, String id, String tagType, Instant at)
      implements DomainEvent {
  }

  /** A customer's tags or remark changed in the WeCom client (edit_external_contact). */
  record CustomerEdited(String corpId, String userid, String externalUserId, Instant at) implements DomainEvent {
  }

  /** A campaign push reached a customer (WeCom reported it sent): rules can count pushes and name campaigns. */
  record CampaignPushed(String corpId, String userid, String externalUserId, long campaignId, long runId, Instant at)
      implements DomainEvent {
  }

  /**
   * A customer liked or commented a moment (客户朋友圈), found by the moments poll: rules can count interactions.
   *
   * @param userid the staff member whose copy of the moment it was
   * @param kind {@code LIKE} or {@code COMMENT} (WeCom gives no comment text)
   */
  record MomentInteracted(String corpId, String userid, String externalUserId, String momentId, String kind,
      Instant at) implements DomainEvent {
  }
}
