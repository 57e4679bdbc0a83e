package io.wescrm.wecom.simulator;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.time.Duration;

/** Simulator-wide control: the corps, limits and fault injection, callback delivery faults, counters, tokens. */
final class AdminControl extends ControlFamily {

  private final WeComSimulator simulator;

  AdminControl(WeComSimulator simulator) {
    this.simulator = simulator;
  }

  @Override
  void register(SimRouter<Handler> routes) {
    routes.add("GET", "/sim/corps", call -> corps());
    routes.add("GET", "/sim/corps/{corp}/counts", call -> ok(countsJson(call.corp().counts())));
    routes.add("POST", "/sim/corps/{corp}/tokens/expire", call -> {
      int valid = call.corp().validTokenCount();
      call.corp().expireTokens();
      return ok(obj("expired", valid));
    });
    routes.add("GET", "/sim/faults", call -> ok(faultsJson()));
    routes.add("PUT POST", "/sim/faults", call -> {
      applyFaults(call.body());
      return ok(faultsJson());
    });
    routes.add("DELETE", "/sim/faults", call -> {
      simulator.faults().reset();
      return ok(faultsJson());
    });
    routes.add("GET", "/sim/callback-faults", call -> ok(callbackFaultsJson()));
    routes.add("PUT POST", "/sim/callback-faults", call -> {
      applyCallbackFaults(call.body());
      return ok(callbackFaultsJson());
    });
    routes.add("DELETE", "/sim/callback-faults", call -> {
      simulator.callbackFaults().reset();
      return ok(callbackFaultsJson());
    });
    routes.add("GET", "/sim/stats", call -> ok(statsJson()));
    routes.add("GET", "/sim/stats/per-minute", call -> ok(perMinuteJson(call)));
    routes.add("POST", "/sim/stats/reset", call -> {
      simulator.stats().reset();
      return ok(statsJson());
    });
  }

  private Reply corps() {
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
    result.add("max_calls_per_minute", GSON.toJsonTree(stats.maxCallsPerMinute()));
    result.add("callbacks", GSON.toJsonTree(stats.callbackCounters()));
    return result;
  }

  /** Calls per API per calendar minute (UTC), the last {@code ?minutes=} (default 10, at most 120); {@code ?api=}. */
  private JsonObject perMinuteJson(Call call) {
    SimStats stats = simulator.stats();
    String api = call.query("api");
    JsonArray minutes = new JsonArray();
    for (SimStats.MinuteCounts m : stats.perMinute((int) queryLong(call.request(), "minutes", 10))) {
      JsonObject item = new JsonObject();
      item.addProperty("minute", java.time.Instant.ofEpochSecond(m.epochMinute() * 60).toString());
      item.addProperty("epoch_minute", m.epochMinute());
      item.add("calls", GSON.toJsonTree(filter(m.calls(), api)));
      item.add("limited", GSON.toJsonTree(filter(m.limited(), api)));
      minutes.add(item);
    }
    JsonObject result = new JsonObject();
    result.add("minutes", minutes);
    result.add("max_calls_per_minute", GSON.toJsonTree(filter(stats.maxCallsPerMinute(), api)));
    result.add("max_in_flight", GSON.toJsonTree(filter(stats.maxInFlightByApi(), api)));
    return result;
  }

  private static <V> java.util.Map<String, V> filter(java.util.Map<String, V> byApi, String api) {
    if (api == null || api.isEmpty()) {
      return byApi;
    }
    java.util.Map<String, V> one = new java.util.TreeMap<>();
    if (byApi.containsKey(api)) {
      one.put(api, byApi.get(api));
    }
    return one;
  }

  private static JsonObject countsJson(SimCounts counts) {
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
}
