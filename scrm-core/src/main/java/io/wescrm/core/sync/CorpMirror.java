package io.wescrm.core.sync;

import io.wescrm.core.customer.CustomerFollow;
import io.wescrm.core.directory.Department;
import io.wescrm.core.directory.StaffMember;
import io.wescrm.core.group.GroupChat;
import io.wescrm.core.tag.TagGroup;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Our copy of a corp: idempotent batched upserts keyed by WeCom's natural ids, each stamped with the sync run that saw
 * the row, and the sweep that soft-deletes what a complete run did not see. Re-applying the same data changes nothing
 * (not even {@code updated_at}).
 */
public interface CorpMirror {

  void ensureCorp(String corpId, String name);

  void upsertDepartments(String corpId, long runId, List<Department> departments, Instant now);

  void upsertStaff(String corpId, long runId, List<StaffMember> staff, Set<String> contactEnabled, Instant now);

  void upsertTagGroups(String corpId, long runId, List<TagGroup> groups, Instant now);

  /** Upserts customers, follow relations and the relations' corp tags of one page. */
  void upsertCustomerPage(String corpId, long runId, List<CustomerFollow> items, Instant now);

  /** Upserts group chats with their full member lists. */
  void upsertGroupChats(String corpId, long runId, List<GroupChat> chats, Instant now);

  /**
   * After a complete run: soft-deletes what the run did not see (relations deleted by {@code SYNC}, members left,
   * groups dismissed, tags and staff deleted) and removes vanished tag assignments. Relations of
   * {@code unlicensedUserids} are left alone: WeCom did not return them. Rows changed since the run started (by
   * callbacks, say) are left alone too.
   *
   * @return rows marked deleted or removed
   */
  int sweepUnseen(String corpId, long runId, Instant runStartedAt, Collection<String> unlicensedUserids,
      Instant now);

  /** Customers that run {@code runId} saw. */
  long customersSeen(String corpId, long runId);

  /** Rows created or changed since {@code since} (content changes only), across the synced tables. */
  long changedSince(String corpId, Instant since);
}
