package io.wescrm.web.security;

import io.wescrm.web.api.ApiError;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import tools.jackson.databind.ObjectMapper;

/**
 * The one place that writes the security layer's 401/403/429 bodies, in the API's error shape ({@link ApiError}):
 * when errors move to another shape, this is the one edit.
 */
final class SecurityErrors {

  private static final ObjectMapper JSON = new ObjectMapper();

  private SecurityErrors() {
  }

  static void write(HttpServletResponse response, int status, String code, String message, String detail)
      throws IOException {
    response.setStatus(status);
    response.setContentType("application/json;charset=UTF-8");
    if (status == 401) {
      response.setHeader("WWW-Authenticate", "Bearer");
    }
    response.getWriter().write(JSON.writeValueAsString(new ApiError(code, message, detail)));
  }

  static void unauthenticated(HttpServletResponse response, String detail) throws IOException {
    write(response, 401, "UNAUTHENTICATED", "请先登录，或在请求头中提供有效的访问令牌（Authorization: Bearer …）",
        detail);
  }
}
