package io.wescrm.wecom.simulator;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** Customer groups as their members change them: create, rename, notice, owner, join, leave, dismiss. */
final class GroupControl extends ControlFamily {

  @Override
  void register(SimRouter<Handler> routes) {
    routes.add("POST", "/sim/corps/{corp}/groups", call -> new Reply(201, json(createGroup(call.corp(), call.body()))));
    routes.add("GET", "/sim/corps/{corp}/groups/{chat}", call -> ok(GSON.toJsonTree(call.corp()
        .groupChat(call.path("chat")).orElseThrow(() -> new NotFound("no such group: " + call.path("chat"))))));
    routes.add("PATCH PUT", "/sim/corps/{corp}/groups/{chat}", this::updateGroup);
    routes.add("DELETE", "/sim/corps/{corp}/groups/{chat}", call -> {
      call.corp().dismissGroup(call.path("chat"));
      return ok(obj("dismissed", true));
    });
    routes.add("POST", "/sim/corps/{corp}/groups/{chat}/members", this::addMember);
    routes.add("DELETE", "/sim/corps/{corp}/groups/{chat}/members/{member}", call -> {
      requireGroup(call.corp(), call.path("chat"));
      boolean removed = "1".equals(call.query("removed_by_admin")) || "true".equals(call.query("removed_by_admin"));
      SimGroupChat chat = call.corp().removeGroupMember(call.path("chat"), call.path("member"), removed);
      return ok(groupSummary(chat));
    });
  }

  private static JsonElement createGroup(SimCorp corp, JsonObject body) {
    List<SimGroupMember> members = new ArrayList<>();
    for (String memberId : strings(body, "member_ids")) {
      boolean external = (memberId.startsWith("wm") || memberId.startsWith("wo")) && memberId.length() >= 20;
      members.add(external
          ? new SimGroupMember(memberId, 2, null, 0, 3, null, null, null)
          : SimGroupMember.staff(memberId, 0, null));
    }
    SimGroupChat chat = corp.addGroupChat(string(body, "chat_id"), stringOr(body, "name", ""),
        requireString(body, "owner"), stringOr(body, "notice", ""), 0, members.toArray(SimGroupMember[]::new));
    return groupSummary(chat);
  }

  private Reply updateGroup(Call call) {
    JsonObject body = call.body();
    String id = call.path("chat");
    SimCorp corp = call.corp();
    SimGroupChat chat = null;
    if (body.has("name")) {
      chat = corp.renameGroup(id, string(body, "name"));
    }
    if (body.has("notice")) {
      chat = corp.changeGroupNotice(id, string(body, "notice"));
    }
    if (body.has("owner")) {
      chat = corp.changeGroupOwner(id, string(body, "owner"));
    }
    if (chat == null) {
      throw new IllegalArgumentException("name, notice or owner is required");
    }
    return ok(groupSummary(chat));
  }

  private Reply addMember(Call call) {
    String chatId = call.path("chat");
    requireGroup(call.corp(), chatId);
    JsonObject body = call.body();
    String memberId = string(body, "member_id");
    if (memberId == null) {
      throw new IllegalArgumentException("member_id is required");
    }
    int type = intValue(body, "type", memberId.startsWith("w") ? 2 : 1);
    int joinScene = intValue(body, "join_scene", 3);
    SimGroupChat chat = call.corp().addGroupMember(chatId, new SimGroupMember(memberId, type, string(body, "unionid"),
        0, joinScene, string(body, "invitor"), string(body, "group_nickname"), null));
    return ok(groupSummary(chat));
  }

  private static void requireGroup(SimCorp corp, String chatId) {
    if (corp.groupChat(chatId).isEmpty()) {
      throw new NotFound("no such group: " + chatId);
    }
  }

  private static JsonObject groupSummary(SimGroupChat chat) {
    JsonObject result = new JsonObject();
    result.addProperty("chat_id", chat.chatId());
    result.addProperty("member_count", chat.members().size());
    result.addProperty("member_version", chat.memberVersion());
    return result;
  }
}

