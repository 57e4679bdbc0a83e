package io.wescrm.core.accounts;

/** A request the account use cases refuse, with a stable code and a zh-CN message for the caller. */
public class AccountException extends RuntimeException {

  /** How the API should answer. */
  public enum Kind { INVALID, NOT_FOUND, CONFLICT, BAD_CREDENTIALS, LOCKED, FORBIDDEN }

  private final Kind kind;
  private final String code;
  private final String detail;

  public AccountException(Kind kind, String code, String message, String detail) {
    super(message);
    this.kind = kind;
    this.code = code;
    this.detail = detail;
  }

  public static AccountException invalid(String message, String detail) {
    return new AccountException(Kind.INVALID, "BAD_REQUEST", message, detail);
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
