package io.wescrm.core.inbox;

import java.time.Instant;
import java.util.Map;

/**
 * A verified, decrypted WeCom event on its way into the inbox.
 *
 * @param dedupeKey SHA-256 (hex) of the event's canonicalised fields: WeCom's retries share it, distinct events not
 * @param orderKey events with one order key are applied one at a time, in arrival order
 * @param fields the event's fields (element name → text; list items joined with commas)
 * @param payload the decrypted XML as received
 */
public record InboxEvent(String corpId, String dedupeKey, String event, String changeType, String orderKey,
    Instant eventTime, Map<String, String> fields, String payload) {
}
