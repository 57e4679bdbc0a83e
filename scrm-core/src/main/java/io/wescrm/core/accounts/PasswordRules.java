package io.wescrm.core.accounts;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/** Password rules: at least 10 characters, at most 72 bytes (BCrypt's limit), not the username, not a common one. */
public final class PasswordRules {

  public static final int MIN_LENGTH = 10;
  public static final int MAX_BYTES = 72;

  /** Common passwords of 10+ characters (lower case), as leaked-password lists rank them. */
  private static final Set<String> COMMON = Set.of("1234567890", "0123456789", "12345678910", "123456789a",
      "a123456789", "1234567890a", "qwertyuiop", "1q2w3e4r5t", "1qaz2wsx3edc", "password12", "password123",
      "password1234", "passw0rd12", "p@ssw0rd12", "p@ssword123", "admin12345", "admin123456", "administrator",
      "iloveyou12", "qwerty1234", "qwerty12345", "abc1234567", "abcd123456", "abcdefghij", "1111111111",
      "0000000000", "5201314520", "woaini1314", "changeme123", "welcome123", "letmein123", "123qweasdzxc",
      "zaq12wsxcde", "q1w2e3r4t5", "88888888888", "66666666666", "wescrm12345", "wescrm123456");

  private PasswordRules() {
  }

  /** Throws {@link AccountException} INVALID with a zh-CN message when {@code password} breaks a rule. */
  public static void check(String username, String password) {
    if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
      throw AccountException.invalid("密码至少需要 " + MIN_LENGTH + " 个字符", "password too short");
    }
    if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      throw AccountException.invalid("密码不能超过 " + MAX_BYTES + " 字节", "password too long");
    }
    String lower = password.toLowerCase(Locale.ROOT);
    if (username != null && lower.equals(username.toLowerCase(Locale.ROOT))) {
      throw AccountException.invalid("密码不能与用户名相同", "password equals username");
    }
    if (COMMON.contains(lower) || lower.chars().distinct().count() == 1) {
      throw AccountException.invalid("密码过于常见，请换一个更难猜的密码", "common password");
    }
  }
}
