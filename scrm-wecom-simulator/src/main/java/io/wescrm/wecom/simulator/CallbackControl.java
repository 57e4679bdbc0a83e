package io.wescrm.wecom.simulator;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** A corp's callback settings and its delivery journal; raw events; waiting for deliveries to settle. */
final class CallbackControl extends ControlFamily {

  @Override
  void register(SimRouter<Handler> routes) {
    routes.add("GET", "/sim/corps/{corp}/callback", call -> ok(callbackConfigJson(call.corp().callbackConfig())));
    routes.add("PUT POST", "/sim/corps/{corp}/callback", call -> {
      applyCallbackSettings(call.corp(), call.body());
      return ok(callbackConfigJson(call.corp().callbackConfig()));
    });
    routes.add("DELETE", "/sim/corps/{corp}/callback", call -> {
      call.corp().disableCallbacks();
      return ok(callbackConfigJson(call.corp().callbackConfig()));
    });
    routes.add("GET", "/sim/corps/{corp}/callbacks", this::journal);
    routes.add("POST", "/sim/corps/{corp}/callbacks/raw", this::raw);
    routes.add("POST", "/sim/corps/{corp}/callbacks/await", call -> {
      long timeoutMs = queryLong(call.request(), "timeout_ms", 10_000);
      boolean idle = call.corp().awaitCallbacksIdle(Duration.ofMillis(Math.min(timeoutMs, 60_000)));
      return ok(obj("idle", idle, "pending", call.corp().pendingCallbacks()));
    });
  }

  private Reply journal(Call call) {
    SimCorp corp = call.corp();
    SimRequest request = call.request();
    String statusText = request.query("status");
    SimCallback.Status status = null;
    if (statusText != null && !statusText.isEmpty()) {
      try {
        status = SimCallback.Status.valueOf(statusText.toUpperCase(Locale.ROOT));
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

  private Reply raw(Call call) {
    String text = call.request().bodyText().trim();
    String xml = text;
    if (text.startsWith("{")) {
      xml = string(call.body(), "xml");
    }
    if (xml == null || xml.isBlank()) {
      throw new IllegalArgumentException("an event XML body (or {\"xml\": \"...\"}) is required");
    }
    return new Reply(202, json(obj("event_seq", call.corp().emitRaw(xml))));
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
}
