package io.wescrm.wecom.callback;

import io.wescrm.core.inbox.InboxEvent;
import io.wescrm.wecom.callback.CallbackRejected.Reason;
import io.wescrm.wecom.client.WeComProperties;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns one HTTP callback into a verified {@link InboxEvent}: corp known, timestamp inside the window, signature
 * valid, ciphertext decrypts with receiveid = corp id, plaintext parsed without DTDs or entities. Stateless and
 * thread-safe; storing the event is the caller's job.
 */
public final class CallbackReceiver {

  private static final ThreadLocal<MessageDigest> SHA256 =
      ThreadLocal.withInitial(() -> CallbackCrypto.digest("SHA-256"));

  private final Map<String, CallbackCrypto> cryptos = new HashMap<>();
  private final Clock clock;
  private final Duration maxClockSkew;

  public CallbackReceiver(WeComProperties properties, Clock clock, Duration maxClockSkew) {
    for (WeComProperties.Corp corp : properties.corps()) {
      if (corp.token() != null && !corp.token().isBlank() && corp.aesKey() != null && !corp.aesKey().isBlank()) {
        cryptos.put(corp.corpId(), new CallbackCrypto(corp.token(), corp.aesKey(), corp.corpId()));
      }
    }
    this.clock = clock;
    this.maxClockSkew = maxClockSkew;
  }

  /** URL verification (GET), timestamp inside the window: the decrypted echostr, to be answered as the raw body. */
  public String verifyUrl(String corpId, String signature, String timestamp, String nonce, String echostr) {
    CallbackCrypto crypto = crypto(corpId);
    require(signature, "msg_signature");
    require(timestamp, "timestamp");
    require(nonce, "nonce");
    require(echostr, "echostr");
    // the same window as events: a captured verification request cannot be replayed later to probe the endpoint
    checkTimestamp(timestamp);
    // a framework may have turned an unencoded '+' of the Base64 echostr into a space
    String echo = echostr.indexOf(' ') >= 0 ? echostr.replace(' ', '+') : echostr;
    crypto.verify(signature, timestamp, nonce, echo);
    return crypto.decrypt(echo);
  }

  /** Event push (POST): the verified, decrypted event. */
  public InboxEvent receive(String corpId, String signature, String timestamp, String nonce, String body) {
    CallbackCrypto crypto = crypto(corpId);
    require(signature, "msg_signature");
    require(timestamp, "timestamp");
    require(nonce, "nonce");
    checkTimestamp(timestamp);
    Map<String, String> envelope = CallbackXml.parse(body);
    String encrypt = envelope.get("Encrypt");
    if (encrypt == null || encrypt.isEmpty()) {
      throw new CallbackRejected(Reason.MISSING_ENCRYPT, "no Encrypt element");
    }
    crypto.verify(signature, timestamp, nonce, encrypt);
    String plaintext = crypto.decrypt(encrypt);
    Map<String, String> fields = CallbackXml.parse(plaintext);
    String toUser = fields.get("ToUserName");
    if (toUser != null && !toUser.isEmpty() && !toUser.equals(corpId)) {
      throw new CallbackRejected(Reason.CORP_MISMATCH, "ToUserName " + toUser);
    }
    return toEvent(corpId, fields, plaintext);
  }

  static InboxEvent toEvent(String corpId, Map<String, String> fields, String plaintext) {
    String event = fields.getOrDefault("Event", fields.getOrDefault("MsgType", "unknown"));
    String changeType = fields.get("ChangeType");
    Instant time = null;
    try {
      time = fields.containsKey("CreateTime") ? Instant.ofEpochSecond(Long.parseLong(fields.get("CreateTime")))
          : null;
    } catch (NumberFormatException e) {
      // kept as null: the event is still stored, the applier decides
    }
    return new InboxEvent(corpId, dedupeKey(fields), event, changeType, orderKey(event, fields), time,
        Map.copyOf(fields), plaintext);
  }

  /** SHA-256 of every field, sorted by name: retries of one event match, distinct events never do. */
  static String dedupeKey(Map<String, String> fields) {
    StringBuilder canonical = new StringBuilder();
    new TreeMap<>(fields).forEach((k, v) -> canonical.append(k).append('=').append(v).append('\n'));
    MessageDigest sha256 = SHA256.get();
    sha256.reset();
    return HexFormat.of().formatHex(sha256.digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
  }

  /** Events of one customer, one group chat, one staff member or department, or the tag library apply in order. */
  static String orderKey(String event, Map<String, String> fields) {
    return switch (event) {
      case "change_external_contact" -> "c:" + fields.getOrDefault("ExternalUserID", "");
      case "change_external_chat" -> "g:" + fields.getOrDefault("ChatId", "");
      case "change_external_tag" -> "tags";
      case "change_contact" -> fields.containsKey("UserID") ? "u:" + fields.get("UserID")
          : "d:" + fields.getOrDefault("Id", "");
      case "batch_job_result" -> "job:" + fields.getOrDefault("JobId", "");
      default -> "other:" + event;
    };
  }

  private CallbackCrypto crypto(String corpId) {
    CallbackCrypto crypto = cryptos.get(corpId);
    if (crypto == null) {
      throw new CallbackRejected(Reason.UNKNOWN_CORP, "corp " + corpId + " has no callback token/EncodingAESKey");
    }
    return crypto;
  }

  private void checkTimestamp(String timestamp) {
    long seconds;
    try {
      seconds = Long.parseLong(timestamp);
    } catch (NumberFormatException e) {
      throw new CallbackRejected(Reason.STALE_TIMESTAMP, "timestamp '" + timestamp + "'");
    }
    long skew = Math.abs(clock.instant().getEpochSecond() - seconds);
    if (skew > maxClockSkew.toSeconds()) {
      throw new CallbackRejected(Reason.STALE_TIMESTAMP, "timestamp " + seconds + " is " + skew + " s off");
    }
  }

  private static void require(String value, String name) {
    if (value == null || value.isEmpty()) {
      throw new CallbackRejected(Reason.MISSING_PARAMETER, name);
    }
  }
}
