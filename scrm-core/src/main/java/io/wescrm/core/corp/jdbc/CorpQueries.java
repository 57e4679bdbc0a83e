package io.wescrm.core.corp.jdbc;

import static io.wescrm.core.jdbc.JdbcTime.instant;

import com.baomidou.mybatisplus.core.conditions.query.QueryWrapper;
import com.baomidou.mybatisplus.extension.plugins.pagination.Page;
import io.wescrm.core.corp.CustomerFilter;
import io.wescrm.core.corp.Views;
import io.wescrm.core.corp.Views.CustomerDetail;
import io.wescrm.core.corp.Views.CustomerSummary;
import io.wescrm.core.corp.Views.FollowView;
import io.wescrm.core.corp.Views.GroupDetail;
import io.wescrm.core.corp.Views.GroupSummary;
import io.wescrm.core.corp.Views.MemberView;
import io.wescrm.core.corp.Views.StaffView;
import io.wescrm.core.corp.Views.TagView;
import io.wescrm.core.corp.jdbc.mapper.CustomerMapper;
import io.wescrm.core.corp.jdbc.mapper.DepartmentMapper;
import io.wescrm.core.corp.jdbc.mapper.FollowRelationMapper;
import io.wescrm.core.corp.jdbc.mapper.FollowTagMapper;
import io.wescrm.core.corp.jdbc.mapper.GroupChatMapper;
import io.wescrm.core.corp.jdbc.mapper.GroupMemberMapper;
import io.wescrm.core.corp.jdbc.mapper.StaffMapper;
import io.wescrm.core.corp.jdbc.mapper.TagGroupMapper;
import io.wescrm.core.corp.jdbc.mapper.TagMapper;
import io.wescrm.core.corp.jdbc.row.CustomerRow;
import io.wescrm.core.corp.jdbc.row.DepartmentRow;
import io.wescrm.core.corp.jdbc.row.FollowRelationRow;
import io.wescrm.core.corp.jdbc.row.FollowTagRow;
import io.wescrm.core.corp.jdbc.row.GroupChatRow;
import io.wescrm.core.corp.jdbc.row.GroupMemberRow;
import io.wescrm.core.corp.jdbc.row.StaffRow;
import io.wescrm.core.corp.jdbc.row.TagGroupRow;
import io.wescrm.core.corp.jdbc.row.TagRow;
import io.wescrm.core.jdbc.Placeholders;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Read queries behind the API: paginated, filtered, a bounded number of statements per page. */
public class CorpQueries {

  /** Largest page size served. */
  public static final int MAX_PAGE_SIZE = 200;

  private final CustomerMapper customers;
  private final FollowRelationMapper follows;
  private final FollowTagMapper followTags;
  private final TagMapper tags;
  private final TagGroupMapper tagGroups;
  private final StaffMapper staff;
  private final GroupChatMapper groups;
  private final GroupMemberMapper members;
  private final DepartmentMapper departments;

  public CorpQueries(CustomerMapper customers, FollowRelationMapper follows, FollowTagMapper followTags,
      TagMapper tags, TagGroupMapper tagGroups, StaffMapper staff, GroupChatMapper groups,
      GroupMemberMapper members, DepartmentMapper departments) {
    this.departments = departments;
    this.customers = customers;
    this.follows = follows;
    this.followTags = followTags;
    this.tags = tags;
    this.tagGroups = tagGroups;
    this.staff = staff;
    this.groups = groups;
    this.members = members;
  }

  public Views.Page<CustomerSummary> customers(String corpId, CustomerFilter filter, long page, long size) {
    QueryWrapper<CustomerRow> q = new QueryWrapper<CustomerRow>().eq("corp_id", corpId);
    List<Object> args = new ArrayList<>();
    StringBuilder rel = new StringBuilder("SELECT 1 FROM scrm_follow_relation f WHERE f.corp_id = scrm_customer.corp_id "
        + "AND f.external_userid = scrm_customer.external_userid");
    if (filter.userid() != null) {
      args.add(filter.userid());
      rel.append(" AND f.userid = {").append(args.size() - 1).append('}');
    }
    if (filter.state() != null) {
      args.add(filter.state());
      rel.append(" AND f.state = {").append(args.size() - 1).append('}');
    }
    if (filter.addedFrom() != null) {
      args.add(Timestamp.from(filter.addedFrom()));
      rel.append(" AND f.added_at >= {").append(args.size() - 1).append('}');
    }
    if (filter.addedTo() != null) {
      args.add(Timestamp.from(filter.addedTo()));
      rel.append(" AND f.added_at < {").append(args.size() - 1).append('}');
    }
    userIn(rel, args, filter.staffScope());
    userIn(rel, args, filter.storeStaff());
    switch (filter.relation()) {
      case ACTIVE -> q.apply("EXISTS (" + rel + " AND f.deleted_at IS NULL)", args.toArray());
      case DELETED -> {
        q.apply("EXISTS (" + rel + ")", args.toArray());
        q.apply("NOT EXISTS (SELECT 1 FROM scrm_follow_relation a WHERE a.corp_id = scrm_customer.corp_id "
            + "AND a.external_userid = scrm_customer.external_userid AND a.deleted_at IS NULL)");
      }
      default -> {
        if (!args.isEmpty() || filter.staffScope() != null || filter.storeStaff() != null) {
          q.apply("EXISTS (" + rel + ")", args.toArray());
        }
      }
    }
    if (CustomerFilter.NO_STAGE.equals(filter.stage())) {
      q.isNull("lifecycle_stage");
    } else if (filter.stage() != null) {
      q.eq("lifecycle_stage", filter.stage());
    }
    if (!filter.tagIds().isEmpty()) {
      String in = Placeholders.indexed(filter.tagIds().size());
      q.apply("EXISTS (SELECT 1 FROM scrm_follow_tag t WHERE t.corp_id = scrm_customer.corp_id "
          + "AND t.external_userid = scrm_customer.external_userid AND t.tag_id IN (" + in + "))",
          filter.tagIds().toArray());
    }
    if (filter.keyword() != null && !filter.keyword().isBlank()) {
      String keyword = filter.keyword().trim();
      q.and(w -> w.like("name", keyword).or().eq("external_userid", keyword));
    }
    q.orderByAsc("id");
    Page<CustomerRow> result = customers.selectPage(new Page<>(page, clamp(size)), q);
    List<CustomerRow> rows = result.getRecords();
    List<String> ids = rows.stream().map(r -> r.externalUserid).toList();
    Map<String, List<FollowRelationRow>> followsByCustomer = ids.isEmpty() ? Map.of()
        : follows.selectList(new QueryWrapper<FollowRelationRow>().eq("corp_id", corpId).in("external_userid", ids))
            .stream().collect(Collectors.groupingBy(f -> f.externalUserid));
    Map<String, List<FollowTagRow>> tagsByCustomer = ids.isEmpty() ? Map.of()
        : followTags.selectList(new QueryWrapper<FollowTagRow>().eq("corp_id", corpId).in("external_userid", ids))
            .stream().collect(Collectors.groupingBy(t -> t.externalUserid));
    TagNames names = tagNames(corpId, tagsByCustomer.values().stream().flatMap(List::stream).map(t -> t.tagId)
        .collect(Collectors.toSet()));
    List<CustomerSummary> items = rows.stream().map(c -> {
      List<FollowRelationRow> fs = followsByCustomer.getOrDefault(c.externalUserid, List.of());
      Map<String, TagView> distinct = new LinkedHashMap<>();
      for (FollowTagRow t : tagsByCustomer.getOrDefault(c.externalUserid, List.of())) {
        distinct.putIfAbsent(t.tagId, names.view(t));
      }
      return new CustomerSummary(c.externalUserid, c.name, c.type, c.gender, c.unionid, c.avatar, c.corpName,
          c.lifecycleStage, fs.stream().map(f -> f.addedAt).filter(java.util.Objects::nonNull)
              .min(Comparator.naturalOrder()).map(t -> instant(t)).orElse(null),
          fs.stream().filter(f -> f.deletedAt == null).map(f -> f.userid)
              .filter(u -> filter.staffScope() == null || filter.staffScope().contains(u)).sorted().toList(),
          List.copyOf(distinct.values()));
    }).toList();
    return new Views.Page<>(items, result.getCurrent(), result.getSize(), result.getTotal());
  }

  /** {@code AND f.userid IN ({i}, …)} of a relation condition; {@code AND 1 = 0} for an empty set; none for null. */
  private static void userIn(StringBuilder rel, List<Object> args, Set<String> userids) {
    if (userids == null) {
      return;
    }
    if (userids.isEmpty()) {
      rel.append(" AND 1 = 0");
      return;
    }
    rel.append(" AND f.userid IN (");
    String sep = "";
    for (String userid : userids.stream().sorted().toList()) {
      args.add(userid);
      rel.append(sep).append('{').append(args.size() - 1).append('}');
      sep = ", ";
    }
    rel.append(')');
  }

  public Optional<CustomerDetail> customer(String corpId, String externalUserId) {
    return customer(corpId, externalUserId, null);
  }

  /**
   * A customer by id; with a {@code staffScope} (a store manager's staff) only one with a live relation to one of
   * them (otherwise empty, as if it did not exist).
   */
  public Optional<CustomerDetail> customer(String corpId, String externalUserId, Collection<String> staffScope) {
    CustomerRow c = customers.selectOne(new QueryWrapper<CustomerRow>().eq("corp_id", corpId)
        .eq("external_userid", externalUserId));
    if (c == null) {
      return Optional.empty();
    }
    if (staffScope != null && (staffScope.isEmpty() || follows.selectCount(new QueryWrapper<FollowRelationRow>()
        .eq("corp_id", corpId).eq("external_userid", externalUserId).isNull("deleted_at")
        .in("userid", staffScope)) == 0)) {
      return Optional.empty();
    }
    // a store manager sees the customer's relations with their own staff only (not who else serves it)
    List<FollowRelationRow> fs = follows.selectList(new QueryWrapper<FollowRelationRow>().eq("corp_id", corpId)
        .eq("external_userid", externalUserId).in(staffScope != null, "userid", staffScope)
        .orderByAsc("added_at"));
    Map<String, List<FollowTagRow>> tagsByUser = followTags.selectList(new QueryWrapper<FollowTagRow>()
        .eq("corp_id", corpId).eq("external_userid", externalUserId).in(staffScope != null, "userid", staffScope))
        .stream()
        .collect(Collectors.groupingBy(t -> t.userid));
    TagNames names = tagNames(corpId, tagsByUser.values().stream().flatMap(List::stream).map(t -> t.tagId)
        .collect(Collectors.toSet()));
    Map<String, String> staffNames = staffNames(corpId, fs.stream().map(f -> f.userid).toList());
    List<FollowView> views = fs.stream().map(f -> new FollowView(f.userid, staffNames.get(f.userid), f.remark,
        f.description, f.remarkCorpName, split(f.remarkMobiles), f.addWay, f.state, f.operUserid,
        instant(f.addedAt), instant(f.deletedAt), f.deletedBy,
        tagsByUser.getOrDefault(f.userid, List.of()).stream().map(names::view)
            .sorted(Comparator.comparing(TagView::tagId)).toList())).toList();
    return Optional.of(new CustomerDetail(c.externalUserid, c.name, c.type, c.gender, c.unionid, c.avatar,
        c.position, c.corpName, c.corpFullName, c.lifecycleStage, instant(c.updatedAt), views));
  }

  /**
   * A customer's own events for its timeline, newest first, at most {@code limit} of each kind: relations added and
   * deleted, tags set by a rule, a channel or an operator (WeCom's own tags have no time of their own here), group
   * joins and leaves. With a {@code staffScope} (a store manager's staff) only the events of those staff's relations
   * and groups. Staff names are not filled in (the caller names every event at once, {@link #staffNames}).
   */
  public List<Views.TimelineEvent> customerEvents(String corpId, String externalUserId,
      Collection<String> staffScope, int limit) {
    List<Views.TimelineEvent> out = new ArrayList<>();
    if (staffScope != null && staffScope.isEmpty()) {
      return out;
    }
    for (FollowRelationRow f : follows.selectList(new QueryWrapper<FollowRelationRow>().eq("corp_id", corpId)
        .eq("external_userid", externalUserId).in(staffScope != null, "userid", staffScope)
        .orderByDesc("added_at").last("LIMIT " + limit))) {
      if (f.addedAt != null) {
        out.add(new Views.TimelineEvent(instant(f.addedAt), "FOLLOW_ADDED", "添加为好友",
            f.state == null || f.state.isEmpty() ? null : "渠道：" + f.state, f.userid, null, f.state));
      }
      if (f.deletedAt != null) {
        out.add(new Views.TimelineEvent(instant(f.deletedAt), "FOLLOW_DELETED", switch (String.valueOf(f.deletedBy)) {
          case "CUSTOMER" -> "客户删除了员工";
          case "STAFF" -> "员工删除了客户";
          case "TRANSFER" -> "客户已转接给其他员工";
          default -> "好友关系已不存在";
        }, null, f.userid, null, f.deletedBy));
      }
    }
    List<FollowTagRow> tagRows = followTags.selectList(new QueryWrapper<FollowTagRow>().eq("corp_id", corpId)
        .eq("external_userid", externalUserId).ne("source", "WECOM").in(staffScope != null, "userid", staffScope)
        .orderByDesc("created_at").last("LIMIT " + limit));
    TagNames names = tagNames(corpId, tagRows.stream().map(t -> t.tagId).collect(Collectors.toSet()));
    for (FollowTagRow t : tagRows) {
      TagView v = names.view(t);
      String tag = v.name() == null ? t.tagId : (v.groupName() == null ? "" : v.groupName() + " / ") + v.name();
      String by = switch (t.source) {
        case "RULE" -> "自动标签规则" + (t.sourceRef == null ? "" : " #" + t.sourceRef.split(":")[0]);
        case "CHANNEL" -> "渠道活码" + (t.sourceRef == null ? "" : "（" + t.sourceRef + "）");
        case "OPERATOR" -> "运营手动" + (t.sourceRef == null ? "" : "（" + t.sourceRef + "）");
        default -> t.source;
      };
      out.add(new Views.TimelineEvent(instant(t.createdAt), "TAG_SET", "打上标签「" + tag + "」", "来源：" + by,
          t.userid, null, t.sourceRef));
    }
    List<GroupMemberRow> memberships = members.selectList(new QueryWrapper<GroupMemberRow>().eq("corp_id", corpId)
        .eq("member_id", externalUserId).orderByDesc("join_time").last("LIMIT " + limit));
    if (!memberships.isEmpty()) {
      Map<String, GroupChatRow> chats = groups.selectList(new QueryWrapper<GroupChatRow>().eq("corp_id", corpId)
          .in("chat_id", memberships.stream().map(m -> m.chatId).distinct().toList())).stream()
          .collect(Collectors.toMap(g -> g.chatId, Function.identity()));
      for (GroupMemberRow m : memberships) {
        GroupChatRow g = chats.get(m.chatId);
        if (staffScope != null && (g == null || !staffScope.contains(g.owner))) {
          continue;
        }
        String name = g == null || g.name == null || g.name.isEmpty() ? "未命名群" : g.name;
        String owner = g == null ? null : g.owner;
        if (m.joinTime != null) {
          out.add(new Views.TimelineEvent(instant(m.joinTime), "GROUP_JOINED", "加入客户群「" + name + "」",
              switch (m.joinScene == null ? -1 : m.joinScene) {
                case 1 -> "群成员直接邀请";
                case 2 -> "通过邀请链接";
                case 3 -> "扫描群二维码";
                default -> null;
              }, owner, null, m.chatId));
        }
        if (m.leftAt != null) {
          out.add(new Views.TimelineEvent(instant(m.leftAt), "GROUP_LEFT", "退出客户群「" + name + "」",
              m.quitScene != null && m.quitScene == 1 ? "被移出群" : null, owner, null, m.chatId));
        }
      }
    }
    return out;
  }

  /** Names of staff by userid (those with a name); deleted staff keep theirs. */
  public Map<String, String> staffNames(String corpId, Collection<String> userids) {
    if (userids.isEmpty()) {
      return Map.of();
    }
    return staff.selectList(new QueryWrapper<StaffRow>().eq("corp_id", corpId).in("userid", userids)).stream()
        .filter(s -> s.name != null).collect(Collectors.toMap(s -> s.userid, s -> s.name, (a, b) -> a));
  }

  public Views.Page<GroupSummary> groups(String corpId, String owner, boolean includeDismissed, long page,
      long size) {
    return groups(corpId, owner, includeDismissed, page, size, null);
  }

  /** Group chats; with a {@code staffScope} (a store manager's staff) only those owned by one of them. */
  public Views.Page<GroupSummary> groups(String corpId, String owner, boolean includeDismissed, long page,
      long size, Collection<String> staffScope) {
    QueryWrapper<GroupChatRow> q = new QueryWrapper<GroupChatRow>().eq("corp_id", corpId)
        .eq(owner != null, "owner", owner).isNull(!includeDismissed, "dismissed_at");
    scope(q, "owner", staffScope);
    q.orderByAsc("id");
    Page<GroupChatRow> result = groups.selectPage(new Page<>(page, clamp(size)), q);
    return new Views.Page<>(result.getRecords().stream().map(g -> new GroupSummary(g.chatId, g.name, g.owner,
        g.status, g.memberCount, instant(g.wecomCreatedAt), instant(g.dismissedAt))).toList(),
        result.getCurrent(), result.getSize(), result.getTotal());
  }

  public Optional<GroupDetail> group(String corpId, String chatId, boolean includeLeft) {
    return group(corpId, chatId, includeLeft, null);
  }

  /** A group by id; with a {@code staffScope} only one owned by one of them (otherwise empty, as if absent). */
  public Optional<GroupDetail> group(String corpId, String chatId, boolean includeLeft,
      Collection<String> staffScope) {
    QueryWrapper<GroupChatRow> q = new QueryWrapper<GroupChatRow>().eq("corp_id", corpId).eq("chat_id", chatId);
    scope(q, "owner", staffScope);
    GroupChatRow g = groups.selectOne(q);
    if (g == null) {
      return Optional.empty();
    }
    List<MemberView> list = members.selectList(new QueryWrapper<GroupMemberRow>().eq("corp_id", corpId)
        .eq("chat_id", chatId).isNull(!includeLeft, "left_at").orderByAsc("join_time", "member_id")).stream()
        .map(m -> new MemberView(m.memberId, m.memberType, m.name, m.groupNickname, m.unionid,
            instant(m.joinTime), m.joinScene, m.invitor, m.isAdmin != null && m.isAdmin == 1, instant(m.leftAt)))
        .toList();
    return Optional.of(new GroupDetail(g.chatId, g.name, g.owner, g.notice, g.status, g.memberVersion,
        instant(g.wecomCreatedAt), instant(g.dismissedAt), list));
  }

  public Views.Page<StaffView> staff(String corpId, Long departmentId, long page, long size) {
    return staff(corpId, departmentId, page, size, null);
  }

  /** Live staff; with a {@code staffScope} (a store manager's staff) only those. */
  public Views.Page<StaffView> staff(String corpId, Long departmentId, long page, long size,
      Collection<String> staffScope) {
    QueryWrapper<StaffRow> q = new QueryWrapper<StaffRow>().eq("corp_id", corpId).isNull("deleted_at")
        .eq(departmentId != null, "main_department", departmentId);
    scope(q, "userid", staffScope);
    q.orderByAsc("userid");
    Page<StaffRow> result = staff.selectPage(new Page<>(page, clamp(size)), q);
    return new Views.Page<>(result.getRecords().stream().map(s -> new StaffView(s.userid, s.name,
        split(s.departmentIds).stream().map(Long::valueOf).toList(), s.mainDepartment, s.position, s.status,
        s.contactEnabled != null && s.contactEnabled == 1, instant(s.deletedAt))).toList(),
        result.getCurrent(), result.getSize(), result.getTotal());
  }

  /**
   * True when the customer has a live relation with one of {@code staffScope} (null: every customer that exists
   * counts, so the caller's own 404 applies). A store manager's by-id check for other slices (docs/security.md).
   */
  public boolean visible(String corpId, String externalUserId, Collection<String> staffScope) {
    if (staffScope == null) {
      return true;
    }
    return !staffScope.isEmpty() && follows.selectCount(new QueryWrapper<FollowRelationRow>().eq("corp_id", corpId)
        .eq("external_userid", externalUserId).isNull("deleted_at").in("userid", staffScope)) > 0;
  }

  /** The store scope as a query condition: {@code column IN (…)}, none for an empty scope, nothing for null. */
  private static void scope(QueryWrapper<?> q, String column, Collection<String> staffScope) {
    if (staffScope == null) {
      return;
    }
    if (staffScope.isEmpty()) {
      q.apply("1 = 0");
    } else {
      q.in(column, staffScope);
    }
  }

  /**
   * Live departments (stores are departments) with the number of live staff whose main department each is, in
   * WeCom's order; with {@code within} (a store manager's stores) only those and their sub-departments.
   */
  public List<Views.DepartmentView> departments(String corpId, Set<Long> within) {
    List<DepartmentRow> all = departments.selectList(new QueryWrapper<DepartmentRow>().eq("corp_id", corpId)
        .isNull("deleted_at").orderByDesc("sort_order").orderByAsc("dept_id"));
    Map<Long, Long> staffCounts = new HashMap<>();
    staff.selectMaps(new QueryWrapper<StaffRow>().select("main_department AS dept", "COUNT(*) AS n")
        .eq("corp_id", corpId).isNull("deleted_at").groupBy("main_department")).forEach(m -> {
          Object dept = value(m, "dept");
          if (dept instanceof Number d) {
            staffCounts.put(d.longValue(), ((Number) value(m, "n")).longValue());
          }
        });
    Set<Long> visible = null;
    if (within != null) {
      visible = new HashSet<>(within);
      boolean grew = true;
      while (grew) {
        grew = false;
        for (DepartmentRow d : all) {
          if (d.parentId != null && visible.contains(d.parentId) && visible.add(d.deptId)) {
            grew = true;
          }
        }
      }
    }
    Set<Long> shown = visible;
    return all.stream().filter(d -> shown == null || shown.contains(d.deptId))
        .map(d -> new Views.DepartmentView(d.deptId, d.name, d.parentId, staffCounts.getOrDefault(d.deptId, 0L)))
        .toList();
  }

  private static Object value(Map<String, Object> row, String key) {
    Object v = row.get(key);
    return v != null ? v : row.get(key.toUpperCase(java.util.Locale.ROOT));
  }

  /** Live corp tag groups with their live tags, in WeCom's order (larger order first). */
  public List<Map<String, Object>> tagGroups(String corpId) {
    List<TagGroupRow> gs = tagGroups.selectList(new QueryWrapper<TagGroupRow>().eq("corp_id", corpId)
        .isNull("deleted_at").orderByDesc("sort_order").orderByAsc("group_id"));
    Map<String, List<TagRow>> byGroup = tags.selectList(new QueryWrapper<TagRow>().eq("corp_id", corpId)
        .isNull("deleted_at").orderByDesc("sort_order").orderByAsc("tag_id")).stream()
        .collect(Collectors.groupingBy(t -> t.groupId, LinkedHashMap::new, Collectors.toList()));
    return gs.stream().map(g -> Map.<String, Object>of("groupId", g.groupId, "name", g.name, "order", g.sortOrder,
        "tags", byGroup.getOrDefault(g.groupId, List.of()).stream().map(t -> Map.<String, Object>of("tagId",
            t.tagId, "name", t.name, "order", t.sortOrder)).toList())).toList();
  }

  private record TagNames(Map<String, TagRow> tags, Map<String, String> groupNames) {
    TagView view(FollowTagRow row) {
      TagRow t = tags.get(row.tagId);
      return t == null ? new TagView(row.tagId, null, null, null, row.source, row.sourceRef, instant(row.createdAt))
          : new TagView(row.tagId, t.name, t.groupId, groupNames.get(t.groupId), row.source, row.sourceRef,
              instant(row.createdAt));
    }
  }

  private TagNames tagNames(String corpId, Collection<String> tagIds) {
    if (tagIds.isEmpty()) {
      return new TagNames(Map.of(), Map.of());
    }
    Map<String, TagRow> byId = tags.selectList(new QueryWrapper<TagRow>().eq("corp_id", corpId).in("tag_id", tagIds))
        .stream().collect(Collectors.toMap(t -> t.tagId, Function.identity()));
    List<String> groupIds = byId.values().stream().map(t -> t.groupId).distinct().toList();
    Map<String, String> groupNames = groupIds.isEmpty() ? Map.of()
        : tagGroups.selectList(new QueryWrapper<TagGroupRow>().eq("corp_id", corpId).in("group_id", groupIds))
            .stream().collect(Collectors.toMap(g -> g.groupId, g -> g.name));
    return new TagNames(byId, groupNames);
  }

  private static long clamp(long size) {
    return Math.max(1, Math.min(MAX_PAGE_SIZE, size));
  }

  private static List<String> split(String csv) {
    return csv == null || csv.isEmpty() ? List.of() : Arrays.asList(csv.split(","));
  }

}
