package io.wescrm.core.acquisition;

/**
 * A request the acquisition use cases refuse, with a stable code and a zh-CN message for the caller.
 */
public class AcquisitionException extends RuntimeException {

  /** How the API should answer. */
  public enum Kind { INVALID, NOT_FOUND, CONFLICT, REFUSED_BY_WECOM }

  private final Kind kind;
  private final String code;
  private final String detail;

  public AcquisitionException(Kind kind, String code, String message, String detail) {
    super(message);
    this.kind = kind;
    this.code = code;
    this.detail = detail;
  }

  public static AcquisitionException invalid(String message, String detail) {
    return new AcquisitionException(Kind.INVALID, "BAD_REQUEST", message, detail);
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
