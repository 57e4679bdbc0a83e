package io.wescrm.wecom.client;

import static io.wescrm.wecom.client.WeComJson.integer;
import static io.wescrm.wecom.client.WeComJson.number;
import static io.wescrm.wecom.client.WeComJson.string;
import static io.wescrm.wecom.client.WeComJson.time;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.wescrm.core.moments.RemoteMoment;
import io.wescrm.core.remote.RemoteCallException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link RemoteMoment} over WxJava's HTTP client with WeCom's JSON bodies (the shapes of the official samples). All
 * reads: retried like every idempotent call; every page is read (cursor loop; a repeated cursor is an error rather
 * than an endless loop). Pages: get_moment_list 20 (WeCom's maximum), task and customer list 1,000, send result
 * 5,000. Calls are counted per API.
 */
final class WeComRemoteMoments implements RemoteMoment {

  static final String LIST = "externalcontact/get_moment_list";
  static final String TASK = "externalcontact/get_moment_task";
  static final String CUSTOMER_LIST = "externalcontact/get_moment_customer_list";
  static final String SEND_RESULT = "externalcontact/get_moment_send_result";
  static final String COMMENTS = "externalcontact/get_moment_comments";
  static final int LIST_PAGE = 20;
  static final int TASK_PAGE = 1_000;
  static final int SEND_RESULT_PAGE = 5_000;

  private final WeComClient client;
  private final CallCounter counter = new CallCounter();
  private final Map<String, AtomicLong> calls = new ConcurrentHashMap<>();

  WeComRemoteMoments(WeComClient client) {
    this.client = client;
  }

  CallCounter counter() {
    return counter;
  }

  private JsonObject read(String api, JsonObject body) {
    calls.computeIfAbsent(api, k -> new AtomicLong()).incrementAndGet();
    String json = client.call(api, counter, true, wx -> wx.post(
        wx.getWxCpConfigStorage().getApiUrl("/cgi-bin/" + api), body.toString()));
    return JsonParser.parseString(json).getAsJsonObject();
  }

  @Override
  public Map<String, Long> calls() {
    Map<String, Long> out = new TreeMap<>();
    calls.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  @Override
  public List<Moment> moments(Instant from, Instant to) {
    return WeComJson.pages(LIST, "moment_list", cursor -> {
      JsonObject body = new JsonObject();
      body.addProperty("start_time", from.getEpochSecond());
      body.addProperty("end_time", to.getEpochSecond());
      body.addProperty("filter_type", 2);
      body.addProperty("limit", LIST_PAGE);
      if (cursor != null) {
        body.addProperty("cursor", cursor);
      }
      return body;
    }, m -> {
      JsonElement text = m.get("text");
      String content = text != null && text.isJsonObject() ? string(text.getAsJsonObject(), "content") : null;
      JsonObject media = new JsonObject();
      for (String kind : List.of("image", "video", "link", "location")) {
        if (m.has(kind) && !m.get(kind).isJsonNull()) {
          media.add(kind, m.get(kind));
        }
      }
      Long created = number(m, "create_time");
      return new Moment(string(m, "moment_id"), string(m, "creator"),
          Instant.ofEpochSecond(created == null ? 0 : created), integer(m, "create_type"),
          integer(m, "visible_type"), content, media.size() == 0 ? null : media.toString());
    }, this::read);
  }

  @Override
  public List<Task> tasks(String momentId) {
    return WeComJson.pages(TASK, "task_list", cursor -> paged(momentId, null, TASK_PAGE, cursor),
        t -> new Task(string(t, "userid"), integer(t, "publish_status")), this::read);
  }

  @Override
  public List<String> visibleRange(String momentId, String userid) {
    return WeComJson.pages(CUSTOMER_LIST, "customer_list", cursor -> paged(momentId, userid, TASK_PAGE, cursor),
        c -> string(c, "external_userid"), this::read);
  }

  @Override
  public List<String> sentTo(String momentId, String userid) {
    return WeComJson.pages(SEND_RESULT, "customer_list", cursor -> paged(momentId, userid, SEND_RESULT_PAGE, cursor),
        c -> string(c, "external_userid"), this::read);
  }

  @Override
  public Comments comments(String momentId, String userid) {
    JsonObject body = new JsonObject();
    body.addProperty("moment_id", momentId);
    body.addProperty("userid", userid);
    JsonObject answer = read(COMMENTS, body);
    return new Comments(interactions(answer, "comment_list"), interactions(answer, "like_list"));
  }

  private static List<Interaction> interactions(JsonObject answer, String field) {
    List<Interaction> out = new ArrayList<>();
    JsonElement list = answer.get(field);
    if (list != null && list.isJsonArray()) {
      for (JsonElement item : list.getAsJsonArray()) {
        if (item.isJsonObject()) {
          JsonObject o = item.getAsJsonObject();
          Long at = number(o, "create_time");
          out.add(new Interaction(trimmed(string(o, "external_userid")), trimmed(string(o, "userid")),
              Instant.ofEpochSecond(at == null ? 0 : at)));
        }
      }
    }
    return out;
  }

  private static JsonObject paged(String momentId, String userid, int limit, String cursor) {
    JsonObject body = new JsonObject();
    body.addProperty("moment_id", momentId);
    if (userid != null) {
      body.addProperty("userid", userid);
    }
    body.addProperty("limit", limit);
    if (cursor != null) {
      body.addProperty("cursor", cursor);
    }
    return body;
  }

  private static String trimmed(String s) {
    return s == null ? null : s.strip();
  }



}
