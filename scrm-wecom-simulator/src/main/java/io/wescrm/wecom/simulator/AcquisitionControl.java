package io.wescrm.wecom.simulator;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Acquisition as customers and WeCom drive it: scans of a staff QR code or a contact way (联系我), paced scan bursts,
 * welcome codes and the welcome messages sent, resignations, customer transfers and WeCom's clock for them.
 */
final class AcquisitionControl extends ControlFamily {

  @Override
  void register(SimRouter<Handler> routes) {
    routes.add("POST", "/sim/corps/{corp}/scan", this::scan);
    routes.add("POST", "/sim/corps/{corp}/scan-bursts", this::startScanBurst);
    routes.add("GET", "/sim/corps/{corp}/scan-bursts/{id}", this::scanBurst);
    routes.add("GET", "/sim/corps/{corp}/welcome-codes/{code}", this::welcomeCode);
    routes.add("GET", "/sim/corps/{corp}/contact-ways", call -> {
      JsonArray items = new JsonArray();
      call.corp().acquisition().contactWays().forEach(w -> items.add(contactWayJson(w)));
      return ok(obj("contact_ways", items));
    });
    routes.add("GET", "/sim/corps/{corp}/contact-ways/{config_id}", call -> ok(contactWayJson(call.corp()
        .acquisition().contactWay(call.path("config_id"))
        .orElseThrow(() -> new NotFound("no such contact way: " + call.path("config_id"))))));
    routes.add("GET", "/sim/corps/{corp}/welcomes", this::welcomes);
    routes.add("POST", "/sim/corps/{corp}/staff/{userid}/resign", call -> {
      String userid = call.path("userid");
      if (call.corp().staff(userid).isEmpty()) {
        throw new NotFound("no such staff: " + userid);
      }
      List<SimAcquisition.Unassigned> added = call.corp().acquisition().resign(userid);
      return ok(obj("resigned", userid, "unassigned", added.size()));
    });
    routes.add("GET", "/sim/corps/{corp}/unassigned", call -> {
      JsonArray items = new JsonArray();
      for (SimAcquisition.Unassigned u : call.corp().acquisition().unassigned()) {
        items.add(obj("handover_userid", u.handover(), "external_userid", u.externalUserId(), "dimission_time",
            u.dimissionTime()));
      }
      return ok(obj("info", items));
    });
    routes.add("GET", "/sim/corps/{corp}/transfers",
        call -> ok(obj("transfers", GSON.toJsonTree(call.corp().acquisition().transfers()))));
    routes.add("POST", "/sim/corps/{corp}/transfers/complete", call -> {
      JsonObject body = call.body();
      List<String> refuse = body.has("refuse") ? strings(body, "refuse") : List.of();
      return ok(obj("completed", GSON.toJsonTree(call.corp().acquisition().completeTransfers(refuse))));
    });
    routes.add("PUT", "/sim/corps/{corp}/transfers/settings", this::transferSettings);
    routes.add("POST", "/sim/corps/{corp}/clock/advance", call -> {
      JsonObject body = call.body();
      call.corp().acquisition().advanceClock(Duration.ofDays(longValue(body, "days", 0))
          .plusMillis(longValue(body, "ms", 0)));
      return ok(obj("ok", true));
    });
  }

  private Reply scan(Call call) {
    SimCorp corp = call.corp();
    JsonObject body = call.body();
    String userid = string(body, "userid");
    String configId = string(body, "config_id");
    boolean half = body.has("half") && body.get("half").getAsBoolean();
    SimScan scan;
    if (configId != null || userid == null && string(body, "state") != null) {
      // a contact way (联系我) scanned: by config_id, or by the state of a registered way
      if (configId == null) {
        configId = corp.acquisition().contactWayByState(string(body, "state"))
            .orElseThrow(() -> new NotFound("no contact way with state " + string(body, "state")))
            .configId();
      }
      if (corp.acquisition().contactWay(configId).isEmpty()) {
        throw new NotFound("no such contact way: " + configId);
      }
      scan = corp.acquisition().scan(configId, string(body, "name"), half);
    } else {
      if (userid == null) {
        throw new IllegalArgumentException("userid, config_id or the state of a contact way is required");
      }
      if (corp.staff(userid).isEmpty()) {
        throw new NotFound("no such staff: " + userid);
      }
      scan = corp.scan(userid, string(body, "state"), string(body, "name"), half);
    }
    JsonObject result = new JsonObject();
    result.addProperty("external_userid", scan.externalUserId());
    result.addProperty("userid", scan.userid());
    result.addProperty("state", scan.state());
    result.addProperty("welcome_code", scan.welcomeCode());
    result.addProperty("change_type", half ? "add_half_external_contact" : "add_external_contact");
    result.add("follow", GSON.toJsonTree(scan.follow()));
    return new Reply(201, json(result));
  }

  /** A rush of customers scanning one contact way, paced inside the simulator (no HTTP request per scan). */
  private Reply startScanBurst(Call call) {
    SimCorp corp = call.corp();
    JsonObject body = call.body();
    String configId = string(body, "config_id");
    if (configId == null) {
      String state = string(body, "state");
      if (state == null) {
        throw new IllegalArgumentException("config_id or the state of a contact way is required");
      }
      configId = corp.acquisition().contactWayByState(state)
          .orElseThrow(() -> new NotFound("no contact way with state " + state)).configId();
    }
    if (corp.acquisition().contactWay(configId).isEmpty()) {
      throw new NotFound("no such contact way: " + configId);
    }
    if (!body.has("count") || !body.get("count").isJsonPrimitive()) {
      throw new IllegalArgumentException("count is required");
    }
    int count = body.get("count").getAsInt();
    double seconds = body.has("seconds") ? body.get("seconds").getAsDouble() : 0;
    SimScanBurst burst = corp.acquisition().startScanBurst(configId, count, Math.round(seconds * 1000),
        string(body, "name_prefix"));
    return new Reply(202, json(scanBurstJson(corp.acquisition().scanBurst(burst.id()).orElseThrow())));
  }

  private Reply scanBurst(Call call) {
    String text = call.path("id");
    long id;
    try {
      id = Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new NotFound("no such scan burst: " + text);
    }
    return ok(scanBurstJson(call.corp().acquisition().scanBurst(id)
        .orElseThrow(() -> new NotFound("no such scan burst: " + text))));
  }

  private Reply welcomeCode(Call call) {
    String text = call.path("code");
    SimWelcomeCode code = call.corp().welcomeCode(text)
        .orElseThrow(() -> new NotFound("no such welcome code: " + text));
    JsonObject result = new JsonObject();
    result.addProperty("code", code.code());
    result.addProperty("userid", code.userid());
    result.addProperty("external_userid", code.externalUserId());
    result.addProperty("issued_at", code.issuedAt().toString());
    result.addProperty("expires_at", code.expiresAt().toString());
    result.addProperty("used", code.used());
    result.addProperty("usable", code.usableAt(Instant.now()));
    return ok(result);
  }

  private Reply welcomes(Call call) {
    String ext = call.query("external_userid");
    JsonArray items = new JsonArray();
    for (SimAcquisition.Welcome w : call.corp().acquisition().welcomes()) {
      if (ext == null || ext.equals(w.externalUserId())) {
        items.add(GSON.toJsonTree(w));
      }
    }
    return ok(obj("count", items.size(), "welcomes", items));
  }

  private Reply transferSettings(Call call) {
    SimAcquisition acquisition = call.corp().acquisition();
    JsonObject body = call.body();
    if (body.has("takeover_limit")) {
      acquisition.takeoverLimit(intValue(body, "takeover_limit", 50_000));
    }
    if (body.has("delay_ms")) {
      acquisition.transferDelay(Duration.ofMillis(longValue(body, "delay_ms", 86_400_000L)));
    }
    return ok(obj("ok", true));
  }

  private static JsonObject contactWayJson(SimAcquisition.ContactWay w) {
    JsonObject json = new JsonObject();
    json.addProperty("config_id", w.configId());
    json.addProperty("type", w.type());
    json.addProperty("scene", w.scene());
    json.addProperty("remark", w.remark());
    json.addProperty("state", w.state());
    json.addProperty("skip_verify", w.skipVerify());
    json.addProperty("qr_code", w.qrCode());
    json.add("user", GSON.toJsonTree(w.users()));
    json.add("party", GSON.toJsonTree(w.parties()));
    return json;
  }

  private static JsonObject scanBurstJson(SimScanBurst.Report r) {
    JsonObject o = new JsonObject();
    o.addProperty("id", r.id());
    o.addProperty("config_id", r.configId());
    o.addProperty("state", r.state());
    o.addProperty("count", r.count());
    o.addProperty("seconds", r.millis() / 1000.0);
    o.addProperty("fired", r.fired());
    o.addProperty("failed", r.failed());
    o.addProperty("done", r.done());
    o.addProperty("started_at_millis", r.startedAtMillis());
    o.addProperty("fired_in_ms", r.firedInMillis());
    o.addProperty("max_behind_ms", r.maxBehindMillis());
    o.addProperty("welcome_codes", r.welcomeCodes());
    o.addProperty("welcomes_accepted", r.welcomesAccepted());
    JsonObject latency = new JsonObject();
    latency.addProperty("p50_ms", r.issueToAcceptP50Ms());
    latency.addProperty("p99_ms", r.issueToAcceptP99Ms());
    latency.addProperty("max_ms", r.issueToAcceptMaxMs());
    o.add("code_issued_to_welcome_accepted", latency);
    o.add("errors", GSON.toJsonTree(r.errors()));
    return o;
  }
}
