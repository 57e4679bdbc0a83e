package io.wescrm.wecom.client;

import io.wescrm.core.sync.RemoteCallException.Kind;
import java.util.Set;

/** How each WeCom errcode is handled (reference/wecom-api.md §5). */
final class ErrorCodes {

  /** Token errors: WxJava refreshes the token and retries once by itself. */
  static final Set<Integer> TOKEN = Set.of(40014, 42001);
  static final int BUSY = -1;
  static final int RATE_LIMITED = 45009;
  static final int TOO_CONCURRENT = 45033;
  static final int CONFLICT = 6000;
  static final int STILL_DISPATCHING = 41063;

  private static final Set<Integer> CONFIGURATION = Set.of(40001, 40013, 41001, 48002, 48009, 60011,
      60020, 84074, 92000, 301002);
  private static final Set<Integer> GONE = Set.of(84061, 60111, 40096, 90501, 90500, 49004, 49008, 40050, 41050, 41051);

  private ErrorCodes() {
  }

  /**
   * Whether another attempt may succeed. Token errors count: WxJava refreshes once per request, and a second
   * expiry in a row (WeCom may revoke tokens early) deserves another refresh, bounded by the attempt limit.
   */
  static boolean retryable(int errcode) {
    return TOKEN.contains(errcode) || errcode == BUSY || errcode == RATE_LIMITED || errcode == TOO_CONCURRENT || errcode == CONFLICT
        || errcode == STILL_DISPATCHING || errcode == 45035;
  }

  static Kind kind(int errcode) {
    if (retryable(errcode)) {
      return Kind.TRANSIENT;
    }
    if (CONFIGURATION.contains(errcode)) {
      return Kind.CONFIGURATION;
    }
    if (GONE.contains(errcode)) {
      return Kind.GONE;
    }
    return Kind.REFUSED;
  }
}
