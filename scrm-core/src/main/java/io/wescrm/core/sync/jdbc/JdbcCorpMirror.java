package io.wescrm.core.sync.jdbc;

import static io.wescrm.core.jdbc.JdbcTime.ts;
import static io.wescrm.core.jdbc.Placeholders.bind;
import static io.wescrm.core.jdbc.Placeholders.marks;

import io.wescrm.core.corp.Customer;
import io.wescrm.core.corp.CustomerFollow;
import io.wescrm.core.corp.Department;
import io.wescrm.core.corp.FollowRelation;
import io.wescrm.core.corp.GroupChat;
import io.wescrm.core.corp.GroupMember;
import io.wescrm.core.corp.StaffMember;
import io.wescrm.core.corp.Tag;
import io.wescrm.core.corp.TagGroup;
import io.wescrm.core.jdbc.DeadlockRetry;
import io.wescrm.core.jdbc.MultiRowInsert;
import io.wescrm.core.jdbc.Upsert;
import io.wescrm.core.sync.CorpMirror;
import io.wescrm.core.sync.SyncScope;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

/** {@link CorpMirror} over plain JDBC: multi-row upserts in key order, retried when picked as deadlock victims or timed out on a lock. */
public class JdbcCorpMirror implements CorpMirror {

  private static final int ROWS_PER_STATEMENT = MultiRowInsert.ROWS_PER_STATEMENT;

  private static final Upsert DEPARTMENT = new Upsert("scrm_department",
      List.of("corp_id", "dept_id", "name", "parent_id", "sort_order", "deleted_at", "last_seen_run", "updated_at"),
      List.of("name", "parent_id", "sort_order", "deleted_at"), List.of("last_seen_run"));
  private static final Upsert STAFF = new Upsert("scrm_staff",
      List.of("corp_id", "userid", "name", "department_ids", "main_department", "position", "status",
          "contact_enabled", "deleted_at", "last_seen_run", "updated_at"),
      List.of("name", "department_ids", "main_department", "position", "status", "contact_enabled", "deleted_at"),
      List.of("last_seen_run"));
  private static final Upsert TAG_GROUP = new Upsert("scrm_tag_group",
      List.of("corp_id", "group_id", "name", "sort_order", "wecom_created_at", "deleted_at", "last_seen_run",
          "updated_at"),
      List.of("name", "sort_order", "wecom_created_at", "deleted_at"), List.of("last_seen_run"));
  private static final Upsert TAG = new Upsert("scrm_tag",
      List.of("corp_id", "tag_id", "group_id", "name", "sort_order", "wecom_created_at", "deleted_at",
          "last_seen_run", "updated_at"),
      List.of("group_id", "name", "sort_order", "wecom_created_at", "deleted_at"), List.of("last_seen_run"));
  private static final Upsert CUSTOMER = new Upsert("scrm_customer",
      List.of("corp_id", "external_userid", "name", "type", "gender", "unionid", "avatar", "position", "corp_name",
          "corp_full_name", "last_seen_run", "updated_at"),
      List.of("name", "type", "gender", "unionid", "avatar", "position", "corp_name", "corp_full_name"),
      List.of("last_seen_run"));
  private static final Upsert FOLLOW = new Upsert("scrm_follow_relation",
      List.of("corp_id", "userid", "external_userid", "remark", "description", "remark_corp_name", "remark_mobiles",
          "add_way", "state", "oper_userid", "added_at", "deleted_at", "deleted_by", "last_seen_run", "updated_at"),
      List.of("remark", "description", "remark_corp_name", "remark_mobiles", "add_way", "state", "oper_userid",
          "added_at", "deleted_at", "deleted_by"),
      List.of("last_seen_run"));
  private static final Upsert FOLLOW_KEEPING_LATER_DELETIONS = FOLLOW.keeping(List.of("deleted_at", "deleted_by"),
      "deleted_at IS NOT NULL AND deleted_at >= ?");
  /** A follow_tag row (alias-free, in a DELETE) with no change waiting in the WeCom push queue. */
  /** Rows neither this run nor anything else touched since the run began (params: run id, run start). */
  private static final String UNSEEN = " AND (last_seen_run IS NULL OR last_seen_run < ?) AND updated_at < ?";
  private static final String NOT_QUEUED = "NOT EXISTS (SELECT 1 FROM scrm_tag_push p WHERE p.corp_id = "
      + "scrm_follow_tag.corp_id AND p.userid = scrm_follow_tag.userid AND p.external_userid = "
      + "scrm_follow_tag.external_userid AND p.tag_id = scrm_follow_tag.tag_id AND p.status = 'PENDING')";
  /** As NOT_QUEUED, and not sent to WeCom at or after the bound instant (a page fetched before cannot show it). */
  private static final String NOT_QUEUED_OR_SENT_SINCE = "NOT EXISTS (SELECT 1 FROM scrm_tag_push p WHERE "
      + "p.corp_id = scrm_follow_tag.corp_id AND p.userid = scrm_follow_tag.userid AND p.external_userid = "
      + "scrm_follow_tag.external_userid AND p.tag_id = scrm_follow_tag.tag_id AND (p.status = 'PENDING' OR "
      + "(p.status = 'SENT' AND p.next_attempt_at >= ?)))";
  private static final Upsert FOLLOW_TAG = new Upsert("scrm_follow_tag",
      List.of("corp_id", "userid", "external_userid", "tag_id", "last_seen_run", "created_at"),
      List.of(), List.of("last_seen_run"));
  private static final Upsert GROUP_CHAT = new Upsert("scrm_group_chat",
      List.of("corp_id", "chat_id", "name", "owner", "notice", "status", "member_version", "member_count",
          "wecom_created_at", "dismissed_at", "last_seen_run", "updated_at"),
      List.of("name", "owner", "notice", "status", "member_version", "member_count", "wecom_created_at",
          "dismissed_at"),
      List.of("last_seen_run"));
  private static final Upsert GROUP_MEMBER = new Upsert("scrm_group_member",
      List.of("corp_id", "chat_id", "member_id", "member_type", "unionid", "join_time", "join_scene", "invitor",
          "group_nickname", "name", "is_admin", "left_at", "quit_scene", "state", "last_seen_run", "updated_at"),
      List.of("member_type", "unionid", "join_time", "join_scene", "invitor", "group_nickname", "name", "is_admin",
          "left_at", "quit_scene", "state"),
      List.of("last_seen_run"));

  private final JdbcTemplate jdbc;

  public JdbcCorpMirror(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public void ensureCorp(String corpId, String name) {
    DeadlockRetry.run("Mirror write", () -> jdbc.update(
        "INSERT INTO scrm_corp (corp_id, name) VALUES (?, ?) ON DUPLICATE KEY UPDATE name = VALUES(name)",
        corpId, name));
  }

  @Override
  public void upsertDepartments(String corpId, Long runId, List<Department> departments, Instant now) {
    LocalDateTime ts = ts(now);
    write(DEPARTMENT, sortedUnique(departments, d -> String.format("%020d", d.id())), d -> new Object[] {
        corpId, d.id(), d.name(), d.parentId(), d.order(), null, runId, ts});
  }

  @Override
  public void upsertStaff(String corpId, Long runId, List<StaffMember> staff, Set<String> contactEnabled,
      Instant now) {
    LocalDateTime ts = ts(now);
    write(STAFF, sortedUnique(staff, StaffMember::userid), s -> new Object[] {
        corpId, s.userid(), s.name(),
        s.departments().stream().map(String::valueOf).collect(Collectors.joining(",")),
        s.mainDepartment(), s.position(), s.status(), contactEnabled.contains(s.userid()) ? 1 : 0, null, runId, ts});
  }

  @Override
  public void upsertTagGroups(String corpId, Long runId, List<TagGroup> groups, Instant now) {
    LocalDateTime ts = ts(now);
    write(TAG_GROUP, sortedUnique(groups, TagGroup::groupId), g -> new Object[] {
        corpId, g.groupId(), g.name(), g.order(), ts(g.createdAt()), null, runId, ts});
    List<Tag> tags = groups.stream().flatMap(g -> g.tags().stream()).toList();
    write(TAG, sortedUnique(tags, Tag::tagId), t -> new Object[] {
        corpId, t.tagId(), t.groupId(), t.name(), t.order(), ts(t.createdAt()), null, runId, ts});
  }

  @Override
  public void upsertCustomerPage(String corpId, Long runId, List<CustomerFollow> items, Instant fetchedAt,
      Instant now) {
    LocalDateTime ts = ts(now);
    List<Customer> customers = sortedUnique(items.stream().map(CustomerFollow::customer).toList(),
        Customer::externalUserId);
    write(CUSTOMER, customers, c -> new Object[] {
        corpId, c.externalUserId(), c.name(), c.type(), c.gender(), c.unionid(), c.avatar(), c.position(),
        c.corpName(), c.corpFullName(), runId, ts});
    List<FollowRelation> follows = sortedUnique(items.stream().map(CustomerFollow::follow).toList(),
        f -> f.userid() + '\u0000' + f.externalUserId());
    // a deletion that happened after the page was fetched (event times have whole seconds) is kept
    write(FOLLOW_KEEPING_LATER_DELETIONS, follows, f -> new Object[] {
        corpId, f.userid(), f.externalUserId(), f.remark(), f.description(), f.remarkCorpName(),
        f.remarkMobiles().isEmpty() ? null : String.join(",", f.remarkMobiles()), f.addWay(), f.state(),
        f.operUserid(), ts(f.addedAt()), null, null, runId, ts}, fetchedAt == null ? null
            : ts(fetchedAt.minusSeconds(1)));
    List<String[]> followTags = new ArrayList<>();
    for (FollowRelation f : follows) {
      for (String tagId : f.tagIds()) {
        followTags.add(new String[] {f.userid(), f.externalUserId(), tagId});
      }
    }
    write(FOLLOW_TAG, sortedUnique(followTags, t -> t[0] + '\u0000' + t[1] + '\u0000' + t[2]),
        t -> new Object[] {corpId, t[0], t[1], t[2], runId, ts});
    if (runId == null) {
      // a re-fetch of one customer carries each relation's full tag list: tags removed in WeCom (the client, the
      // admin, another app) go here too, unless local-only, still queued for WeCom, or written after the page was
      // fetched (the page cannot have seen them: a channel tag queued and pushed while this fetch was in flight)
      for (FollowRelation f : follows) {
        List<Object> args = new ArrayList<>(List.of(corpId, f.userid(), f.externalUserId()));
        args.addAll(f.tagIds());
        if (fetchedAt != null) {
          args.add(ts(fetchedAt));
          args.add(ts(fetchedAt));
        }
        update("DELETE FROM scrm_follow_tag WHERE corp_id = ? AND userid = ? AND external_userid = ? "
            + "AND local_only = 0" + (f.tagIds().isEmpty() ? "" : " AND tag_id NOT IN (" + marks(f.tagIds().size())
            + ")") + (fetchedAt == null ? " AND " + NOT_QUEUED : " AND created_at < ? AND " + NOT_QUEUED_OR_SENT_SINCE),
            args);
      }
    }
  }

  @Override
  public void upsertGroupChats(String corpId, Long runId, List<GroupChat> chats, Instant now) {
    LocalDateTime ts = ts(now);
    List<GroupChat> sorted = sortedUnique(chats, GroupChat::chatId);
    write(GROUP_CHAT, sorted, g -> new Object[] {
        corpId, g.chatId(), g.name(), g.owner(), g.notice(), g.status(), g.memberVersion(), g.members().size(),
        ts(g.createdAt()), null, runId, ts});
    List<Object[]> members = new ArrayList<>();
    for (GroupChat g : sorted) {
      for (GroupMember m : sortedUnique(g.members(), GroupMember::memberId)) {
        members.add(new Object[] {
            corpId, g.chatId(), m.memberId(), m.type(), m.unionid(), ts(m.joinTime()), m.joinScene(), m.invitor(),
            m.groupNickname(), m.name(), m.admin() ? 1 : 0, null, null, blankToNull(m.state()), runId, ts});
      }
    }
    write(GROUP_MEMBER, members, Function.identity());
  }

  @Override
  public int sweepUnseen(String corpId, long runId, Instant runStartedAt, Collection<String> unlicensedUserids,
      SyncScope scope, Instant now) {
    LocalDateTime ts = ts(now);
    // only rows that neither this run nor anything else (callbacks) touched since the run began are swept
    List<Object> base = List.of(corpId, runId, ts(runStartedAt));
    int n = 0;
    if (scope.all()) {
      String keep = unlicensedUserids.isEmpty() ? "" : " AND userid NOT IN (" + marks(unlicensedUserids.size()) + ")";
      n += sweepStaffRows(ts, base, keep, unlicensedUserids);
      n += update("UPDATE scrm_group_member SET left_at = ?, updated_at = ? WHERE corp_id = ? AND left_at IS NULL"
          + UNSEEN, concat(List.of(ts, ts), base, List.of()));
      n += update("UPDATE scrm_group_chat SET dismissed_at = ?, updated_at = ? WHERE corp_id = ? "
          + "AND dismissed_at IS NULL" + UNSEEN, concat(List.of(ts, ts), base, List.of()));
    } else {
      // a slice: only the relations, tag assignments and staff of the slice's members of staff; group chats of the
      // slice were verified one by one by the run, so only members of the groups it saw are swept here
      Set<String> skip = Set.copyOf(unlicensedUserids);
      List<String> users = new ArrayList<>();
      jdbc.query("SELECT DISTINCT userid FROM scrm_follow_relation WHERE corp_id = ? AND deleted_at IS NULL",
          (RowCallbackHandler) rs -> users.add(rs.getString(1)), corpId);
      jdbc.query("SELECT userid FROM scrm_staff WHERE corp_id = ? AND deleted_at IS NULL",
          (RowCallbackHandler) rs -> users.add(rs.getString(1)), corpId);
      List<String> covered = users.stream().distinct().filter(scope::covers).filter(u -> !skip.contains(u))
          .sorted().toList();
      for (int i = 0; i < covered.size(); i += 500) {
        List<String> chunk = covered.subList(i, Math.min(covered.size(), i + 500));
        n += sweepStaffRows(ts, base, " AND userid IN (" + marks(chunk.size()) + ")", chunk);
      }
      n += update("UPDATE scrm_group_member SET left_at = ?, updated_at = ? WHERE corp_id = ? AND left_at IS NULL"
          + UNSEEN + " AND chat_id IN (SELECT chat_id FROM scrm_group_chat WHERE corp_id = ? AND last_seen_run = ?)",
          concat(List.of(ts, ts), concat(base, List.of(corpId, runId), List.of()), List.of()));
    }
    for (String table : List.of("scrm_tag", "scrm_tag_group", "scrm_department")) {
      n += update("UPDATE " + table + " SET deleted_at = ?, updated_at = ? WHERE corp_id = ? AND deleted_at IS NULL"
          + UNSEEN, concat(List.of(ts, ts), base, List.of()));
    }
    return n;
  }

  /** Relations, WeCom tag assignments and staff that the run did not see, restricted by {@code filter}. */
  private int sweepStaffRows(LocalDateTime ts, List<Object> base, String filter, Collection<String> filterArgs) {
    int n = 0;
    n += update("UPDATE scrm_follow_relation SET deleted_at = ?, deleted_by = 'SYNC', updated_at = ? "
        + "WHERE corp_id = ? AND deleted_at IS NULL" + UNSEEN + filter, concat(List.of(ts, ts), base, filterArgs));
    // WeCom's truth wins: whoever added a synced tag (rule, channel, operator), if WeCom no longer has it, it goes;
    // local-only tags, tags still waiting in the push queue and tags pushed since the run began (its page may have
    // been read before the push) stay
    n += update("DELETE FROM scrm_follow_tag WHERE corp_id = ? AND local_only = 0 "
        + "AND (last_seen_run IS NULL OR last_seen_run < ?) AND created_at < ?" + filter + " AND "
        + NOT_QUEUED_OR_SENT_SINCE, sentSince(concat(List.of(), base, filterArgs), base.get(2)));
    n += update("UPDATE scrm_staff SET deleted_at = ?, contact_enabled = 0, updated_at = ? WHERE corp_id = ? "
        + "AND deleted_at IS NULL" + UNSEEN + filter, concat(List.of(ts, ts), base, filterArgs));
    return n;
  }

  @Override
  public List<String> unseenGroupsOwnedBy(String corpId, long runId, Instant runStartedAt, SyncScope scope) {
    List<String> ids = new ArrayList<>();
    jdbc.query("SELECT chat_id, owner FROM scrm_group_chat WHERE corp_id = ? AND dismissed_at IS NULL "
        + "AND (last_seen_run IS NULL OR last_seen_run < ?) AND updated_at < ?", (RowCallbackHandler) rs -> {
          String owner = rs.getString(2);
          if (owner != null && scope.covers(owner)) {
            ids.add(rs.getString(1));
          }
        }, corpId, runId, ts(runStartedAt));
    return ids;
  }

  @Override
  public int dismissGroup(String corpId, String chatId, Instant now) {
    LocalDateTime ts = ts(now);
    int n = update("UPDATE scrm_group_chat SET dismissed_at = ?, updated_at = ? WHERE corp_id = ? AND chat_id = ? "
        + "AND dismissed_at IS NULL", List.of(ts, ts, corpId, chatId));
    n += update("UPDATE scrm_group_member SET left_at = ?, updated_at = ? WHERE corp_id = ? AND chat_id = ? "
        + "AND left_at IS NULL", List.of(ts, ts, corpId, chatId));
    return n;
  }

  @Override
  public int closeMissingFollows(String corpId, String externalUserId, Collection<String> currentUserids,
      Instant now) {
    LocalDateTime ts = ts(now);
    List<Object> args = new ArrayList<>(List.of(ts, ts, corpId, externalUserId));
    args.addAll(currentUserids);
    String keep = currentUserids.isEmpty() ? ""
        : " AND userid NOT IN (" + marks(currentUserids.size()) + ")";
    int n = update("UPDATE scrm_follow_relation SET deleted_at = ?, deleted_by = 'SYNC', updated_at = ? "
        + "WHERE corp_id = ? AND external_userid = ? AND deleted_at IS NULL" + keep, args);
    List<Object> tagArgs = new ArrayList<>(List.of(corpId, externalUserId));
    tagArgs.addAll(currentUserids);
    update("DELETE FROM scrm_follow_tag WHERE corp_id = ? AND external_userid = ? AND local_only = 0" + keep,
        tagArgs);
    return n;
  }

  @Override
  public int closeMissingMembers(String corpId, String chatId, Collection<String> currentMemberIds, Instant now) {
    LocalDateTime ts = ts(now);
    List<Object> args = new ArrayList<>(List.of(ts, ts, corpId, chatId));
    args.addAll(currentMemberIds);
    String keep = currentMemberIds.isEmpty() ? ""
        : " AND member_id NOT IN (" + marks(currentMemberIds.size()) + ")";
    return update("UPDATE scrm_group_member SET left_at = ?, updated_at = ? WHERE corp_id = ? AND chat_id = ? "
        + "AND left_at IS NULL" + keep, args);
  }

  @Override
  public int closeMissingTags(String corpId, Collection<String> tagIds, Collection<String> groupIds, Instant now) {
    LocalDateTime ts = ts(now);
    int n = 0;
    List<Object> args = new ArrayList<>(List.of(ts, ts, corpId));
    args.addAll(tagIds);
    n += update("UPDATE scrm_tag SET deleted_at = ?, updated_at = ? WHERE corp_id = ? AND deleted_at IS NULL"
        + (tagIds.isEmpty() ? "" : " AND tag_id NOT IN (" + marks(tagIds.size()) + ")"), args);
    List<Object> groupArgs = new ArrayList<>(List.of(ts, ts, corpId));
    groupArgs.addAll(groupIds);
    n += update("UPDATE scrm_tag_group SET deleted_at = ?, updated_at = ? WHERE corp_id = ? AND deleted_at IS NULL"
        + (groupIds.isEmpty() ? "" : " AND group_id NOT IN (" + marks(groupIds.size()) + ")"), groupArgs);
    update("DELETE FROM scrm_follow_tag WHERE corp_id = ? AND tag_id IN (SELECT tag_id FROM scrm_tag WHERE "
        + "corp_id = ? AND deleted_at IS NOT NULL)", List.of(corpId, corpId));
    return n;
  }

  @Override
  public long customersSeen(String corpId, long runId) {
    Long n = jdbc.queryForObject("SELECT COUNT(*) FROM scrm_customer WHERE corp_id = ? AND last_seen_run = ?",
        Long.class, corpId, runId);
    return n == null ? 0 : n;
  }

  @Override
  public long changedSince(String corpId, long runId, Instant since) {
    LocalDateTime ts = ts(since);
    long total = 0;
    for (String table : List.of("scrm_department", "scrm_staff", "scrm_tag_group", "scrm_tag", "scrm_customer",
        "scrm_follow_relation", "scrm_group_chat", "scrm_group_member")) {
      Long n = jdbc.queryForObject("SELECT COUNT(*) FROM " + table + " WHERE corp_id = ? AND last_seen_run = ? "
          + "AND updated_at >= ?", Long.class, corpId, runId, ts);
      total += n == null ? 0 : n;
    }
    Long tags = jdbc.queryForObject("SELECT COUNT(*) FROM scrm_follow_tag WHERE corp_id = ? AND last_seen_run = ? "
        + "AND created_at >= ?", Long.class, corpId, runId, ts);
    return total + (tags == null ? 0 : tags);
  }

  private int update(String sql, List<Object> args) {
    Object[] values = args.toArray();
    return DeadlockRetry.run("Mirror write", () -> jdbc.update(sql, ps -> bind(ps, values)));
  }

  /** The sweep's parameters: leading SET values, then corp, run, run-start stamp, then the kept userids. */
  /** The arguments followed by the bound of {@link #NOT_QUEUED_OR_SENT_SINCE}. */
  private static List<Object> sentSince(List<Object> args, Object since) {
    List<Object> all = new ArrayList<>(args);
    all.add(since);
    return all;
  }

  private static List<Object> concat(List<Object> set, List<Object> base, Collection<String> keep) {
    List<Object> all = new ArrayList<>(set);
    all.addAll(base);
    all.addAll(keep);
    return all;
  }

  private <T> void write(Upsert upsert, List<T> rows, Function<T, Object[]> binder) {
    write(upsert, rows, binder, null);
  }

  private <T> void write(Upsert upsert, List<T> rows, Function<T, Object[]> binder, Object guard) {
    for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
      List<T> chunk = rows.subList(from, Math.min(rows.size(), from + ROWS_PER_STATEMENT));
      Object[] args = new Object[chunk.size() * upsert.width() + upsert.guardParameters()];
      int i = 0;
      for (T row : chunk) {
        Object[] values = binder.apply(row);
        System.arraycopy(values, 0, args, i, values.length);
        i += values.length;
      }
      while (i < args.length) {
        args[i++] = guard;
      }
      String sql = upsert.sql(chunk.size());
      DeadlockRetry.run("Mirror write", () -> jdbc.update(sql, ps -> bind(ps, args)));
    }
  }

  /** Rows in key order (consistent lock order across concurrent writers), the last of equal keys winning. */
  private static <T> List<T> sortedUnique(List<T> rows, Function<T, String> key) {
    Map<String, T> byKey = new LinkedHashMap<>();
    for (T row : rows) {
      byKey.put(key.apply(row), row);
    }
    List<Map.Entry<String, T>> entries = new ArrayList<>(byKey.entrySet());
    entries.sort(Map.Entry.comparingByKey(Comparator.naturalOrder()));
    return entries.stream().map(Map.Entry::getValue).toList();
  }


  private static String blankToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
