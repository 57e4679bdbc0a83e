package io.wescrm.wecom.simulator;

import java.time.Instant;
import java.util.List;

/**
 * One state change of a simulated corp, handed to {@link SimCorp#addChangeListener} listeners in the order the changes
 * happened. A callback emitter turns these into WeCom's signed, encrypted events.
 *
 * <p>{@code viaApi} is true when the change was made through the WeCom API ({@code /cgi-bin/...}). WeCom sends no
 * callback for those ("通过API进行的操作不会产生回调"), so an emitter should skip them.
 *
 * @param seq               per-corp sequence number, starting at 1
 * @param kind              what happened
 * @param corpId            the corp
 * @param time              when it happened
 * @param viaApi            made through the WeCom API rather than by a test, the control API or the seeder
 * @param userId            staff userid (follow, staff and group-owner changes)
 * @param externalUserId    customer external userid (follow and customer changes)
 * @param chatId            customer group id (group changes)
 * @param tagId             tag id or tag-group id (tag changes; see {@link Kind#isTagGroup()})
 * @param departmentId      department id (department changes)
 * @param memberIds         members that joined or left (group member changes)
 * @param lastMemberVersion group member_version before a member change
 * @param memberVersion     group member_version after a member change
 * @param scene             join scene (1/2/3 as in groupchat/get) or quit scene (0 left, 1 removed), or null
 * @param state             contact-way state of a new follow relation, or null
 * @param welcomeCode       the WelcomeCode issued with an add ({@link Kind#CUSTOMER_ADDED},
 *                          {@link Kind#CUSTOMER_HALF_ADDED}), or null (see {@link SimCorp#welcomeCode(String)})
 */
public record SimChange(long seq, Kind kind, String corpId, Instant time, boolean viaApi, String userId,
    String externalUserId, String chatId, String tagId, Long departmentId, List<String> memberIds,
    String lastMemberVersion, String memberVersion, Integer scene, String state, String welcomeCode) {

  public SimChange {
    memberIds = memberIds == null ? List.of() : List.copyOf(memberIds);
  }

  /** A change without a welcome code. */
  public SimChange(long seq, Kind kind, String corpId, Instant time, boolean viaApi, String userId,
      String externalUserId, String chatId, String tagId, Long departmentId, List<String> memberIds,
      String lastMemberVersion, String memberVersion, Integer scene, String state) {
    this(seq, kind, corpId, time, viaApi, userId, externalUserId, chatId, tagId, departmentId, memberIds,
        lastMemberVersion, memberVersion, scene, state, null);
  }

  /** What changed; the comment names the WeCom event it corresponds to. */
  public enum Kind {
    /** change_contact / create_party. */
    DEPARTMENT_CREATED,
    /** change_contact / create_user. */
    STAFF_CREATED,
    /** change_contact / delete_user. */
    STAFF_DELETED,
    /** A customer profile was created; WeCom has no event for it (the add comes with {@link #CUSTOMER_ADDED}). */
    CUSTOMER_CREATED,
    /** change_external_contact / add_external_contact: a staff member and a customer became friends. */
    CUSTOMER_ADDED,
    /** change_external_contact / edit_external_contact: remark or description changed. */
    FOLLOW_EDITED,
    /** change_external_contact / edit_external_contact: corp tags on the relation changed. */
    FOLLOW_TAGS_CHANGED,
    /** change_external_contact / del_external_contact: the staff member deleted the customer. */
    FOLLOW_DELETED_BY_STAFF,
    /** change_external_contact / del_follow_user: the customer deleted the staff member. */
    FOLLOW_DELETED_BY_CUSTOMER,
    /** change_external_tag / create, TagType=tag_group. */
    TAG_GROUP_CREATED,
    /** change_external_tag / create, TagType=tag. */
    TAG_CREATED,
    /** change_external_tag / update, TagType=tag_group. */
    TAG_GROUP_UPDATED,
    /** change_external_tag / update, TagType=tag. */
    TAG_UPDATED,
    /** change_external_tag / delete, TagType=tag_group. */
    TAG_GROUP_DELETED,
    /** change_external_tag / delete, TagType=tag. */
    TAG_DELETED,
    /** change_external_chat / create. */
    GROUP_CREATED,
    /** change_external_chat / update, UpdateDetail=add_member. */
    GROUP_MEMBER_JOINED,
    /** change_external_chat / update, UpdateDetail=del_member. */
    GROUP_MEMBER_LEFT,
    /** change_external_chat / update, UpdateDetail=change_owner. */
    GROUP_OWNER_CHANGED,
    /** change_external_chat / update, UpdateDetail=change_name. */
    GROUP_RENAMED,
    /** change_external_chat / update, UpdateDetail=change_notice. */
    GROUP_NOTICE_CHANGED,
    /** change_external_chat / dismiss. */
    GROUP_DISMISSED,
    /** change_contact / update_user: name, departments or position changed. */
    STAFF_UPDATED,
    /** change_contact / update_party: name or parent changed. */
    DEPARTMENT_UPDATED,
    /** change_contact / delete_party. */
    DEPARTMENT_DELETED,
    /**
     * change_external_contact / add_half_external_contact: the customer added a member who has skip-verify on (the
     * relation exists, the member has not confirmed yet).
     */
    CUSTOMER_HALF_ADDED,
    /** change_external_contact / del_external_contact with Source=DELETE_BY_TRANSFER: an on-job transfer. */
    FOLLOW_DELETED_BY_TRANSFER;

    /** True for the tag-group kinds. */
    public boolean isTagGroup() {
      return this == TAG_GROUP_CREATED || this == TAG_GROUP_UPDATED || this == TAG_GROUP_DELETED;
    }
  }
}
