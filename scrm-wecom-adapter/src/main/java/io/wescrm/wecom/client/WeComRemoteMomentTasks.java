package io.wescrm.wecom.client;

import static io.wescrm.wecom.client.WeComJson.integer;
import static io.wescrm.wecom.client.WeComJson.string;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.wescrm.core.moments.RemoteMomentTasks;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link RemoteMomentTasks} over WxJava. {@code media/upload_attachment} and {@code cancel_moment_task} go through
 * WxJava's own methods; {@code add_moment_task} and {@code get_moment_task_result} are called with our JSON, because
 * WxJava's models lose what we need: its task result has no {@code result.errcode} / {@code errmsg} (a job that
 * failed would read as one that finished without a moment) and its sender list types department ids as strings.
 * add_moment_task is called once, never retried (a lost answer may hide a created job).
 */
final class WeComRemoteMomentTasks implements RemoteMomentTasks {

  static final String UPLOAD_ATTACHMENT = "media/upload_attachment";
  static final String ADD = "externalcontact/add_moment_task";
  static final String RESULT = "externalcontact/get_moment_task_result";
  static final String CANCEL = "externalcontact/cancel_moment_task";
  /** {@code attachment_type} 1: 朋友圈. */
  static final int MOMENT_ATTACHMENT = 1;

  private final WeComClient client;
  private final CallCounter counter = new CallCounter();

  WeComRemoteMomentTasks(WeComClient client) {
    this.client = client;
  }

  @Override
  public String uploadAttachment(String mediaType, String fileName, byte[] content) {
    // a repeated upload only wastes a media id: retried like a read, a fresh stream per attempt
    return client.call(UPLOAD_ATTACHMENT, counter, true, wx -> {
      try {
        return wx.getExternalContactService().uploadAttachment(mediaType, fileName, MOMENT_ATTACHMENT,
            new ByteArrayInputStream(content)).getMediaId();
      } catch (java.io.IOException e) {
        throw new me.chanjar.weixin.common.error.WxRuntimeException(e);
      }
    });
  }

  @Override
  public String addMomentTask(Request request) {
    JsonObject body = new JsonObject();
    if (request.text() != null && !request.text().isEmpty()) {
      JsonObject text = new JsonObject();
      text.addProperty("content", request.text());
      body.add("text", text);
    }
    if (!request.attachments().isEmpty()) {
      JsonArray attachments = new JsonArray();
      for (Attachment a : request.attachments()) {
        JsonObject item = new JsonObject();
        item.addProperty("msgtype", a.msgtype());
        JsonObject value = new JsonObject();
        if (a.msgtype().equals("link")) {
          value.addProperty("title", a.title());
          value.addProperty("url", a.url());
        }
        if (a.mediaId() != null) {
          value.addProperty("media_id", a.mediaId());
        }
        item.add(a.msgtype(), value);
        attachments.add(item);
      }
      body.add("attachments", attachments);
    }
    JsonObject range = new JsonObject();
    if (!request.userids().isEmpty() || !request.departmentIds().isEmpty()) {
      JsonObject senders = new JsonObject();
      JsonArray users = new JsonArray();
      request.userids().forEach(users::add);
      JsonArray departments = new JsonArray();
      request.departmentIds().forEach(departments::add);
      senders.add("user_list", users);
      senders.add("department_list", departments);
      range.add("sender_list", senders);
    }
    if (!request.tags().isEmpty()) {
      JsonObject customers = new JsonObject();
      JsonArray tags = new JsonArray();
      request.tags().forEach(tags::add);
      customers.add("tag_list", tags);
      range.add("external_contact_list", customers);
    }
    if (range.size() > 0) {
      body.add("visible_range", range);
    }
    String json = client.callOnce(ADD, counter, wx -> wx.post(
        wx.getWxCpConfigStorage().getApiUrl("/cgi-bin/" + ADD), body.toString()));
    return string(JsonParser.parseString(json).getAsJsonObject(), "jobid");
  }

  @Override
  public JobResult momentTaskResult(String jobid) {
    String json = client.call(RESULT, counter, true, wx -> wx.get(
        wx.getWxCpConfigStorage().getApiUrl("/cgi-bin/" + RESULT), "jobid=" + jobid));
    JsonObject answer = JsonParser.parseString(json).getAsJsonObject();
    int status = integer(answer, "status");
    JsonElement r = answer.get("result");
    if (r == null || !r.isJsonObject()) {
      return new JobResult(status, 0, null, null, List.of(), List.of(), List.of());
    }
    JsonObject result = r.getAsJsonObject();
    JsonObject senders = object(result, "invalid_sender_list");
    JsonObject customers = object(result, "invalid_external_contact_list");
    List<Long> departments = new ArrayList<>();
    for (String d : strings(senders, "department_list")) {
      departments.add(Long.parseLong(d.trim()));
    }
    return new JobResult(status, integer(result, "errcode"), string(result, "errmsg"), string(result, "moment_id"),
        strings(senders, "user_list"), departments, strings(customers, "tag_list"));
  }

  @Override
  public void cancelMomentTask(String momentId) {
    // withdrawing twice is harmless (the second answers 41060): retried like a read
    client.call(CANCEL, counter, true, wx -> wx.getExternalContactService().cancelMomentTask(momentId));
  }

  private static JsonObject object(JsonObject o, String field) {
    JsonElement e = o == null ? null : o.get(field);
    return e != null && e.isJsonObject() ? e.getAsJsonObject() : null;
  }

  private static List<String> strings(JsonObject o, String field) {
    List<String> out = new ArrayList<>();
    JsonElement e = o == null ? null : o.get(field);
    if (e != null && e.isJsonArray()) {
      e.getAsJsonArray().forEach(v -> out.add(v.getAsString()));
    }
    return out;
  }
}
