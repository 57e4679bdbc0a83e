package io.wescrm.wecom.simulator;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The community as customers drive it: a customer scans a 群活码 and joins one of its chats (join scene 3, the way's
 * state on the member, a new room when all are full); the join ways and group welcome templates WeCom holds; the
 * member-history oracle ({@code group-events}: per China day, joins and leaves by scene and joins by state).
 */
final class CommunityControl extends ControlFamily {

  @Override
  void register(SimRouter<Handler> routes) {
    routes.add("GET", "/sim/corps/{corp}/join-ways", call -> {
      JsonArray items = new JsonArray();
      call.corp().community().joinWays().forEach(w -> items.add(GSON.toJsonTree(w)));
      return ok(obj("join_ways", items));
    });
    routes.add("GET", "/sim/corps/{corp}/join-ways/{config_id}", call -> ok(GSON.toJsonTree(call.corp().community()
        .joinWay(call.path("config_id"))
        .orElseThrow(() -> new NotFound("no such join way: " + call.path("config_id"))))));
    routes.add("POST", "/sim/corps/{corp}/join-ways/{config_id}/scan", this::scan);
    routes.add("PUT", "/sim/corps/{corp}/community/settings", call -> {
      JsonObject body = call.body();
      SimCommunity community = call.corp().community();
      if (body.has("member_cap")) {
        community.setMemberCap(intValue(body, "member_cap", 200));
      }
      if (body.has("welcome_template_limit")) {
        community.setWelcomeTemplateLimit(intValue(body, "welcome_template_limit", 100));
      }
      return ok(obj("member_cap", community.memberCap()));
    });
    routes.add("GET", "/sim/corps/{corp}/group-welcome-templates", call -> {
      JsonArray items = new JsonArray();
      for (SimCommunity.WelcomeTemplate t : call.corp().community().welcomeTemplates()) {
        JsonObject item = t.content().deepCopy();
        item.addProperty("template_id", t.templateId());
        item.addProperty("notify", t.notifyFlag());
        items.add(item);
      }
      return ok(obj("templates", items));
    });
    routes.add("GET", "/sim/corps/{corp}/group-events", this::groupEvents);
  }

  private Reply scan(Call call) {
    JsonObject body = call.body();
    String configId = call.path("config_id");
    if (call.corp().community().joinWay(configId).isEmpty()) {
      throw new NotFound("no such join way: " + configId);
    }
    SimCommunity.JoinScan scan = call.corp().community().scan(configId, string(body, "external_userid"),
        string(body, "name"));
    return ok(obj("config_id", scan.configId(), "chat_id", scan.chatId(), "room_created", scan.roomCreated(),
        "external_userid", scan.externalUserId(), "state", scan.state()));
  }

  /** {@code ?from=yyyy-MM-dd&to=yyyy-MM-dd} (China days, inclusive; default today). */
  private Reply groupEvents(Call call) {
    LocalDate today = LocalDate.now(SimCommunity.DAYS);
    LocalDate from = call.query("from") == null ? today : LocalDate.parse(call.query("from"));
    LocalDate to = call.query("to") == null ? today : LocalDate.parse(call.query("to"));
    TreeMap<LocalDate, Day> days = new TreeMap<>();
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
      days.put(d, new Day());
    }
    List<SimCommunity.GroupEvent> events = call.corp().community().events(from, to);
    for (SimCommunity.GroupEvent e : events) {
      Day day = days.get(Instant.ofEpochMilli(e.atMillis()).atZone(SimCommunity.DAYS).toLocalDate());
      if (e.join()) {
        day.joins++;
        day.joinsByScene.merge(Integer.toString(e.scene()), 1L, Long::sum);
        day.joinsByState.merge(e.state() == null ? "" : e.state(), 1L, Long::sum);
      } else {
        day.leaves++;
        day.leavesByScene.merge(Integer.toString(e.scene()), 1L, Long::sum);
      }
    }
    JsonArray items = new JsonArray();
    days.forEach((date, d) -> items.add(obj("day", date.toString(), "joins", d.joins, "leaves", d.leaves,
        "joins_by_scene", GSON.toJsonTree(d.joinsByScene), "leaves_by_scene", GSON.toJsonTree(d.leavesByScene),
        "joins_by_state", GSON.toJsonTree(d.joinsByState))));
    return ok(obj("days", items, "events", events.size()));
  }

  private static final class Day {
    long joins;
    long leaves;
    final Map<String, Long> joinsByScene = new TreeMap<>();
    final Map<String, Long> leavesByScene = new TreeMap<>();
    final Map<String, Long> joinsByState = new TreeMap<>();
  }
}
