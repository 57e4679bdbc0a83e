package io.wescrm.wecom.simulator;

import static io.wescrm.wecom.simulator.SimJson.optLong;
import static io.wescrm.wecom.simulator.SimJson.optString;

import com.google.gson.JsonObject;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Customer moments (客户朋友圈): {@code get_moment_list}, {@code get_moment_task}, {@code get_moment_customer_list},
 * {@code get_moment_send_result}, {@code get_moment_comments}, in the shapes of the official samples. State in
 * {@link SimMoments}. WeCom's limits: a list window of at most 30 days (a longer one is refused with 40058, the
 * simulator's choice: WeCom's exact code is not documented), list pages of at most 20, task and customer-list
 * pages of at most 1,000 (default 500), send-result pages of at most 5,000 (default 3,000); comments are not paged.
 */
final class MomentApi extends WeComApiFamily {

  static final long MAX_SPAN_SECONDS = 30L * 86_400;
  static final int LIST_DEFAULT = 20;
  static final int LIST_MAX = 20;
  static final int TASK_DEFAULT = 500;
  static final int TASK_MAX = 1_000;
  static final int SEND_RESULT_DEFAULT = 3_000;
  static final int SEND_RESULT_MAX = 5_000;

  @Override
  void register(Routes routes) {
    routes.post("externalcontact/get_moment_list", this::list);
    routes.post("externalcontact/get_moment_task", this::task);
    routes.post("externalcontact/get_moment_customer_list", this::customerList);
    routes.post("externalcontact/get_moment_send_result", this::sendResult);
    routes.post("externalcontact/get_moment_comments", this::comments);
    routes.post("externalcontact/add_moment_task", this::addTask);
    routes.get("externalcontact/get_moment_task_result", this::taskResult);
    routes.post("externalcontact/cancel_moment_task", (call, out) -> {
      call.corp.moments().cancelTask(optString(call.body(), "moment_id"));
      ok(out);
    });
    routes.post("media/upload_attachment", this::uploadAttachment);
  }

  // ---------------------------------------------------------------- publishing

  static final int MAX_TEXT_CHARS = 2_000;
  static final int MAX_IMAGES = 9;
  static final int MAX_SENDERS = 100_000;

  private void addTask(Call call, JsonWriter out) throws IOException {
    JsonObject body = call.body();
    SimMoments moments = call.corp.moments();
    JsonObject text = SimJson.optObject(body, "text");
    String content = text == null ? null : optString(text, "content");
    if (content != null && content.codePointCount(0, content.length()) > MAX_TEXT_CHARS) {
      throw new WeComApiError(40058, "invalid parameter: text.content longer than " + MAX_TEXT_CHARS + " characters");
    }
    com.google.gson.JsonArray items = SimJson.optArray(body, "attachments");
    List<SimMoments.JobAttachment> attachments = new ArrayList<>();
    if (items != null) {
      for (com.google.gson.JsonElement item : items) {
        if (!item.isJsonObject()) {
          throw new WeComApiError(41089, "empty attachment content");
        }
        attachments.add(attachment(moments, item.getAsJsonObject()));
      }
    }
    if ((content == null || content.isEmpty()) && attachments.isEmpty()) {
      throw new WeComApiError(41088, "text and attachments are both empty");
    }
    java.util.Set<String> kinds = new java.util.HashSet<>();
    attachments.forEach(a -> kinds.add(a.msgtype()));
    if (kinds.size() > 1) {
      throw new WeComApiError(40058, "invalid parameter: attachments are images, or one video, or one link, not mixed");
    }
    long images = attachments.stream().filter(a -> a.msgtype().equals("image")).count();
    if (images > MAX_IMAGES) {
      throw new WeComApiError(40058, "invalid parameter: at most " + MAX_IMAGES + " images");
    }
    if (kinds.contains("video") && attachments.size() > 1) {
      throw new WeComApiError(41090, "invalid video: at most one video");
    }
    if (kinds.contains("link") && attachments.size() > 1) {
      throw new WeComApiError(40058, "invalid parameter: at most one link");
    }
    JsonObject range = SimJson.optObject(body, "visible_range");
    List<String> users = List.of();
    List<Long> departments = new ArrayList<>();
    List<String> tags = List.of();
    if (range != null) {
      JsonObject senders = SimJson.optObject(range, "sender_list");
      if (senders != null) {
        users = SimJson.optStrings(senders, "user_list");
        for (String d : SimJson.optStrings(senders, "department_list")) {
          try {
            departments.add(Long.parseLong(d.trim()));
          } catch (NumberFormatException e) {
            throw new WeComApiError(40058, "invalid parameter: department_list takes numbers");
          }
        }
      }
      JsonObject customers = SimJson.optObject(range, "external_contact_list");
      if (customers != null) {
        tags = SimJson.optStrings(customers, "tag_list");
      }
    }
    if (users.size() > MAX_SENDERS) {
      throw new WeComApiError(40058, "invalid parameter: at most " + MAX_SENDERS + " users");
    }
    if (moments.takeDroppedRequest()) {
      throw new WeComApiError(-1, "system busy (the simulator dropped the request: no job was created)");
    }
    SimMoments.Job job = moments.addJob(content, attachments, users, departments, tags);
    if (moments.takeLostAnswer()) {
      throw new WeComApiError(-1, "system busy (the simulator created job " + job.jobid() + " and lost the answer)");
    }
    ok(out);
    out.name("jobid").value(job.jobid());
  }

  private static SimMoments.JobAttachment attachment(SimMoments moments, JsonObject item) {
    String type = optString(item, "msgtype");
    JsonObject value = type == null ? null : SimJson.optObject(item, type);
    if (type == null || !List.of("image", "video", "link").contains(type)) {
      throw new WeComApiError(40058, "invalid parameter: attachment msgtype must be image, video or link: " + type);
    }
    if (value == null) {
      throw new WeComApiError(41089, "empty attachment content: " + type);
    }
    String mediaId = optString(value, "media_id");
    if (type.equals("link")) {
      String title = optString(value, "title");
      String url = optString(value, "url");
      if (url == null || url.isBlank() || title == null || title.isBlank()) {
        throw new WeComApiError(41089, "empty attachment content: a link needs title and url");
      }
      if (mediaId != null && !mediaId.isEmpty() && moments.attachmentMedia(mediaId).isEmpty()) {
        throw new WeComApiError(40007, "invalid media_id: " + mediaId);
      }
      return new SimMoments.JobAttachment(type, mediaId, title, url);
    }
    if (mediaId == null || mediaId.isEmpty()) {
      throw new WeComApiError(41089, "empty attachment content: " + type + " needs media_id");
    }
    SimMoments.AttachmentMedia media = moments.attachmentMedia(mediaId)
        .orElseThrow(() -> new WeComApiError(40007, "invalid media_id (not from media/upload_attachment): "
            + mediaId));
    if (type.equals("video") && !media.type().equals("video")) {
      throw new WeComApiError(41090, "invalid video: media " + mediaId + " is a " + media.type());
    }
    if (type.equals("image") && !media.type().equals("image")) {
      throw new WeComApiError(40058, "invalid parameter: media " + mediaId + " is not an image");
    }
    return new SimMoments.JobAttachment(type, mediaId, null, null);
  }

  private void taskResult(Call call, JsonWriter out) throws IOException {
    SimMoments.JobStatus status = call.corp.moments().jobStatus(call.query("jobid"));
    SimMoments.Job job = status.job();
    ok(out);
    out.name("status").value(status.status());
    out.name("type").value("add_moment_task");
    if (status.status() == 3) {
      out.name("result").beginObject();
      out.name("errcode").value(job.errcode());
      out.name("errmsg").value(job.errcode() == 0 ? "ok" : "no valid sender in the visible range");
      if (job.momentId() != null) {
        out.name("moment_id").value(job.momentId());
      }
      out.name("invalid_sender_list").beginObject();
      SimJson.strings(out, "user_list", job.invalidUsers());
      out.name("department_list").beginArray();
      for (Long d : job.invalidDepartments()) {
        out.value(d);
      }
      out.endArray();
      out.endObject();
      out.name("invalid_external_contact_list").beginObject();
      SimJson.strings(out, "tag_list", job.invalidTags());
      out.endObject();
      out.endObject();
    }
  }

  private void uploadAttachment(Call call, JsonWriter out) throws IOException {
    String type = call.query("media_type");
    String attachmentType = call.query("attachment_type");
    if (!"1".equals(attachmentType)) {
      throw new WeComApiError(40058, "invalid parameter: attachment_type must be 1 (朋友圈)");
    }
    long max = 10L << 20;
    int tooBig;
    if ("image".equals(type)) {
      tooBig = 40009;
    } else if ("video".equals(type)) {
      tooBig = 40011;
    } else {
      throw new WeComApiError(40005, "invalid media_type: " + type + " (image or video)");
    }
    SimRequest.Part part = MediaUploads.part(call.request, type, max, tooBig);
    int size = part.content().length;
    SimMoments.AttachmentMedia media = call.corp.moments().uploadAttachment(type, part.filename(), size);
    ok(out);
    out.name("type").value(type);
    out.name("media_id").value(media.mediaId());
    out.name("created_at").value(String.valueOf(media.createdAtMillis() / 1000));
  }

  private void list(Call call, JsonWriter out) throws IOException {
    JsonObject body = call.body();
    Long start = optLong(body, "start_time");
    Long end = optLong(body, "end_time");
    if (start == null || end == null) {
      throw new WeComApiError(40058, "invalid parameter: start_time and end_time are required");
    }
    if (end < start) {
      throw new WeComApiError(40058, "invalid parameter: end_time before start_time");
    }
    if (end - start > MAX_SPAN_SECONDS) {
      throw new WeComApiError(40058, "invalid parameter: the time range exceeds 30 days");
    }
    Long filterValue = optLong(body, "filter_type");
    int filter = filterValue == null ? 2 : filterValue.intValue();
    if (filter < 0 || filter > 2) {
      throw new WeComApiError(40058, "invalid parameter: filter_type must be 0, 1 or 2");
    }
    String creator = optString(body, "creator");
    List<SimMoments.Moment> all = new ArrayList<>();
    for (SimMoments.Moment m : call.corp.moments().moments()) {
      if (m.createTime() >= start && m.createTime() <= end && (filter == 2 || m.createType() == filter)
          && (creator == null || creator.isEmpty() || creator.equals(m.creator()))) {
        all.add(m);
      }
    }
    int limit = limit(body, LIST_DEFAULT, LIST_MAX);
    int from = Math.min(all.size(), position(body, "ML"));
    int to = Math.min(all.size(), from + limit);
    ok(out);
    out.name("next_cursor").value(to < all.size() ? SimCursor.encode("ML", String.valueOf(to)) : "");
    out.name("moment_list").beginArray();
    for (SimMoments.Moment m : all.subList(from, to)) {
      out.beginObject();
      out.name("moment_id").value(m.momentId());
      out.name("creator").value(m.creator());
      out.name("create_time").value(m.createTime());
      out.name("create_type").value(m.createType());
      out.name("visible_type").value(m.visibleType());
      out.name("text").beginObject().name("content").value(m.text()).endObject();
      if (!m.imageMediaIds().isEmpty()) {
        out.name("image").beginArray();
        for (String media : m.imageMediaIds()) {
          out.beginObject().name("media_id").value(media).endObject();
        }
        out.endArray();
      }
      if (m.linkUrl() != null) {
        out.name("link").beginObject().name("title").value(m.linkTitle()).name("url").value(m.linkUrl())
            .endObject();
      }
      out.endObject();
    }
    out.endArray();
  }

  private void task(Call call, JsonWriter out) throws IOException {
    JsonObject body = call.body();
    SimMoments.Moment moment = moment(call, body);
    if (moment.createType() != 0) {
      throw new WeComApiError(41067, "invalid moment type: get_moment_task takes corp moments only");
    }
    List<SimMoments.Copy> all = call.corp.moments().copies(moment.momentId());
    int limit = limit(body, TASK_DEFAULT, TASK_MAX);
    int from = Math.min(all.size(), position(body, "MT"));
    int to = Math.min(all.size(), from + limit);
    ok(out);
    out.name("next_cursor").value(to < all.size() ? SimCursor.encode("MT", String.valueOf(to)) : "");
    out.name("task_list").beginArray();
    for (SimMoments.Copy c : all.subList(from, to)) {
      out.beginObject().name("userid").value(c.userid()).name("publish_status").value(c.publishStatus())
          .endObject();
    }
    out.endArray();
  }

  private void customerList(Call call, JsonWriter out) throws IOException {
    visible(call, out, "MC", TASK_DEFAULT, TASK_MAX, true);
  }

  private void sendResult(Call call, JsonWriter out) throws IOException {
    visible(call, out, "MS", SEND_RESULT_DEFAULT, SEND_RESULT_MAX, false);
  }

  private void visible(Call call, JsonWriter out, String kind, int fallback, int max, boolean withUserid)
      throws IOException {
    JsonObject body = call.body();
    SimMoments.Moment moment = moment(call, body);
    String userid = userid(body);
    List<String> all = call.corp.moments().copy(moment.momentId(), userid).visibleCustomers();
    int limit = limit(body, fallback, max);
    int from = Math.min(all.size(), position(body, kind));
    int to = Math.min(all.size(), from + limit);
    ok(out);
    out.name("next_cursor").value(to < all.size() ? SimCursor.encode(kind, String.valueOf(to)) : "");
    out.name("customer_list").beginArray();
    for (String customer : all.subList(from, to)) {
      out.beginObject();
      if (withUserid) {
        out.name("userid").value(userid);
      }
      out.name("external_userid").value(customer);
      out.endObject();
    }
    out.endArray();
  }

  private void comments(Call call, JsonWriter out) throws IOException {
    JsonObject body = call.body();
    SimMoments.Moment moment = moment(call, body);
    List<SimMoments.Interaction> all = call.corp.moments().interactions(moment.momentId(), userid(body));
    ok(out);
    writeInteractions(out, "comment_list", all, SimMoments.COMMENT);
    writeInteractions(out, "like_list", all, SimMoments.LIKE);
  }

  private static void writeInteractions(JsonWriter out, String name, List<SimMoments.Interaction> all, String kind)
      throws IOException {
    out.name(name).beginArray();
    for (SimMoments.Interaction i : all) {
      if (i.kind().equals(kind)) {
        out.beginObject();
        if (i.externalUserId() != null) {
          out.name("external_userid").value(i.externalUserId());
        } else {
          out.name("userid").value(i.byUserid());
        }
        out.name("create_time").value(i.time());
        out.endObject();
      }
    }
    out.endArray();
  }

  private static SimMoments.Moment moment(Call call, JsonObject body) {
    String id = optString(body, "moment_id");
    if (id == null || id.isEmpty()) {
      throw new WeComApiError(41059, "moment_id missing");
    }
    return call.corp.moments().moment(id).orElseThrow(() -> new WeComApiError(41060, "invalid moment id: " + id));
  }

  private static String userid(JsonObject body) {
    String userid = optString(body, "userid");
    if (userid == null || userid.isEmpty()) {
      throw new WeComApiError(40058, "invalid parameter: userid is required");
    }
    return userid;
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
}
