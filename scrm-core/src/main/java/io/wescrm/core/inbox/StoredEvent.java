package io.wescrm.core.inbox;

import java.time.Instant;
import java.util.Map;

/** An event as the inbox holds it. */
public record StoredEvent(long id, String corpId, String event, String changeType, String orderKey,
    Instant eventTime, Map<String, String> fields, String payload, String status, int attempts,
    Instant nextAttemptAt, Instant receivedAt, String lastError) {

  /** A field of the event, or null. */
  public String field(String name) {
    return fields.get(name);
  }
}
