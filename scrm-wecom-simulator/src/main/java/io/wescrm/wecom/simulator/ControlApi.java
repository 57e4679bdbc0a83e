package io.wescrm.wecom.simulator;

import com.google.gson.FieldNamingPolicy;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The simulator's own HTTP control API under {@code /sim/}: lets demos, tests and benchmarks drive the simulated
 * corps ("a customer scans store A's QR code"), expire tokens, inject faults and read counters. JSON in and out;
 * errors are 400/404/405 with {@code {"error": "..."}}. Not counted in quotas or stats.
 */
final class ControlApi {

  /** An HTTP answer of the control API. */
  record Reply(int status, String body) {
  }

  private static final Gson GSON = new GsonBuilder().disableHtmlEscaping()
      .setFieldNamingStrategy(field -> field.getName().equals("externalUserId") ? "external_userid"
          : FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES.translateName(field))
      .create();

  private final WeComSimulator simulator;

  ControlApi(WeComSimulator simulator) {
    this.simulator = simulator;
  }

  Reply handle(SimRequest request) {
    try {
      return route(request);
    } catch (NotFound e) {
      return error(404, e.getMessage());
    } catch (MethodNotAllowed e) {
      return error(405, e.getMessage());
    } catch (WeComApiError e) {
      return new Reply(400, json(obj("error", e.getMessage(), "errcode", e.errcode())));
    } catch (IllegalArgumentException | JsonParseException | IllegalStateException | UnsupportedOperationException e) {
      return error(400, String.valueOf(e.getMessage()));
    } catch (RuntimeException e) {
      return error(500, String.valueOf(e));
    }
  }

  private Reply route(SimRequest request) {
    String[] parts = segments(request.path());
    String method = request.method();
    // parts[0] == "sim"
    if (parts.length == 2 && parts[1].equals("corps")) {
      requireMethod(method, "GET");
      JsonArray corps = new JsonArray();
      for (SimCorp corp : simulator.corps()) {
        JsonObject item = new JsonObject();
        item.addProperty("corp_id", corp.corpId());
        item.addProperty("corp_name", corp.corpName());
        item.addProperty("agent_id", corp.agentId());
        item.add("counts", countsJson(corp.counts()));
        corps.add(item);
      }
      JsonObject result = new JsonObject();
      result.add("corps", corps);
      return ok(result);
    }
    if (parts.length >= 3 && parts[1].equals("corps")) {
      SimCorp corp = findCorp(parts[2]);
      return routeCorp(corp, parts, request);
    }
    if (parts.length == 2 && parts[1].equals("faults")) {
      return switch (method) {
        case "GET" -> ok(faultsJson());
        case "PUT", "POST" -> {
          applyFaults(body(request));
          yield ok(faultsJson());
        }
        case "DELETE" -> {
          simulator.faults().reset();
          yield ok(faultsJson());
        }
        default -> throw new MethodNotAllowed(method);
      };
    }
    if (parts.length == 2 && parts[1].equals("callback-faults")) {
      return switch (method) {
        case "GET" -> ok(callbackFaultsJson());
        case "PUT", "POST" -> {
          applyCallbackFaults(body(request));
          yield ok(callbackFaultsJson());
        }
        case "DELETE" -> {
          simulator.callbackFaults().reset();
          yield ok(callbackFaultsJson());
        }
        default -> throw new MethodNotAllowed(method);
      };
    }
    if (parts.length == 2 && parts[1].equals("stats")) {
      requireMethod(method, "GET");
      return ok(statsJson());
    }
    if (parts.length == 3 && parts[1].equals("stats") && parts[2].equals("reset")) {
      requireMethod(method, "POST");
      simulator.stats().reset();
      return ok(statsJson());
    }
    throw new NotFound("no such control endpoint: " + request.path());
  }

  private Reply routeCorp(SimCorp corp, String[] parts, SimRequest request) {
    String method = request.method();
    int n = parts.length;
    if (n == 4 && parts[3].equals("counts")) {
      requireMethod(method, "GET");
      return ok(countsJson(corp.counts()));
    }
    if (n == 4 && parts[3].equals("customers")) {
      requireMethod(method, "POST");
      return createCustomer(corp, body(request));
    }
    if (n < 4) {
      throw new NotFound("no such control endpoint: " + request.path());
    }
    if (parts[3].equals("contact-ways") || parts[3].equals("welcomes") || parts[3].equals("transfers")
        || parts[3].equals("unassigned") || parts[3].equals("clock")
        || (n == 6 && parts[3].equals("staff") && parts[5].equals("resign"))) {
      return routeAcquisition(corp, parts, request);
    }
    if (parts[3].equals("callback") || parts[3].equals("callbacks") || parts[3].equals("scan")
        || parts[3].equals("scan-bursts") || parts[3].equals("welcome-codes")) {
      return routeCallbacks(corp, parts, request);
    }
    if (parts[3].equals("staff") || parts[3].equals("departments") || parts[3].equals("tags")
        || (parts[3].equals("groups") && (n == 4 || (n == 5 && !method.equals("GET"))))) {
      return routeDirectory(corp, parts, request);
    }
    if (n == 5 && parts[3].equals("customers")) {
      requireMethod(method, "GET");
      SimCustomer customer = corp.customer(parts[4]).orElseThrow(() -> new NotFound("no such customer: " + parts[4]));
      JsonObject result = GSON.toJsonTree(customer).getAsJsonObject();
      result.add("follows", GSON.toJsonTree(corp.followsOfCustomer(customer.externalUserId())));
      return ok(result);
    }
    if (n == 6 && parts[3].equals("follows")) {
      String userid = parts[4];
      String externalUserId = parts[5];
      if (method.equals("GET")) {
        return ok(GSON.toJsonTree(corp.follow(userid, externalUserId)
            .orElseThrow(() -> new NotFound("not friends: " + userid + " / " + externalUserId))));
      }
      if (method.equals("PATCH") || method.equals("PUT")) {
        // the staff member edits remark/description in the WeCom client: edit_external_contact
        requireFollow(corp, userid, externalUserId);
        JsonObject body = body(request);
        List<String> mobiles = body.has("remark_mobiles") ? strings(body, "remark_mobiles") : null;
        return ok(GSON.toJsonTree(corp.editFollow(userid, externalUserId, string(body, "remark"),
            string(body, "description"), mobiles)));
      }
      requireMethod(method, "DELETE");
      String by = request.query("by") == null ? "staff" : request.query("by");
      if (!by.equals("staff") && !by.equals("customer")) {
        throw new IllegalArgumentException("by must be staff or customer");
      }
      requireFollow(corp, userid, externalUserId);
      corp.removeFollow(userid, externalUserId, by.equals("customer"));
      return ok(obj("deleted", true, "by", by));
    }
    if (n == 7 && parts[3].equals("follows") && parts[6].equals("transfer")) {
      requireMethod(method, "POST");
      requireFollow(corp, parts[4], parts[5]);
      String takeover = string(body(request), "takeover_userid");
      if (takeover == null) {
        throw new IllegalArgumentException("takeover_userid is required");
      }
      return ok(GSON.toJsonTree(corp.transferFollow(parts[4], parts[5], takeover)));
    }
    if (n == 7 && parts[3].equals("follows") && parts[6].equals("tags")) {
      requireMethod(method, "POST");
      requireFollow(corp, parts[4], parts[5]);
      JsonObject body = body(request);
      SimFollow follow = corp.markTag(parts[4], parts[5], strings(body, "add"), strings(body, "remove"));
      return ok(GSON.toJsonTree(follow));
    }
    if (n == 6 && parts[3].equals("groups") && parts[5].equals("members")) {
      requireMethod(method, "POST");
      requireGroup(corp, parts[4]);
      JsonObject body = body(request);
      String memberId = string(body, "member_id");
      if (memberId == null) {
        throw new IllegalArgumentException("member_id is required");
      }
      int type = intValue(body, "type", memberId.startsWith("w") ? 2 : 1);
      int joinScene = intValue(body, "join_scene", 3);
      SimGroupChat chat = corp.addGroupMember(parts[4], new SimGroupMember(memberId, type, string(body, "unionid"), 0,
          joinScene, string(body, "invitor"), string(body, "group_nickname"), null));
      return ok(groupSummary(chat));
    }
    if (n == 7 && parts[3].equals("groups") && parts[5].equals("members")) {
      requireMethod(method, "DELETE");
      requireGroup(corp, parts[4]);
      boolean removed = "1".equals(request.query("removed_by_admin")) || "true".equals(request.query("removed_by_admin"));
      SimGroupChat chat = corp.removeGroupMember(parts[4], parts[6], removed);
      return ok(groupSummary(chat));
    }
    if (n == 5 && parts[3].equals("groups")) {
      requireMethod(method, "GET");
      return ok(GSON.toJsonTree(corp.groupChat(parts[4]).orElseThrow(() -> new NotFound("no such group: " + parts[4]))));
    }
    if (n == 5 && parts[3].equals("tokens") && parts[4].equals("expire")) {
      requireMethod(method, "POST");
      int valid = corp.validTokenCount();
      corp.expireTokens();
      return ok(obj("expired", valid));
    }
    throw new NotFound("no such control endpoint: " + request.path());
  }

  // ---------------------------------------------------------------- callbacks

  private Reply routeCallbacks(SimCorp corp, String[] parts, SimRequest request) {
    String method = request.method();
    int n = parts.length;
    if (n == 4 && parts[3].equals("callback")) {
      switch (method) {
        case "GET" -> {
          return ok(callbackConfigJson(corp.callbackConfig()));
        }
        case "PUT", "POST" -> {
          JsonObject body = body(request);
          applyCallbackSettings(corp, body);
          return ok(callbackConfigJson(corp.callbackConfig()));
        }
        case "DELETE" -> {
          corp.disableCallbacks();
          return ok(callbackConfigJson(corp.callbackConfig()));
        }
        default -> throw new MethodNotAllowed(method);
      }
    }
    if (n == 4 && parts[3].equals("callbacks")) {
      requireMethod(method, "GET");
      String statusText = request.query("status");
      SimCallback.Status status = null;
      if (statusText != null && !statusText.isEmpty()) {
        try {
          status = SimCallback.Status.valueOf(statusText.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("status must be PENDING, ACKED, FAILED or LOST");
        }
      }
      long afterSeq = queryLong(request, "after_seq", 0);
      int limit = (int) Math.min(Integer.MAX_VALUE, queryLong(request, "limit", 1000));
      boolean withXml = !"false".equals(request.query("xml"));
      List<SimCallback> entries = corp.callbackJournal(status, afterSeq, limit);
      JsonArray items = new JsonArray();
      for (SimCallback entry : entries) {
        items.add(callbackJson(entry, withXml));
      }
      JsonObject result = new JsonObject();
      result.addProperty("pending", corp.pendingCallbacks());
      result.addProperty("count", entries.size());
      result.addProperty("last_seq", entries.isEmpty() ? afterSeq : entries.get(entries.size() - 1).seq());
      result.add("callbacks", items);
      return ok(result);
    }
    if (n == 5 && parts[3].equals("callbacks") && parts[4].equals("raw")) {
      requireMethod(method, "POST");
      String text = request.bodyText().trim();
      String xml = text;
      if (text.startsWith("{")) {
        xml = string(body(request), "xml");
      }
      if (xml == null || xml.isBlank()) {
        throw new IllegalArgumentException("an event XML body (or {\"xml\": \"...\"}) is required");
      }
      return new Reply(202, json(obj("event_seq", corp.emitRaw(xml))));
    }
    if (n == 5 && parts[3].equals("callbacks") && parts[4].equals("await")) {
      requireMethod(method, "POST");
      long timeoutMs = queryLong(request, "timeout_ms", 10_000);
      boolean idle = corp.awaitCallbacksIdle(Duration.ofMillis(Math.min(timeoutMs, 60_000)));
      return ok(obj("idle", idle, "pending", corp.pendingCallbacks()));
    }
    if (n == 4 && parts[3].equals("scan")) {
      requireMethod(method, "POST");
      JsonObject body = body(request);
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
    if (n == 4 && parts[3].equals("scan-bursts")) {
      // a rush of customers scanning one contact way, paced inside the simulator (no HTTP request per scan)
      requireMethod(method, "POST");
      JsonObject body = body(request);
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
    if (n == 5 && parts[3].equals("scan-bursts")) {
      requireMethod(method, "GET");
      long id;
      try {
        id = Long.parseLong(parts[4]);
      } catch (NumberFormatException e) {
        throw new NotFound("no such scan burst: " + parts[4]);
      }
      return ok(scanBurstJson(corp.acquisition().scanBurst(id)
          .orElseThrow(() -> new NotFound("no such scan burst: " + parts[4]))));
    }
    if (n == 5 && parts[3].equals("welcome-codes")) {
      requireMethod(method, "GET");
      SimWelcomeCode code = corp.welcomeCode(parts[4])
          .orElseThrow(() -> new NotFound("no such welcome code: " + parts[4]));
      JsonObject result = new JsonObject();
      result.addProperty("code", code.code());
      result.addProperty("userid", code.userid());
      result.addProperty("external_userid", code.externalUserId());
      result.addProperty("issued_at", code.issuedAt().toString());
      result.addProperty("expires_at", code.expiresAt().toString());
      result.addProperty("used", code.used());
      result.addProperty("usable", code.usableAt(java.time.Instant.now()));
      return ok(result);
    }
    throw new NotFound("no such control endpoint: " + request.path());
  }

  // ---------------------------------------------------------------- acquisition

  private Reply routeAcquisition(SimCorp corp, String[] parts, SimRequest request) {
    String method = request.method();
    int n = parts.length;
    SimAcquisition acquisition = corp.acquisition();
    if (n == 4 && parts[3].equals("contact-ways")) {
      requireMethod(method, "GET");
      JsonArray items = new JsonArray();
      acquisition.contactWays().forEach(w -> items.add(contactWayJson(w)));
      return ok(obj("contact_ways", items));
    }
    if (n == 5 && parts[3].equals("contact-ways")) {
      requireMethod(method, "GET");
      return ok(contactWayJson(acquisition.contactWay(parts[4])
          .orElseThrow(() -> new NotFound("no such contact way: " + parts[4]))));
    }
    if (n == 4 && parts[3].equals("welcomes")) {
      requireMethod(method, "GET");
      String ext = request.query("external_userid");
      JsonArray items = new JsonArray();
      for (SimAcquisition.Welcome w : acquisition.welcomes()) {
        if (ext == null || ext.equals(w.externalUserId())) {
          items.add(GSON.toJsonTree(w));
        }
      }
      return ok(obj("count", items.size(), "welcomes", items));
    }
    if (n == 6 && parts[3].equals("staff")) {
      requireMethod(method, "POST");
      if (corp.staff(parts[4]).isEmpty()) {
        throw new NotFound("no such staff: " + parts[4]);
      }
      List<SimAcquisition.Unassigned> added = acquisition.resign(parts[4]);
      return ok(obj("resigned", parts[4], "unassigned", added.size()));
    }
    if (n == 4 && parts[3].equals("unassigned")) {
      requireMethod(method, "GET");
      JsonArray items = new JsonArray();
      for (SimAcquisition.Unassigned u : acquisition.unassigned()) {
        items.add(obj("handover_userid", u.handover(), "external_userid", u.externalUserId(), "dimission_time",
            u.dimissionTime()));
      }
      return ok(obj("info", items));
    }
    if (n == 4 && parts[3].equals("transfers")) {
      requireMethod(method, "GET");
      return ok(obj("transfers", GSON.toJsonTree(acquisition.transfers())));
    }
    if (n == 5 && parts[3].equals("transfers") && parts[4].equals("complete")) {
      requireMethod(method, "POST");
      JsonObject body = body(request);
      List<String> refuse = body.has("refuse") ? strings(body, "refuse") : List.of();
      return ok(obj("completed", GSON.toJsonTree(acquisition.completeTransfers(refuse))));
    }
    if (n == 5 && parts[3].equals("transfers") && parts[4].equals("settings")) {
      requireMethod(method, "PUT");
      JsonObject body = body(request);
      if (body.has("takeover_limit")) {
        acquisition.takeoverLimit(intValue(body, "takeover_limit", 50_000));
      }
      if (body.has("delay_ms")) {
        acquisition.transferDelay(Duration.ofMillis(longValue(body, "delay_ms", 86_400_000L)));
      }
      return ok(obj("ok", true));
    }
    if (n == 5 && parts[3].equals("clock") && parts[4].equals("advance")) {
      requireMethod(method, "POST");
      JsonObject body = body(request);
      acquisition.advanceClock(Duration.ofDays(longValue(body, "days", 0))
          .plusMillis(longValue(body, "ms", 0)));
      return ok(obj("ok", true));
    }
    throw new NotFound("no such control endpoint: " + request.path());
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

  private static void applyCallbackSettings(SimCorp corp, JsonObject body) {
    if (body.has("timeout_ms")) {
      corp.callbackTimeout(Duration.ofMillis(longValue(body, "timeout_ms", 5000)));
    }
    if (body.has("retry_interval_ms")) {
      corp.callbackRetryInterval(Duration.ofMillis(longValue(body, "retry_interval_ms", 5000)));
    }
    if (body.has("max_retries")) {
      corp.callbackMaxRetries(intValue(body, "max_retries", 3));
    }
    if (body.has("max_in_flight")) {
      corp.callbackMaxInFlight(intValue(body, "max_in_flight", 1));
    }
    if (body.has("journal_limit")) {
      corp.callbackJournalLimit(intValue(body, "journal_limit", 100_000));
    }
    String url = string(body, "url");
    if (url != null) {
      corp.callbacks(url, string(body, "token"), string(body, "aes_key"));
    } else if (body.has("token") || body.has("aes_key")) {
      throw new IllegalArgumentException("url is required with token and aes_key");
    }
    if (body.has("enabled") && !body.get("enabled").getAsBoolean()) {
      corp.disableCallbacks();
    }
  }

  private static JsonObject callbackConfigJson(SimCallbackConfig config) {
    JsonObject result = new JsonObject();
    result.addProperty("enabled", config.enabled());
    result.addProperty("url", config.url());
    result.addProperty("token", config.token());
    result.addProperty("aes_key", config.encodingAesKey());
    result.addProperty("timeout_ms", config.timeout().toMillis());
    result.addProperty("retry_interval_ms", config.retryInterval().toMillis());
    result.addProperty("max_retries", config.maxRetries());
    result.addProperty("max_in_flight", config.maxInFlight());
    result.addProperty("journal_limit", config.journalLimit());
    return result;
  }

  private static JsonObject callbackJson(SimCallback entry, boolean withXml) {
    JsonObject item = new JsonObject();
    item.addProperty("seq", entry.seq());
    item.addProperty("event_seq", entry.eventSeq());
    item.addProperty("change_seq", entry.changeSeq());
    item.addProperty("duplicate", entry.duplicate());
    item.addProperty("event", entry.event());
    item.addProperty("change_type", entry.changeType());
    item.addProperty("status", entry.status().name());
    item.addProperty("attempts", entry.attempts());
    item.addProperty("queued_at", entry.queuedAt().toString());
    if (entry.ackedAt() != null) {
      item.addProperty("acked_at", entry.ackedAt().toString());
    }
    if (entry.lastError() != null) {
      item.addProperty("last_error", entry.lastError());
    }
    if (withXml) {
      item.addProperty("xml", entry.xml());
    }
    return item;
  }

  private JsonObject callbackFaultsJson() {
    SimCallbackFaults faults = simulator.callbackFaults();
    JsonObject result = new JsonObject();
    result.addProperty("loss_rate", faults.lossRate());
    result.addProperty("duplicate_rate", faults.duplicateRate());
    result.addProperty("reorder_rate", faults.reorderRate());
    result.addProperty("extra_latency_ms", faults.extraLatency().toMillis());
    result.addProperty("reorder_hold_ms", faults.reorderHold().toMillis());
    result.addProperty("seed", faults.seed());
    return result;
  }

  private void applyCallbackFaults(JsonObject body) {
    SimCallbackFaults faults = simulator.callbackFaults();
    if (body.has("loss_rate")) {
      faults.lossRate(doubleValue(body, "loss_rate"));
    }
    if (body.has("duplicate_rate")) {
      faults.duplicateRate(doubleValue(body, "duplicate_rate"));
    }
    if (body.has("reorder_rate")) {
      faults.reorderRate(doubleValue(body, "reorder_rate"));
    }
    if (body.has("extra_latency_ms")) {
      faults.extraLatency(Duration.ofMillis(longValue(body, "extra_latency_ms", 0)));
    }
    if (body.has("reorder_hold_ms")) {
      faults.reorderHold(Duration.ofMillis(longValue(body, "reorder_hold_ms", 1000)));
    }
    if (body.has("seed")) {
      faults.seed(longValue(body, "seed", SimCallbackFaults.DEFAULT_SEED));
    }
  }

  // ---------------------------------------------------------------- staff, departments, tags, groups

  private Reply routeDirectory(SimCorp corp, String[] parts, SimRequest request) {
    String method = request.method();
    int n = parts.length;
    String what = parts[3];
    if (n == 4) {
      requireMethod(method, "POST");
      JsonObject body = body(request);
      return new Reply(201, json(switch (what) {
        case "staff" -> GSON.toJsonTree(corp.addStaff(requireString(body, "userid"), requireString(body, "name"),
            longs(body, "department", List.of(1L)), !body.has("customer_contact")
                || body.get("customer_contact").getAsBoolean(), stringOr(body, "position", "")));
        case "departments" -> {
          long id = longValue(body, "id", 0);
          long parent = longValue(body, "parentid", 1);
          yield GSON.toJsonTree(body.has("order")
              ? corp.addDepartment(id, requireString(body, "name"), parent, longValue(body, "order", 0))
              : corp.addDepartment(id, requireString(body, "name"), parent));
        }
        case "tags" -> createTags(corp, body);
        default -> createGroup(corp, body);
      }));
    }
    if (n != 5) {
      throw new NotFound("no such control endpoint: " + request.path());
    }
    String id = parts[4];
    JsonObject body = method.equals("DELETE") ? new JsonObject() : body(request);
    switch (what) {
      case "staff" -> {
        if (method.equals("GET")) {
          return ok(GSON.toJsonTree(corp.staff(id).orElseThrow(() -> new NotFound("no such staff: " + id))));
        }
        if (method.equals("DELETE")) {
          corp.removeStaff(id);
          return ok(obj("deleted", true));
        }
        requirePatch(method);
        return ok(GSON.toJsonTree(corp.updateStaff(id, string(body, "name"),
            body.has("department") ? longs(body, "department", null) : null, string(body, "position"))));
      }
      case "departments" -> {
        long deptId = parseLong(id);
        if (method.equals("DELETE")) {
          corp.deleteDepartment(deptId);
          return ok(obj("deleted", true));
        }
        requirePatch(method);
        Long parent = body.has("parentid") ? longValue(body, "parentid", 1) : null;
        return ok(GSON.toJsonTree(corp.updateDepartment(deptId, string(body, "name"), parent)));
      }
      case "tags" -> {
        if (method.equals("DELETE")) {
          corp.deleteTag(id);
          return ok(obj("deleted", true));
        }
        requirePatch(method);
        corp.renameTag(id, requireString(body, "name"));
        return ok(obj("id", id, "name", string(body, "name")));
      }
      default -> {
        if (method.equals("DELETE")) {
          corp.dismissGroup(id);
          return ok(obj("dismissed", true));
        }
        requirePatch(method);
        SimGroupChat chat = null;
        if (body.has("name")) {
          chat = corp.renameGroup(id, string(body, "name"));
        }
        if (body.has("notice")) {
          chat = corp.changeGroupNotice(id, string(body, "notice"));
        }
        if (body.has("owner")) {
          chat = corp.changeGroupOwner(id, string(body, "owner"));
        }
        if (chat == null) {
          throw new IllegalArgumentException("name, notice or owner is required");
        }
        return ok(groupSummary(chat));
      }
    }
  }

  private static JsonElement createTags(SimCorp corp, JsonObject body) {
    List<String> names = new ArrayList<>(strings(body, "tags"));
    String single = string(body, "name");
    if (single != null) {
      names.add(0, single);
    }
    if (names.isEmpty()) {
      throw new IllegalArgumentException("name or tags is required");
    }
    String groupId = string(body, "group_id");
    if (groupId != null) {
      List<SimTag> created = new ArrayList<>();
      for (String name : names) {
        created.add(corp.addTag(groupId, name, longValue(body, "order", 0)));
      }
      return GSON.toJsonTree(created);
    }
    return GSON.toJsonTree(corp.addTagGroup(requireString(body, "group_name"), longValue(body, "order", 0),
        names.toArray(String[]::new)));
  }

  private static JsonElement createGroup(SimCorp corp, JsonObject body) {
    List<SimGroupMember> members = new ArrayList<>();
    for (String memberId : strings(body, "member_ids")) {
      boolean external = (memberId.startsWith("wm") || memberId.startsWith("wo")) && memberId.length() >= 20;
      members.add(external
          ? new SimGroupMember(memberId, 2, null, 0, 3, null, null, null)
          : SimGroupMember.staff(memberId, 0, null));
    }
    SimGroupChat chat = corp.addGroupChat(string(body, "chat_id"), stringOr(body, "name", ""),
        requireString(body, "owner"), stringOr(body, "notice", ""), 0, members.toArray(SimGroupMember[]::new));
    return groupSummary(chat);
  }

  private static void requirePatch(String method) {
    if (!method.equals("PATCH") && !method.equals("PUT")) {
      throw new MethodNotAllowed(method);
    }
  }

  private static String requireString(JsonObject body, String name) {
    String value = string(body, name);
    if (value == null) {
      throw new IllegalArgumentException(name + " is required");
    }
    return value;
  }

  private static List<Long> longs(JsonObject body, String name, List<Long> fallback) {
    JsonElement element = body.get(name);
    if (element == null || element.isJsonNull()) {
      return fallback;
    }
    if (!element.isJsonArray()) {
      throw new IllegalArgumentException(name + " must be an array");
    }
    List<Long> values = new ArrayList<>();
    for (JsonElement item : element.getAsJsonArray()) {
      values.add(item.getAsLong());
    }
    return values;
  }

  private static long parseLong(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a number: " + text);
    }
  }

  private static long queryLong(SimRequest request, String name, long fallback) {
    String value = request.query(name);
    if (value == null || value.isEmpty()) {
      return fallback;
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a number");
    }
  }

  private static double doubleValue(JsonObject body, String name) {
    try {
      return body.get(name).getAsDouble();
    } catch (NumberFormatException | UnsupportedOperationException | IllegalStateException e) {
      throw new IllegalArgumentException(name + " must be a number");
    }
  }

  private Reply createCustomer(SimCorp corp, JsonObject body) {
    String name = string(body, "name");
    List<String> userids = new ArrayList<>(strings(body, "userids"));
    String single = string(body, "userid");
    if (single != null) {
      userids.add(0, single);
    }
    if (userids.isEmpty()) {
      throw new IllegalArgumentException("userid (or userids) is required");
    }
    for (String userid : userids) {
      if (corp.staff(userid).isEmpty()) {
        throw new NotFound("no such staff: " + userid);
      }
    }
    String externalUserId = string(body, "external_userid");
    boolean existing = externalUserId != null && corp.customer(externalUserId).isPresent();
    SimCustomer customer;
    if (existing) {
      customer = corp.customer(externalUserId).orElseThrow();
    } else {
      if (name == null || name.isEmpty()) {
        throw new IllegalArgumentException("name is required for a new customer");
      }
      int type = intValue(body, "type", 1);
      String unionid = body.has("unionid") ? string(body, "unionid") : corpUnionid(corp);
      String corpName = string(body, "corp_name");
      customer = corp.addCustomer(new SimCustomer(externalUserId, name, type, intValue(body, "gender", 0), unionid,
          corpName, corpName, string(body, "position"), null));
    }
    JsonArray follows = new JsonArray();
    for (String userid : userids) {
      SimFollow follow = corp.addFollow(userid, customer.externalUserId(), stringOr(body, "remark", ""),
          stringOr(body, "description", ""), intValue(body, "add_way", 1), string(body, "state"),
          longValue(body, "createtime", 0), strings(body, "tag_ids"), strings(body, "remark_mobiles"));
      follows.add(GSON.toJsonTree(follow));
    }
    JsonObject result = new JsonObject();
    result.addProperty("external_userid", customer.externalUserId());
    result.addProperty("created", !existing);
    result.add("customer", GSON.toJsonTree(customer));
    result.add("follows", follows);
    return new Reply(201, json(result));
  }

  private static String corpUnionid(SimCorp corp) {
    return corp.write(corp::newUnionid);
  }

  // ---------------------------------------------------------------- faults and stats

  private JsonObject faultsJson() {
    SimFaults faults = simulator.faults();
    JsonObject result = new JsonObject();
    result.addProperty("latency_ms", faults.latency().toMillis());
    JsonObject apiLatency = new JsonObject();
    faults.apiLatencies().forEach((api, d) -> apiLatency.addProperty(api, d.toMillis()));
    result.add("api_latency_ms", apiLatency);
    result.addProperty("quota_per_window", faults.quotaPerWindow());
    JsonObject apiQuota = new JsonObject();
    faults.apiQuotas().forEach(apiQuota::addProperty);
    result.add("api_quota", apiQuota);
    result.addProperty("quota_window_ms", faults.quotaWindow().toMillis());
    result.addProperty("block_window_ms", faults.blockWindow().toMillis());
    result.addProperty("concurrency_limit", faults.concurrencyLimit());
    JsonObject apiConcurrency = new JsonObject();
    faults.apiConcurrencyLimits().forEach(apiConcurrency::addProperty);
    result.add("api_concurrency", apiConcurrency);
    result.addProperty("seed", faults.seed());
    JsonArray rules = new JsonArray();
    for (SimFaults.ErrorRule rule : faults.errorRules()) {
      JsonObject item = new JsonObject();
      item.addProperty("api", rule.api());
      if (rule.corpId() != null) {
        item.addProperty("corp_id", rule.corpId());
      }
      item.addProperty("errcode", rule.errcode());
      item.addProperty("rate", rule.rate());
      item.addProperty("remaining", rule.remaining());
      rules.add(item);
    }
    result.add("error_rules", rules);
    return result;
  }

  /** Applies the fields present in {@code body}; "error_rules", when present, replaces all rules. */
  private void applyFaults(JsonObject body) {
    SimFaults faults = simulator.faults();
    if (body.has("latency_ms")) {
      faults.latency(Duration.ofMillis(longValue(body, "latency_ms", 0)));
    }
    forEachNumber(body, "api_latency_ms", (api, value) -> faults.latency(api, Duration.ofMillis(value)));
    if (body.has("quota_per_window")) {
      faults.quotaPerWindow((int) longValue(body, "quota_per_window", 0));
    }
    if (body.has("quota_per_minute")) {
      faults.quotaPerWindow((int) longValue(body, "quota_per_minute", 0));
    }
    forEachNumber(body, "api_quota", (api, value) -> faults.quotaPerWindow(api, (int) value));
    if (body.has("quota_window_ms")) {
      faults.quotaWindow(Duration.ofMillis(longValue(body, "quota_window_ms", 60_000)));
    }
    if (body.has("block_window_ms")) {
      faults.blockWindow(Duration.ofMillis(longValue(body, "block_window_ms", 60_000)));
    }
    if (body.has("concurrency_limit")) {
      faults.concurrencyLimit((int) longValue(body, "concurrency_limit", 0));
    }
    forEachNumber(body, "api_concurrency", (api, value) -> faults.concurrencyLimit(api, (int) value));
    if (body.has("seed")) {
      faults.seed(longValue(body, "seed", 42));
    }
    if (body.has("error_rules")) {
      JsonElement element = body.get("error_rules");
      if (!element.isJsonArray()) {
        throw new IllegalArgumentException("error_rules must be an array");
      }
      faults.clearErrors();
      for (JsonElement item : element.getAsJsonArray()) {
        JsonObject rule = item.getAsJsonObject();
        String api = stringOr(rule, "api", "*");
        String corpId = string(rule, "corp_id");
        int errcode = (int) longValue(rule, "errcode", -1);
        if (rule.has("count")) {
          faults.failNext(api, corpId, (int) longValue(rule, "count", 1), errcode);
        } else {
          double rate = rule.has("rate") ? rule.get("rate").getAsDouble() : 1.0;
          faults.errorRate(api, corpId, rate, errcode);
        }
      }
    }
    if (body.has("reset_quota_counters") && body.get("reset_quota_counters").getAsBoolean()) {
      faults.resetQuotaCounters();
    }
  }

  private JsonObject statsJson() {
    SimStats stats = simulator.stats();
    JsonObject result = new JsonObject();
    result.addProperty("total_calls", stats.totalCalls());
    result.add("calls", GSON.toJsonTree(stats.callsByApi()));
    result.add("errors", GSON.toJsonTree(stats.errorsByCode()));
    result.add("injected_errors", GSON.toJsonTree(stats.injectedErrorsByCode()));
    result.add("max_in_flight", GSON.toJsonTree(stats.maxInFlightByApi()));
    result.add("callbacks", GSON.toJsonTree(stats.callbackCounters()));
    return result;
  }

  static JsonObject countsJson(SimCounts counts) {
    JsonObject result = new JsonObject();
    result.addProperty("departments", counts.departments());
    result.addProperty("staff", counts.staff());
    result.addProperty("follow_staff", counts.followStaff());
    result.addProperty("customers", counts.customers());
    result.addProperty("follow_relations", counts.followRelations());
    result.addProperty("tag_groups", counts.tagGroups());
    result.addProperty("tags", counts.tags());
    result.addProperty("follow_tags", counts.followTags());
    result.addProperty("groups", counts.groups());
    result.addProperty("group_members", counts.groupMembers());
    return result;
  }

  private static JsonObject groupSummary(SimGroupChat chat) {
    JsonObject result = new JsonObject();
    result.addProperty("chat_id", chat.chatId());
    result.addProperty("member_count", chat.members().size());
    result.addProperty("member_version", chat.memberVersion());
    return result;
  }

  // ---------------------------------------------------------------- helpers

  private SimCorp findCorp(String corpId) {
    try {
      return simulator.corp(corpId);
    } catch (IllegalArgumentException e) {
      throw new NotFound("no such corp: " + corpId);
    }
  }

  private static void requireFollow(SimCorp corp, String userid, String externalUserId) {
    if (corp.follow(userid, externalUserId).isEmpty()) {
      throw new NotFound("not friends: " + userid + " / " + externalUserId);
    }
  }

  private static void requireGroup(SimCorp corp, String chatId) {
    if (corp.groupChat(chatId).isEmpty()) {
      throw new NotFound("no such group: " + chatId);
    }
  }

  private static void requireMethod(String actual, String expected) {
    if (!actual.equals(expected)) {
      throw new MethodNotAllowed(actual);
    }
  }

  private static String[] segments(String path) {
    String trimmed = path.startsWith("/") ? path.substring(1) : path;
    if (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    String[] parts = trimmed.split("/");
    for (int i = 0; i < parts.length; i++) {
      parts[i] = URLDecoder.decode(parts[i].replace("+", "%2B"), StandardCharsets.UTF_8);
    }
    return parts;
  }

  private static JsonObject body(SimRequest request) {
    String text = request.bodyText();
    if (text.isBlank()) {
      return new JsonObject();
    }
    JsonElement element = JsonParser.parseString(text);
    if (!element.isJsonObject()) {
      throw new IllegalArgumentException("body must be a JSON object");
    }
    return element.getAsJsonObject();
  }

  private static String string(JsonObject body, String name) {
    JsonElement element = body.get(name);
    return element == null || element.isJsonNull() ? null : element.getAsString();
  }

  private static String stringOr(JsonObject body, String name, String fallback) {
    String value = string(body, name);
    return value == null ? fallback : value;
  }

  private static int intValue(JsonObject body, String name, int fallback) {
    return (int) longValue(body, name, fallback);
  }

  private static long longValue(JsonObject body, String name, long fallback) {
    JsonElement element = body.get(name);
    if (element == null || element.isJsonNull()) {
      return fallback;
    }
    try {
      return element.getAsLong();
    } catch (NumberFormatException | UnsupportedOperationException e) {
      throw new IllegalArgumentException(name + " must be a number");
    }
  }

  private static List<String> strings(JsonObject body, String name) {
    JsonElement element = body.get(name);
    if (element == null || element.isJsonNull()) {
      return List.of();
    }
    if (!element.isJsonArray()) {
      throw new IllegalArgumentException(name + " must be an array");
    }
    List<String> values = new ArrayList<>();
    for (JsonElement item : element.getAsJsonArray()) {
      values.add(item.getAsString());
    }
    return values;
  }

  private interface NumberEntry {
    void accept(String key, long value);
  }

  private static void forEachNumber(JsonObject body, String name, NumberEntry action) {
    JsonElement element = body.get(name);
    if (element == null || element.isJsonNull()) {
      return;
    }
    if (!element.isJsonObject()) {
      throw new IllegalArgumentException(name + " must be an object");
    }
    for (Map.Entry<String, JsonElement> entry : element.getAsJsonObject().entrySet()) {
      action.accept(entry.getKey(), entry.getValue().getAsLong());
    }
  }

  private static JsonObject obj(Object... keyValues) {
    JsonObject result = new JsonObject();
    for (int i = 0; i < keyValues.length; i += 2) {
      result.add((String) keyValues[i], GSON.toJsonTree(keyValues[i + 1]));
    }
    return result;
  }

  private static Reply ok(JsonElement body) {
    return new Reply(200, json(body));
  }

  private static Reply error(int status, String message) {
    return new Reply(status, json(obj("error", message)));
  }

  private static String json(JsonElement element) {
    return GSON.toJson(element);
  }

  private static final class NotFound extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotFound(String message) {
      super(message);
    }
  }

  private static final class MethodNotAllowed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MethodNotAllowed(String method) {
      super("method not allowed: " + method);
    }
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
