package io.wescrm.web.api;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import tools.jackson.core.JacksonException;

/** Builds the API's problem bodies: RFC 9457 with {@code code}, a zh-CN {@code detail} and {@code errors}. */
public final class Problems {

  /** One field at fault: its JSON path (e.g. {@code tags[0].name}), a stable code and a zh-CN message. */
  public record FieldProblem(String field, String code, String message) {
  }

  private Problems() {
  }

  public static ProblemDetail of(HttpStatus status, String code, String detail, List<FieldProblem> errors) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(URI.create("about:blank"));
    problem.setTitle(status.getReasonPhrase());
    problem.setProperty("code", code);
    if (!errors.isEmpty()) {
      problem.setProperty("errors", errors);
    }
    return problem;
  }

  /** A 400 naming every field at fault, the first in the detail. */
  public static ProblemDetail invalid(List<FieldProblem> errors) {
    String first = errors.isEmpty() ? "" : "：" + errors.get(0).field() + " " + errors.get(0).message()
        + (errors.size() > 1 ? "（共 " + errors.size() + " 处问题）" : "");
    return of(HttpStatus.BAD_REQUEST, "invalid_request", "请求参数不正确" + first, errors);
  }

  /** 413: the body is larger than the API accepts. */
  public static ProblemDetail tooLarge(long maxBytes) {
    return of(HttpStatus.CONTENT_TOO_LARGE, "payload_too_large", "请求体过大（上限 " + maxBytes + " 字节）", List.of());
  }

  /** A slice's code as answered: lower case; the slices' generic BAD_REQUEST is {@code invalid_request}. */
  public static String code(String code) {
    String lower = code.toLowerCase(Locale.ROOT);
    return lower.equals("bad_request") ? "invalid_request" : lower;
  }

  /** A Jackson path as {@code a.b[0].c}. */
  static String path(List<JacksonException.Reference> references) {
    StringBuilder out = new StringBuilder();
    for (JacksonException.Reference r : references) {
      if (r.getPropertyName() != null) {
        if (!out.isEmpty()) {
          out.append('.');
        }
        out.append(r.getPropertyName());
      } else if (r.getIndex() >= 0) {
        out.append('[').append(r.getIndex()).append(']');
      }
    }
    return out.toString();
  }

  /** The last element of a validation property path ({@code create.request.channel} → {@code channel}). */
  static String leaf(String propertyPath) {
    int dot = propertyPath.lastIndexOf('.');
    return dot >= 0 ? propertyPath.substring(dot + 1) : propertyPath;
  }

  /** A Bean Validation constraint name as a code: {@code Size} → {@code size}. */
  static String constraintCode(String constraint) {
    return constraint == null ? "invalid" : constraint.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
  }

  static String codeOf(HttpStatusCode status) {
    return switch (status.value()) {
      case 400 -> "invalid_request";
      case 404 -> "not_found";
      case 405 -> "method_not_allowed";
      case 406 -> "not_acceptable";
      case 413 -> "payload_too_large";
      case 415 -> "unsupported_media_type";
      case 429 -> "too_many_requests";
      case 503 -> "unavailable";
      default -> status.is4xxClientError() ? "invalid_request" : "internal_error";
    };
  }

  static String messageOf(HttpStatusCode status) {
    return switch (status.value()) {
      case 400 -> "请求不正确";
      case 404 -> "接口不存在";
      case 405 -> "不支持的请求方法";
      case 406 -> "无法以所要求的格式应答";
      case 413 -> "请求体过大";
      case 415 -> "不支持的请求体格式";
      case 429 -> "请求过多，请稍后再试";
      case 503 -> "服务暂时不可用，请稍后再试";
      default -> status.is4xxClientError() ? "请求不正确" : "服务器内部错误";
    };
  }
}
