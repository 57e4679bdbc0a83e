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
    super(api + " failed: errcode " + errcode + " (" + kind + "): " + message, cause);
    this.api = api;
    this.errcode = errcode;
    this.kind = kind;
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
