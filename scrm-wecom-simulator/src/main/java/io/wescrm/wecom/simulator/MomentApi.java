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
