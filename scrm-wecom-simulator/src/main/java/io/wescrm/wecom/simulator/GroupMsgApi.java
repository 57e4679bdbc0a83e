package io.wescrm.wecom.simulator;

import static io.wescrm.wecom.simulator.SimJson.optLong;
import static io.wescrm.wecom.simulator.SimJson.optString;
import static io.wescrm.wecom.simulator.SimJson.optStrings;
import static io.wescrm.wecom.simulator.SimJson.strings;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Group sends (企业群发): {@code add_msg_template}, {@code get_groupmsg_list_v2}, {@code get_groupmsg_task},
 * {@code get_groupmsg_send_result}, {@code remind_groupmsg_send}, {@code cancel_groupmsg_send}; temporary media
 * ({@code media/upload}) and text app messages ({@code message/send}). State in {@link SimGroupMsgs}.
 */
final class GroupMsgApi extends WeComApiFamily {

  static final int MAX_ATTACHMENTS = 9;
  static final int MAX_TEXT_BYTES = 4_000;
  static final int MAX_APP_TEXT_BYTES = 2_048;
  static final int MAX_APP_USERS = 1_000;
  static final long MAX_SPAN_SECONDS = 31L * 86_400;
  static final int LIST_DEFAULT = 50;
  static final int LIST_MAX = 100;
  static final int TASK_DEFAULT = 500;
  static final int TASK_MAX = 1_000;
  static final Set<String> ATTACHMENT_TYPES = Set.of("image", "link", "miniprogram", "video", "file");

  private final SimFaults faults;

  GroupMsgApi(SimFaults faults) {
    this.faults = faults;
  }

  @Override
  void register(Routes routes) {
    routes.post("externalcontact/add_msg_template", this::addMsgTemplate);
    routes.post("externalcontact/get_groupmsg_list_v2", this::listV2);
    routes.post("externalcontact/get_groupmsg_task", this::task);
    routes.post("externalcontact/get_groupmsg_send_result", this::sendResult);
    routes.post("externalcontact/remind_groupmsg_send", (call, out) -> {
      call.corp.groupMsgs().remind(optString(call.body(), "msgid"));
      ok(out);
    });
    routes.post("externalcontact/cancel_groupmsg_send", (call, out) -> {
      call.corp.groupMsgs().cancel(optString(call.body(), "msgid"));
      ok(out);
    });
    routes.post("media/upload", this::mediaUpload);
    routes.post("message/send", this::messageSend);
  }

  // ---------------------------------------------------------------- add_msg_template

  private void addMsgTemplate(Call call, JsonWriter out) throws IOException {
    JsonObject body = call.body();
    SimCorp corp = call.corp;
    SimGroupMsgs groupMsgs = corp.groupMsgs();
    String chatType = optString(body, "chat_type");
    if (chatType == null || chatType.isEmpty()) {
      chatType = "single";
    }
    if (!chatType.equals("single") && !chatType.equals("group")) {
      throw new WeComApiError(40058, "invalid parameter: chat_type must be single or group");
    }
    String sender = optString(body, "sender");
    if (sender != null && sender.isEmpty()) {
      sender = null;
    }
    JsonObject text = SimJson.optObject(body, "text");
    String content = text == null ? null : optString(text, "content");
    if (content != null && content.isEmpty()) {
      content = null;
    }
    JsonArray attachments = SimJson.optArray(body, "attachments");
    if (content == null && (attachments == null || attachments.isEmpty())) {
      throw new WeComApiError(40058, "invalid parameter: text and attachments are both empty");
    }
    if (content != null && content.getBytes(StandardCharsets.UTF_8).length > MAX_TEXT_BYTES) {
      throw new WeComApiError(40058, "invalid parameter: text.content longer than 4000 bytes");
    }
    validateAttachments(attachments, groupMsgs);
    if (sender != null && corp.staff(sender).isEmpty()) {
      throw new WeComApiError(60111, "userid not found: " + sender);
    }
    LinkedHashMap<String, String> recipients = new LinkedHashMap<>();
    List<String> failList = new ArrayList<>();
    if (chatType.equals("single")) {
      singleRecipients(corp, body, sender, recipients, failList);
    } else {
      groupRecipients(corp, body, sender, recipients, failList);
    }
    if (recipients.isEmpty()) {
      throw new WeComApiError(41048, "no customer to send to (无可发送的客户)");
    }
    Boolean allowSelect = optBool(body, "allow_select");
    SimGroupMsgs.Created created = groupMsgs.create(chatType, sender, recipients, failList, content,
        attachments == null ? new JsonArray() : attachments.deepCopy(), Boolean.TRUE.equals(allowSelect),
        faults.seed());
    if (created.timeoutFault()) {
      call.holdResponseMillis = groupMsgs.settings().timeoutHoldMs();
    }
    ok(out);
    strings(out, "fail_list", created.failList());
    out.name("msgid").value(created.msgid());
  }

  private static void singleRecipients(SimCorp corp, JsonObject body, String sender,
      LinkedHashMap<String, String> recipients, List<String> failList) {
    List<String> ids = optStrings(body, "external_userid");
    if (ids.size() > SimGroupMsgs.MAX_CUSTOMERS) {
      throw new WeComApiError(40058, "invalid parameter: more than 10000 external_userid");
    }
    if (ids.isEmpty() && sender == null) {
      throw new WeComApiError(40058, "invalid parameter: external_userid and sender are both empty");
    }
    List<List<String>> tagFilter = tagFilter(body);
    if (ids.isEmpty()) {
      // no list: every customer of the sender (matching the tag filter)
      for (SimFollow follow : corp.followsOf(sender)) {
        if (matches(follow, tagFilter)) {
          recipients.put(follow.externalUserId(), sender);
        }
      }
      return;
    }
    for (String id : new LinkedHashSet<>(ids)) {
      String by = null;
      if (sender != null) {
        by = corp.follow(sender, id).filter(f -> matches(f, tagFilter)).map(SimFollow::userid).orElse(null);
      } else {
        // without a sender, the customer's first follower (oldest relation) sends
        for (SimFollow follow : corp.followsOfCustomer(id)) {
          if (matches(follow, tagFilter)) {
            by = follow.userid();
            break;
          }
        }
      }
      if (by == null) {
        failList.add(id);
      } else {
        recipients.put(id, by);
      }
    }
  }

  private static void groupRecipients(SimCorp corp, JsonObject body, String sender,
      LinkedHashMap<String, String> recipients, List<String> failList) {
    if (sender == null) {
      throw new WeComApiError(40058, "invalid parameter: sender is required for chat_type group");
    }
    List<String> ids = optStrings(body, "chat_id_list");
    if (ids.size() > SimGroupMsgs.MAX_CHATS) {
      throw new WeComApiError(40058, "invalid parameter: more than 2000 chat_id_list");
    }
    if (ids.isEmpty()) {
      // no list: every live group the sender owns
      for (SimGroupChat chat : corp.groupChats()) {
        if (chat.owner().equals(sender)) {
          recipients.put(chat.chatId(), sender);
        }
      }
      return;
    }
    for (String id : new LinkedHashSet<>(ids)) {
      boolean owned = corp.groupChat(id).map(c -> c.owner().equals(sender)).orElse(false);
      if (owned) {
        recipients.put(id, sender);
      } else {
        failList.add(id);
      }
    }
  }

  /** tag_filter.group_list[].tag_list[]: every group must match, each by any of its tags. */
  private static List<List<String>> tagFilter(JsonObject body) {
    JsonObject filter = SimJson.optObject(body, "tag_filter");
    List<List<String>> groups = new ArrayList<>();
    if (filter == null) {
      return groups;
    }
    JsonArray list = SimJson.optArray(filter, "group_list");
    if (list != null) {
      for (JsonElement item : list) {
        if (!item.isJsonObject()) {
          throw new WeComApiError(40058, "invalid parameter: tag_filter");
        }
        List<String> tags = optStrings(item.getAsJsonObject(), "tag_list");
        if (!tags.isEmpty()) {
          groups.add(tags);
        }
      }
    }
    return groups;
  }

  private static boolean matches(SimFollow follow, List<List<String>> tagFilter) {
    for (List<String> group : tagFilter) {
      if (group.stream().noneMatch(follow.tagIds()::contains)) {
        return false;
      }
    }
    return true;
  }

  private static void validateAttachments(JsonArray attachments, SimGroupMsgs groupMsgs) {
    if (attachments == null) {
      return;
    }
    if (attachments.size() > MAX_ATTACHMENTS) {
      throw new WeComApiError(41064, "too many attachments (at most 9)");
    }
    for (JsonElement item : attachments) {
      if (!item.isJsonObject()) {
        throw new WeComApiError(40058, "invalid parameter: attachments");
      }
      JsonObject attachment = item.getAsJsonObject();
      String type = optString(attachment, "msgtype");
      if (type == null || !ATTACHMENT_TYPES.contains(type)) {
        throw new WeComApiError(41065, "invalid attachment msgtype: " + type);
      }
      JsonObject payload = SimJson.optObject(attachment, type);
      if (payload == null) {
        throw new WeComApiError(40058, "invalid parameter: attachment " + type + " without its " + type + " object");
      }
      switch (type) {
        case "image" -> {
          String mediaId = blankToNull(optString(payload, "media_id"));
          String picUrl = blankToNull(optString(payload, "pic_url"));
          if (mediaId == null && picUrl == null) {
            throw new WeComApiError(40058, "invalid parameter: image needs media_id or pic_url");
          }
          if (mediaId != null) {
            requireMedia(groupMsgs, mediaId);
          }
        }
        case "link" -> {
          String title = blankToNull(optString(payload, "title"));
          if (title == null || blankToNull(optString(payload, "url")) == null) {
            throw new WeComApiError(40058, "invalid parameter: link needs title and url");
          }
          if (title.getBytes(StandardCharsets.UTF_8).length > 128) {
            throw new WeComApiError(40058, "invalid parameter: link title longer than 128 bytes");
          }
          String desc = optString(payload, "desc");
          if (desc != null && desc.getBytes(StandardCharsets.UTF_8).length > 512) {
            throw new WeComApiError(40058, "invalid parameter: link desc longer than 512 bytes");
          }
        }
        case "miniprogram" -> {
          String title = blankToNull(optString(payload, "title"));
          String picMediaId = blankToNull(optString(payload, "pic_media_id"));
          if (title == null || picMediaId == null || blankToNull(optString(payload, "appid")) == null
              || blankToNull(optString(payload, "page")) == null) {
            throw new WeComApiError(40058, "invalid parameter: miniprogram needs title, pic_media_id, appid, page");
          }
          if (title.getBytes(StandardCharsets.UTF_8).length > 64) {
            throw new WeComApiError(40058, "invalid parameter: miniprogram title longer than 64 bytes");
          }
          requireMedia(groupMsgs, picMediaId);
        }
        default -> { // video, file
          String mediaId = blankToNull(optString(payload, "media_id"));
          if (mediaId == null) {
            throw new WeComApiError(40058, "invalid parameter: " + type + " needs media_id");
          }
          requireMedia(groupMsgs, mediaId);
        }
      }
    }
  }

  private static void requireMedia(SimGroupMsgs groupMsgs, String mediaId) {
    if (!groupMsgs.mediaValid(mediaId)) {
      throw new WeComApiError(40007, "invalid media_id (unknown, or older than 3 days): " + mediaId);
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
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

  // ---------------------------------------------------------------- reads

  private void listV2(Call call, JsonWriter out) throws IOException {
    JsonObject body = call.body();
    String chatType = optString(body, "chat_type");
    if (chatType == null || !(chatType.equals("single") || chatType.equals("group"))) {
      throw new WeComApiError(40058, "invalid parameter: chat_type (single or group) is required");
    }
    Long start = optLong(body, "start_time");
    Long end = optLong(body, "end_time");
    if (start == null || end == null) {
      throw new WeComApiError(40058, "invalid parameter: start_time and end_time are required");
    }
    if (end < start || end - start > MAX_SPAN_SECONDS) {
      throw new WeComApiError(40058, "invalid parameter: start_time..end_time must span at most one month");
    }
    Long filter = optLong(body, "filter_type");
    int filterType = filter == null ? 2 : filter.intValue();
    if (filterType < 0 || filterType > 2) {
      throw new WeComApiError(40058, "invalid parameter: filter_type must be 0, 1 or 2");
    }
    int limit = limit(body, LIST_DEFAULT, LIST_MAX);
    int from = position(body, "GL");
    List<SimGroupMsgs.Task> all = call.corp.groupMsgs().list(chatType, start * 1000, end * 1000 + 999, filterType,
        optString(body, "creator"));
    int to = Math.min(all.size(), from + limit);
    ok(out);
    out.name("next_cursor").value(to < all.size() ? SimCursor.encode("GL", String.valueOf(to)) : "");
    out.name("group_msg_list").beginArray();
    for (SimGroupMsgs.Task task : all.subList(Math.min(from, to), to)) {
      out.beginObject();
      out.name("msgid").value(task.msgid());
      if (task.creator() != null) {
        out.name("creator").value(task.creator());
      }
      out.name("create_time").value(String.valueOf(task.createTimeMillis() / 1000));
      out.name("create_type").value(0);
      if (task.text() != null) {
        out.name("text").beginObject().name("content").value(task.text()).endObject();
      }
      out.name("attachments");
      SimJson.write(out, task.attachments());
      out.endObject();
    }
    out.endArray();
  }

  private void task(Call call, JsonWriter out) throws IOException {
    JsonObject body = call.body();
    int limit = limit(body, TASK_DEFAULT, TASK_MAX);
    List<SimGroupMsgs.SenderTask> all = call.corp.groupMsgs().senderTasks(optString(body, "msgid"));
    int from = position(body, "GT");
    int to = Math.min(all.size(), from + limit);
    ok(out);
    out.name("next_cursor").value(to < all.size() ? SimCursor.encode("GT", String.valueOf(to)) : "");
    out.name("task_list").beginArray();
    for (SimGroupMsgs.SenderTask t : all.subList(Math.min(from, to), to)) {
      out.beginObject();
      out.name("userid").value(t.userid());
      out.name("status").value(t.status());
      if (t.status() == 2) {
        out.name("send_time").value(t.sendTimeMillis() / 1000);
      }
      out.endObject();
    }
    out.endArray();
  }

  private void sendResult(Call call, JsonWriter out) throws IOException {
    JsonObject body = call.body();
    String msgid = optString(body, "msgid");
    String userid = optString(body, "userid");
    if (msgid != null && !msgid.isEmpty() && (userid == null || userid.isEmpty())) {
      throw new WeComApiError(41009, "userid missing");
    }
    int limit = limit(body, TASK_DEFAULT, TASK_MAX);
    List<SimGroupMsgs.Recipient> all = call.corp.groupMsgs().sendResult(msgid, userid);
    int from = position(body, "GR");
    int to = Math.min(all.size(), from + limit);
    ok(out);
    out.name("next_cursor").value(to < all.size() ? SimCursor.encode("GR", String.valueOf(to)) : "");
    out.name("send_list").beginArray();
    for (SimGroupMsgs.Recipient r : all.subList(Math.min(from, to), to)) {
      out.beginObject();
      out.name(r.chat() ? "chat_id" : "external_userid").value(r.id());
      out.name("userid").value(r.userid());
      out.name("status").value(r.status());
      if (r.status() == 1) {
        out.name("send_time").value(r.sendTimeMillis() / 1000);
      }
      out.endObject();
    }
    out.endArray();
  }

  private static int limit(JsonObject body, int fallback, int max) {
    Long value = optLong(body, "limit");
    if (value == null || value <= 0) {
      return fallback;
    }
    return (int) Math.min(max, value);
  }

  private static int position(JsonObject body, String kind) {
    String cursor = optString(body, "cursor");
    if (cursor == null || cursor.isBlank()) {
      return 0;
    }
    long position = SimCursor.decodeLong(kind, cursor.trim());
    if (position < 0 || position > Integer.MAX_VALUE) {
      throw SimCursor.invalid(cursor);
    }
    return (int) position;
  }

  // ---------------------------------------------------------------- media/upload

  private void mediaUpload(Call call, JsonWriter out) throws IOException {
    String type = call.query("type");
    long max;
    int tooBig;
    if ("image".equals(type)) {
      max = 10L << 20;
      tooBig = 40009;
    } else if ("video".equals(type)) {
      max = 10L << 20;
      tooBig = 40011;
    } else if ("file".equals(type)) {
      max = 20L << 20;
      tooBig = 40006;
    } else if ("voice".equals(type)) {
      max = 2L << 20;
      tooBig = 40006;
    } else {
      throw new WeComApiError(40005, "invalid type parameter: " + type + " (image, voice, video or file)");
    }
    SimRequest.Part part = MediaUploads.part(call.request, type, max, tooBig);
    int size = part.content().length;
    SimGroupMsgs.Media media = call.corp.groupMsgs().upload(type, part.filename(), size);
    ok(out);
    out.name("type").value(type);
    out.name("media_id").value(media.mediaId());
    out.name("created_at").value(String.valueOf(media.createdAtMillis() / 1000));
  }

  // ---------------------------------------------------------------- message/send

  private void messageSend(Call call, JsonWriter out) throws IOException {
    JsonObject body = call.body();
    SimCorp corp = call.corp;
    Long agentId = optLong(body, "agentid");
    if (agentId == null || agentId != corp.agentId()) {
      throw new WeComApiError(40056, "invalid agentid: " + agentId);
    }
    String msgtype = optString(body, "msgtype");
    if (!"text".equals(msgtype)) {
      throw new WeComApiError(40008, "invalid message type (the simulator sends text app messages only): "
          + msgtype);
    }
    JsonObject text = SimJson.optObject(body, "text");
    String content = text == null ? null : optString(text, "content");
    if (content == null || content.isEmpty()) {
      throw new WeComApiError(44004, "empty text content");
    }
    content = truncate(content, MAX_APP_TEXT_BYTES);
    List<String> users = split(optString(body, "touser"));
    List<String> parties = split(optString(body, "toparty"));
    List<String> tags = split(optString(body, "totag"));
    if (users.isEmpty() && parties.isEmpty() && tags.isEmpty()) {
      throw new WeComApiError(40058, "invalid parameter: touser, toparty and totag are all empty");
    }
    if (users.size() > MAX_APP_USERS || parties.size() > 100 || tags.size() > 100) {
      throw new WeComApiError(40058, "invalid parameter: at most 1000 touser, 100 toparty, 100 totag");
    }
    LinkedHashSet<String> recipients = new LinkedHashSet<>();
    List<String> invalidUsers = new ArrayList<>();
    List<String> invalidParties = new ArrayList<>();
    if (users.contains("@all")) {
      corp.staff().forEach(s -> recipients.add(s.userid()));
    } else {
      for (String user : users) {
        if (corp.staff(user).isPresent()) {
          recipients.add(user);
        } else {
          invalidUsers.add(user);
        }
      }
    }
    for (String party : parties) {
      long id;
      try {
        id = Long.parseLong(party);
      } catch (NumberFormatException e) {
        invalidParties.add(party);
        continue;
      }
      if (corp.departments().stream().noneMatch(d -> d.id() == id)) {
        invalidParties.add(party);
        continue;
      }
      corp.staff().stream().filter(s -> s.departments().contains(id)).forEach(s -> recipients.add(s.userid()));
    }
    if (recipients.isEmpty()) {
      throw new WeComApiError(81013, "user & party & tag all invalid");
    }
    boolean duplicateCheck = Boolean.TRUE.equals(optBool(body, "enable_duplicate_check"));
    Long interval = optLong(body, "duplicate_check_interval");
    long seconds = interval == null || interval <= 0 ? 1_800 : Math.min(interval, 14_400);
    SimGroupMsgs.AppSend sent = corp.groupMsgs().sendAppMessage(recipients, content, duplicateCheck, seconds);
    ok(out);
    out.name("invaliduser").value(String.join("|", invalidUsers));
    out.name("invalidparty").value(String.join("|", invalidParties));
    out.name("invalidtag").value(String.join("|", tags));
    out.name("unlicenseduser").value("");
    out.name("msgid").value(sent.msgid());
    out.name("response_code").value("");
  }

  private static List<String> split(String value) {
    List<String> parts = new ArrayList<>();
    if (value != null) {
      for (String part : value.split("\\|")) {
        if (!part.isBlank()) {
          parts.add(part.trim());
        }
      }
    }
    return parts;
  }

  /** The longest prefix of at most {@code maxBytes} UTF-8 bytes (WeCom truncates longer app message texts). */
  static String truncate(String text, int maxBytes) {
    if (text.getBytes(StandardCharsets.UTF_8).length <= maxBytes) {
      return text;
    }
    int bytes = 0;
    int i = 0;
    while (i < text.length()) {
      int cp = text.codePointAt(i);
      int n = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
      if (bytes + n > maxBytes) {
        break;
      }
      bytes += n;
      i += Character.charCount(cp);
    }
    return text.substring(0, i);
  }
}
