package io.wescrm.core.audit;

import java.time.Instant;

/**
 * One audited action: who ({@code actor}, from {@code sourceIp}) did {@code action} (method + endpoint pattern) to which
 * object ({@code objectType}/{@code objectId} in {@code corpId}), when, with what answer ({@code status}), and the
 * object's state before and after (JSON text, secrets redacted, capped). {@code id} is 0 until stored.
 */
public record AuditEntry(long id, Instant at, String actor, String sourceIp, String userAgent, String corpId,
    String action, String path, String objectType, String objectId, int status, String beforeJson, String afterJson,
    String requestJson) {

  /** The longest JSON text kept per column (characters): fits a MySQL TEXT column in utf8mb4. */
  public static final int MAX_JSON_CHARS = 15_000;

  public AuditEntry {
    if (at == null || actor == null || actor.isBlank() || action == null || path == null) {
      throw new IllegalArgumentException("at, actor, action and path are required");
    }
    actor = cap(actor, 64);
    sourceIp = cap(sourceIp, 64);
    userAgent = cap(userAgent, 200);
    action = cap(action, 220);
    path = cap(path, 500);
    objectType = cap(objectType, 64);
    objectId = cap(objectId, 128);
    beforeJson = capJson(beforeJson);
    afterJson = capJson(afterJson);
    requestJson = capJson(requestJson);
  }

  public AuditEntry withId(long newId) {
    return new AuditEntry(newId, at, actor, sourceIp, userAgent, corpId, action, path, objectType, objectId, status,
        beforeJson, afterJson, requestJson);
  }

  /** Whether the action took effect (a 2xx answer); refused and failed attempts are audited too. */
  public boolean succeeded() {
    return status >= 200 && status < 300;
  }

  private static String cap(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }

  private static String capJson(String json) {
    if (json == null || json.length() <= MAX_JSON_CHARS) {
      return json;
    }
    // No longer valid JSON once cut: say so rather than store a broken document that looks whole.
    return "{\"truncated\":true,\"length\":" + json.length() + ",\"head\":"
        + quote(json.substring(0, MAX_JSON_CHARS - 200)) + "}";
  }

  private static String quote(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
