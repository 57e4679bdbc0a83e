package io.wescrm.wecom.simulator;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * WeCom's callback crypto (WXBizMsgCrypt), as WeCom itself applies it: AES-256-CBC with the 32-byte key
 * {@code Base64(EncodingAESKey + "=")}, IV = key[0:16], PKCS#7 padding to 32-byte blocks, plaintext
 * {@code random(16) + len(4, big-endian) + msg + receiveid}, output Base64; signature
 * {@code sha1(sort(token, timestamp, nonce, encrypt))} in lowercase hex.
 *
 * <p>Immutable and thread-safe. Also usable by tests that need to craft or read callbacks.
 */
public final class SimCallbackCrypto {

  private static final int BLOCK = 32;
  private static final char[] ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String token;
  private final String receiveId;
  private final SecretKeySpec key;
  private final IvParameterSpec iv;

  /** A plaintext message and the receiveid that followed it. */
  public record Decrypted(String message, String receiveId) {
  }

  /**
   * @param token          the callback Token
   * @param encodingAesKey the 43-character EncodingAESKey ([A-Za-z0-9])
   * @param receiveId      the CorpID for a self-built app
   */
  public SimCallbackCrypto(String token, String encodingAesKey, String receiveId) {
    validateToken(token);
    byte[] raw = aesKey(encodingAesKey);
    this.token = token;
    this.receiveId = Objects.requireNonNull(receiveId, "receiveId");
    this.key = new SecretKeySpec(raw, "AES");
    this.iv = new IvParameterSpec(Arrays.copyOf(raw, 16));
  }

  public String token() {
    return token;
  }

  public String receiveId() {
    return receiveId;
  }

  /** The 32-byte AES key of an EncodingAESKey; IllegalArgumentException unless it has 43 [A-Za-z0-9] characters. */
  public static byte[] aesKey(String encodingAesKey) {
    if (encodingAesKey == null || !encodingAesKey.matches("[A-Za-z0-9]{43}")) {
      throw new IllegalArgumentException("EncodingAESKey must have exactly 43 characters from [A-Za-z0-9]");
    }
    byte[] raw = Base64.getDecoder().decode(encodingAesKey + "=");
    if (raw.length != 32) {
      throw new IllegalArgumentException("EncodingAESKey does not decode to 32 bytes");
    }
    return raw;
  }

  /** The callback Token must not be blank (the admin console asks for up to 32 letters and digits). */
  public static void validateToken(String token) {
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("token is required");
    }
  }

  /** A random EncodingAESKey (43 characters), e.g. for demos. */
  public static String randomEncodingAesKey() {
    char[] chars = new char[43];
    for (int i = 0; i < chars.length; i++) {
      chars[i] = ALNUM[RANDOM.nextInt(ALNUM.length)];
    }
    return new String(chars);
  }

  /** Encrypts with a fresh random 16-character prefix. */
  public String encrypt(String message) {
    return encrypt(randomAlnum(16).getBytes(StandardCharsets.US_ASCII), message);
  }

  /** Encrypts with the given 16-byte random prefix (deterministic, for tests). */
  public String encrypt(byte[] random16, String message) {
    if (random16.length != 16) {
      throw new IllegalArgumentException("the random prefix must have 16 bytes");
    }
    byte[] msg = message.getBytes(StandardCharsets.UTF_8);
    byte[] rid = receiveId.getBytes(StandardCharsets.UTF_8);
    int length = 16 + 4 + msg.length + rid.length;
    int pad = BLOCK - (length % BLOCK);
    ByteBuffer plain = ByteBuffer.allocate(length + pad);
    plain.put(random16).putInt(msg.length).put(msg).put(rid);
    for (int i = 0; i < pad; i++) {
      plain.put((byte) pad);
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, iv);
      return Base64.getEncoder().encodeToString(cipher.doFinal(plain.array()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES encryption failed", e);
    }
  }

  /** Decrypts a Base64 ciphertext; IllegalArgumentException when it is malformed or the padding is wrong. */
  public Decrypted decrypt(String base64) {
    byte[] plain;
    try {
      byte[] encrypted = Base64.getDecoder().decode(base64);
      Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, iv);
      plain = cipher.doFinal(encrypted);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalArgumentException("cannot decrypt: " + e.getMessage(), e);
    }
    int pad = plain.length == 0 ? 0 : plain[plain.length - 1] & 0xff;
    if (pad < 1 || pad > BLOCK || plain.length < 20 + pad) {
      throw new IllegalArgumentException("bad padding");
    }
    int end = plain.length - pad;
    int msgLength = ByteBuffer.wrap(plain, 16, 4).getInt();
    if (msgLength < 0 || 20 + msgLength > end) {
      throw new IllegalArgumentException("bad message length");
    }
    String message = new String(plain, 20, msgLength, StandardCharsets.UTF_8);
    String rid = new String(plain, 20 + msgLength, end - 20 - msgLength, StandardCharsets.UTF_8);
    return new Decrypted(message, rid);
  }

  /** Decrypts and checks that the receiveid is this one's; IllegalArgumentException otherwise. */
  public String decryptChecked(String base64) {
    Decrypted decrypted = decrypt(base64);
    if (!decrypted.receiveId().equals(receiveId)) {
      throw new IllegalArgumentException("receiveid mismatch: " + decrypted.receiveId());
    }
    return decrypted.message();
  }

  /** msg_signature over this token. */
  public String sign(String timestamp, String nonce, String encrypt) {
    return signature(token, timestamp, nonce, encrypt);
  }

  /** {@code lowercase_hex(sha1(concat(sort([token, timestamp, nonce, encrypt]))))}. */
  public static String signature(String token, String timestamp, String nonce, String encrypt) {
    String[] parts = {token, timestamp, nonce, encrypt};
    Arrays.sort(parts);
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      for (String part : parts) {
        sha1.update(part.getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(sha1.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The POST body WeCom sends: ToUserName, Encrypt, AgentID (all CDATA). */
  public static String envelope(String corpId, String encrypt, String agentId) {
    StringBuilder xml = new StringBuilder(encrypt.length() + 160);
    xml.append("<xml><ToUserName><![CDATA[").append(corpId).append("]]></ToUserName><Encrypt><![CDATA[")
        .append(encrypt).append("]]></Encrypt>");
    if (agentId != null) {
      xml.append("<AgentID><![CDATA[").append(agentId).append("]]></AgentID>");
    }
    return xml.append("</xml>").toString();
  }

  /** A random string of letters and digits (not for secrets: fast, not cryptographically strong). */
  static String randomAlnum(int length) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    char[] chars = new char[length];
    for (int i = 0; i < length; i++) {
      chars[i] = ALNUM[random.nextInt(ALNUM.length)];
    }
    return new String(chars);
  }

  /** A random nonce of 9–10 digits, like WeCom's. */
  static String nonce() {
    return Long.toString(ThreadLocalRandom.current().nextLong(100_000_000L, 10_000_000_000L));
  }
}
