package io.wescrm.wecom.simulator;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Opaque paging cursors: base64url of "{kind}:{position}". Positions are keys (a relation or group sequence number,
 * a userid), not offsets, so paging stays stable while unrelated data changes.
 */
final class SimCursor {

  private SimCursor() {
  }

  static String encode(String kind, String position) {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString((kind + ':' + position).getBytes(StandardCharsets.UTF_8));
  }

  /** The position part of a cursor of the given kind; 50100 (invalid cursor) when it is not one. */
  static String decode(String kind, String cursor) {
    String raw;
    try {
      raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw invalid(cursor);
    }
    if (!raw.startsWith(kind + ':')) {
      throw invalid(cursor);
    }
    return raw.substring(kind.length() + 1);
  }

  static long decodeLong(String kind, String cursor) {
    try {
      return Long.parseLong(decode(kind, cursor));
    } catch (NumberFormatException e) {
      throw invalid(cursor);
    }
  }

  static WeComApiError invalid(String cursor) {
    return new WeComApiError(50100, "invalid cursor: " + cursor);
  }
}
