package io.wescrm.core.remote;

import io.wescrm.core.corp.TagGroup;
import java.util.Collection;
import java.util.List;

/**
 * The write side of WeCom's corp tags for one corp. Implementations handle tokens, retries and rate limits and throw
 * {@link io.wescrm.core.remote.RemoteCallException} when a call fails for good (40126: the corp tag quota is full;
 * 40071: a tag of that name exists).
 */
public interface RemoteTags {

  /** {@code externalcontact/mark_tag}: add and remove corp tags on one follow relation. */
  void markTag(String userid, String externalUserId, Collection<String> add, Collection<String> remove);

  /**
   * {@code externalcontact/add_corp_tag}: adds tags to the group {@code groupId}, or to the group named
   * {@code groupName} (created when absent). Returns the group with the new tags' ids.
   */
  default TagGroup addCorpTags(String groupId, String groupName, Long groupOrder, List<NewTag> tags) {
    throw new UnsupportedOperationException("add_corp_tag");
  }

  /** {@code externalcontact/edit_corp_tag}: renames and/or reorders a tag or a group ({@code id}); null keeps. */
  default void editCorpTag(String id, String name, Long order) {
    throw new UnsupportedOperationException("edit_corp_tag");
  }

  /** {@code externalcontact/del_corp_tag}: deletes tags and whole groups (with their tags). */
  default void deleteCorpTags(Collection<String> tagIds, Collection<String> groupIds) {
    throw new UnsupportedOperationException("del_corp_tag");
  }

  /** A tag to create. */
  record NewTag(String name, Long order) {
  }
}
