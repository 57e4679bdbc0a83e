package io.wescrm.wecom.client;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.wescrm.core.remote.RemoteCallException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/** Reading WeCom's JSON answers: tolerant field readers and the one cursor loop of paged reads. */
final class WeComJson {

  private WeComJson() {
  }

  /**
   * Every page of a cursor-paged read, until next_cursor is empty or absent; a cursor WeCom already gave ends the
   * loop with an error (looping on it would never end).
   *
   * @param request the request body for a cursor (null: the first page)
   * @param read one call of the API
   */
  static <T> List<T> pages(String api, String listField, Function<String, JsonObject> request,
      Function<JsonObject, T> row, BiFunction<String, JsonObject, JsonObject> read) {
    List<T> all = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    String cursor = null;
    while (true) {
      JsonObject answer = read.apply(api, request.apply(cursor));
      JsonElement list = answer.get(listField);
      if (list != null && list.isJsonArray()) {
        for (JsonElement item : list.getAsJsonArray()) {
          if (item.isJsonObject()) {
            all.add(row.apply(item.getAsJsonObject()));
          }
        }
      }
      cursor = string(answer, "next_cursor");
      if (cursor == null) {
        return all;
      }
      if (!seen.add(cursor)) {
        throw new RemoteCallException(api, -1, RemoteCallException.Kind.TRANSIENT,
            "next_cursor repeated: " + cursor, null);
      }
    }
  }

  /** A string field; null when absent, JSON null or empty. */
  static String string(JsonObject o, String field) {
    JsonElement e = o.get(field);
    if (e == null || !e.isJsonPrimitive()) {
      return null;
    }
    String s = e.getAsString();
    return s.isEmpty() ? null : s;
  }

  /** An int field; 0 when absent or not a number. */
  static int integer(JsonObject o, String field) {
    Long value = number(o, field);
    return value == null ? 0 : value.intValue();
  }

  /** Unix seconds (a number, or a string of digits as some answers carry) as an Instant; null when absent or 0. */
  static Instant time(JsonObject o, String field) {
    Long seconds = number(o, field);
    return seconds == null || seconds <= 0 ? null : Instant.ofEpochSecond(seconds);
  }

  /** A number field (or a string of digits); null when absent or not a number. */
  static Long number(JsonObject o, String field) {
    JsonElement e = o.get(field);
    if (e == null || !e.isJsonPrimitive()) {
      return null;
    }
    try {
      return Long.parseLong(e.getAsString().trim());
    } catch (NumberFormatException notANumber) {
      return null;
    }
  }
}
