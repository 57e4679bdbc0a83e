package io.wescrm.wecom.simulator;

import java.security.SecureRandom;
import java.util.SplittableRandom;

/** Deterministic WeCom-shaped ids. Not thread-safe: callers hold the corp's write lock (or seed single-threaded). */
final class SimIds {

  private static final char[] BASE62 =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
  private static final char[] BASE64URL =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".toCharArray();
  private static final SecureRandom TOKEN_RANDOM = new SecureRandom();

  private final SplittableRandom random;

  SimIds(long seed) {
    this.random = new SplittableRandom(seed);
  }

  String base62(int length) {
    char[] chars = new char[length];
    for (int i = 0; i < length; i++) {
      chars[i] = BASE62[random.nextInt(BASE62.length)];
    }
    return new String(chars);
  }

  /** "wm" + 30 base62 characters, like a WeChat customer's external_userid. */
  String externalUserId() {
    return "wm" + base62(30);
  }

  /** "et" + 30 base62 characters: corp tag and tag-group ids. */
  String tagId() {
    return "et" + base62(30);
  }

  /** "wr" + 30 base62 characters: customer group chat ids. */
  String chatId() {
    return "wr" + base62(30);
  }

  /** "o" + 27 base64url characters, like a WeChat unionid. */
  String unionid() {
    char[] chars = new char[28];
    chars[0] = 'o';
    for (int i = 1; i < chars.length; i++) {
      chars[i] = BASE64URL[random.nextInt(BASE64URL.length)];
    }
    return new String(chars);
  }

  /** A random (not seeded) access token of 96 base64url characters. */
  static String accessToken() {
    char[] chars = new char[96];
    for (int i = 0; i < chars.length; i++) {
      chars[i] = BASE64URL[TOKEN_RANDOM.nextInt(BASE64URL.length)];
    }
    return new String(chars);
  }

  /** True when the value looks like an external userid at all (WeCom answers 40096 otherwise). */
  static boolean isWellFormedExternalUserId(String value) {
    if (value == null || value.length() < 4 || value.length() > 64 || value.charAt(0) != 'w') {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '_';
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
