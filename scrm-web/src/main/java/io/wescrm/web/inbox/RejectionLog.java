package io.wescrm.web.inbox;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log of refused callbacks. What a refusal names comes from the caller (the corp in the path, a timestamp, a
 * receive id), so it is sanitised — control characters, line and paragraph separators and bidi controls escaped (no
 * forged log lines, no terminal escapes), capped at {@value #MAX} characters — and the log is rate-limited per
 * reason: at most {@code perMinute} lines per reason and minute, then one line saying how many were left out (a
 * flood of forged callbacks must not fill the disk or bury the real warnings; the counter
 * {@code scrm.callback.rejected} still counts every refusal).
 */
final class RejectionLog {

  private static final Logger log = LoggerFactory.getLogger(RejectionLog.class);
  static final int MAX = 200;
  private static final long MINUTE_NANOS = 60_000_000_000L;

  private final int perMinute;
  private final LongSupplier nanos;
  private final Map<String, Window> windows = new ConcurrentHashMap<>();

  private static final class Window {
    long start;
    int logged;
    int suppressed;
  }

  RejectionLog(int perMinute, LongSupplier nanos) {
    this.perMinute = perMinute;
    this.nanos = nanos;
  }

  /** Logs the refusal unless its reason has had {@code perMinute} lines this minute. Returns whether it logged. */
  boolean refused(String reason, String corpId, String remote, String detail) {
    Window w = windows.computeIfAbsent(reason, r -> new Window());
    int leftOut;
    synchronized (w) {
      long now = nanos.getAsLong();
      leftOut = 0;
      if (w.logged == 0 && w.suppressed == 0 || now - w.start >= MINUTE_NANOS) {
        leftOut = w.suppressed;
        w.start = now;
        w.logged = 0;
        w.suppressed = 0;
      }
      if (w.logged >= perMinute) {
        w.suppressed++;
        return false;
      }
      w.logged++;
    }
    if (leftOut > 0) {
      log.warn("{} more callback(s) refused for {} in the last minute were not logged", leftOut, reason);
    }
    log.warn("Callback for corp {} from {} refused: {} {}", sanitise(corpId), sanitise(remote), reason,
        sanitise(detail));
    return true;
  }

  /** Printable, one line, at most {@value #MAX} characters (then "…(+n)"); null stays "null". */
  static String sanitise(String s) {
    if (s == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder(Math.min(s.length(), MAX) + 16);
    int i = 0;
    for (; i < s.length() && out.length() < MAX; i++) {
      char c = s.charAt(i);
      if (c == '\n') {
        out.append("\\n");
      } else if (c == '\r') {
        out.append("\\r");
      } else if (c == '\t') {
        out.append("\\t");
      } else if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == '\u2028' || c == '\u2029'
          || (c >= '\u200e' && c <= '\u200f') || (c >= '\u202a' && c <= '\u202e')
          || (c >= '\u2066' && c <= '\u2069') || Character.isSurrogate(c) && !validPair(s, i)) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    if (i < s.length()) {
      out.append("…(+").append(s.length() - i).append(')');
    }
    return out.toString();
  }

  private static boolean validPair(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }
    return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
  }
}
