package io.wescrm.wecom.simulator;

import static io.wescrm.wecom.simulator.SimJson.optLong;
import static io.wescrm.wecom.simulator.SimJson.optString;
import static io.wescrm.wecom.simulator.SimJson.optStrings;
import static io.wescrm.wecom.simulator.SimJson.string;
import static io.wescrm.wecom.simulator.SimJson.strings;

import com.google.gson.JsonObject;
import com.google.gson.stream.JsonWriter;
import io.wescrm.wecom.simulator.CorpModel.Customer;
import io.wescrm.wecom.simulator.CorpModel.Follow;
import io.wescrm.wecom.simulator.CorpModel.Staff;
import io.wescrm.wecom.simulator.CorpModel.Tag;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Customer APIs ({@code externalcontact/...}): follow users, customer lists and details, {@code batch/get_by_user},
 * {@code remark}.
 */
final class CustomerApi extends WeComApiFamily {

  static final int BATCH_MAX_USERS = 100;
  static final int BATCH_MAX_LIMIT = 100;
  static final int BATCH_DEFAULT_LIMIT = 50;
  static final int CONTACT_FOLLOWERS_PAGE = 500;

  @Override
  void register(Routes routes) {
    routes.get("externalcontact/get_follow_user_list", this::followUserList);
    routes.get("externalcontact/list", this::externalContactList);
    routes.get("externalcontact/get", this::externalContactGet);
    routes.post("externalcontact/batch/get_by_user", this::batchGetByUser);
    routes.post("externalcontact/remark", this::remark);
  }

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
}
