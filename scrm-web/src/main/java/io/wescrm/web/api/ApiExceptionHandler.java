package io.wescrm.web.api;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Maps failures of the JSON API to {@link ApiError} bodies, for the controllers of every web slice. A slice with its
 * own advice (acquisition) orders it before this one.
 */
@RestControllerAdvice(basePackages = "io.wescrm.web")
@Order(Ordered.LOWEST_PRECEDENCE)
class ApiExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

  @ExceptionHandler(ApiException.class)
  ResponseEntity<ApiError> api(ApiException e) {
    log.info("API {}: {} ({})", e.status().value(), e.code(), e.detail());
    return ResponseEntity.status(e.status()).body(new ApiError(e.code(), e.getMessage(), e.detail()));
  }

  @ExceptionHandler({MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class,
      IllegalArgumentException.class})
  ResponseEntity<ApiError> badRequest(Exception e) {
    log.info("API 400: {}", e.getMessage());
    return ResponseEntity.status(HttpStatus.BAD_REQUEST)
        .body(new ApiError("BAD_REQUEST", "请求参数不正确", e.getMessage()));
  }
}
