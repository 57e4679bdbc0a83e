package io.wescrm.web.api;

import io.wescrm.core.remote.RemoteCallException;
import io.wescrm.core.remote.WeComErrorCatalogue;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;

/** Error body of every API failure: a stable code, a zh-CN message for people, and the technical detail. */
public record ApiError(String code, String message, String detail) {

  /** A WeCom call that failed: 422 when WeCom refused (or the object is gone), 502 otherwise; catalogue message. */
  public static ResponseEntity<ApiError> wecom(RemoteCallException e) {
    HttpStatus status = e.kind() == RemoteCallException.Kind.REFUSED || e.kind() == RemoteCallException.Kind.GONE
        ? HttpStatus.UNPROCESSABLE_ENTITY : HttpStatus.BAD_GATEWAY;
    return ResponseEntity.status(status).body(new ApiError("WECOM_ERROR", WeComErrorCatalogue.message(e.errcode()),
        wecomDetail(e)));
  }

  /**
   * What an API caller sees of a failed WeCom call: the API, errcode and kind — never WeCom's errmsg, which carries
   * our egress IP ("from ip: …") and WeCom's hints; the errmsg goes to the log only.
   */
  public static String wecomDetail(RemoteCallException e) {
    LOG.warn("WeCom call answered an API request with an error: {}", e.getMessage());
    return e.api() + " errcode " + e.errcode() + " (" + e.kind() + ")";
  }

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ApiError.class);

  /** A request body that is not JSON or has fields of the wrong type: 400. */
  public static ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
    return ResponseEntity.badRequest().body(new ApiError("BAD_REQUEST", "请求体不是合法的 JSON，或字段类型、取值不正确",
        String.valueOf(e.getMostSpecificCause().getMessage())));
  }
}
