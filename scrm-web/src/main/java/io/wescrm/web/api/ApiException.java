package io.wescrm.web.api;

import org.springframework.http.HttpStatus;

/** An API failure with its HTTP status, stable code and zh-CN message. */
public class ApiException extends RuntimeException {

  private final HttpStatus status;
  private final String code;
  private final String detail;

  public ApiException(HttpStatus status, String code, String message, String detail) {
    super(message);
    this.status = status;
    this.code = code;
    this.detail = detail;
  }

  public static ApiException notFound(String code, String message, String detail) {
    return new ApiException(HttpStatus.NOT_FOUND, code, message, detail);
  }

  public static ApiException badRequest(String message, String detail) {
    return new ApiException(HttpStatus.BAD_REQUEST, "BAD_REQUEST", message, detail);
  }

  public HttpStatus status() {
    return status;
  }

  public String code() {
    return code;
  }

  public String detail() {
    return detail;
  }
}
