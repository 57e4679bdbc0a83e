package io.wescrm.web.security;

import io.wescrm.core.accounts.Role;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mobile masking (docs/security.md "Mobile numbers"): store managers and viewers see {@code 138****5678}, admins and
 * operators the whole number. The one helper every answer that carries a mobile goes through.
 */
public final class Mobiles {

  /** A mainland mobile inside free text (a callback payload, a note), optionally with +86 / 86 in front. */
  private static final Pattern IN_TEXT = Pattern.compile("(?<![0-9])((?:\\+?86)?1[3-9][0-9])([0-9]{4})([0-9]{4})(?![0-9])");

  private Mobiles() {
  }

  /** True for the roles that see whole numbers. */
  public static boolean seesWhole(Role role) {
    return role == Role.ADMIN || role == Role.OPERATOR;
  }

  /** One number as {@code role} may see it: {@code 13812345678} → {@code 138****5678} unless it sees them whole. */
  public static String mask(String mobile, Role role) {
    return seesWhole(role) || mobile == null ? mobile : mask(mobile);
  }

  public static List<String> mask(List<String> mobiles, Role role) {
    return seesWhole(role) || mobiles == null ? mobiles : mobiles.stream().map(Mobiles::mask).toList();
  }

  /** Free text with every mobile in it masked, unless {@code role} sees them whole. */
  public static String maskText(String text, Role role) {
    if (seesWhole(role) || text == null) {
      return text;
    }
    Matcher m = IN_TEXT.matcher(text);
    return m.replaceAll(r -> Matcher.quoteReplacement(r.group(1) + "****" + r.group(3)));
  }

  /** The first 3 and last 4 characters kept, the rest starred (shorter values: all starred). */
  static String mask(String mobile) {
    int n = mobile.length();
    if (n < 8) {
      return "*".repeat(n);
    }
    return mobile.substring(0, 3) + "*".repeat(n - 7) + mobile.substring(n - 4);
  }
}
