package io.wescrm.wecom.client;

import static io.wescrm.wecom.client.WeComJson.integer;
import static io.wescrm.wecom.client.WeComJson.number;
import static io.wescrm.wecom.client.WeComJson.string;
import static io.wescrm.wecom.client.WeComJson.time;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.reflect.TypeToken;
import io.wescrm.core.campaigns.NotSentException;
import io.wescrm.core.campaigns.RemoteCampaign;
import io.wescrm.core.remote.RemoteCallException;
import java.io.ByteArrayInputStream;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * {@link RemoteCampaign} over WxJava's HTTP client with WeCom's JSON bodies (the shapes of the official samples).
 * Calls that may have acted (add_msg_template, remind, cancel, message/send) are made once through
 * {@link WeComClient#callOnce}: a timeout surfaces as errcode -1 and the caller decides, from get_groupmsg_list_v2 or
 * its own ledger, whether it happened. Reads and media uploads retry like every idempotent call, except 41063 (still
 * dispatching), which {@link WeComClient} reports at once.
 */
final class WeComRemoteCampaign implements RemoteCampaign {

  static final String ADD_MSG_TEMPLATE = "externalcontact/add_msg_template";
  static final String GROUP_MSG_LIST = "externalcontact/get_groupmsg_list_v2";
  static final String GROUP_MSG_TASK = "externalcontact/get_groupmsg_task";
  static final String GROUP_MSG_SEND_RESULT = "externalcontact/get_groupmsg_send_result";
  static final String REMIND = "externalcontact/remind_groupmsg_send";
  static final String CANCEL = "externalcontact/cancel_groupmsg_send";
  static final String MEDIA_UPLOAD = "media/upload";
  static final String MESSAGE_SEND = "message/send";
  /** get_groupmsg_list_v2's page maximum. */
  static final int LIST_PAGE = 100;
  /** get_groupmsg_task's and get_groupmsg_send_result's page maximum. */
  static final int RESULT_PAGE = 1000;
  private static final Gson GSON = new Gson();
  private static final Type BODY_MAP = new TypeToken<LinkedHashMap<String, Object>>() { }.getType();

  private final WeComClient client;
  private final CallCounter counter = new CallCounter();

  WeComRemoteCampaign(WeComClient client) {
    this.client = client;
  }

  CallCounter counter() {
    return counter;
  }

  private JsonObject read(String api, JsonObject body) {
    String json = client.call(api, counter, true, wx -> wx.post(
        wx.getWxCpConfigStorage().getApiUrl("/cgi-bin/" + api), body.toString()));
    return JsonParser.parseString(json).getAsJsonObject();
  }

  private JsonObject once(String api, JsonObject body) {
    String json = client.callOnce(api, counter, wx -> wx.post(
        wx.getWxCpConfigStorage().getApiUrl("/cgi-bin/" + api), body.toString()));
    return JsonParser.parseString(json).getAsJsonObject();
  }

  @Override
  public CreatedTask addMsgTemplate(MsgTemplate template) {
    return addMsgTemplate(template, () -> true);
  }

  @Override
  public CreatedTask addMsgTemplate(MsgTemplate template, BooleanSupplier beforeCall) {
    JsonObject body = new JsonObject();
    body.addProperty("chat_type", template.chatType().wire());
    if (template.chatType() == ChatType.GROUP) {
      body.add("chat_id_list", strings(template.chatIds()));
    } else {
      body.add("external_userid", strings(template.externalUserIds()));
    }
    body.addProperty("sender", template.sender());
    body.addProperty("allow_select", false);
    if (template.text() != null && !template.text().isEmpty()) {
      JsonObject text = new JsonObject();
      text.addProperty("content", template.text());
      body.add("text", text);
    }
    if (template.attachments() != null && !template.attachments().isEmpty()) {
      JsonArray attachments = new JsonArray();
      for (Attachment a : template.attachments()) {
        JsonObject item = new JsonObject();
        item.addProperty("msgtype", a.msgtype());
        item.add(a.msgtype(), GSON.toJsonTree(a.body() == null ? Map.of() : a.body()));
        attachments.add(item);
      }
      body.add("attachments", attachments);
    }
    // never retried: a lost answer may hide a created task, and a second one would send twice. beforeCall is asked
    // inside the gate's permit, after the wait for it and right before the request
    String json = client.callOnce(ADD_MSG_TEMPLATE, counter, wx -> {
      if (!beforeCall.getAsBoolean()) {
        throw new NotSentException("add_msg_template given up before the call");
      }
      return wx.post(wx.getWxCpConfigStorage().getApiUrl("/cgi-bin/" + ADD_MSG_TEMPLATE), body.toString());
    });
    JsonObject answer = JsonParser.parseString(json).getAsJsonObject();
    return new CreatedTask(string(answer, "msgid"), stringList(answer, "fail_list"));
  }

  @Override
  public List<GroupMsg> groupMsgs(ChatType chatType, Instant from, Instant to) {
    return WeComJson.pages(GROUP_MSG_LIST, "group_msg_list", cursor -> {
      JsonObject body = new JsonObject();
      body.addProperty("chat_type", chatType.wire());
      body.addProperty("start_time", from.getEpochSecond());
      body.addProperty("end_time", to.getEpochSecond());
      body.addProperty("filter_type", 0);
      body.addProperty("limit", LIST_PAGE);
      if (cursor != null) {
        body.addProperty("cursor", cursor);
      }
      return body;
    }, m -> {
      JsonElement text = m.get("text");
      String content = text != null && text.isJsonObject() ? string(text.getAsJsonObject(), "content") : null;
      return new GroupMsg(string(m, "msgid"), string(m, "creator"), integer(m, "create_type"),
          time(m, "create_time"), content, attachments(m));
    }, this::read);
  }

  @Override
  public List<SenderTask> senderTasks(String msgId) {
    return WeComJson.pages(GROUP_MSG_TASK, "task_list", cursor -> {
      JsonObject body = new JsonObject();
      body.addProperty("msgid", msgId);
      body.addProperty("limit", RESULT_PAGE);
      if (cursor != null) {
        body.addProperty("cursor", cursor);
      }
      return body;
    }, t -> new SenderTask(string(t, "userid"), integer(t, "status"), time(t, "send_time")), this::read);
  }

  @Override
  public List<SendResult> sendResults(String msgId, String userId) {
    return WeComJson.pages(GROUP_MSG_SEND_RESULT, "send_list", cursor -> {
      JsonObject body = new JsonObject();
      body.addProperty("msgid", msgId);
      body.addProperty("userid", userId);
      body.addProperty("limit", RESULT_PAGE);
      if (cursor != null) {
        body.addProperty("cursor", cursor);
      }
      return body;
    }, r -> new SendResult(string(r, "external_userid"), string(r, "chat_id"), string(r, "userid"),
        integer(r, "status"), time(r, "send_time")), this::read);
  }

  @Override
  public void remind(String msgId) {
    JsonObject body = new JsonObject();
    body.addProperty("msgid", msgId);
    once(REMIND, body);
  }

  @Override
  public void cancel(String msgId) {
    JsonObject body = new JsonObject();
    body.addProperty("msgid", msgId);
    once(CANCEL, body);
  }

  @Override
  public String uploadMedia(String type, String fileName, byte[] content) {
    // idempotent enough: a repeated upload only wastes a media id. A fresh stream per attempt.
    return client.call(MEDIA_UPLOAD, counter, true, wx -> wx.getMediaService()
        .upload(type, new ByteArrayInputStream(content), fileName).getMediaId());
  }

  @Override
  public AppMessageResult sendAppText(List<String> userIds, String text, int duplicateCheckSeconds) {
    Integer agentId = client.wx().getWxCpConfigStorage().getAgentId();
    if (agentId == null) {
      throw new IllegalStateException("corp " + client.corpId() + " has no agent-id: message/send needs one");
    }
    JsonObject body = new JsonObject();
    body.addProperty("touser", String.join("|", userIds));
    body.addProperty("msgtype", "text");
    body.addProperty("agentid", agentId);
    JsonObject content = new JsonObject();
    content.addProperty("content", text);
    body.add("text", content);
    body.addProperty("enable_duplicate_check", 1);
    body.addProperty("duplicate_check_interval", duplicateCheckSeconds);
    JsonObject answer = once(MESSAGE_SEND, body);
    String invalid = string(answer, "invaliduser");
    List<String> invalidUsers = new ArrayList<>();
    if (invalid != null) {
      for (String u : invalid.split("\\|")) {
        if (!u.isBlank()) {
          invalidUsers.add(u);
        }
      }
    }
    return new AppMessageResult(string(answer, "msgid"), invalidUsers);
  }

  private static List<Attachment> attachments(JsonObject m) {
    JsonElement list = m.get("attachments");
    List<Attachment> out = new ArrayList<>();
    if (list == null || !list.isJsonArray()) {
      return out;
    }
    for (JsonElement item : list.getAsJsonArray()) {
      if (!item.isJsonObject()) {
        continue;
      }
      JsonObject a = item.getAsJsonObject();
      String msgtype = string(a, "msgtype");
      if (msgtype == null) {
        continue;
      }
      JsonElement body = a.get(msgtype);
      Map<String, Object> map = body != null && body.isJsonObject() ? GSON.fromJson(body, BODY_MAP)
          : new LinkedHashMap<>();
      out.add(new Attachment(msgtype, map));
    }
    return out;
  }

  private static JsonArray strings(List<String> values) {
    JsonArray array = new JsonArray();
    if (values != null) {
      values.forEach(array::add);
    }
    return array;
  }

  private static List<String> stringList(JsonObject o, String field) {
    JsonElement e = o.get(field);
    List<String> out = new ArrayList<>();
    if (e != null && e.isJsonArray()) {
      for (JsonElement item : e.getAsJsonArray()) {
        if (item.isJsonPrimitive()) {
          out.add(item.getAsString());
        }
      }
    }
    return out;
  }

}
