package io.wescrm.wecom.simulator;

import static io.wescrm.wecom.simulator.SimJson.optLong;
import static io.wescrm.wecom.simulator.SimJson.optObject;
import static io.wescrm.wecom.simulator.SimJson.optString;
import static io.wescrm.wecom.simulator.SimJson.optStrings;

import com.google.gson.JsonObject;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToLongFunction;

/**
 * Community APIs: 群活码 ({@code groupchat/add_join_way}, {@code get_join_way}, {@code update_join_way},
 * {@code del_join_way}), group welcome templates ({@code group_welcome_template/add|edit|get|del}) and the group
 * statistics ({@code groupchat/statistic} by owner, {@code groupchat/statistic_group_by_day} by day), computed from the
 * simulator's own member history in China days, kept 60 days. Shapes follow the official samples.
 */
final class CommunityApi extends WeComApiFamily {

  static final List<String> TEMPLATE_FIELDS = List.of("text", "image", "link", "miniprogram", "file", "video");
  static final int STATISTIC_MAX_LIMIT = 1_000;
  static final int STATISTIC_MAX_OWNERS = 100;

  @Override
  void register(Routes routes) {
    routes.post("externalcontact/groupchat/add_join_way", this::addJoinWay);
    routes.post("externalcontact/groupchat/get_join_way", this::getJoinWay);
    routes.post("externalcontact/groupchat/update_join_way", this::updateJoinWay);
    routes.post("externalcontact/groupchat/del_join_way", (call, out) -> {
      call.corp.community().deleteJoinWay(optString(call.body(), "config_id"));
      ok(out);
    });
    routes.post("externalcontact/group_welcome_template/add", this::addTemplate);
    routes.post("externalcontact/group_welcome_template/edit", (call, out) -> {
      JsonObject body = call.body();
      call.corp.community().editWelcomeTemplate(optString(body, "template_id"), content(body));
      ok(out);
    });
    routes.post("externalcontact/group_welcome_template/get", this::getTemplate);
    routes.post("externalcontact/group_welcome_template/del", (call, out) -> {
      call.corp.community().deleteWelcomeTemplate(optString(call.body(), "template_id"));
      ok(out);
    });
    routes.post("externalcontact/groupchat/statistic", this::statistic);
    routes.post("externalcontact/groupchat/statistic_group_by_day", this::statisticByDay);
  }

  // ------------------------------------------------------------------ 群活码

  private void addJoinWay(Call call, JsonObject body, JsonWriter out, boolean update) throws IOException {
    Long scene = optLong(body, "scene");
    Long auto = optLong(body, "auto_create_room");
    Long baseId = optLong(body, "room_base_id");
    if (scene == null) {
      throw new WeComApiError(40058, "invalid parameter: scene is required");
    }
    SimCommunity community = call.corp.community();
    List<String> chats = optStrings(body, "chat_id_list");
    if (update) {
      community.updateJoinWay(optString(body, "config_id"), scene.intValue(), optString(body, "remark"),
          auto == null ? null : auto.intValue(), optString(body, "room_base_name"),
          baseId == null ? null : baseId.intValue(), chats, optString(body, "state"));
      ok(out);
      return;
    }
    SimCommunity.JoinWay way = community.addJoinWay(scene.intValue(), optString(body, "remark"),
        auto == null ? null : auto.intValue(), optString(body, "room_base_name"),
        baseId == null ? null : baseId.intValue(), chats, optString(body, "state"));
    ok(out);
    out.name("config_id").value(way.configId());
  }

  private void addJoinWay(Call call, JsonWriter out) throws IOException {
    addJoinWay(call, call.body(), out, false);
  }

  private void updateJoinWay(Call call, JsonWriter out) throws IOException {
    addJoinWay(call, call.body(), out, true);
  }

  private void getJoinWay(Call call, JsonWriter out) throws IOException {
    String configId = optString(call.body(), "config_id");
    SimCommunity.JoinWay way = call.corp.community().joinWay(configId)
        .orElseThrow(() -> new WeComApiError(40058, "invalid parameter: config_id " + configId + " not found"));
    ok(out);
    out.name("join_way").beginObject();
    out.name("config_id").value(way.configId());
    out.name("scene").value(way.scene());
    out.name("remark").value(way.remark());
    out.name("auto_create_room").value(way.autoCreateRoom());
    out.name("room_base_name").value(way.roomBaseName());
    if (way.roomBaseId() != null) {
      out.name("room_base_id").value(way.roomBaseId());
    }
    SimJson.strings(out, "chat_id_list", way.chatIds());
    out.name("qr_code").value(way.qrCode());
    out.name("state").value(way.state());
    out.endObject();
  }

  // ------------------------------------------------------------------ group welcome templates

  private void addTemplate(Call call, JsonWriter out) throws IOException {
    JsonObject body = call.body();
    Long notify = optLong(body, "notify");
    SimCommunity.WelcomeTemplate template = call.corp.community()
        .addWelcomeTemplate(content(body), notify == null ? 1 : notify.intValue());
    ok(out);
    out.name("template_id").value(template.templateId());
  }

  private void getTemplate(Call call, JsonWriter out) throws IOException {
    String id = optString(call.body(), "template_id");
    SimCommunity.WelcomeTemplate template = call.corp.community().welcomeTemplate(id)
        .orElseThrow(() -> new WeComApiError(41058, "template_id " + id + " not found or not created by this app"));
    ok(out);
    for (String field : TEMPLATE_FIELDS) {
      if (template.content().has(field)) {
        out.name(field);
        SimJson.write(out, template.content().get(field));
      }
    }
  }

  /** The template's content fields, validated: at least one, text ≤ 4000 bytes, each an object. */
  private static JsonObject content(JsonObject body) {
    JsonObject content = new JsonObject();
    for (String field : TEMPLATE_FIELDS) {
      JsonObject value = optObject(body, field);
      if (value != null) {
        content.add(field, value);
      }
    }
    if (content.size() == 0) {
      throw new WeComApiError(40063, "empty parameter: text, image, link, miniprogram, file or video is required");
    }
    JsonObject text = optObject(content, "text");
    if (text != null) {
      String value = optString(text, "content");
      if (value != null && value.getBytes(StandardCharsets.UTF_8).length > 4000) {
        throw new WeComApiError(40058, "invalid parameter: text.content longer than 4000 bytes");
      }
    }
    JsonObject mini = optObject(content, "miniprogram");
    if (mini != null && (optString(mini, "appid") == null || optString(mini, "appid").isEmpty())) {
      throw new WeComApiError(90200, "invalid miniprogram appid");
    }
    return content;
  }

  // ------------------------------------------------------------------ statistics

  /** The requested days as China day starts: begin required, end defaults to begin; within the last 60 days. */
  private static long[] days(Call call, JsonObject body) {
    Long begin = optLong(body, "day_begin_time");
    if (begin == null) {
      throw new WeComApiError(40058, "invalid parameter: day_begin_time is required");
    }
    Long end = optLong(body, "day_end_time");
    long first = dayStart(begin);
    long last = dayStart(end == null ? begin : end);
    long today = dayStart(call.nowMillis / 1000);
    if (last < first || first < today - SimCommunity.HISTORY_SECONDS || last > today) {
      throw new WeComApiError(40058, "invalid parameter: day_begin_time/day_end_time must lie within the last 60 days");
    }
    return new long[] {first, last};
  }

  private static long dayStart(long epochSecond) {
    LocalDate day = Instant.ofEpochSecond(epochSecond).atZone(SimCommunity.DAYS).toLocalDate();
    return day.atStartOfDay(SimCommunity.DAYS).toEpochSecond();
  }

  private static List<String> owners(Call call, JsonObject body, boolean required) {
    JsonObject filter = optObject(body, "owner_filter");
    List<String> owners = filter == null ? List.of() : optStrings(filter, "userid_list");
    if (owners.size() > STATISTIC_MAX_OWNERS) {
      throw new WeComApiError(40058, "invalid parameter: owner_filter.userid_list exceeds " + STATISTIC_MAX_OWNERS);
    }
    if (owners.isEmpty()) {
      if (required) {
        throw new WeComApiError(40058, "invalid parameter: owner_filter.userid_list is required");
      }
      if (call.corp.read(call.corp.followUsers::size) > GroupChatApi.GROUPCHAT_UNFILTERED_MAX_STAFF) {
        throw new WeComApiError(81017, "too many items: use owner_filter when more than "
            + GroupChatApi.GROUPCHAT_UNFILTERED_MAX_STAFF + " staff are visible");
      }
      return call.corp.community().owners();
    }
    return List.copyOf(new LinkedHashSet<>(owners));
  }

  /** By owner: each owner's figures summed over the days asked for, sorted by {@code order_by}, paged. */
  private void statistic(Call call, JsonWriter out) throws IOException {
    JsonObject body = call.body();
    long[] days = days(call, body);
    List<String> owners = owners(call, body, false);
    Long orderBy = optLong(body, "order_by");
    Long orderAsc = optLong(body, "order_asc");
    Long offsetValue = optLong(body, "offset");
    Long limitValue = optLong(body, "limit");
    int offset = offsetValue == null ? 0 : offsetValue.intValue();
    int limit = limitValue == null ? 500 : limitValue.intValue();
    if (offset < 0 || limit < 1 || limit > STATISTIC_MAX_LIMIT) {
      throw new WeComApiError(40058, "invalid parameter: offset/limit");
    }
    int order = orderBy == null ? 1 : orderBy.intValue();
    if (order < 1 || order > 7) {
      throw new WeComApiError(40058, "invalid parameter: order_by");
    }
    Map<String, TreeMap<Long, SimCommunity.DayData>> byOwner = call.corp.community().days(owners, days[0], days[1]);
    List<Map.Entry<String, SimCommunity.DayData>> rows = new ArrayList<>();
    for (Map.Entry<String, TreeMap<Long, SimCommunity.DayData>> e : byOwner.entrySet()) {
      SimCommunity.DayData sum = SimCommunity.DayData.ZERO;
      for (SimCommunity.DayData d : e.getValue().values()) {
        sum = sum.plus(d);
      }
      rows.add(Map.entry(e.getKey(), sum));
    }
    ToLongFunction<SimCommunity.DayData> key = switch (order) {
      case 1 -> SimCommunity.DayData::newChatCnt;
      case 2 -> SimCommunity.DayData::chatTotal;
      case 3 -> SimCommunity.DayData::chatHasMsg;
      case 4 -> SimCommunity.DayData::newMemberCnt;
      case 5 -> SimCommunity.DayData::memberTotal;
      case 6 -> SimCommunity.DayData::memberHasMsg;
      default -> SimCommunity.DayData::msgTotal;
    };
    Comparator<Map.Entry<String, SimCommunity.DayData>> comparator =
        Comparator.comparingLong(e -> key.applyAsLong(e.getValue()));
    if (orderAsc == null || orderAsc != 1) {
      comparator = comparator.reversed();
    }
    rows.sort(comparator.thenComparing(Map.Entry::getKey));
    int to = Math.min(rows.size(), offset + limit);
    ok(out);
    out.name("total").value(rows.size());
    out.name("next_offset").value(to);
    out.name("items").beginArray();
    for (int i = Math.min(offset, rows.size()); i < to; i++) {
      out.beginObject();
      out.name("owner").value(rows.get(i).getKey());
      data(out, rows.get(i).getValue());
      out.endObject();
    }
    out.endArray();
  }

  /** By day: the owners' figures summed per day. */
  private void statisticByDay(Call call, JsonWriter out) throws IOException {
    JsonObject body = call.body();
    long[] days = days(call, body);
    List<String> owners = owners(call, body, true);
    TreeMap<Long, SimCommunity.DayData> sums = new TreeMap<>();
    for (TreeMap<Long, SimCommunity.DayData> byDay : call.corp.community().days(owners, days[0], days[1]).values()) {
      byDay.forEach((day, d) -> sums.merge(day, d, SimCommunity.DayData::plus));
    }
    ok(out);
    out.name("items").beginArray();
    for (Map.Entry<Long, SimCommunity.DayData> e : sums.entrySet()) {
      out.beginObject();
      out.name("stat_time").value(e.getKey());
      data(out, e.getValue());
      out.endObject();
    }
    out.endArray();
  }

  private static void data(JsonWriter out, SimCommunity.DayData d) throws IOException {
    out.name("data").beginObject();
    out.name("new_chat_cnt").value(d.newChatCnt());
    out.name("chat_total").value(d.chatTotal());
    out.name("chat_has_msg").value(d.chatHasMsg());
    out.name("new_member_cnt").value(d.newMemberCnt());
    out.name("member_total").value(d.memberTotal());
    out.name("member_has_msg").value(d.memberHasMsg());
    out.name("msg_total").value(d.msgTotal());
    out.name("migrate_trainee_chat_cnt").value(0);
    out.endObject();
  }
}
