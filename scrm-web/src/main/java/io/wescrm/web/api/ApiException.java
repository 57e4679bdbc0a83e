package io.wescrm.web.api;

import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * An API failure with its HTTP status, stable code (answered in lower case), zh-CN message, the technical detail for
 * the log, and optionally the fields at fault and a Retry-After.
 */
public class ApiException extends RuntimeException {

  private final HttpStatus status;
  private final String code;
  private final String detail;
  private final List<Problems.FieldProblem> errors;
  private final long retryAfterSeconds;

  public ApiException(HttpStatus status, String code, String message, String detail) {
    this(status, code, message, detail, List.of(), 0);
  }

  public ApiException(HttpStatus status, String code, String message, String detail,
      List<Problems.FieldProblem> errors, long retryAfterSeconds) {
    super(message);
    this.status = status;
    this.code = Problems.code(code);
    this.detail = detail;
    this.errors = List.copyOf(errors);
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public static ApiException notFound(String code, String message, String detail) {
    return new ApiException(HttpStatus.NOT_FOUND, code, message, detail);
  }

  public static ApiException badRequest(String message, String detail) {
    return new ApiException(HttpStatus.BAD_REQUEST, "invalid_request", message, detail);
  }

  /** A 400 naming one field. */
  public static ApiException invalidField(String field, String message) {
    return new ApiException(HttpStatus.BAD_REQUEST, "invalid_request", "请求参数不正确：" + field + " " + message,
        field, List.of(new Problems.FieldProblem(field, "invalid", message)), 0);
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

  public List<Problems.FieldProblem> errors() {
    return errors;
  }

  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
