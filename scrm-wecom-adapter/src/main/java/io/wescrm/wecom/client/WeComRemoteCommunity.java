package io.wescrm.wecom.client;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.wescrm.core.community.GroupWelcomeContent;
import io.wescrm.core.community.RemoteCommunity;
import io.wescrm.core.remote.RemoteCallException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link RemoteCommunity} over WxJava's HTTP client with WeCom's JSON bodies (the official samples' shapes):
 * 群活码, group welcome templates and {@code groupchat/statistic_group_by_day}, which WxJava lacks. Creations are not
 * retried (a retry after a lost answer would create a second way or template); everything else retries like every
 * idempotent call.
 */
final class WeComRemoteCommunity implements RemoteCommunity {

  static final String ADD_JOIN_WAY = "externalcontact/groupchat/add_join_way";
  static final String GET_JOIN_WAY = "externalcontact/groupchat/get_join_way";
  static final String UPDATE_JOIN_WAY = "externalcontact/groupchat/update_join_way";
  static final String DEL_JOIN_WAY = "externalcontact/groupchat/del_join_way";
  static final String ADD_TEMPLATE = "externalcontact/group_welcome_template/add";
  static final String EDIT_TEMPLATE = "externalcontact/group_welcome_template/edit";
  static final String GET_TEMPLATE = "externalcontact/group_welcome_template/get";
  static final String DEL_TEMPLATE = "externalcontact/group_welcome_template/del";
  static final String STATISTIC_BY_DAY = "externalcontact/groupchat/statistic_group_by_day";
  /** WeCom's statistics count China days. */
  static final ZoneId WECOM_DAYS = ZoneId.of("Asia/Shanghai");
  private static final Gson GSON = new Gson();

  private final WeComClient client;
  private final CallCounter counter = new CallCounter();

  WeComRemoteCommunity(WeComClient client) {
    this.client = client;
  }

  private JsonObject post(String api, JsonObject body, boolean idempotent) {
    String json = client.call(api, counter, idempotent, wx -> wx.post(
        wx.getWxCpConfigStorage().getApiUrl("/cgi-bin/" + api), body.toString()));
    return JsonParser.parseString(json).getAsJsonObject();
  }

  // ------------------------------------------------------------------ 群活码

  @Override
  public CreatedJoinWay addJoinWay(JoinWaySpec spec) {
    JsonObject answer = post(ADD_JOIN_WAY, joinWayBody(spec), false);
    String configId = answer.get("config_id").getAsString();
    // add_join_way answers the config id only: the QR code comes with get_join_way
    String qrCode = joinWay(configId).map(w -> (String) w.get("qr_code")).orElse(null);
    return new CreatedJoinWay(configId, qrCode);
  }

  @Override
  public void updateJoinWay(String configId, JoinWaySpec spec) {
    JsonObject body = joinWayBody(spec);
    body.addProperty("config_id", configId);
    post(UPDATE_JOIN_WAY, body, true);
  }

  private static JsonObject joinWayBody(JoinWaySpec spec) {
    JsonObject body = new JsonObject();
    body.addProperty("scene", spec.scene());
    if (spec.remark() != null) {
      body.addProperty("remark", spec.remark());
    }
    body.addProperty("auto_create_room", spec.autoCreateRoom() ? 1 : 0);
    if (spec.roomBaseName() != null) {
      body.addProperty("room_base_name", spec.roomBaseName());
    }
    if (spec.roomBaseId() != null) {
      body.addProperty("room_base_id", spec.roomBaseId());
    }
    JsonArray chats = new JsonArray();
    spec.chatIds().forEach(chats::add);
    body.add("chat_id_list", chats);
    body.addProperty("state", spec.state());
    return body;
  }

  @Override
  public void deleteJoinWay(String configId) {
    JsonObject body = new JsonObject();
    body.addProperty("config_id", configId);
    post(DEL_JOIN_WAY, body, true);
  }

  @Override
  @SuppressWarnings("unchecked")
  public Optional<Map<String, Object>> joinWay(String configId) {
    JsonObject body = new JsonObject();
    body.addProperty("config_id", configId);
    try {
      return Optional.of(GSON.fromJson(post(GET_JOIN_WAY, body, true).get("join_way"), Map.class));
    } catch (RemoteCallException e) {
      if (e.errcode() == 40058) {
        return Optional.empty();
      }
      throw e;
    }
  }

  // ------------------------------------------------------------------ group welcome templates

  @Override
  public String addGroupWelcomeTemplate(GroupWelcomeContent content, boolean notify) {
    JsonObject body = templateBody(content);
    body.addProperty("notify", notify ? 1 : 0);
    return post(ADD_TEMPLATE, body, false).get("template_id").getAsString();
  }

  @Override
  public void editGroupWelcomeTemplate(String templateId, GroupWelcomeContent content) {
    JsonObject body = templateBody(content);
    body.addProperty("template_id", templateId);
    post(EDIT_TEMPLATE, body, true);
  }

  @Override
  public Optional<GroupWelcomeContent> groupWelcomeTemplate(String templateId) {
    JsonObject body = new JsonObject();
    body.addProperty("template_id", templateId);
    JsonObject answer;
    try {
      answer = post(GET_TEMPLATE, body, true);
    } catch (RemoteCallException e) {
      if (e.errcode() == 41058 || e.errcode() == 40058) {
        return Optional.empty();
      }
      throw e;
    }
    JsonObject text = obj(answer, "text");
    JsonObject image = obj(answer, "image");
    JsonObject link = obj(answer, "link");
    JsonObject mini = obj(answer, "miniprogram");
    JsonObject file = obj(answer, "file");
    JsonObject video = obj(answer, "video");
    return Optional.of(new GroupWelcomeContent(str(text, "content"),
        image == null ? null : new GroupWelcomeContent.Image(str(image, "media_id"), str(image, "pic_url")),
        link == null ? null : new GroupWelcomeContent.Link(str(link, "title"), str(link, "picurl"), str(link, "desc"),
            str(link, "url")),
        mini == null ? null : new GroupWelcomeContent.MiniProgram(str(mini, "title"), str(mini, "pic_media_id"),
            str(mini, "appid"), str(mini, "page")),
        file == null ? null : new GroupWelcomeContent.Media(str(file, "media_id")),
        video == null ? null : new GroupWelcomeContent.Media(str(video, "media_id"))));
  }

  @Override
  public void deleteGroupWelcomeTemplate(String templateId) {
    JsonObject body = new JsonObject();
    body.addProperty("template_id", templateId);
    post(DEL_TEMPLATE, body, true);
  }

  static JsonObject templateBody(GroupWelcomeContent c) {
    JsonObject body = new JsonObject();
    if (c.text() != null && !c.text().isEmpty()) {
      body.add("text", object("content", c.text()));
    }
    if (c.image() != null) {
      body.add("image", object("media_id", c.image().mediaId(), "pic_url", c.image().picUrl()));
    }
    if (c.link() != null) {
      body.add("link", object("title", c.link().title(), "picurl", c.link().picurl(), "desc", c.link().desc(),
          "url", c.link().url()));
    }
    if (c.miniprogram() != null) {
      body.add("miniprogram", object("title", c.miniprogram().title(), "pic_media_id", c.miniprogram().picMediaId(),
          "appid", c.miniprogram().appid(), "page", c.miniprogram().page()));
    }
    if (c.file() != null) {
      body.add("file", object("media_id", c.file().mediaId()));
    }
    if (c.video() != null) {
      body.add("video", object("media_id", c.video().mediaId()));
    }
    return body;
  }

  // ------------------------------------------------------------------ statistics

  @Override
  public List<DayStat> groupStatsByDay(String owner, LocalDate from, LocalDate to) {
    JsonObject body = new JsonObject();
    body.addProperty("day_begin_time", from.atStartOfDay(WECOM_DAYS).toEpochSecond());
    body.addProperty("day_end_time", to.atStartOfDay(WECOM_DAYS).toEpochSecond());
    JsonObject filter = new JsonObject();
    JsonArray owners = new JsonArray();
    owners.add(owner);
    filter.add("userid_list", owners);
    body.add("owner_filter", filter);
    JsonObject answer = post(STATISTIC_BY_DAY, body, true);
    List<DayStat> days = new ArrayList<>();
    JsonElement items = answer.get("items");
    if (items != null && items.isJsonArray()) {
      for (JsonElement item : items.getAsJsonArray()) {
        JsonObject o = item.getAsJsonObject();
        JsonObject d = o.getAsJsonObject("data");
        LocalDate day = Instant.ofEpochSecond(o.get("stat_time").getAsLong()).atZone(WECOM_DAYS).toLocalDate();
        days.add(new DayStat(day, num(d, "new_chat_cnt"), num(d, "chat_total"), num(d, "chat_has_msg"),
            num(d, "new_member_cnt"), num(d, "member_total"), num(d, "member_has_msg"), num(d, "msg_total")));
      }
    }
    return days;
  }

  private static long num(JsonObject o, String name) {
    JsonElement e = o == null ? null : o.get(name);
    return e == null || e.isJsonNull() ? 0 : e.getAsLong();
  }

  private static JsonObject obj(JsonObject o, String name) {
    JsonElement e = o.get(name);
    return e != null && e.isJsonObject() ? e.getAsJsonObject() : null;
  }

  private static String str(JsonObject o, String name) {
    JsonElement e = o == null ? null : o.get(name);
    return e == null || e.isJsonNull() ? null : e.getAsString();
  }

  private static JsonObject object(String... keyValues) {
    JsonObject o = new JsonObject();
    for (int i = 0; i < keyValues.length; i += 2) {
      if (keyValues[i + 1] != null) {
        o.addProperty(keyValues[i], keyValues[i + 1]);
      }
    }
    return o;
  }
}
