package io.wescrm.wecom.simulator;

import static io.wescrm.wecom.simulator.SimJson.optLong;
import static io.wescrm.wecom.simulator.SimJson.optString;
import static io.wescrm.wecom.simulator.SimJson.optStrings;
import static io.wescrm.wecom.simulator.SimJson.string;

import com.google.gson.JsonObject;
import com.google.gson.stream.JsonWriter;
import io.wescrm.wecom.simulator.CorpModel.Chat;
import io.wescrm.wecom.simulator.CorpModel.Member;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/** Customer group APIs: {@code externalcontact/groupchat/list} and {@code groupchat/get}. */
final class GroupChatApi extends WeComApiFamily {

  static final int GROUPCHAT_MAX_LIMIT = 1_000;
  static final int GROUPCHAT_MAX_OWNERS = 100;
  static final int GROUPCHAT_UNFILTERED_MAX_STAFF = 1_000;

  @Override
  void register(Routes routes) {
    routes.post("externalcontact/groupchat/list", this::groupChatList);
    routes.post("externalcontact/groupchat/get", this::groupChatGet);
  }

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
        if (member.state != null) {
          out.name("state").value(member.state);
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
}
