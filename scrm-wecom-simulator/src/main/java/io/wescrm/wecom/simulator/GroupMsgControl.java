package io.wescrm.wecom.simulator;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Group sends (企业群发) as staff and customers drive them: the family's settings (confirmation delay and probability,
 * per-customer cap, dispatch window, the create-then-timeout fault), confirming or refusing a send, the list of sends,
 * what each customer received (the no-double-send oracle), app messages, and the family's clock.
 */
final class GroupMsgControl extends ControlFamily {

  @Override
  void register(SimRouter<Handler> routes) {
    routes.add("GET", "/sim/corps/{corp}/groupmsg/settings", call -> ok(settingsJson(call.corp().groupMsgs())));
    routes.add("PUT POST", "/sim/corps/{corp}/groupmsg/settings", this::putSettings);
    routes.add("GET", "/sim/corps/{corp}/groupmsg", call -> {
      JsonArray items = new JsonArray();
      call.corp().groupMsgs().tasks().forEach(t -> items.add(taskJson(t)));
      return ok(obj("count", items.size(), "tasks", items));
    });
    routes.add("GET", "/sim/corps/{corp}/groupmsg/{msgid}", call -> {
      SimGroupMsgs groupMsgs = call.corp().groupMsgs();
      SimGroupMsgs.Task task = groupMsgs.task(call.path("msgid"))
          .orElseThrow(() -> new NotFound("no such group send: " + call.path("msgid")));
      JsonObject json = taskJson(task);
      JsonArray rows = new JsonArray();
      for (SimGroupMsgs.Recipient r : groupMsgs.recipients(task.msgid())) {
        JsonObject row = new JsonObject();
        row.addProperty(r.chat() ? "chat_id" : "external_userid", r.id());
        row.addProperty("userid", r.userid());
        row.addProperty("status", r.status());
        row.addProperty("send_time", r.sendTimeMillis() / 1000);
        rows.add(row);
      }
      json.add("recipients", rows);
      return ok(json);
    });
    routes.add("POST", "/sim/corps/{corp}/groupmsg/{msgid}/confirm", call -> ok(taskJson(call.corp().groupMsgs()
        .confirm(call.path("msgid"), string(call.body(), "userid")))));
    routes.add("POST", "/sim/corps/{corp}/groupmsg/{msgid}/refuse", call -> ok(taskJson(call.corp().groupMsgs()
        .refuse(call.path("msgid"), string(call.body(), "userid")))));
    routes.add("POST", "/sim/corps/{corp}/groupmsg/clock/advance", call -> {
      JsonObject body = call.body();
      SimGroupMsgs groupMsgs = call.corp().groupMsgs();
      groupMsgs.advanceClock(Duration.ofDays(longValue(body, "days", 0))
          .plusHours(longValue(body, "hours", 0)).plusMillis(longValue(body, "ms", 0)));
      return ok(obj("now", Instant.ofEpochMilli(groupMsgs.now()).toString(), "now_millis", groupMsgs.now()));
    });
    routes.add("POST", "/sim/corps/{corp}/groupmsg/clear", call -> {
      call.corp().groupMsgs().clear();
      return ok(obj("ok", true));
    });
    routes.add("GET", "/sim/corps/{corp}/customers/{external_userid}/received", call -> received(call,
        call.path("external_userid")));
    routes.add("GET", "/sim/corps/{corp}/groups/{chat_id}/received", call -> received(call, call.path("chat_id")));
    routes.add("GET", "/sim/corps/{corp}/received", call -> {
      SimGroupMsgs groupMsgs = call.corp().groupMsgs();
      Map<String, Integer> counts = groupMsgs.receivedCounts(call.query("text"));
      long total = counts.values().stream().mapToLong(Integer::longValue).sum();
      return ok(obj("received", counts, "recipients", counts.size(), "messages", total, "tasks",
          groupMsgs.taskCount()));
    });
    routes.add("GET", "/sim/corps/{corp}/app-messages", call -> {
      SimGroupMsgs groupMsgs = call.corp().groupMsgs();
      String userid = call.query("userid");
      JsonArray items = new JsonArray();
      for (SimGroupMsgs.AppMessage m : groupMsgs.appMessages()) {
        if (userid == null || userid.equals(m.userid())) {
          items.add(obj("msgid", m.msgid(), "userid", m.userid(), "text", m.text(), "time", m.timeMillis() / 1000,
              "time_millis", m.timeMillis()));
        }
      }
      return ok(obj("count", items.size(), "messages", items, "duplicates_dropped",
          groupMsgs.appDuplicatesDropped()));
    });
  }

  private Reply received(Call call, String recipient) {
    JsonArray items = new JsonArray();
    for (SimGroupMsgs.Receipt r : call.corp().groupMsgs().receivedBy(recipient)) {
      JsonObject item = new JsonObject();
      item.addProperty("msgid", r.msgid());
      item.addProperty("chat_type", r.chatType());
      item.addProperty("sender", r.sender());
      item.addProperty("text", r.text());
      item.addProperty("attachments", r.attachmentCount());
      item.add("attachment_list", r.attachments());
      item.addProperty("send_time", r.sendTimeMillis() / 1000);
      items.add(item);
    }
    return ok(obj("recipient", recipient, "count", items.size(), "received", items));
  }

  private Reply putSettings(Call call) {
    SimGroupMsgs groupMsgs = call.corp().groupMsgs();
    SimGroupMsgs.Settings old = groupMsgs.settings();
    JsonObject body = call.body();
    SimGroupMsgs.CapMode capMode = old.capMode();
    if (body.has("capMode")) {
      try {
        capMode = SimGroupMsgs.CapMode.valueOf(requireString(body, "capMode"));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("capMode must be MONTH_4, DAY_1 or NONE");
      }
    }
    SimGroupMsgs.Settings settings = new SimGroupMsgs.Settings(
        longValue(body, "confirmDelayMs", old.confirmDelayMs()),
        body.has("confirmProbability") ? doubleValue(body, "confirmProbability") : old.confirmProbability(),
        capMode,
        longValue(body, "dispatchMs", old.dispatchMs()),
        body.has("createThenTimeoutRate") ? doubleValue(body, "createThenTimeoutRate")
            : old.createThenTimeoutRate(),
        longValue(body, "timeoutHoldMs", old.timeoutHoldMs()));
    groupMsgs.settings(settings);
    return ok(settingsJson(groupMsgs));
  }

  private static JsonObject settingsJson(SimGroupMsgs groupMsgs) {
    SimGroupMsgs.Settings s = groupMsgs.settings();
    JsonObject json = new JsonObject();
    json.addProperty("confirmDelayMs", s.confirmDelayMs());
    json.addProperty("confirmProbability", s.confirmProbability());
    json.addProperty("capMode", s.capMode().name());
    json.addProperty("dispatchMs", s.dispatchMs());
    json.addProperty("createThenTimeoutRate", s.createThenTimeoutRate());
    json.addProperty("timeoutHoldMs", s.timeoutHoldMs());
    json.addProperty("now_millis", groupMsgs.now());
    return json;
  }

  private static JsonObject taskJson(SimGroupMsgs.Task t) {
    JsonObject json = new JsonObject();
    json.addProperty("msgid", t.msgid());
    json.addProperty("chat_type", t.chatType());
    json.addProperty("sender", t.sender());
    json.addProperty("text", t.text());
    json.addProperty("attachments", t.attachmentCount());
    json.addProperty("allow_select", t.allowSelect());
    json.addProperty("create_time", t.createTimeMillis() / 1000);
    json.addProperty("status", t.status());
    JsonObject counts = new JsonObject();
    t.counts().forEach((status, n) -> counts.addProperty(String.valueOf(status), n));
    json.add("recipients_by_status", counts);
    json.addProperty("recipient_count", t.counts().values().stream().mapToInt(Integer::intValue).sum());
    JsonArray senders = new JsonArray();
    for (SimGroupMsgs.SenderTask s : t.senders()) {
      JsonObject sender = new JsonObject();
      sender.addProperty("userid", s.userid());
      sender.addProperty("status", s.status());
      sender.addProperty("send_time", s.sendTimeMillis() / 1000);
      sender.addProperty("refused", s.refused());
      senders.add(sender);
    }
    json.add("senders", senders);
    JsonArray reminders = new JsonArray();
    t.reminders().forEach(r -> reminders.add(r / 1000));
    json.add("reminders", reminders);
    json.addProperty("cancelled", t.cancelled());
    json.addProperty("timeout_fault", t.timeoutFault());
    return json;
  }
}
