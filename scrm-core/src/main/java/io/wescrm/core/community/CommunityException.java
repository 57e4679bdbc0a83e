package io.wescrm.core.community;

import io.wescrm.core.remote.RemoteCallException;
import io.wescrm.core.remote.WeComErrorCatalogue;

/** A request the community use cases refuse, with a stable code and a zh-CN message for the caller. */
public class CommunityException extends RuntimeException {

  /** How the API should answer. */
  public enum Kind { INVALID, NOT_FOUND, CONFLICT, REFUSED_BY_WECOM, WECOM_UNAVAILABLE }

  private final Kind kind;
  private final String code;
  private final String detail;

  public CommunityException(Kind kind, String code, String message, String detail) {
    super(message);
    this.kind = kind;
    this.code = code;
    this.detail = detail;
  }

  public static CommunityException invalid(String message, String detail) {
    return new CommunityException(Kind.INVALID, "BAD_REQUEST", message, detail);
  }

  /** A WeCom refusal explained in Chinese by the error catalogue; transient and configuration errors are 502. */
  public static CommunityException wecom(RemoteCallException e) {
    Kind kind = e.kind() == RemoteCallException.Kind.REFUSED || e.kind() == RemoteCallException.Kind.GONE
        ? Kind.REFUSED_BY_WECOM : Kind.WECOM_UNAVAILABLE;
    return new CommunityException(kind, "WECOM_ERROR", WeComErrorCatalogue.message(e.errcode()), e.getMessage());
  }

  static <T> T call(java.util.function.Supplier<T> call) {
    try {
      return call.get();
    } catch (RemoteCallException e) {
      throw wecom(e);
    }
  }

  public Kind kind() {
    return kind;
  }

  public String code() {
    return code;
  }

  public String detail() {
    return detail;
  }
}
