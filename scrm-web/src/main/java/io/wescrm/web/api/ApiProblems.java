package io.wescrm.web.api;

import io.wescrm.core.acquisition.AcquisitionException;
import io.wescrm.core.campaigns.InvalidCampaignException;
import io.wescrm.core.moments.InvalidMomentTaskException;
import io.wescrm.core.community.CommunityException;
import io.wescrm.core.remote.RemoteCallException;
import io.wescrm.core.remote.WeComErrorCatalogue;
import io.wescrm.core.rules.InvalidRuleException;
import jakarta.validation.ConstraintViolationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.TransactionTimedOutException;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingPathVariableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * The one advice of the JSON API: every failure becomes an RFC 9457 {@link ProblemDetail} with a stable lower-case
 * {@code code}, a zh-CN {@code detail} and, where fields are at fault, {@code errors} ({@link Problems.FieldProblem}:
 * field, code, message). Technical details (WeCom errmsg, exception messages) go to the log, never to the caller.
 * See docs/api.md.
 */
@RestControllerAdvice(basePackages = "io.wescrm.web")
class ApiProblems extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);

  private final ApiProperties properties;

  ApiProblems(ApiProperties properties) {
    this.properties = properties;
  }

  @ExceptionHandler(ApiException.class)
  ResponseEntity<ProblemDetail> api(ApiException e) {
    log.info("API {}: {} ({})", e.status().value(), e.code(), e.detail());
    ResponseEntity.BodyBuilder answer = ResponseEntity.status(e.status());
    if (e.retryAfterSeconds() > 0) {
      answer.header(HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfterSeconds()));
    }
    return answer.body(Problems.of(e.status(), e.code(), e.getMessage(), e.errors()));
  }

  @ExceptionHandler(AcquisitionException.class)
  ResponseEntity<ProblemDetail> acquisition(AcquisitionException e) {
    HttpStatus status = switch (e.kind()) {
      case INVALID -> HttpStatus.BAD_REQUEST;
      case NOT_FOUND -> HttpStatus.NOT_FOUND;
      case CONFLICT -> HttpStatus.CONFLICT;
      case REFUSED_BY_WECOM -> HttpStatus.UNPROCESSABLE_ENTITY;
    };
    return answer(status, e.code(), e.getMessage(), e.detail());
  }

  @ExceptionHandler(CommunityException.class)
  ResponseEntity<ProblemDetail> community(CommunityException e) {
    HttpStatus status = switch (e.kind()) {
      case INVALID -> HttpStatus.BAD_REQUEST;
      case NOT_FOUND -> HttpStatus.NOT_FOUND;
      case CONFLICT -> HttpStatus.CONFLICT;
      case REFUSED_BY_WECOM -> HttpStatus.UNPROCESSABLE_ENTITY;
      case WECOM_UNAVAILABLE -> HttpStatus.BAD_GATEWAY;
    };
    return answer(status, e.code(), e.getMessage(), e.detail());
  }

  @ExceptionHandler(InvalidRuleException.class)
  ResponseEntity<ProblemDetail> invalidRule(InvalidRuleException e) {
    log.info("API 400: {}", e.getMessage());
    List<Problems.FieldProblem> errors = e.errors().stream()
        .map(r -> new Problems.FieldProblem(r.path(), r.code().toLowerCase(Locale.ROOT), r.message())).toList();
    return ResponseEntity.badRequest().body(Problems.of(HttpStatus.BAD_REQUEST, "invalid_rule",
        "规则不合法：" + errors.get(0).message() + more(errors.size()), errors));
  }

  @ExceptionHandler(InvalidCampaignException.class)
  ResponseEntity<ProblemDetail> invalidCampaign(InvalidCampaignException e) {
    log.info("API 400: {}", e.getMessage());
    List<Problems.FieldProblem> errors = e.errors().stream()
        .map(c -> new Problems.FieldProblem(c.path(), "invalid", c.message())).toList();
    return ResponseEntity.badRequest().body(Problems.of(HttpStatus.BAD_REQUEST, "invalid_campaign",
        "活动不合法：" + errors.get(0).message() + more(errors.size()), errors));
  }

  @ExceptionHandler(InvalidMomentTaskException.class)
  ResponseEntity<ProblemDetail> invalidMomentTask(InvalidMomentTaskException e) {
    log.info("API 400: {}", e.getMessage());
    List<Problems.FieldProblem> errors = e.errors().stream()
        .map(c -> new Problems.FieldProblem(c.path(), "invalid", c.message())).toList();
    return ResponseEntity.badRequest().body(Problems.of(HttpStatus.BAD_REQUEST, "invalid_moment_task",
        "朋友圈任务不合法：" + errors.get(0).message() + more(errors.size()), errors));
  }

  /**
   * A WeCom call that failed: the tag-library codes WeCom refuses with a meaning of their own (quota, name taken, tag
   * gone, not a contact) have their own code and status; otherwise 422 when WeCom refused (or the object is gone),
   * 502 when it could not be reached or failed. The message is the catalogue's; WeCom's errmsg (it carries the
   * server's egress IP) is logged, not answered.
   */
  @ExceptionHandler(RemoteCallException.class)
  ResponseEntity<ProblemDetail> wecom(RemoteCallException e) {
    String message = WeComErrorCatalogue.knownMessage(e.errcode())
        .orElse("企业微信接口调用失败（错误码 " + e.errcode() + "）");
    ResponseEntity<ProblemDetail> answer = switch (e.errcode()) {
      case 40126 -> answer(HttpStatus.CONFLICT, "corp_tag_quota_exceeded", message, e.getMessage());
      case 40071 -> answer(HttpStatus.CONFLICT, "tag_name_exists", message, e.getMessage());
      case 40068 -> answer(HttpStatus.NOT_FOUND, "tag_not_found_in_wecom", message, e.getMessage());
      case 84061 -> answer(HttpStatus.CONFLICT, "not_a_contact", message, e.getMessage());
      default -> answer(e.kind() == RemoteCallException.Kind.REFUSED || e.kind() == RemoteCallException.Kind.GONE
          ? HttpStatus.UNPROCESSABLE_ENTITY : HttpStatus.BAD_GATEWAY, "wecom_error", message, e.getMessage());
    };
    // The API and errcode help an operator look the failure up; WeCom's errmsg (our egress IP, hints) stays in the log.
    answer.getBody().setProperty("wecomApi", e.api());
    answer.getBody().setProperty("errcode", e.errcode());
    return answer;
  }

  @ExceptionHandler(IllegalArgumentException.class)
  ResponseEntity<ProblemDetail> illegalArgument(IllegalArgumentException e) {
    return answer(HttpStatus.BAD_REQUEST, "invalid_request", "请求参数不正确", e.getMessage());
  }

  @ExceptionHandler(ConstraintViolationException.class)
  ResponseEntity<ProblemDetail> constraints(ConstraintViolationException e) {
    List<Problems.FieldProblem> errors = e.getConstraintViolations().stream()
        .map(v -> new Problems.FieldProblem(Problems.leaf(v.getPropertyPath().toString()), "invalid", v.getMessage()))
        .toList();
    return invalid(errors, e.getMessage());
  }

  /** A statement timeout of a preview, search or audience query (scrm.api.query-timeout). */
  @ExceptionHandler({QueryTimeoutException.class, TransactionTimedOutException.class})
  ResponseEntity<ProblemDetail> queryTimeout(RuntimeException e) {
    log.warn("API 503: query timed out ({})", e.getMessage());
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "30")
        .body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "query_timeout", "查询超时：条件涉及的数据过多，请缩小范围或稍后再试",
            List.of()));
  }

  /**
   * A write the database refused: a value too long or out of range for its column (SQLSTATE 22…) is bad input; a
   * duplicate or a missing reference is a conflict. Validation should have caught both before; this keeps them 4xx.
   */
  @ExceptionHandler(DataIntegrityViolationException.class)
  ResponseEntity<ProblemDetail> integrity(DataIntegrityViolationException e) {
    log.warn("API: the database refused a write ({})", e.getMostSpecificCause().toString());
    boolean data = e.getMostSpecificCause() instanceof java.sql.SQLException sql && sql.getSQLState() != null
        && sql.getSQLState().startsWith("22");
    return data
        ? ResponseEntity.badRequest().body(Problems.of(HttpStatus.BAD_REQUEST, "invalid_request",
            "取值超出允许的长度或范围", List.of()))
        : ResponseEntity.status(HttpStatus.CONFLICT).body(Problems.of(HttpStatus.CONFLICT, "conflict",
            "与已有数据冲突，请刷新后重试", List.of()));
  }

  /** Anything else is our fault: 500 in the same format, the exception in the log only. */
  @ExceptionHandler(RuntimeException.class)
  ResponseEntity<ProblemDetail> unexpected(RuntimeException e) {
    log.error("API 500", e);
    return ResponseEntity.internalServerError().body(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal_error",
        "服务器内部错误，请稍后再试或联系管理员", List.of()));
  }

  /** Every Spring MVC failure (unreadable body, bad parameter, validation, method, media type, …) ends here. */
  @Override
  protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
      HttpStatusCode status, WebRequest request) {
    ProblemDetail problem;
    if (e instanceof HttpMessageNotReadableException unreadable) {
      problem = unreadable(unreadable);
    } else if (e instanceof MethodArgumentNotValidException invalid) {
      problem = invalidFields(invalid.getBindingResult());
    } else if (e instanceof HandlerMethodValidationException invalid) {
      problem = invalidParameters(invalid);
    } else if (e instanceof MethodArgumentTypeMismatchException mismatch) {
      problem = Problems.of(HttpStatus.BAD_REQUEST, "invalid_request",
          "参数 " + mismatch.getName() + " 的取值不正确：" + clip(String.valueOf(mismatch.getValue())),
          List.of(new Problems.FieldProblem(mismatch.getName(), "type_mismatch", "取值不正确")));
    } else if (e instanceof MissingServletRequestParameterException missing) {
      problem = Problems.of(HttpStatus.BAD_REQUEST, "invalid_request", "缺少参数 " + missing.getParameterName(),
          List.of(new Problems.FieldProblem(missing.getParameterName(), "missing", "缺少参数")));
    } else if (e instanceof MissingPathVariableException missing) {
      problem = Problems.of(HttpStatus.BAD_REQUEST, "invalid_request", "缺少路径参数 " + missing.getVariableName(),
          List.of());
    } else if (e instanceof HttpRequestMethodNotSupportedException m) {
      problem = Problems.of(HttpStatus.METHOD_NOT_ALLOWED, "method_not_allowed", "不支持的请求方法 " + m.getMethod(),
          List.of());
    } else if (e instanceof HttpMediaTypeNotSupportedException) {
      problem = Problems.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
          "请求体应为 JSON（Content-Type: application/json）", List.of());
    } else if (e instanceof NoResourceFoundException) {
      problem = Problems.of(HttpStatus.NOT_FOUND, "not_found", "接口不存在", List.of());
    } else {
      problem = Problems.of(HttpStatus.valueOf(status.value()), Problems.codeOf(status), Problems.messageOf(status),
          List.of());
    }
    if (problem.getStatus() >= 500) {
      log.warn("API {}: {}", problem.getStatus(), e.toString());
    } else {
      log.info("API {}: {}", problem.getStatus(), e.getMessage());
    }
    return ResponseEntity.status(problem.getStatus()).headers(headers).body(problem);
  }

  private ProblemDetail unreadable(HttpMessageNotReadableException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BodyLimitFilter.BodyTooLargeException) {
        return Problems.tooLarge(properties.maxBodyBytes());
      }
    }
    Throwable cause = e.getMostSpecificCause();
    if (cause instanceof StreamConstraintsException) {
      return Problems.of(HttpStatus.BAD_REQUEST, "invalid_request",
          "请求体超出限制（嵌套过深、数字或字符串过长）", List.of());
    }
    if (!(cause instanceof JacksonException jackson)) {
      return Problems.of(HttpStatus.BAD_REQUEST, "invalid_request", "请求体不是合法的 JSON", List.of());
    }
    String field = Problems.path(jackson.getPath());
    if (jackson instanceof UnrecognizedPropertyException unknown) {
      String name = field.isEmpty() ? String.valueOf(unknown.getPropertyName()) : field;
      return Problems.of(HttpStatus.BAD_REQUEST, "unknown_field", "未知字段 " + name + "（请检查拼写）",
          List.of(new Problems.FieldProblem(name, "unknown_field", "未知字段")));
    }
    if (jackson instanceof InputCoercionException || jackson instanceof InvalidFormatException
        || jackson instanceof MismatchedInputException) {
      String what = jackson instanceof InputCoercionException ? "数值超出范围" : "类型或取值不正确";
      return field.isEmpty()
          ? Problems.of(HttpStatus.BAD_REQUEST, "invalid_request", "请求体的结构不正确：" + what, List.of())
          : Problems.of(HttpStatus.BAD_REQUEST, "invalid_request", "字段 " + field + " " + what,
              List.of(new Problems.FieldProblem(field, "type_mismatch", what)));
    }
    return Problems.of(HttpStatus.BAD_REQUEST, "invalid_request",
        field.isEmpty() ? "请求体不是合法的 JSON" : "字段 " + field + " 的取值不正确", List.of());
  }

  private static ProblemDetail invalidFields(BindingResult result) {
    List<Problems.FieldProblem> errors = new ArrayList<>();
    for (FieldError f : result.getFieldErrors()) {
      errors.add(new Problems.FieldProblem(f.getField(), Problems.constraintCode(f.getCode()), f.getDefaultMessage()));
    }
    result.getGlobalErrors().forEach(g -> errors.add(new Problems.FieldProblem(g.getObjectName(),
        Problems.constraintCode(g.getCode()), g.getDefaultMessage())));
    return Problems.invalid(errors);
  }

  private static ResponseEntity<ProblemDetail> invalid(List<Problems.FieldProblem> errors, String logged) {
    log.info("API 400: {}", logged);
    return ResponseEntity.badRequest().body(Problems.invalid(errors));
  }

  private static ProblemDetail invalidParameters(HandlerMethodValidationException e) {
    List<Problems.FieldProblem> errors = new ArrayList<>();
    for (ParameterValidationResult result : e.getParameterValidationResults()) {
      String parameter = result.getMethodParameter().getParameterName();
      for (MessageSourceResolvable error : result.getResolvableErrors()) {
        String code = error.getCodes() == null || error.getCodes().length == 0 ? null
            : error.getCodes()[error.getCodes().length - 1];
        errors.add(new Problems.FieldProblem(error instanceof FieldError f ? f.getField() : parameter,
            Problems.constraintCode(code), error.getDefaultMessage()));
      }
    }
    return Problems.invalid(errors);
  }

  private static ResponseEntity<ProblemDetail> answer(HttpStatus status, String code, String message, String logged) {
    log.info("API {}: {} ({})", status.value(), code, logged);
    return ResponseEntity.status(status).body(Problems.of(status, Problems.code(code), message, List.of()));
  }

  private static String more(int errors) {
    return errors > 1 ? "（共 " + errors + " 处问题）" : "";
  }

  private static String clip(String s) {
    return s.length() > 64 ? s.substring(0, 64) + "…" : s;
  }
}
