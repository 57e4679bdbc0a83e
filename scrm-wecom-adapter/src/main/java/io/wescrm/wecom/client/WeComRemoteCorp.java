package io.wescrm.wecom.client;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.wescrm.core.corp.Customer;
import io.wescrm.core.corp.CustomerFollow;
import io.wescrm.core.corp.CustomerPage;
import io.wescrm.core.corp.Department;
import io.wescrm.core.corp.FollowRelation;
import io.wescrm.core.corp.GroupChat;
import io.wescrm.core.corp.GroupChatPage;
import io.wescrm.core.corp.GroupChatRef;
import io.wescrm.core.corp.GroupMember;
import io.wescrm.core.corp.StaffIdPage;
import io.wescrm.core.corp.StaffMember;
import io.wescrm.core.corp.Tag;
import io.wescrm.core.corp.TagGroup;
import io.wescrm.core.remote.RemoteCallException;
import io.wescrm.core.remote.RemoteCorp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import me.chanjar.weixin.cp.bean.WxCpUser;
import me.chanjar.weixin.cp.bean.external.WxCpUserExternalGroupChatInfo;
import me.chanjar.weixin.cp.bean.external.WxCpUserExternalGroupChatList;
import me.chanjar.weixin.cp.bean.external.WxCpUserExternalTagGroupList;
import me.chanjar.weixin.cp.bean.external.contact.FollowedUser;
import me.chanjar.weixin.cp.bean.external.contact.WxCpExternalContactInfo;
import me.chanjar.weixin.cp.bean.user.WxCpDeptUserResult;

/** {@link RemoteCorp} over WxJava: maps WeCom's beans to core records. */
final class WeComRemoteCorp implements RemoteCorp {

  static final String DEPARTMENT_LIST = "department/list";
  static final String USER_LIST_ID = "user/list_id";
  static final String USER_GET = "user/get";
  static final String FOLLOW_USER_LIST = "externalcontact/get_follow_user_list";
  static final String BATCH_GET_BY_USER = "externalcontact/batch/get_by_user";
  static final String CONTACT_GET = "externalcontact/get";
  static final String CORP_TAG_LIST = "externalcontact/get_corp_tag_list";
  static final String GROUPCHAT_LIST = "externalcontact/groupchat/list";
  static final String GROUPCHAT_GET = "externalcontact/groupchat/get";
  private static final int TOO_MANY_FOR_GROUP_LIST = 81017;
  private static final String OWNER_CURSOR = "owners:";

  private final WeComClient client;
  private final CallCounter counter = new CallCounter();

  WeComRemoteCorp(WeComClient client) {
    this.client = client;
  }

  @Override
  public String corpId() {
    return client.corpId();
  }

  @Override
  public List<Department> departments() {
    return client.call(DEPARTMENT_LIST, counter, wx -> wx.getDepartmentService().list(null)).stream()
        .map(d -> new Department(d.getId(), d.getName(), d.getParentId() == null || d.getParentId() == 0 ? null
            : d.getParentId(), d.getOrder() == null ? 0 : d.getOrder()))
        .toList();
  }

  @Override
  public StaffIdPage staffIds(String cursor) {
    WxCpDeptUserResult page = client.call(USER_LIST_ID, counter,
        wx -> wx.getUserService().getUserListId(cursor, 10_000));
    Set<String> ids = new LinkedHashSet<>();
    if (page.getDeptUser() != null) {
      page.getDeptUser().forEach(u -> ids.add(u.getUserId()));
    }
    return new StaffIdPage(List.copyOf(ids), blankToNull(page.getNextCursor()));
  }

  @Override
  public Optional<StaffMember> staff(String userid) {
    try {
      WxCpUser u = client.call(USER_GET, counter, wx -> wx.getUserService().getById(userid));
      List<Long> depts = u.getDepartIds() == null ? List.of() : Arrays.asList(u.getDepartIds());
      Long main = u.getMainDepartment() == null || u.getMainDepartment().isBlank() ? null
          : Long.valueOf(u.getMainDepartment());
      return Optional.of(new StaffMember(u.getUserId(), u.getName(), depts, main, u.getPosition(), u.getStatus()));
    } catch (RemoteCallException e) {
      if (e.kind() == RemoteCallException.Kind.GONE) {
        return Optional.empty();
      }
      throw e;
    }
  }

  @Override
  public List<String> followUserIds() {
    List<String> ids = client.call(FOLLOW_USER_LIST, counter, wx -> wx.getExternalContactService().listFollowers());
    return ids == null ? List.of() : List.copyOf(new LinkedHashSet<>(ids));
  }

  @Override
  public CustomerPage customersOf(List<String> userids, String cursor) {
    if (userids.isEmpty() || userids.size() > 100) {
      throw new IllegalArgumentException("batch/get_by_user takes 1 to 100 userids, got " + userids.size());
    }
    JsonObject body = new JsonObject();
    JsonArray list = new JsonArray();
    userids.forEach(list::add);
    body.add("userid_list", list);
    if (cursor != null) {
      body.addProperty("cursor", cursor);
    }
    body.addProperty("limit", 100);
    String json = client.call(BATCH_GET_BY_USER, counter, wx -> wx.post(
        wx.getWxCpConfigStorage().getApiUrl("/cgi-bin/" + BATCH_GET_BY_USER), body.toString()));
    JsonObject root = JsonParser.parseString(json).getAsJsonObject();
    List<CustomerFollow> items = new ArrayList<>();
    for (JsonElement e : array(root, "external_contact_list")) {
      JsonObject item = e.getAsJsonObject();
      JsonObject c = item.getAsJsonObject("external_contact");
      JsonObject f = item.getAsJsonObject("follow_info");
      String externalUserId = str(c, "external_userid");
      Customer customer = new Customer(externalUserId, str(c, "name"), integer(c, "type"), integer(c, "gender"),
          str(c, "unionid"), str(c, "avatar"), str(c, "position"), str(c, "corp_name"), str(c, "corp_full_name"));
      Long created = longValue(f, "createtime");
      FollowRelation follow = new FollowRelation(str(f, "userid"), externalUserId, str(f, "remark"),
          str(f, "description"), str(f, "remark_corp_name"), strings(f, "remark_mobiles"), integer(f, "add_way"),
          str(f, "state"), str(f, "oper_userid"), created == null ? null : Instant.ofEpochSecond(created),
          strings(f, "tag_id"));
      items.add(new CustomerFollow(customer, follow));
    }
    List<String> unlicensed = root.has("fail_info") && root.get("fail_info").isJsonObject()
        ? strings(root.getAsJsonObject("fail_info"), "unlicensed_userid_list") : List.of();
    return new CustomerPage(items, blankToNull(str(root, "next_cursor")), unlicensed);
  }

  @Override
  public Optional<List<CustomerFollow>> customer(String externalUserId) {
    List<CustomerFollow> items = new ArrayList<>();
    String cursor = null;
    do {
      String current = cursor;
      WxCpExternalContactInfo info;
      try {
        info = client.call(CONTACT_GET, counter,
            wx -> wx.getExternalContactService().getContactDetail(externalUserId, current));
      } catch (RemoteCallException e) {
        if (e.kind() == RemoteCallException.Kind.GONE) {
          return Optional.empty();
        }
        throw e;
      }
      var c = info.getExternalContact();
      if (c == null) {
        return Optional.empty();
      }
      Customer customer = new Customer(c.getExternalUserId(), c.getName(), c.getType(), c.getGender(),
          c.getUnionId(), c.getAvatar(), c.getPosition(), c.getCorpName(), c.getCorpFullName());
      if (info.getFollowedUsers() != null) {
        for (FollowedUser f : info.getFollowedUsers()) {
          List<String> tagIds = f.getTags() == null ? List.of() : Arrays.stream(f.getTags())
              .filter(t -> t.getTagId() != null && t.getType() != 2).map(FollowedUser.Tag::getTagId).toList();
          items.add(new CustomerFollow(customer, new FollowRelation(f.getUserId(), c.getExternalUserId(),
              f.getRemark(), f.getDescription(), f.getRemarkCorpName(),
              f.getRemarkMobiles() == null ? List.of() : Arrays.asList(f.getRemarkMobiles()),
              f.getAddWay() == null || f.getAddWay().isBlank() ? null : Integer.valueOf(f.getAddWay()),
              f.getState(), f.getOperatorUserId(), f.getCreateTime() == null ? null
                  : Instant.ofEpochSecond(f.getCreateTime()), tagIds)));
        }
      }
      cursor = blankToNull(info.getNextCursor());
    } while (cursor != null);
    return Optional.of(items);
  }

  @Override
  public List<TagGroup> corpTags() {
    WxCpUserExternalTagGroupList result = client.call(CORP_TAG_LIST, counter,
        wx -> wx.getExternalContactService().getCorpTagList(null));
    if (result.getTagGroupList() == null) {
      return List.of();
    }
    return result.getTagGroupList().stream()
        .filter(g -> !Boolean.TRUE.equals(g.getDeleted()))
        .map(g -> new TagGroup(g.getGroupId(), g.getGroupName(), g.getOrder() == null ? 0 : g.getOrder(),
            epoch(g.getCreateTime()), g.getTag() == null ? List.of() : g.getTag().stream()
                .filter(t -> !Boolean.TRUE.equals(t.getDeleted()))
                .map(t -> new Tag(t.getId(), g.getGroupId(), t.getName(), t.getOrder() == null ? 0 : t.getOrder(),
                    epoch(t.getCreateTime())))
                .toList()))
        .toList();
  }

  /**
   * Without an owner filter WeCom refuses corps with more than 1000 visible staff (81017); then the listing goes
   * owner chunk by owner chunk, and the cursor carries the chunk index.
   */
  @Override
  public GroupChatPage groupChats(String cursor) {
    if (cursor == null || !cursor.startsWith(OWNER_CURSOR)) {
      try {
        WxCpUserExternalGroupChatList page = client.call(GROUPCHAT_LIST, counter,
            wx -> wx.getExternalContactService().listGroupChat(1000, cursor, 0, null));
        return toPage(page, next -> next);
      } catch (RemoteCallException e) {
        if (e.errcode() != TOO_MANY_FOR_GROUP_LIST) {
          throw e;
        }
        return groupChatsByOwner(0, null);
      }
    }
    String rest = cursor.substring(OWNER_CURSOR.length());
    int bar = rest.indexOf('|');
    return groupChatsByOwner(Integer.parseInt(rest.substring(0, bar)), blankToNull(rest.substring(bar + 1)));
  }

  private GroupChatPage groupChatsByOwner(int chunk, String cursor) {
    List<String> owners = followUserIds();
    int from = chunk * 100;
    if (from >= owners.size()) {
      return new GroupChatPage(List.of(), null);
    }
    String[] ids = owners.subList(from, Math.min(owners.size(), from + 100)).toArray(String[]::new);
    WxCpUserExternalGroupChatList page = client.call(GROUPCHAT_LIST, counter,
        wx -> wx.getExternalContactService().listGroupChat(1000, cursor, 0, ids));
    boolean lastChunk = from + 100 >= owners.size();
    return toPage(page, next -> next != null ? OWNER_CURSOR + chunk + "|" + next
        : lastChunk ? null : OWNER_CURSOR + (chunk + 1) + "|");
  }

  @Override
  public GroupChatPage groupChatsOwnedBy(List<String> owners, String cursor) {
    if (owners.isEmpty() || owners.size() > 100) {
      throw new IllegalArgumentException("1 to 100 owners per groupchat/list call, not " + owners.size());
    }
    String[] ids = owners.toArray(String[]::new);
    WxCpUserExternalGroupChatList page = client.call(GROUPCHAT_LIST, counter,
        wx -> wx.getExternalContactService().listGroupChat(1000, cursor, 0, ids));
    return toPage(page, next -> next);
  }

  private static GroupChatPage toPage(WxCpUserExternalGroupChatList page,
      java.util.function.UnaryOperator<String> nextCursor) {
    List<GroupChatRef> refs = page.getGroupChatList() == null ? List.of() : page.getGroupChatList().stream()
        .map(g -> new GroupChatRef(g.getChatId(), g.getStatus())).toList();
    return new GroupChatPage(refs, nextCursor.apply(blankToNull(page.getNextCursor())));
  }

  @Override
  public Optional<GroupChat> groupChat(String chatId) {
    WxCpUserExternalGroupChatInfo info;
    try {
      info = client.call(GROUPCHAT_GET, counter, wx -> wx.getExternalContactService().getGroupChat(chatId, 1));
    } catch (RemoteCallException e) {
      if (e.kind() == RemoteCallException.Kind.GONE) {
        return Optional.empty();
      }
      throw e;
    }
    WxCpUserExternalGroupChatInfo.GroupChat g = info.getGroupChat();
    if (g == null) {
      return Optional.empty();
    }
    Set<String> admins = g.getAdminList() == null ? Set.of() : g.getAdminList().stream()
        .map(WxCpUserExternalGroupChatInfo.GroupAdmin::getUserId).collect(Collectors.toSet());
    List<GroupMember> members = g.getMemberList() == null ? List.of() : g.getMemberList().stream()
        .map(m -> new GroupMember(m.getUserId(), m.getType(), m.getUnionId(), epoch(m.getJoinTime()),
            m.getJoinScene(), m.getInvitor() == null ? null : m.getInvitor().getUserId(), m.getGroupNickname(),
            m.getName(), admins.contains(m.getUserId()), m.getState()))
        .toList();
    return Optional.of(new GroupChat(g.getChatId(), g.getName(), g.getOwner(), g.getNotice(),
        epoch(g.getCreateTime()), 0, g.getMemberVersion(), members));
  }

  @Override
  public long callCount() {
    return counter.calls();
  }

  @Override
  public long retryCount() {
    return counter.retries();
  }

  private static Instant epoch(Long seconds) {
    return seconds == null || seconds == 0 ? null : Instant.ofEpochSecond(seconds);
  }

  private static String blankToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  private static JsonArray array(JsonObject o, String name) {
    return o != null && o.has(name) && o.get(name).isJsonArray() ? o.getAsJsonArray(name) : new JsonArray();
  }

  private static String str(JsonObject o, String name) {
    return o != null && o.has(name) && !o.get(name).isJsonNull() ? o.get(name).getAsString() : null;
  }

  private static Integer integer(JsonObject o, String name) {
    return o != null && o.has(name) && !o.get(name).isJsonNull() ? o.get(name).getAsInt() : null;
  }

  private static Long longValue(JsonObject o, String name) {
    return o != null && o.has(name) && !o.get(name).isJsonNull() ? o.get(name).getAsLong() : null;
  }

  private static List<String> strings(JsonObject o, String name) {
    List<String> values = new ArrayList<>();
    for (JsonElement e : array(o, name)) {
      values.add(e.getAsString());
    }
    return values;
  }
}
