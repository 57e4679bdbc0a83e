package io.wescrm.web.security;

import io.wescrm.core.accounts.AccountException;
import io.wescrm.web.api.Problems;
import java.util.List;
import org.springframework.http.ProblemDetail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Maps the accounts slice's refusals to API errors. */
@RestControllerAdvice(basePackageClasses = AccountsApiAdvice.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class AccountsApiAdvice {

  private static final Logger log = LoggerFactory.getLogger(AccountsApiAdvice.class);

  @ExceptionHandler(AccountException.class)
  ResponseEntity<ProblemDetail> account(AccountException e) {
    HttpStatus status = switch (e.kind()) {
      case INVALID -> HttpStatus.BAD_REQUEST;
      case NOT_FOUND -> HttpStatus.NOT_FOUND;
      case CONFLICT -> HttpStatus.CONFLICT;
      case BAD_CREDENTIALS -> HttpStatus.UNAUTHORIZED;
      case LOCKED -> HttpStatus.TOO_MANY_REQUESTS;
      case FORBIDDEN -> HttpStatus.FORBIDDEN;
    };
    log.info("API {}: {} ({})", status.value(), e.code(), e.detail());
    return ResponseEntity.status(status).body(Problems.of(status, Problems.code(e.code()), e.getMessage(), List.of()));
  }
}
