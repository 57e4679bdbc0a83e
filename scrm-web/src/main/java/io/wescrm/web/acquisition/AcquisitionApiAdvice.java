package io.wescrm.web.acquisition;

import io.wescrm.core.acquisition.AcquisitionException;
import io.wescrm.core.remote.RemoteCallException;
import io.wescrm.web.api.ApiError;
import io.wescrm.web.api.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** Failures of the acquisition API as {@link ApiError} bodies with zh-CN messages. */
@RestControllerAdvice(basePackages = "io.wescrm.web.acquisition")
@Order(Ordered.HIGHEST_PRECEDENCE)
class AcquisitionApiAdvice {

  private static final Logger log = LoggerFactory.getLogger(AcquisitionApiAdvice.class);

  @ExceptionHandler(AcquisitionException.class)
  ResponseEntity<ApiError> acquisition(AcquisitionException e) {
    HttpStatus status = switch (e.kind()) {
      case INVALID -> HttpStatus.BAD_REQUEST;
      case NOT_FOUND -> HttpStatus.NOT_FOUND;
      case CONFLICT -> HttpStatus.CONFLICT;
      case REFUSED_BY_WECOM -> HttpStatus.UNPROCESSABLE_ENTITY;
    };
    log.info("API {}: {} ({})", status.value(), e.code(), e.detail());
    return ResponseEntity.status(status).body(new ApiError(e.code(), e.getMessage(), e.detail()));
  }

  @ExceptionHandler(ApiException.class)
  ResponseEntity<ApiError> api(ApiException e) {
    return ResponseEntity.status(e.status()).body(new ApiError(e.code(), e.getMessage(), e.detail()));
  }

  @ExceptionHandler(RemoteCallException.class)
  ResponseEntity<ApiError> wecom(RemoteCallException e) {
    return ApiError.wecom(e);
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
    return ApiError.unreadable(e);
  }

  @ExceptionHandler({MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class,
      IllegalArgumentException.class})
  ResponseEntity<ApiError> badRequest(Exception e) {
    return ResponseEntity.badRequest().body(new ApiError("BAD_REQUEST", "请求参数不正确", e.getMessage()));
  }
}
