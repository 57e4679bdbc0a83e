package io.wescrm.wecom.simulator;

import com.google.gson.FieldNamingPolicy;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One family of the simulator's control API under {@code /sim/} (directory, customers, groups, callbacks, …):
 * registers its routes, path templates such as {@code /sim/corps/{corp}/groups/{chat}}, with {@link ControlApi} and
 * answers them, with the JSON helpers the families share. A new family is one subclass plus one line in
 * {@link ControlApi}'s constructor.
 */
abstract class ControlFamily {

  static final Gson GSON = new GsonBuilder().disableHtmlEscaping()
      .setFieldNamingStrategy(field -> field.getName().equals("externalUserId") ? "external_userid"
          : FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES.translateName(field))
      .create();

  /** Adds this family's routes, e.g. {@code routes.add("GET", "/sim/corps/{corp}/staff/{userid}", this::staff)}. */
  abstract void register(SimRouter<Handler> routes);

  /** An HTTP answer of the control API. */
  record Reply(int status, String body) {
  }

  @FunctionalInterface
  interface Handler {
    Reply handle(Call call);
  }

  /**
   * One routed request: the path variables of its template and, under {@code /sim/corps/{corp}/}, the corp (resolved
   * before routing, so an unknown corp is a 404 whatever the rest of the path).
   */
  record Call(SimRequest request, SimCorp corp, Map<String, String> variables) {

    /** A path variable of the route's template, e.g. {@code path("userid")}. */
    String path(String name) {
      String value = variables.get(name);
      if (value == null) {
        throw new IllegalStateException("no path variable " + name);
      }
      return value;
    }

    String query(String name) {
      return request.query(name);
    }

    /** The JSON object body (an empty object for an empty body). */
    JsonObject body() {
      return ControlFamily.body(request);
    }
  }

  /** 404 with {@code {"error": message}}. */
  static final class NotFound extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotFound(String message) {
      super(message);
    }
  }

  interface NumberEntry {
    void accept(String key, long value);
  }

  static JsonObject body(SimRequest request) {
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

  static String string(JsonObject body, String name) {
    JsonElement element = body.get(name);
    return element == null || element.isJsonNull() ? null : element.getAsString();
  }

  static String stringOr(JsonObject body, String name, String fallback) {
    String value = string(body, name);
    return value == null ? fallback : value;
  }

  static String requireString(JsonObject body, String name) {
    String value = string(body, name);
    if (value == null) {
      throw new IllegalArgumentException(name + " is required");
    }
    return value;
  }

  static int intValue(JsonObject body, String name, int fallback) {
    return (int) longValue(body, name, fallback);
  }

  static long longValue(JsonObject body, String name, long fallback) {
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

  static double doubleValue(JsonObject body, String name) {
    try {
      return body.get(name).getAsDouble();
    } catch (NumberFormatException | UnsupportedOperationException | IllegalStateException e) {
      throw new IllegalArgumentException(name + " must be a number");
    }
  }

  static long parseLong(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a number: " + text);
    }
  }

  static long queryLong(SimRequest request, String name, long fallback) {
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

  static List<String> strings(JsonObject body, String name) {
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

  static List<Long> longs(JsonObject body, String name, List<Long> fallback) {
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

  static void forEachNumber(JsonObject body, String name, NumberEntry action) {
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

  static JsonObject obj(Object... keyValues) {
    JsonObject result = new JsonObject();
    for (int i = 0; i < keyValues.length; i += 2) {
      result.add((String) keyValues[i], GSON.toJsonTree(keyValues[i + 1]));
    }
    return result;
  }

  static Reply ok(JsonElement body) {
    return new Reply(200, json(body));
  }

  static Reply error(int status, String message) {
    return new Reply(status, json(obj("error", message)));
  }

  static String json(JsonElement element) {
    return GSON.toJson(element);
  }
}
