package io.wescrm.core.remote;

/** A WeCom API call that failed for good. {@code errcode} is WeCom's code, or -1 for transport failures. */
public class RemoteCallException extends RuntimeException {

  /** How the caller should treat the failure. */
  public enum Kind {
    /** System busy, timeouts, rate or concurrency limits: retries were exhausted. */
    TRANSIENT,
    /** Secret, corp id, IP allow-list, permissions: a person must fix the configuration; never loop on it. */
    CONFIGURATION,
    /** The object is gone (e.g. 84061 no relation, 60111 no such user). */
    GONE,
    /** A business rule refused the call. */
    REFUSED
  }

  private final String api;
  private final int errcode;
  private final Kind kind;

  public RemoteCallException(String api, int errcode, Kind kind, String message, Throwable cause) {
    super(api + " failed: errcode " + errcode + " (" + kind + "): " + withoutOrigin(message), cause);
    this.api = api;
    this.errcode = errcode;
    this.kind = kind;
  }

  private static final java.util.regex.Pattern ORIGIN = java.util.regex.Pattern.compile(
      "(?i),?\\s*(hint:\\s*\\[[^\\]]*\\]|from ip:\\s*[0-9a-f.:]+|more info at\\s*\\S+)");
  private static final java.util.regex.Pattern IPV4 = java.util.regex.Pattern.compile(
      "\\b\\d{1,3}(\\.\\d{1,3}){3}\\b");

  /**
   * WeCom's errmsg without what locates us: {@code from ip: <our egress IP>}, the {@code hint: [...]} request id and
   * the {@code more info at …} link. This message is stored with sync runs and welcome rows and shown by the API; the
   * original errmsg stays in the cause (the WeCom client's exception), which the logs print.
   */
  public static String withoutOrigin(String errmsg) {
    if (errmsg == null) {
      return null;
    }
    return IPV4.matcher(ORIGIN.matcher(errmsg).replaceAll("")).replaceAll("*.*.*.*").trim();
  }

  public String api() {
    return api;
  }

  public int errcode() {
    return errcode;
  }

  public Kind kind() {
    return kind;
  }
}
