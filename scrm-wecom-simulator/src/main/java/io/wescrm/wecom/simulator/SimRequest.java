package io.wescrm.wecom.simulator;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One HTTP request as the simulator sees it: method, decoded path and query, raw body, and the parts of a multipart
 * body (media/upload).
 */
record SimRequest(String method, String path, Map<String, String> query, byte[] body, List<Part> parts) {

  /** One part of a multipart/form-data body: its field name, file name (or null) and content. */
  record Part(String name, String filename, byte[] content) {
  }

  /** Parses a request URL such as {@code /cgi-bin/user/get?userid=a&access_token=t} (first value wins). */
  static SimRequest of(String method, String url, byte[] body) {
    return of(method, url, body, List.of());
  }

  /** As {@link #of(String, String, byte[])}, with the parts of a multipart body. */
  static SimRequest of(String method, String url, byte[] body, List<Part> parts) {
    int q = url.indexOf('?');
    String path = q < 0 ? url : url.substring(0, q);
    Map<String, String> query = new HashMap<>();
    if (q >= 0) {
      for (String pair : url.substring(q + 1).split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String key = decode(eq < 0 ? pair : pair.substring(0, eq));
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
        query.putIfAbsent(key, value);
      }
    }
    return new SimRequest(method.toUpperCase(java.util.Locale.ROOT), path, query, body == null ? new byte[0] : body,
        List.copyOf(parts));
  }

  String query(String name) {
    return query.get(name);
  }

  /** The multipart part named {@code name}, or null. */
  Part part(String name) {
    for (Part part : parts) {
      if (name.equals(part.name())) {
        return part;
      }
    }
    return null;
  }

  String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  private static String decode(String value) {
    try {
      return URLDecoder.decode(value, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return value;
    }
  }
}
