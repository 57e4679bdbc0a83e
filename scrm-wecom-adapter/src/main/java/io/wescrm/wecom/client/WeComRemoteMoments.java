package io.wescrm.wecom.client;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.wescrm.core.moments.RemoteMoment;
import io.wescrm.core.remote.RemoteCallException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

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
    return pages(LIST, "moment_list", cursor -> {
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
    });
  }

  @Override
  public List<Task> tasks(String momentId) {
    return pages(TASK, "task_list", cursor -> paged(momentId, null, TASK_PAGE, cursor),
        t -> new Task(string(t, "userid"), integer(t, "publish_status")));
  }

  @Override
  public List<String> visibleRange(String momentId, String userid) {
    return pages(CUSTOMER_LIST, "customer_list", cursor -> paged(momentId, userid, TASK_PAGE, cursor),
        c -> string(c, "external_userid"));
  }

  @Override
  public List<String> sentTo(String momentId, String userid) {
    return pages(SEND_RESULT, "customer_list", cursor -> paged(momentId, userid, SEND_RESULT_PAGE, cursor),
        c -> string(c, "external_userid"));
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

  /** Every page of a cursor-paged read: until next_cursor is empty or absent. */
  private <T> List<T> pages(String api, String listField, Function<String, JsonObject> request,
      Function<JsonObject, T> row) {
    List<T> all = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    String cursor = null;
    while (true) {
      JsonObject answer = read(api, request.apply(cursor));
      JsonElement list = answer.get(listField);
      if (list != null && list.isJsonArray()) {
        for (JsonElement item : list.getAsJsonArray()) {
          if (item.isJsonObject()) {
            all.add(row.apply(item.getAsJsonObject()));
          }
        }
      }
      cursor = string(answer, "next_cursor");
      if (cursor == null) {
        return all;
      }
      if (!seen.add(cursor)) {
        throw new RemoteCallException(api, -1, RemoteCallException.Kind.TRANSIENT,
            "next_cursor repeated: " + cursor, null);
      }
    }
  }

  private static String trimmed(String s) {
    return s == null ? null : s.strip();
  }

  private static String string(JsonObject o, String field) {
    JsonElement e = o.get(field);
    if (e == null || !e.isJsonPrimitive()) {
      return null;
    }
    String s = e.getAsString();
    return s.isEmpty() ? null : s;
  }

  private static int integer(JsonObject o, String field) {
    Long n = number(o, field);
    return n == null ? 0 : n.intValue();
  }

  private static Long number(JsonObject o, String field) {
    JsonElement e = o.get(field);
    if (e == null || !e.isJsonPrimitive()) {
      return null;
    }
    try {
      return Long.parseLong(e.getAsString().trim());
    } catch (NumberFormatException notANumber) {
      return null;
    }
  }
}
