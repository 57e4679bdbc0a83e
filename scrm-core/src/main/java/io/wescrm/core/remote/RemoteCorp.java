package io.wescrm.core.remote;

import io.wescrm.core.corp.CustomerPage;
import io.wescrm.core.corp.Department;
import io.wescrm.core.corp.GroupChat;
import io.wescrm.core.corp.GroupChatPage;
import io.wescrm.core.corp.StaffIdPage;
import io.wescrm.core.corp.StaffMember;
import io.wescrm.core.corp.TagGroup;
import java.util.List;
import java.util.Optional;

/**
 * One corp as WeCom holds it: the read side of the WeCom API that a full sync needs.
 *
 * <p>Implementations handle tokens, retries, rate limits and concurrency caps themselves; every method may block.
 * They throw {@link RemoteCallException} when a call fails for good (configuration errors, retries exhausted).
 * Methods are safe to call from several threads at once.
 */
public interface RemoteCorp {

  String corpId();

  /** {@code department/list}: every department visible to the app. */
  List<Department> departments();

  /** {@code user/list_id}: one page of userids; {@code cursor} null for the first page. */
  StaffIdPage staffIds(String cursor);

  /** {@code user/get}; empty when the member no longer exists (60111). */
  Optional<StaffMember> staff(String userid);

  /** {@code externalcontact/get_follow_user_list}: staff with customer contact enabled. */
  List<String> followUserIds();

  /** {@code externalcontact/batch/get_by_user}: one page (≤ 100 items) of customers of up to 100 staff. */
  CustomerPage customersOf(List<String> userids, String cursor);

  /**
   * {@code externalcontact/get}: one customer with every current follow relation (all cursor pages); empty when
   * the customer is no longer anyone's contact (84061).
   */
  Optional<List<io.wescrm.core.corp.CustomerFollow>> customer(String externalUserId);

  /** {@code externalcontact/get_corp_tag_list}: every corp tag group with its tags. */
  List<TagGroup> corpTags();

  /** {@code externalcontact/groupchat/list}: one page (≤ 1000) of group chat ids; {@code cursor} null first. */
  GroupChatPage groupChats(String cursor);

  /**
   * {@code externalcontact/groupchat/list} with {@code owner_filter}: one page (≤ 1000) of the group chats owned by
   * {@code owners} (≤ 100 userids); {@code cursor} null first.
   */
  GroupChatPage groupChatsOwnedBy(List<String> owners, String cursor);

  /** {@code externalcontact/groupchat/get}; empty when the group no longer exists. */
  Optional<GroupChat> groupChat(String chatId);

  /** Calls made so far through this handle (each HTTP request, retries included). */
  long callCount();

  /** Retries made so far through this handle. */
  long retryCount();
}
