package io.wescrm.core.sync;

import io.wescrm.core.corp.CustomerFollow;
import io.wescrm.core.corp.Department;
import io.wescrm.core.corp.GroupChat;
import io.wescrm.core.corp.StaffMember;
import io.wescrm.core.corp.TagGroup;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Our copy of a corp: idempotent batched upserts keyed by WeCom's natural ids, each stamped with the sync run that saw
 * the row ({@code runId} null: written by a re-fetch, outside any run), and the sweep that soft-deletes what a complete run did not see. Re-applying the same data changes nothing
 * (not even {@code updated_at}).
 */
public interface CorpMirror {

  void ensureCorp(String corpId, String name);

  void upsertDepartments(String corpId, Long runId, List<Department> departments, Instant now);

  void upsertStaff(String corpId, Long runId, List<StaffMember> staff, Set<String> contactEnabled, Instant now);

  void upsertTagGroups(String corpId, Long runId, List<TagGroup> groups, Instant now);

  /** Upserts customers, follow relations and the relations' corp tags of one page. */
  void upsertCustomerPage(String corpId, Long runId, List<CustomerFollow> items, Instant fetchedAt, Instant now);

  /** Upserts group chats with their full member lists. */
  void upsertGroupChats(String corpId, Long runId, List<GroupChat> chats, Instant now);

  /**
   * After a complete run: soft-deletes what the run did not see (relations deleted by {@code SYNC}, members left,
   * groups dismissed, tags and staff deleted) and removes vanished tag assignments. Relations of
   * {@code unlicensedUserids} are left alone: WeCom did not return them. Rows changed since the run started (by
   * callbacks, say) are left alone too. A run over a slice ({@link SyncScope}) sweeps only the relations, tag
   * assignments and staff of the slice's members of staff and the members of the groups it saw; it verifies the
   * slice's unseen groups itself ({@link #unseenGroupsOwnedBy}, {@link #dismissGroup}).
   *
   * @return rows marked deleted or removed
   */
  int sweepUnseen(String corpId, long runId, Instant runStartedAt, Collection<String> unlicensedUserids,
      SyncScope scope, Instant now);

  /** Live group chats owned by members of staff in {@code scope} that run {@code runId} did not see. */
  List<String> unseenGroupsOwnedBy(String corpId, long runId, Instant runStartedAt, SyncScope scope);

  /** A group chat WeCom no longer has: dismissed, its members gone. */
  int dismissGroup(String corpId, String chatId, Instant now);

  /** After a re-fetch of one customer: its relations with staff not in {@code currentUserids} ended. */
  int closeMissingFollows(String corpId, String externalUserId, Collection<String> currentUserids, Instant now);

  /** After a re-fetch of one group: members not in {@code currentMemberIds} left. */
  int closeMissingMembers(String corpId, String chatId, Collection<String> currentMemberIds, Instant now);

  /** After a re-fetch of the tag library: tags and groups not present were deleted. */
  int closeMissingTags(String corpId, Collection<String> tagIds, Collection<String> groupIds, Instant now);

  /** Customers that run {@code runId} saw. */
  long customersSeen(String corpId, long runId);

  /**
   * Rows run {@code runId} created or changed (content changes only, since {@code since}), across the synced tables.
   * For a reconciliation run this is the drift it repaired (with the rows it marked deleted).
   */
  long changedSince(String corpId, long runId, Instant since);
}
