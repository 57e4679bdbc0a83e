package io.wescrm.web.community;

import io.wescrm.core.community.CommunityException;
import io.wescrm.core.remote.RemoteCallException;
import io.wescrm.web.api.ApiError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Failures of the community API as {@link ApiError} bodies with zh-CN messages (WeCom codes via the catalogue). */
@RestControllerAdvice(basePackages = "io.wescrm.web.community")
@Order(Ordered.HIGHEST_PRECEDENCE)
class CommunityApiAdvice {

  private static final Logger log = LoggerFactory.getLogger(CommunityApiAdvice.class);

  @ExceptionHandler(CommunityException.class)
  ResponseEntity<ApiError> community(CommunityException e) {
    HttpStatus status = switch (e.kind()) {
      case INVALID -> HttpStatus.BAD_REQUEST;
      case NOT_FOUND -> HttpStatus.NOT_FOUND;
      case CONFLICT -> HttpStatus.CONFLICT;
      case REFUSED_BY_WECOM -> HttpStatus.UNPROCESSABLE_ENTITY;
      case WECOM_UNAVAILABLE -> HttpStatus.BAD_GATEWAY;
    };
    log.info("API {}: {} ({})", status.value(), e.code(), e.detail());
    return ResponseEntity.status(status).body(new ApiError(e.code(), e.getMessage(), e.detail()));
  }

  @ExceptionHandler(RemoteCallException.class)
  ResponseEntity<ApiError> wecom(RemoteCallException e) {
    return ApiError.wecom(e);
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
    return ApiError.unreadable(e);
  }
}
