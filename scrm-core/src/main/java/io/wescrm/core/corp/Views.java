package io.wescrm.core.corp;

import java.time.Instant;
import java.util.List;

/** Read models served by the API. */
public final class Views {

  private Views() {
  }

  /** One page of results. */
  public record Page<T>(List<T> items, long page, long size, long total) {
  }

  /**
   * A tag as seen on a follow relation or a customer.
   *
   * @param source WECOM, RULE, CHANNEL or OPERATOR (who set it)
   * @param sourceRef RULE: {@code ruleId:version}; CHANNEL: the channel's state; OPERATOR: who
   * @param setAt when this server recorded the tag on the relation
   */
  public record TagView(String tagId, String name, String groupId, String groupName, String source, String sourceRef,
      Instant setAt) {
  }

  /** A follow relation (staff × customer). */
  public record FollowView(String userid, String staffName, String remark, String description, String remarkCorpName,
      List<String> remarkMobiles, Integer addWay, String state, String operUserid, Instant addedAt,
      Instant deletedAt, String deletedBy, List<TagView> tags) {
  }

  /** A customer in a list: active followers and the union of their tags. */
  public record CustomerSummary(String externalUserId, String name, Integer type, Integer gender, String unionid,
      String avatar, String corpName, String lifecycleStage, Instant firstAddedAt, List<String> followers,
      List<TagView> tags) {
  }

  /** One customer with every follow relation (deleted ones included) and its tags. */
  public record CustomerDetail(String externalUserId, String name, Integer type, Integer gender, String unionid,
      String avatar, String position, String corpName, String corpFullName, String lifecycleStage,
      Instant updatedAt, List<FollowView> follows) {
  }

  /**
   * One event of a customer's timeline (newest first).
   *
   * @param kind FOLLOW_ADDED, FOLLOW_DELETED, WELCOME, TAG_SET, PUSH, MOMENT, GROUP_JOINED, GROUP_LEFT, TRANSFER
   * @param title what happened, in Chinese
   * @param detail more of it (channel, tag, campaign, group, outcome), in Chinese; may be null
   * @param userid the staff member it concerns, if any
   * @param ref what it refers to (rule id, campaign id, moment id, chat id, welcome code), if any
   */
  public record TimelineEvent(Instant at, String kind, String title, String detail, String userid, String staffName,
      String ref) {
  }

  /** A group chat in a list. */
  public record GroupSummary(String chatId, String name, String owner, Integer status, Integer memberCount,
      Instant createdAt, Instant dismissedAt) {
  }

  /** A group member. */
  public record MemberView(String memberId, int type, String name, String groupNickname, String unionid,
      Instant joinTime, Integer joinScene, String invitor, boolean admin, Instant leftAt) {
  }

  /** A group chat with its members (current ones, and those who left when asked). */
  public record GroupDetail(String chatId, String name, String owner, String notice, Integer status,
      String memberVersion, Instant createdAt, Instant dismissedAt, List<MemberView> members) {
  }

  /** A staff member. */
  public record StaffView(String userid, String name, List<Long> departments, Long mainDepartment, String position,
      Integer status, boolean contactEnabled, Instant deletedAt) {
  }

  /** A department (stores are departments) and how many live staff have it as main department. */
  public record DepartmentView(long id, String name, Long parentId, long staffCount) {
  }
}
