package io.wescrm.core.tags.jdbc;

import io.wescrm.core.corp.TagGroup;
import io.wescrm.core.jdbc.JdbcTime;
import io.wescrm.core.jdbc.Placeholders;
import io.wescrm.core.remote.RemoteCorps;
import io.wescrm.core.remote.RemoteTags;
import io.wescrm.core.sync.CorpMirror;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Manages the corp tag library through WeCom (add/edit/del_corp_tag) and applies each change to our database at
 * once: WeCom sends no callback for API writes. WeCom is written first; if it refuses (quota 40126, name exists
 * 40071, not found), nothing changes here and the caller sees the {@link io.wescrm.core.remote.RemoteCallException}.
 */
public class JdbcCorpTagAdmin {

  private final JdbcTemplate jdbc;
  private final RemoteCorps remote;
  private final CorpMirror mirror;
  private final Clock clock;

  public JdbcCorpTagAdmin(JdbcTemplate jdbc, RemoteCorps remote, CorpMirror mirror, Clock clock) {
    this.jdbc = jdbc;
    this.remote = remote;
    this.mirror = mirror;
    this.clock = clock;
  }

  /** Creates tags in a group (an existing one by id, or one by name, created if needed). */
  public TagGroup create(String corpId, String groupId, String groupName, Long groupOrder,
      List<RemoteTags.NewTag> tags) {
    TagGroup group = remote.tags(corpId).addCorpTags(groupId, groupName, groupOrder, tags);
    // the answer holds only the new tags: keep the group's other tags as they are
    String name = group.name() != null ? group.name()
        : jdbc.queryForList("SELECT name FROM scrm_tag_group WHERE corp_id = ? AND group_id = ?", String.class,
            corpId, group.groupId()).stream().findFirst().orElse(groupName);
    Long order = groupOrder != null ? Long.valueOf(groupOrder) : jdbc.queryForList("SELECT sort_order FROM "
        + "scrm_tag_group WHERE corp_id = ? AND group_id = ?", Long.class, corpId, group.groupId()).stream()
        .findFirst().orElse(group.order());
    mirror.upsertTagGroups(corpId, null, List.of(new TagGroup(group.groupId(), name, order, group.createdAt(),
        group.tags())), clock.instant());
    return group;
  }

  /** Renames and/or reorders a tag; false when we do not know the tag. */
  public boolean editTag(String corpId, String tagId, String name, Long order) {
    if (!exists(corpId, "scrm_tag", "tag_id", tagId)) {
      return false;
    }
    remote.tags(corpId).editCorpTag(tagId, name, order);
    jdbc.update("UPDATE scrm_tag SET name = COALESCE(?, name), sort_order = COALESCE(?, sort_order), "
        + "updated_at = ? WHERE corp_id = ? AND tag_id = ?", name, order, now(), corpId, tagId);
    return true;
  }

  /** Renames and/or reorders a group; false when we do not know the group. */
  public boolean editGroup(String corpId, String groupId, String name, Long order) {
    if (!exists(corpId, "scrm_tag_group", "group_id", groupId)) {
      return false;
    }
    remote.tags(corpId).editCorpTag(groupId, name, order);
    jdbc.update("UPDATE scrm_tag_group SET name = COALESCE(?, name), sort_order = COALESCE(?, sort_order), "
        + "updated_at = ? WHERE corp_id = ? AND group_id = ?", name, order, now(), corpId, groupId);
    return true;
  }

  /** Deletes tags and whole groups: in WeCom, then here (with their assignments and queued pushes). */
  public void delete(String corpId, Collection<String> tagIds, Collection<String> groupIds) {
    remote.tags(corpId).deleteCorpTags(tagIds, groupIds);
    LocalDateTime now = now();
    for (String groupId : groupIds) {
      jdbc.update("UPDATE scrm_tag_group SET deleted_at = ?, updated_at = ? WHERE corp_id = ? AND group_id = ? "
          + "AND deleted_at IS NULL", now, now, corpId, groupId);
      jdbc.update("UPDATE scrm_tag SET deleted_at = ?, updated_at = ? WHERE corp_id = ? AND group_id = ? "
          + "AND deleted_at IS NULL", now, now, corpId, groupId);
    }
    for (String tagId : tagIds) {
      jdbc.update("UPDATE scrm_tag SET deleted_at = ?, updated_at = ? WHERE corp_id = ? AND tag_id = ? "
          + "AND deleted_at IS NULL", now, now, corpId, tagId);
    }
    // WeCom deletes a group with its last tag
    jdbc.update("UPDATE scrm_tag_group SET deleted_at = ?, updated_at = ? WHERE corp_id = ? AND deleted_at IS NULL "
        + "AND NOT EXISTS (SELECT 1 FROM scrm_tag t WHERE t.corp_id = scrm_tag_group.corp_id "
        + "AND t.group_id = scrm_tag_group.group_id AND t.deleted_at IS NULL)", now, now, corpId);
    jdbc.update("DELETE FROM scrm_follow_tag WHERE corp_id = ? AND tag_id IN (SELECT tag_id FROM scrm_tag "
        + "WHERE corp_id = ? AND deleted_at IS NOT NULL)", corpId, corpId);
    jdbc.update("DELETE FROM scrm_tag_push WHERE corp_id = ? AND tag_id IN (SELECT tag_id FROM scrm_tag "
        + "WHERE corp_id = ? AND deleted_at IS NOT NULL)", corpId, corpId);
  }

  /** Whether a tag exists and is not deleted. */
  /** The staff members who follow the customer now (live relations). */
  public List<String> followers(String corpId, String externalUserId) {
    return jdbc.queryForList("SELECT userid FROM scrm_follow_relation WHERE corp_id = ? AND external_userid = ? "
        + "AND deleted_at IS NULL", String.class, corpId, externalUserId);
  }

  public boolean liveTag(String corpId, String tagId) {
    Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM scrm_tag WHERE corp_id = ? AND tag_id = ? "
        + "AND deleted_at IS NULL", Integer.class, corpId, tagId);
    return n != null && n > 0;
  }
  /** Which of the tag ids exist and are not deleted, in one query (a rule or audience names at most a few thousand). */
  public Set<String> liveTags(String corpId, Set<String> tagIds) {
    if (tagIds.isEmpty()) {
      return Set.of();
    }
    List<Object> args = new ArrayList<>(List.of(corpId));
    args.addAll(tagIds);
    return new HashSet<>(jdbc.queryForList("SELECT tag_id FROM scrm_tag WHERE corp_id = ? AND deleted_at IS NULL AND "
        + "tag_id IN (" + Placeholders.marks(tagIds.size()) + ")", String.class, args.toArray()));
  }


  private boolean exists(String corpId, String table, String column, String id) {
    Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM " + table + " WHERE corp_id = ? AND " + column
        + " = ? AND deleted_at IS NULL", Integer.class, corpId, id);
    return n != null && n > 0;
  }

  private LocalDateTime now() {
    return JdbcTime.ts(clock.instant());
  }
}
