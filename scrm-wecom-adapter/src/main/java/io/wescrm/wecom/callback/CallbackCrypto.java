package io.wescrm.wecom.callback;

import io.wescrm.wecom.callback.CallbackRejected.Reason;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * WeCom's callback cryptography (reference/wecom-api.md §1.4–1.5): SHA-1 signature over the sorted token,
 * timestamp, nonce and ciphertext; AES-256-CBC, IV = key[0:16], PKCS#7 padding to 32-byte blocks; plaintext =
 * random(16) + length(4, big-endian) + message + receiveid. Unlike WxJava, the receiveid is enforced.
 */
public final class CallbackCrypto {

  private static final int BLOCK = 32;
  private static final SecureRandom RANDOM = new SecureRandom();
  // provider lookups are costly on the hot path: one instance of each per thread
  private static final ThreadLocal<MessageDigest> SHA1 = ThreadLocal.withInitial(() -> digest("SHA-1"));
  private static final ThreadLocal<Cipher> AES = ThreadLocal.withInitial(() -> {
    try {
      return Cipher.getInstance("AES/CBC/NoPadding");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  });

  private final String token;
  private final byte[] key;
  private final String receiveId;

  /**
   * @param encodingAesKey the 43-character EncodingAESKey
   * @param receiveId the corp id (self-built apps)
   */
  public CallbackCrypto(String token, String encodingAesKey, String receiveId) {
    if (token == null || token.isEmpty()) {
      throw new IllegalArgumentException("callback token is required");
    }
    if (encodingAesKey == null || !encodingAesKey.matches("[A-Za-z0-9]{43}")) {
      throw new IllegalArgumentException("EncodingAESKey must be 43 characters of [A-Za-z0-9]");
    }
    this.token = token;
    this.key = Base64.getDecoder().decode(encodingAesKey + "=");
    this.receiveId = receiveId;
  }

  /** {@code lowercase_hex(SHA1(sorted(token, timestamp, nonce, encrypt) joined))}. */
  public static String sign(String token, String timestamp, String nonce, String encrypt) {
    String[] parts = {token, timestamp, nonce, encrypt};
    Arrays.sort(parts);
    MessageDigest sha1 = SHA1.get();
    sha1.reset();
    return HexFormat.of().formatHex(sha1.digest(String.join("", parts).getBytes(StandardCharsets.UTF_8)));
  }

  static MessageDigest digest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Checks the signature in constant time. */
  public void verify(String signature, String timestamp, String nonce, String encrypt) {
    String expected = sign(token, timestamp, nonce, encrypt);
    if (signature == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
        signature.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
      throw new CallbackRejected(Reason.BAD_SIGNATURE, "msg_signature does not match");
    }
  }

  /** Decrypts a Base64 ciphertext and checks its receiveid. */
  public String decrypt(String base64) {
    byte[] cipherText;
    try {
      cipherText = Base64.getDecoder().decode(base64.trim());
    } catch (IllegalArgumentException e) {
      throw new CallbackRejected(Reason.BAD_CIPHERTEXT, "invalid base64");
    }
    if (cipherText.length == 0 || cipherText.length % 16 != 0) {
      throw new CallbackRejected(Reason.BAD_CIPHERTEXT, "ciphertext length " + cipherText.length);
    }
    byte[] plain;
    try {
      Cipher cipher = AES.get();
      cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(key, 0, 16));
      plain = cipher.doFinal(cipherText);
    } catch (GeneralSecurityException e) {
      throw new CallbackRejected(Reason.BAD_CIPHERTEXT, e.getClass().getSimpleName());
    }
    int pad = plain[plain.length - 1] & 0xff;
    if (pad < 1 || pad > BLOCK || pad > plain.length) {
      throw new CallbackRejected(Reason.BAD_CIPHERTEXT, "bad padding");
    }
    for (int i = plain.length - pad; i < plain.length; i++) {
      if ((plain[i] & 0xff) != pad) {
        throw new CallbackRejected(Reason.BAD_CIPHERTEXT, "bad padding");
      }
    }
    int end = plain.length - pad;
    if (end < 20) {
      throw new CallbackRejected(Reason.BAD_CIPHERTEXT, "plaintext too short");
    }
    int length = ByteBuffer.wrap(plain, 16, 4).getInt();
    if (length < 0 || 20 + length > end) {
      throw new CallbackRejected(Reason.BAD_CIPHERTEXT, "message length " + length + " exceeds plaintext");
    }
    String message = new String(plain, 20, length, StandardCharsets.UTF_8);
    String receiver = new String(plain, 20 + length, end - 20 - length, StandardCharsets.UTF_8);
    if (receiveId != null && !receiveId.equals(receiver)) {
      throw new CallbackRejected(Reason.RECEIVER_MISMATCH, "receiveid '" + receiver + "'");
    }
    return message;
  }

  /** Encrypts like WeCom (random prefix, this crypto's receiveid). */
  public String encrypt(String message) {
    byte[] random = new byte[16];
    RANDOM.nextBytes(random);
    byte[] msg = message.getBytes(StandardCharsets.UTF_8);
    byte[] receiver = (receiveId == null ? "" : receiveId).getBytes(StandardCharsets.UTF_8);
    int unpadded = 20 + msg.length + receiver.length;
    int pad = BLOCK - unpadded % BLOCK;
    ByteBuffer buf = ByteBuffer.allocate(unpadded + pad);
    buf.put(random).putInt(msg.length).put(msg).put(receiver);
    for (int i = 0; i < pad; i++) {
      buf.put((byte) pad);
    }
    try {
      Cipher cipher = AES.get();
      cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(key, 0, 16));
      return Base64.getEncoder().encodeToString(cipher.doFinal(buf.array()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public String token() {
    return token;
  }
}
