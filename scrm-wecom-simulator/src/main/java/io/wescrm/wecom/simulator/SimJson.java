package io.wescrm.wecom.simulator;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** JSON reading and writing for the simulator's handlers (Gson, streaming output). */
final class SimJson {

  private SimJson() {
  }

  /** Writes the members of one JSON object. */
  @FunctionalInterface
  interface ObjectBody {
    void write(JsonWriter out) throws IOException;
  }

  static String object(ObjectBody body) {
    StringWriter buffer = new StringWriter(256);
    try (JsonWriter out = new JsonWriter(buffer)) {
      out.beginObject();
      body.write(out);
      out.endObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buffer.toString();
  }

  private static final com.google.gson.Gson GSON = new com.google.gson.GsonBuilder().disableHtmlEscaping().create();

  /** Writes a JSON tree as the next value. */
  static void write(JsonWriter out, JsonElement value) {
    GSON.toJson(value, out);
  }

  static void string(JsonWriter out, String name, String value) throws IOException {
    if (value != null) {
      out.name(name).value(value);
    }
  }

  static void strings(JsonWriter out, String name, Iterable<String> values) throws IOException {
    out.name(name).beginArray();
    for (String value : values) {
      out.value(value);
    }
    out.endArray();
  }

  /** Parses a WeCom request body: empty means {}, anything but an object is 47001 (data format error). */
  static JsonObject parseBody(String text) {
    if (text == null || text.isBlank()) {
      return new JsonObject();
    }
    try {
      JsonElement element = JsonParser.parseString(text);
      if (!element.isJsonObject()) {
        throw new WeComApiError(47001, "data format error");
      }
      return element.getAsJsonObject();
    } catch (JsonParseException | IllegalStateException e) {
      throw new WeComApiError(47001, "data format error");
    }
  }

  static String optString(JsonObject object, String name) {
    JsonElement element = object.get(name);
    if (element == null || element.isJsonNull()) {
      return null;
    }
    if (!element.isJsonPrimitive()) {
      throw new WeComApiError(40058, "invalid parameter: " + name);
    }
    return element.getAsString();
  }

  static Long optLong(JsonObject object, String name) {
    JsonElement element = object.get(name);
    if (element == null || element.isJsonNull()) {
      return null;
    }
    if (element.isJsonPrimitive()) {
      JsonPrimitive primitive = element.getAsJsonPrimitive();
      try {
        if (primitive.isNumber()) {
          return primitive.getAsLong();
        }
        if (primitive.isString() && !primitive.getAsString().isBlank()) {
          return Long.parseLong(primitive.getAsString().trim());
        }
        if (primitive.isString()) {
          return null;
        }
      } catch (NumberFormatException e) {
        // fall through
      }
    }
    throw new WeComApiError(40058, "invalid parameter: " + name);
  }

  /** A string array; absent or null gives an empty list. */
  static List<String> optStrings(JsonObject object, String name) {
    JsonElement element = object.get(name);
    if (element == null || element.isJsonNull()) {
      return List.of();
    }
    if (!element.isJsonArray()) {
      throw new WeComApiError(40058, "invalid parameter: " + name + " must be an array");
    }
    JsonArray array = element.getAsJsonArray();
    List<String> values = new ArrayList<>(array.size());
    for (JsonElement item : array) {
      if (item == null || item.isJsonNull() || !item.isJsonPrimitive()) {
        throw new WeComApiError(40058, "invalid parameter: " + name);
      }
      values.add(item.getAsString());
    }
    return values;
  }

  static JsonObject optObject(JsonObject object, String name) {
    JsonElement element = object.get(name);
    if (element == null || element.isJsonNull()) {
      return null;
    }
    if (!element.isJsonObject()) {
      throw new WeComApiError(40058, "invalid parameter: " + name);
    }
    return element.getAsJsonObject();
  }

  static JsonArray optArray(JsonObject object, String name) {
    JsonElement element = object.get(name);
    if (element == null || element.isJsonNull()) {
      return null;
    }
    if (!element.isJsonArray()) {
      throw new WeComApiError(40058, "invalid parameter: " + name);
    }
    return element.getAsJsonArray();
  }
}
