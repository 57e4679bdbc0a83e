package io.wescrm.wecom.simulator;

import static io.wescrm.wecom.simulator.SimJson.optLong;
import static io.wescrm.wecom.simulator.SimJson.optString;
import static io.wescrm.wecom.simulator.SimJson.string;
import static io.wescrm.wecom.simulator.SimJson.strings;

import com.google.gson.JsonObject;
import com.google.gson.stream.JsonWriter;
import io.wescrm.wecom.simulator.CorpModel.Dept;
import io.wescrm.wecom.simulator.CorpModel.Staff;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/** Directory APIs: members ({@code user/get}, {@code user/list_id}) and departments ({@code department/list}). */
final class DirectoryApi extends WeComApiFamily {

  static final int LIST_ID_MAX_LIMIT = 10_000;

  @Override
  void register(Routes routes) {
    routes.get("user/get", this::userGet);
    routes.post("user/list_id", this::userListId);
    routes.get("department/list", this::departmentList);
  }

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
}
