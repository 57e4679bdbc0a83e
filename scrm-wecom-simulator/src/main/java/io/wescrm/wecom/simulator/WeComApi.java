package io.wescrm.wecom.simulator;

import static io.wescrm.wecom.simulator.SimJson.optLong;
import static io.wescrm.wecom.simulator.SimJson.optString;
import static io.wescrm.wecom.simulator.SimJson.optStrings;
import static io.wescrm.wecom.simulator.SimJson.string;
import static io.wescrm.wecom.simulator.SimJson.strings;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.stream.JsonWriter;
import io.wescrm.wecom.simulator.CorpModel.Chat;
import io.wescrm.wecom.simulator.CorpModel.Customer;
import io.wescrm.wecom.simulator.CorpModel.Dept;
import io.wescrm.wecom.simulator.CorpModel.Follow;
import io.wescrm.wecom.simulator.CorpModel.Member;
import io.wescrm.wecom.simulator.CorpModel.Staff;
import io.wescrm.wecom.simulator.CorpModel.Tag;
import io.wescrm.wecom.simulator.CorpModel.TagGroup;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The WeCom server API under {@code /cgi-bin/}: token checks, limits, injected faults, then one handler per endpoint.
 * Answers are always HTTP 200 with {@code errcode}/{@code errmsg}; shapes follow the official samples.
 */
final class WeComApi {

  private static final System.Logger LOG = System.getLogger(WeComApi.class.getName());

  static final int BATCH_MAX_USERS = 100;
  static final int BATCH_MAX_LIMIT = 100;
  static final int BATCH_DEFAULT_LIMIT = 50;
  static final int CONTACT_FOLLOWERS_PAGE = 500;
  static final int LIST_ID_MAX_LIMIT = 10_000;
  static final int GROUPCHAT_MAX_LIMIT = 1_000;
  static final int GROUPCHAT_MAX_OWNERS = 100;
  static final int GROUPCHAT_UNFILTERED_MAX_STAFF = 1_000;

  /** One endpoint: whether it must be POSTed, and its handler. */
  private record Endpoint(boolean post, Handler handler) {
  }

  @FunctionalInterface
  private interface Handler {
    void handle(Call call, JsonWriter out) throws IOException;
  }

  /** The context of one authenticated call. */
  private static final class Call {
    final SimCorp corp;
    final SimRequest request;
    final long nowMillis;
    private JsonObject body;

    Call(SimCorp corp, SimRequest request, long nowMillis) {
      this.corp = corp;
      this.request = request;
      this.nowMillis = nowMillis;
    }

    String query(String name) {
      return request.query(name);
    }

    JsonObject body() {
      if (body == null) {
        body = SimJson.parseBody(request.bodyText());
      }
      return body;
    }
  }

  private final Map<String, SimCorp> corps;
  private final SimFaults faults;
  private final SimStats stats;
  private final SimTokens tokens;
  private final Map<String, Endpoint> endpoints = new HashMap<>();

  WeComApi(Map<String, SimCorp> corps, SimTokens tokens, SimFaults faults, SimStats stats) {
    this.corps = corps;
    this.tokens = tokens;
    this.faults = faults;
    this.stats = stats;
    get("user/get", this::userGet);
    post("user/list_id", this::userListId);
    get("department/list", this::departmentList);
    get("externalcontact/get_follow_user_list", this::followUserList);
    get("externalcontact/list", this::externalContactList);
    get("externalcontact/get", this::externalContactGet);
    post("externalcontact/batch/get_by_user", this::batchGetByUser);
    post("externalcontact/remark", this::remark);
    post("externalcontact/get_corp_tag_list", this::getCorpTagList);
    post("externalcontact/add_corp_tag", this::addCorpTag);
    post("externalcontact/edit_corp_tag", this::editCorpTag);
    post("externalcontact/del_corp_tag", this::delCorpTag);
    post("externalcontact/mark_tag", this::markTag);
    post("externalcontact/groupchat/list", this::groupChatList);
    post("externalcontact/groupchat/get", this::groupChatGet);
    post("externalcontact/add_contact_way", this::addContactWay);
    post("externalcontact/update_contact_way", this::updateContactWay);
    post("externalcontact/del_contact_way", this::delContactWay);
    post("externalcontact/get_contact_way", this::getContactWay);
    post("externalcontact/send_welcome_msg", this::sendWelcomeMsg);
    post("externalcontact/transfer_customer", (call, out) -> transferCustomer(call, out, false));
    post("externalcontact/resigned/transfer_customer", (call, out) -> transferCustomer(call, out, true));
    post("externalcontact/transfer_result", (call, out) -> transferResult(call, out, false));
    post("externalcontact/resigned/transfer_result", (call, out) -> transferResult(call, out, true));
    post("externalcontact/get_unassigned_list", this::unassignedList);
    post("externalcontact/groupchat/transfer", (call, out) -> groupChatTransfer(call, out, false));
    post("externalcontact/groupchat/onjob_transfer", (call, out) -> groupChatTransfer(call, out, true));
  }

  private void get(String api, Handler handler) {
    endpoints.put(api, new Endpoint(false, handler));
  }

  private void post(String api, Handler handler) {
    endpoints.put(api, new Endpoint(true, handler));
  }

  /** Handles {@code /cgi-bin/{api}}; returns the JSON body. */
  String handle(String api, SimRequest request) {
    stats.recordCall(api);
    try {
      return process(api, request);
    } catch (WeComApiError e) {
      stats.recordError(e.errcode(), false);
      return error(e.errcode(), e.errmsg(), false);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "simulator failed on /cgi-bin/" + api, e);
      stats.recordError(-1, false);
      return error(-1, "system busy (simulator error: " + e + ")", false);
    }
  }

  private String process(String api, SimRequest request) {
    long now = System.currentTimeMillis();
    SimCorp corp;
    SimTokens.Token token = null;
    Endpoint endpoint;
    if (api.equals("gettoken")) {
      corp = authenticateApp(request);
      endpoint = new Endpoint(false, (call, out) -> {
        SimTokens.Token issued = call.corp.currentToken(call.nowMillis);
        long remaining = Math.max(1, (issued.expiresAtMillis - call.nowMillis + 999) / 1000);
        ok(out);
        out.name("access_token").value(issued.value);
        out.name("expires_in").value(remaining);
      });
    } else {
      String value = request.query("access_token");
      if (value == null || value.isEmpty()) {
        throw new WeComApiError(41001, "access_token missing");
      }
      token = tokens.find(value);
      if (token == null) {
        throw new WeComApiError(40014, "invalid access_token");
      }
      if (token.isExpired(now)) {
        throw new WeComApiError(42001, "access_token expired");
      }
      corp = token.corp;
      endpoint = endpoints.get(api);
      if (endpoint == null) {
        throw new WeComApiError(48005, "api not supported by the simulator (deprecated or unknown api): " + api);
      }
    }
    if (endpoint.post() && !"POST".equals(request.method())) {
      throw new WeComApiError(40063, "empty parameter: this api must be called with POST");
    }
    String corpId = corp.corpId();
    if (!faults.tryConsumeQuota(corpId, api, now)) {
      throw new WeComApiError(45009, "api freq out of limit");
    }
    int inFlight = faults.tryEnter(corpId, api);
    if (inFlight < 0) {
      throw new WeComApiError(45033, "api concurrent out of limit");
    }
    try {
      stats.recordInFlight(api, inFlight);
      sleep(faults.latencyMsFor(api));
      int injected = faults.pickInjectedError(corpId, api);
      if (injected != 0) {
        if (token != null && injected == 42001) {
          token.expire(System.currentTimeMillis());
        } else if (token != null && injected == 40014) {
          token.expire(System.currentTimeMillis());
          tokens.forget(token);
        }
        stats.recordError(injected, true);
        return error(injected, defaultMessage(injected), true);
      }
      Call call = new Call(corp, request, System.currentTimeMillis());
      return SimJson.object(out -> endpoint.handler().handle(call, out));
    } finally {
      faults.exit(corpId, api);
    }
  }

  private SimCorp authenticateApp(SimRequest request) {
    String corpId = request.query("corpid");
    if (corpId == null || corpId.isEmpty()) {
      throw new WeComApiError(41002, "corpid missing");
    }
    SimCorp corp = corps.get(corpId);
    if (corp == null) {
      throw new WeComApiError(40013, "invalid corpid");
    }
    String secret = request.query("corpsecret");
    if (secret == null || secret.isEmpty()) {
      throw new WeComApiError(41004, "corpsecret missing");
    }
    if (!secret.equals(corp.secret())) {
      throw new WeComApiError(40001, "invalid credential");
    }
    return corp;
  }

  private static void sleep(long millis) {
    if (millis <= 0) {
      return;
    }
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static String error(int errcode, String errmsg, boolean injected) {
    String hint = injected ? "sim-injected" : "sim";
    return SimJson.object(out -> {
      out.name("errcode").value(errcode);
      out.name("errmsg").value(errmsg + ", hint: [" + hint + "], more info at "
          + "https://open.work.weixin.qq.com/devtool/query?e=" + errcode);
    });
  }

  static String defaultMessage(int errcode) {
    return switch (errcode) {
      case -1 -> "system busy";
      case 40001 -> "invalid credential";
      case 40014 -> "invalid access_token";
      case 42001 -> "access_token expired";
      case 45009 -> "api freq out of limit";
      case 45033 -> "api concurrent out of limit";
      case 48002 -> "api forbidden";
      case 60011 -> "no privilege to access/modify contact/party/agent";
      case 84061 -> "not external contact";
      default -> "simulated error";
    };
  }

  private static void ok(JsonWriter out) throws IOException {
    out.name("errcode").value(0);
    out.name("errmsg").value("ok");
  }

  // ---------------------------------------------------------------- contacts (staff, departments)

  private void userGet(Call call, JsonWriter out) throws IOException {
    String userid = call.query("userid");
    SimCorp corp = call.corp;
    corp.lock.readLock().lock();
    try {
      Staff member = userid == null ? null : corp.staff.get(userid);
      if (member == null) {
        throw new WeComApiError(60111, "userid not found");
      }
      ok(out);
      out.name("userid").value(member.userid);
      out.name("name").value(member.name);
      out.name("department").beginArray();
      for (Long dept : member.departments) {
        out.value(dept);
      }
      out.endArray();
      out.name("order").beginArray();
      for (int i = 0; i < member.departments.size(); i++) {
        out.value(0);
      }
      out.endArray();
      out.name("position").value(member.position == null ? "" : member.position);
      string(out, "mobile", member.mobile);
      out.name("gender").value(String.valueOf(member.gender));
      string(out, "email", member.email);
      out.name("is_leader_in_dept").beginArray();
      for (Long deptId : member.departments) {
        Dept dept = corp.departments.get(deptId);
        out.value(dept != null && dept.leaders.contains(member.userid) ? 1 : 0);
      }
      out.endArray();
      out.name("direct_leader").beginArray().endArray();
      out.name("avatar").value("https://wework.qpic.cn/wwhead/sim_" + member.userid + "/0");
      out.name("thumb_avatar").value("https://wework.qpic.cn/wwhead/sim_" + member.userid + "/100");
      out.name("telephone").value("");
      out.name("alias").value(member.alias == null ? "" : member.alias);
      out.name("address").value("");
      out.name("open_userid").value("wo" + Integer.toHexString(member.userid.hashCode()) + "sim");
      out.name("main_department").value(member.mainDepartment());
      out.name("status").value(member.status);
      out.name("qr_code").value("https://open.work.weixin.qq.com/wwopen/userQRCode?vcode=sim" + member.userid);
      out.name("external_position").value(member.position == null ? "" : member.position);
    } finally {
      corp.lock.readLock().unlock();
    }
  }

  private void userListId(Call call, JsonWriter out) throws IOException {
    JsonObject body = call.body();
    Long limitValue = optLong(body, "limit");
    int limit = limitValue == null || limitValue <= 0 ? LIST_ID_MAX_LIMIT
        : (int) Math.min(LIST_ID_MAX_LIMIT, limitValue);
    String cursor = optString(body, "cursor");
    String startUser = null;
    int skip = 0;
    if (cursor != null && !cursor.isEmpty()) {
      String position = SimCursor.decode("L1", cursor);
      int sep = position.lastIndexOf(':');
      if (sep < 0) {
        throw SimCursor.invalid(cursor);
      }
      startUser = position.substring(0, sep);
      try {
        skip = Integer.parseInt(position.substring(sep + 1));
      } catch (NumberFormatException e) {
        throw SimCursor.invalid(cursor);
      }
    }
    SimCorp corp = call.corp;
    corp.lock.readLock().lock();
    try {
      ok(out);
      NavigableMap<String, Staff> tail = startUser == null ? corp.staff : corp.staff.tailMap(startUser, true);
      out.name("dept_user").beginArray();
      int written = 0;
      String nextCursor = "";
      outer:
      for (Staff member : tail.values()) {
        int from = member.userid.equals(startUser) ? skip : 0;
        for (int i = from; i < member.departments.size(); i++) {
          if (written == limit) {
            nextCursor = SimCursor.encode("L1", member.userid + ':' + i);
            break outer;
          }
          out.beginObject();
          out.name("userid").value(member.userid);
          out.name("department").value(member.departments.get(i));
          out.endObject();
          written++;
        }
      }
      out.endArray();
      out.name("next_cursor").value(nextCursor);
    } finally {
      corp.lock.readLock().unlock();
    }
  }

  private void departmentList(Call call, JsonWriter out) throws IOException {
    String idText = call.query("id");
    SimCorp corp = call.corp;
    corp.lock.readLock().lock();
    try {
      List<Dept> result;
      if (idText == null || idText.isEmpty()) {
        result = new ArrayList<>(corp.departments.values());
      } else {
        long id;
        try {
          id = Long.parseLong(idText);
        } catch (NumberFormatException e) {
          throw new WeComApiError(60123, "invalid party id");
        }
        if (!corp.departments.containsKey(id)) {
          throw new WeComApiError(60123, "invalid party id");
        }
        Map<Long, List<Dept>> children = new HashMap<>();
        for (Dept dept : corp.departments.values()) {
          children.computeIfAbsent(dept.parentId, k -> new ArrayList<>()).add(dept);
        }
        // breadth-first over the subtree rooted at id (the root department's parent is 0, so no cycles)
        result = new ArrayList<>(List.of(corp.departments.get(id)));
        for (int i = 0; i < result.size(); i++) {
          result.addAll(children.getOrDefault(result.get(i).id, List.of()));
        }
        result.sort(Comparator.comparingLong(d -> d.id));
      }
      ok(out);
      out.name("department").beginArray();
      for (Dept dept : result) {
        out.beginObject();
        out.name("id").value(dept.id);
        out.name("name").value(dept.name);
        string(out, "name_en", dept.nameEn);
        strings(out, "department_leader", dept.leaders);
        out.name("parentid").value(dept.parentId);
        out.name("order").value(dept.order);
        out.endObject();
      }
      out.endArray();
    } finally {
      corp.lock.readLock().unlock();
    }
  }

  // ---------------------------------------------------------------- customers

  private void followUserList(Call call, JsonWriter out) throws IOException {
    SimCorp corp = call.corp;
    corp.lock.readLock().lock();
    try {
      ok(out);
      strings(out, "follow_user", corp.followUsers);
    } finally {
      corp.lock.readLock().unlock();
    }
  }

  private void externalContactList(Call call, JsonWriter out) throws IOException {
    String userid = call.query("userid");
    if (userid == null || userid.isEmpty()) {
      throw new WeComApiError(41009, "userid missing");
    }
    SimCorp corp = call.corp;
    corp.lock.readLock().lock();
    try {
      Staff member = corp.staff.get(userid);
      if (member == null) {
        throw new WeComApiError(60111, "userid not found");
      }
      if (member.followsBySeq.isEmpty()) {
        throw new WeComApiError(84061, "not external contact");
      }
      ok(out);
      out.name("external_userid").beginArray();
      for (Follow follow : member.followsBySeq.values()) {
        out.value(follow.customer.externalUserId);
      }
      out.endArray();
    } finally {
      corp.lock.readLock().unlock();
    }
  }

  private void externalContactGet(Call call, JsonWriter out) throws IOException {
    String externalUserId = call.query("external_userid");
    if (externalUserId == null || externalUserId.isEmpty()) {
      throw new WeComApiError(41035, "external_userid missing");
    }
    if (!SimIds.isWellFormedExternalUserId(externalUserId)) {
      throw new WeComApiError(40096, "invalid external userid");
    }
    String cursor = call.query("cursor");
    long after = cursor == null || cursor.isEmpty() ? Long.MIN_VALUE : SimCursor.decodeLong("G1", cursor);
    SimCorp corp = call.corp;
    corp.lock.readLock().lock();
    try {
      Customer customer = corp.customers.get(externalUserId);
      if (customer == null || customer.follows.isEmpty()) {
        throw new WeComApiError(84061, "not external contact");
      }
      ok(out);
      out.name("external_contact");
      writeExternalContact(out, customer);
      out.name("follow_user").beginArray();
      int written = 0;
      String nextCursor = null;
      for (Follow follow : customer.follows) {
        if (follow.seq <= after) {
          continue;
        }
        if (written == CONTACT_FOLLOWERS_PAGE) {
          nextCursor = SimCursor.encode("G1", Long.toString(follow.seq - 1));
          break;
        }
        writeFollowUser(out, follow);
        written++;
      }
      out.endArray();
      string(out, "next_cursor", nextCursor);
    } finally {
      corp.lock.readLock().unlock();
    }
  }

  private static void writeExternalContact(JsonWriter out, Customer customer) throws IOException {
    out.beginObject();
    out.name("external_userid").value(customer.externalUserId);
    out.name("name").value(customer.name);
    if (customer.type == 2) {
      string(out, "position", customer.position);
    }
    string(out, "avatar", customer.avatar);
    if (customer.type == 2) {
      string(out, "corp_name", customer.corpName);
      string(out, "corp_full_name", customer.corpFullName);
    }
    out.name("type").value(customer.type);
    out.name("gender").value(customer.gender);
    string(out, "unionid", customer.unionid);
    out.endObject();
  }

  private static void writeFollowUser(JsonWriter out, Follow follow) throws IOException {
    out.beginObject();
    out.name("userid").value(follow.staff.userid);
    out.name("remark").value(follow.remark);
    out.name("description").value(follow.description);
    out.name("createtime").value(follow.createTime);
    out.name("tags").beginArray();
    for (Tag tag : follow.tags) {
      out.beginObject();
      out.name("group_name").value(tag.group.name);
      out.name("tag_name").value(tag.name);
      out.name("tag_id").value(tag.id);
      out.name("type").value(1);
      out.endObject();
    }
    out.endArray();
    string(out, "remark_corp_name", follow.remarkCorpName);
    strings(out, "remark_mobiles", follow.remarkMobiles);
    out.name("oper_userid").value(follow.operUserid);
    out.name("add_way").value(follow.addWay);
    string(out, "state", follow.state);
    out.endObject();
  }

  private static void writeFollowInfo(JsonWriter out, Follow follow) throws IOException {
    out.beginObject();
    out.name("userid").value(follow.staff.userid);
    out.name("remark").value(follow.remark);
    out.name("description").value(follow.description);
    out.name("createtime").value(follow.createTime);
    out.name("tag_id").beginArray();
    for (Tag tag : follow.tags) {
      out.value(tag.id);
    }
    out.endArray();
    string(out, "remark_corp_name", follow.remarkCorpName);
    strings(out, "remark_mobiles", follow.remarkMobiles);
    out.name("oper_userid").value(follow.operUserid);
    out.name("add_way").value(follow.addWay);
    string(out, "state", follow.state);
    out.endObject();
  }

  private void batchGetByUser(Call call, JsonWriter out) throws IOException {
    JsonObject body = call.body();
    List<String> userids = optStrings(body, "userid_list");
    if (userids.isEmpty()) {
      throw new WeComApiError(40058, "invalid parameter: userid_list is required");
    }
    if (userids.size() > BATCH_MAX_USERS) {
      throw new WeComApiError(40058, "invalid parameter: userid_list exceeds " + BATCH_MAX_USERS);
    }
    Long limitValue = optLong(body, "limit");
    int limit = limitValue == null || limitValue <= 0 ? BATCH_DEFAULT_LIMIT
        : (int) Math.min(BATCH_MAX_LIMIT, limitValue);
    String cursor = optString(body, "cursor");
    int startIndex = 0;
    long after = Long.MIN_VALUE;
    if (cursor != null && !cursor.isEmpty()) {
      String position = SimCursor.decode("B1", cursor);
      int sep = position.indexOf(':');
      try {
        startIndex = Integer.parseInt(position.substring(0, sep));
        after = Long.parseLong(position.substring(sep + 1));
      } catch (RuntimeException e) {
        throw SimCursor.invalid(cursor);
      }
      if (startIndex < 0 || startIndex >= userids.size()) {
        throw SimCursor.invalid(cursor);
      }
    }
    SimCorp corp = call.corp;
    corp.lock.readLock().lock();
    try {
      ok(out);
      out.name("external_contact_list").beginArray();
      int written = 0;
      String nextCursor = "";
      LinkedHashSet<String> seen = new LinkedHashSet<>();
      outer:
      for (int i = startIndex; i < userids.size(); i++) {
        String userid = userids.get(i);
        if (!seen.add(userid)) {
          continue;
        }
        Staff member = corp.staff.get(userid);
        if (member == null) {
          continue;
        }
        long from = i == startIndex ? after : Long.MIN_VALUE;
        for (Follow follow : member.followsBySeq.tailMap(from, false).values()) {
          if (written == limit) {
            nextCursor = SimCursor.encode("B1", i + ":" + (follow.seq - 1));
            break outer;
          }
          out.beginObject();
          out.name("external_contact");
          writeExternalContact(out, follow.customer);
          out.name("follow_info");
          writeFollowInfo(out, follow);
          out.endObject();
          written++;
        }
      }
      out.endArray();
      out.name("next_cursor").value(nextCursor);
    } finally {
      corp.lock.readLock().unlock();
    }
  }

  private void remark(Call call, JsonWriter out) throws IOException {
    JsonObject body = call.body();
    String userid = optString(body, "userid");
    String externalUserId = optString(body, "external_userid");
    if (userid == null || userid.isEmpty()) {
      throw new WeComApiError(41009, "userid missing");
    }
    if (externalUserId == null || externalUserId.isEmpty()) {
      throw new WeComApiError(41035, "external_userid missing");
    }
    String remark = optString(body, "remark");
    String description = optString(body, "description");
    String remarkCompany = optString(body, "remark_company");
    List<String> mobiles = body.has("remark_mobiles") && !body.get("remark_mobiles").isJsonNull()
        ? optStrings(body, "remark_mobiles") : null;
    String pic = optString(body, "remark_pic_mediaid");
    if (remark == null && description == null && remarkCompany == null && mobiles == null && pic == null) {
      throw new WeComApiError(40058, "invalid parameter: nothing to change");
    }
    if (remark != null && remark.codePointCount(0, remark.length()) > 20) {
      throw new WeComApiError(40058, "invalid parameter: remark longer than 20 characters");
    }
    if (description != null && description.codePointCount(0, description.length()) > 150) {
      throw new WeComApiError(40058, "invalid parameter: description longer than 150 characters");
    }
    call.corp.write(() -> call.corp.updateRemarkLocked(userid, externalUserId, remark, description, remarkCompany,
        mobiles, true));
    ok(out);
  }

  // ---------------------------------------------------------------- corp tags

  private void getCorpTagList(Call call, JsonWriter out) throws IOException {
    JsonObject body = call.body();
    List<String> tagIds = optStrings(body, "tag_id");
    List<String> groupIds = optStrings(body, "group_id");
    SimCorp corp = call.corp;
    corp.lock.readLock().lock();
    try {
      // group -> tags to show
      LinkedHashMap<TagGroup, List<Tag>> selection = new LinkedHashMap<>();
      if (!groupIds.isEmpty()) {
        for (String groupId : new LinkedHashSet<>(groupIds)) {
          TagGroup group = corp.tagGroups.get(groupId);
          if (group != null) {
            selection.put(group, group.tags.values().stream().filter(t -> group.deleted || !t.deleted).toList());
          }
        }
      } else if (!tagIds.isEmpty()) {
        for (String tagId : new LinkedHashSet<>(tagIds)) {
          Tag tag = corp.tags.get(tagId);
          if (tag != null) {
            selection.computeIfAbsent(tag.group, g -> new ArrayList<>()).add(tag);
          }
        }
      } else {
        for (TagGroup group : corp.tagGroups.values()) {
          if (!group.deleted) {
            selection.put(group, group.tags.values().stream().filter(t -> !t.deleted).toList());
          }
        }
      }
      List<TagGroup> groups = new ArrayList<>(selection.keySet());
      groups.sort(Comparator.comparingLong((TagGroup g) -> -g.order).thenComparingLong(g -> g.seq));
      ok(out);
      out.name("tag_group").beginArray();
      for (TagGroup group : groups) {
        out.beginObject();
        out.name("group_id").value(group.id);
        out.name("group_name").value(group.name);
        out.name("create_time").value(group.createTime);
        out.name("order").value(group.order);
        out.name("deleted").value(group.deleted);
        out.name("tag").beginArray();
        List<Tag> shown = new ArrayList<>(selection.get(group));
        shown.sort(Comparator.comparingLong((Tag t) -> -t.order).thenComparingLong(t -> t.seq));
        for (Tag tag : shown) {
          out.beginObject();
          out.name("id").value(tag.id);
          out.name("name").value(tag.name);
          out.name("create_time").value(tag.createTime);
          out.name("order").value(tag.order);
          out.name("deleted").value(tag.deleted);
          out.endObject();
        }
        out.endArray();
        out.endObject();
      }
      out.endArray();
    } finally {
      corp.lock.readLock().unlock();
    }
  }

  private void addCorpTag(Call call, JsonWriter out) throws IOException {
    JsonObject body = call.body();
    String groupId = optString(body, "group_id");
    String groupName = optString(body, "group_name");
    Long order = optLong(body, "order");
    JsonArray tagArray = SimJson.optArray(body, "tag");
    List<SimCorp.TagSpec> specs = new ArrayList<>();
    if (tagArray != null) {
      for (JsonElement element : tagArray) {
        if (!element.isJsonObject()) {
          throw new WeComApiError(40058, "invalid parameter: tag");
        }
        JsonObject tag = element.getAsJsonObject();
        Long tagOrder = optLong(tag, "order");
        specs.add(new SimCorp.TagSpec(optString(tag, "name"), tagOrder == null ? 0 : tagOrder));
      }
    }
    SimTagGroup group = call.corp.write(() -> call.corp.addCorpTagLocked(groupId, groupName,
        order == null ? 0 : order, specs, true));
    ok(out);
    out.name("tag_group").beginObject();
    out.name("group_id").value(group.groupId());
    out.name("group_name").value(group.name());
    out.name("create_time").value(group.createTime());
    out.name("order").value(group.order());
    out.name("tag").beginArray();
    for (SimTag tag : group.tags()) {
      out.beginObject();
      out.name("id").value(tag.id());
      out.name("name").value(tag.name());
      out.name("create_time").value(tag.createTime());
      out.name("order").value(tag.order());
      out.endObject();
    }
    out.endArray();
    out.endObject();
  }

  private void editCorpTag(Call call, JsonWriter out) throws IOException {
    JsonObject body = call.body();
    String id = optString(body, "id");
    if (id == null || id.isEmpty()) {
      throw new WeComApiError(40068, "invalid tagid: id missing");
    }
    String name = optString(body, "name");
    Long order = optLong(body, "order");
    call.corp.write(() -> {
      call.corp.editCorpTagLocked(id, name, order, true);
      return null;
    });
    ok(out);
  }

  private void delCorpTag(Call call, JsonWriter out) throws IOException {
    JsonObject body = call.body();
    List<String> tagIds = optStrings(body, "tag_id");
    List<String> groupIds = optStrings(body, "group_id");
    call.corp.write(() -> {
      call.corp.delCorpTagLocked(tagIds, groupIds, true);
      return null;
    });
    ok(out);
  }

  private void markTag(Call call, JsonWriter out) throws IOException {
    JsonObject body = call.body();
    String userid = optString(body, "userid");
    String externalUserId = optString(body, "external_userid");
    if (userid == null || userid.isEmpty()) {
      throw new WeComApiError(41009, "userid missing");
    }
    if (externalUserId == null || externalUserId.isEmpty()) {
      throw new WeComApiError(41035, "external_userid missing");
    }
    List<String> add = optStrings(body, "add_tag");
    List<String> remove = optStrings(body, "remove_tag");
    call.corp.write(() -> call.corp.markTagLocked(userid, externalUserId, add, remove, true));
    ok(out);
  }

  // ---------------------------------------------------------------- customer groups

  private void groupChatList(Call call, JsonWriter out) throws IOException {
    JsonObject body = call.body();
    Long limitValue = optLong(body, "limit");
    if (limitValue == null || limitValue < 1 || limitValue > GROUPCHAT_MAX_LIMIT) {
      throw new WeComApiError(40058, "invalid parameter: limit must be within [1, " + GROUPCHAT_MAX_LIMIT + "]");
    }
    int limit = limitValue.intValue();
    Long statusValue = optLong(body, "status_filter");
    int status = statusValue == null ? 0 : statusValue.intValue();
    if (status < 0 || status > 3) {
      throw new WeComApiError(40058, "invalid parameter: status_filter");
    }
    JsonObject ownerFilter = SimJson.optObject(body, "owner_filter");
    List<String> owners = ownerFilter == null ? List.of() : optStrings(ownerFilter, "userid_list");
    if (owners.size() > GROUPCHAT_MAX_OWNERS) {
      throw new WeComApiError(40058, "invalid parameter: owner_filter.userid_list exceeds " + GROUPCHAT_MAX_OWNERS);
    }
    String cursor = optString(body, "cursor");
    long after = cursor == null || cursor.isEmpty() ? Long.MIN_VALUE : SimCursor.decodeLong("C1", cursor);
    SimCorp corp = call.corp;
    corp.lock.readLock().lock();
    try {
      List<Chat> page = new ArrayList<>(limit + 1);
      if (owners.isEmpty()) {
        if (corp.followUsers.size() > GROUPCHAT_UNFILTERED_MAX_STAFF) {
          throw new WeComApiError(81017, "too many items: use owner_filter when more than "
              + GROUPCHAT_UNFILTERED_MAX_STAFF + " staff are visible");
        }
        collect(corp.liveChats.tailMap(after, false), status, limit + 1, page);
      } else {
        for (String owner : new LinkedHashSet<>(owners)) {
          TreeMap<Long, Chat> owned = corp.chatsByOwner.get(owner);
          if (owned != null) {
            collect(owned.tailMap(after, false), status, limit + 1, page);
          }
        }
        page.sort(Comparator.comparingLong(c -> c.seq));
      }
      boolean more = page.size() > limit;
      ok(out);
      out.name("group_chat_list").beginArray();
      for (int i = 0; i < Math.min(limit, page.size()); i++) {
        Chat chat = page.get(i);
        out.beginObject();
        out.name("chat_id").value(chat.chatId);
        out.name("status").value(chat.status);
        out.endObject();
      }
      out.endArray();
      out.name("next_cursor").value(more ? SimCursor.encode("C1", Long.toString(page.get(limit - 1).seq)) : "");
    } finally {
      corp.lock.readLock().unlock();
    }
  }

  private static void collect(NavigableMap<Long, Chat> chats, int status, int max, List<Chat> into) {
    int taken = 0;
    for (Chat chat : chats.values()) {
      if (taken == max) {
        return;
      }
      if (status == 0 || chat.status == status) {
        into.add(chat);
        taken++;
      }
    }
  }

  private void groupChatGet(Call call, JsonWriter out) throws IOException {
    JsonObject body = call.body();
    String chatId = optString(body, "chat_id");
    if (chatId == null || chatId.isEmpty()) {
      throw new WeComApiError(40058, "invalid parameter: chat_id missing");
    }
    Long needNameValue = optLong(body, "need_name");
    boolean needName = needNameValue != null && needNameValue == 1;
    SimCorp corp = call.corp;
    corp.lock.readLock().lock();
    try {
      Chat chat = corp.chats.get(chatId);
      if (chat == null) {
        throw new WeComApiError(40050, "chatid not found");
      }
      if (chat.dismissed) {
        throw new WeComApiError(49008, "chat has been dismissed");
      }
      ok(out);
      out.name("group_chat").beginObject();
      out.name("chat_id").value(chat.chatId);
      out.name("name").value(chat.name);
      out.name("owner").value(chat.owner);
      out.name("create_time").value(chat.createTime);
      out.name("notice").value(chat.notice);
      out.name("member_list").beginArray();
      for (Member member : chat.members.values()) {
        out.beginObject();
        out.name("userid").value(member.id);
        out.name("type").value(member.type);
        if (member.type == 2) {
          string(out, "unionid", member.unionid);
        }
        out.name("join_time").value(member.joinTime);
        out.name("join_scene").value(member.joinScene);
        if (member.invitor != null) {
          out.name("invitor").beginObject().name("userid").value(member.invitor).endObject();
        }
        out.name("group_nickname").value(member.groupNickname == null ? "" : member.groupNickname);
        if (needName) {
          out.name("name").value(corp.memberName(member));
        }
        out.endObject();
      }
      out.endArray();
      out.name("admin_list").beginArray();
      for (String admin : chat.admins) {
        out.beginObject().name("userid").value(admin).endObject();
      }
      out.endArray();
      out.name("member_version").value(chat.memberVersion);
      out.endObject();
    } finally {
      corp.lock.readLock().unlock();
    }
  }

  // ---------------------------------------------------------------- acquisition: contact ways, welcome, transfers

  private static final com.google.gson.Gson GSON = new com.google.gson.Gson();
  static final int UNASSIGNED_MAX_PAGE = 1_000;
  static final int TRANSFER_RESULT_PAGE = 1_000;

  private static List<Long> longs(JsonObject body, String name) {
    JsonArray array = SimJson.optArray(body, name);
    List<Long> values = new ArrayList<>();
    if (array != null) {
      for (JsonElement item : array) {
        try {
          values.add(item.getAsLong());
        } catch (RuntimeException e) {
          throw new WeComApiError(40058, "invalid parameter: " + name);
        }
      }
    }
    return values;
  }

  private static Integer optInt(JsonObject body, String name) {
    Long value = optLong(body, name);
    return value == null ? null : value.intValue();
  }

  private static Boolean optBool(JsonObject body, String name) {
    JsonElement element = body.get(name);
    if (element == null || element.isJsonNull()) {
      return null;
    }
    try {
      return element.getAsJsonPrimitive().isBoolean() ? element.getAsBoolean() : element.getAsLong() != 0;
    } catch (RuntimeException e) {
      throw new WeComApiError(40058, "invalid parameter: " + name);
    }
  }

  private void addContactWay(Call call, JsonWriter out) throws IOException {
    JsonObject body = call.body();
    Integer type = optInt(body, "type");
    Integer scene = optInt(body, "scene");
    if (type == null || scene == null) {
      throw new WeComApiError(40058, "invalid parameter: type and scene are required");
    }
    SimAcquisition.ContactWay way = call.corp.acquisition().addContactWay(type, scene, optInt(body, "style"),
        optString(body, "remark"), optBool(body, "skip_verify"), optString(body, "state"), optStrings(body, "user"),
        longs(body, "party"), Boolean.TRUE.equals(optBool(body, "is_temp")), optInt(body, "expires_in"),
        optInt(body, "chat_expires_in"), optString(body, "unionid"), SimJson.optObject(body, "conclusions"));
    ok(out);
    out.name("config_id").value(way.configId());
    string(out, "qr_code", way.qrCode());
  }

  private void updateContactWay(Call call, JsonObject body, JsonWriter out) throws IOException {
    call.corp.acquisition().updateContactWay(optString(body, "config_id"), optInt(body, "style"),
        optString(body, "remark"), optBool(body, "skip_verify"), optString(body, "state"),
        body.has("user") ? optStrings(body, "user") : null, body.has("party") ? longs(body, "party") : null,
        optInt(body, "expires_in"), optInt(body, "chat_expires_in"), optString(body, "unionid"),
        SimJson.optObject(body, "conclusions"));
    ok(out);
  }

  private void updateContactWay(Call call, JsonWriter out) throws IOException {
    updateContactWay(call, call.body(), out);
  }

  private void delContactWay(Call call, JsonWriter out) throws IOException {
    call.corp.acquisition().deleteContactWay(optString(call.body(), "config_id"));
    ok(out);
  }

  private void getContactWay(Call call, JsonWriter out) throws IOException {
    String configId = optString(call.body(), "config_id");
    SimAcquisition.ContactWay way = call.corp.acquisition().contactWay(configId)
        .orElseThrow(() -> new WeComApiError(40058, "invalid parameter: config_id " + configId + " not found"));
    ok(out);
    out.name("contact_way").beginObject();
    out.name("config_id").value(way.configId());
    out.name("type").value(way.type());
    out.name("scene").value(way.scene());
    if (way.style() != null) {
      out.name("style").value(way.style());
    }
    out.name("remark").value(way.remark() == null ? "" : way.remark());
    out.name("skip_verify").value(way.skipVerify());
    out.name("state").value(way.state() == null ? "" : way.state());
    string(out, "qr_code", way.qrCode());
    strings(out, "user", way.users());
    out.name("party").beginArray();
    for (Long party : way.parties()) {
      out.value(party);
    }
    out.endArray();
    out.name("is_temp").value(way.temp());
    if (way.temp()) {
      out.name("expires_in").value(way.expiresIn() == null ? 604800 : way.expiresIn());
      out.name("chat_expires_in").value(way.chatExpiresIn() == null ? 86400 : way.chatExpiresIn());
    }
    string(out, "unionid", way.unionid());
    if (way.conclusions() != null) {
      out.name("conclusions");
      GSON.toJson(way.conclusions(), out);
    }
    out.endObject();
  }

  private static final java.util.Set<String> ATTACHMENT_TYPES = java.util.Set.of("image", "link", "miniprogram",
      "video", "file");

  private void sendWelcomeMsg(Call call, JsonWriter out) throws IOException {
    JsonObject body = call.body();
    String code = optString(body, "welcome_code");
    if (code == null || code.isEmpty()) {
      throw new WeComApiError(41050, "welcome_code missing");
    }
    JsonObject text = SimJson.optObject(body, "text");
    String content = text == null ? null : optString(text, "content");
    JsonArray attachments = SimJson.optArray(body, "attachments");
    int attachmentCount = attachments == null ? 0 : attachments.size();
    if ((content == null || content.isEmpty()) && attachmentCount == 0) {
      throw new WeComApiError(40058, "invalid parameter: text and attachments are both empty");
    }
    if (content != null && content.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 4000) {
      throw new WeComApiError(40058, "invalid parameter: text.content longer than 4000 bytes");
    }
    if (attachmentCount > 9) {
      throw new WeComApiError(40058, "invalid parameter: more than 9 attachments");
    }
    if (attachments != null) {
      for (JsonElement item : attachments) {
        String type = item.isJsonObject() ? optString(item.getAsJsonObject(), "msgtype") : null;
        if (type == null || !ATTACHMENT_TYPES.contains(type) || !item.getAsJsonObject().has(type)) {
          throw new WeComApiError(40058, "invalid parameter: attachment msgtype " + type);
        }
      }
    }
    call.corp.acquisition().sendWelcome(code, content, attachmentCount);
    ok(out);
  }

  private void transferCustomer(Call call, JsonWriter out, boolean resigned) throws IOException {
    JsonObject body = call.body();
    String message = optString(body, "transfer_success_msg");
    if (message != null && message.codePointCount(0, message.length()) > 200) {
      throw new WeComApiError(40058, "invalid parameter: transfer_success_msg longer than 200 characters");
    }
    Map<String, Integer> result = call.corp.acquisition().transferCustomers(optString(body, "handover_userid"),
        optString(body, "takeover_userid"), optStrings(body, "external_userid"), resigned);
    ok(out);
    out.name("customer").beginArray();
    for (Map.Entry<String, Integer> entry : result.entrySet()) {
      out.beginObject().name("external_userid").value(entry.getKey()).name("errcode").value(entry.getValue())
          .endObject();
    }
    out.endArray();
  }

  private void transferResult(Call call, JsonWriter out, boolean resigned) throws IOException {
    JsonObject body = call.body();
    String handover = optString(body, "handover_userid");
    String takeover = optString(body, "takeover_userid");
    if (handover == null || takeover == null) {
      throw new WeComApiError(40058, "invalid parameter: handover_userid and takeover_userid are required");
    }
    List<SimAcquisition.Transfer> all = call.corp.acquisition().transferResults(handover, takeover, resigned);
    int start = 0;
    String cursor = optString(body, "cursor");
    if (cursor != null && !cursor.isEmpty()) {
      try {
        start = Integer.parseInt(SimCursor.decode("T1", cursor));
      } catch (RuntimeException e) {
        throw SimCursor.invalid(cursor);
      }
    }
    int end = Math.min(all.size(), start + TRANSFER_RESULT_PAGE);
    ok(out);
    out.name("customer").beginArray();
    for (SimAcquisition.Transfer t : all.subList(Math.min(start, end), end)) {
      out.beginObject();
      out.name("external_userid").value(t.externalUserId());
      out.name("status").value(t.status());
      out.name("takeover_time").value(t.status() == 2 ? t.takeoverTimeMillis() / 1000
          : t.status() == 1 ? t.takeoverTimeMillis() / 1000 : 0);
      out.endObject();
    }
    out.endArray();
    out.name("next_cursor").value(end < all.size() ? SimCursor.encode("T1", String.valueOf(end)) : "");
  }

  private void unassignedList(Call call, JsonWriter out) throws IOException {
    JsonObject body = call.body();
    Long size = optLong(body, "page_size");
    int pageSize = size == null || size <= 0 ? UNASSIGNED_MAX_PAGE : (int) Math.min(UNASSIGNED_MAX_PAGE, size);
    int start = 0;
    String cursor = optString(body, "cursor");
    if (cursor != null && !cursor.isEmpty()) {
      try {
        start = Integer.parseInt(SimCursor.decode("U1", cursor));
      } catch (RuntimeException e) {
        throw SimCursor.invalid(cursor);
      }
    }
    List<SimAcquisition.Unassigned> all = call.corp.acquisition().unassigned();
    int end = Math.min(all.size(), start + pageSize);
    ok(out);
    out.name("info").beginArray();
    for (SimAcquisition.Unassigned u : all.subList(Math.min(start, end), end)) {
      out.beginObject();
      out.name("handover_userid").value(u.handover());
      out.name("external_userid").value(u.externalUserId());
      out.name("dimission_time").value(u.dimissionTime());
      out.endObject();
    }
    out.endArray();
    out.name("is_last").value(end >= all.size());
    out.name("next_cursor").value(end < all.size() ? SimCursor.encode("U1", String.valueOf(end)) : "");
  }

  private void groupChatTransfer(Call call, JsonWriter out, boolean onJob) throws IOException {
    JsonObject body = call.body();
    Map<String, Integer> failed = call.corp.acquisition().transferGroupChats(optStrings(body, "chat_id_list"),
        optString(body, "new_owner"), onJob);
    ok(out);
    out.name("failed_chat_list").beginArray();
    for (Map.Entry<String, Integer> entry : failed.entrySet()) {
      out.beginObject().name("chat_id").value(entry.getKey()).name("errcode").value(entry.getValue())
          .name("errmsg").value(groupTransferMessage(entry.getValue())).endObject();
    }
    out.endArray();
  }

  private static String groupTransferMessage(int errcode) {
    return switch (errcode) {
      case 90500 -> "the owner of this chat is not resigned";
      case 90502 -> "the owner of this chat has resigned";
      case 40050 -> "chat_id not found";
      case 49008 -> "chat dismissed";
      case 40128 -> "chat transferred too often";
      case 90504 -> "the new owner already owns this chat";
      default -> "transfer failed";
    };
  }
}
