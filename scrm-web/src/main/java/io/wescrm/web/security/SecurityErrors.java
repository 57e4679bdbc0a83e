package io.wescrm.web.security;

import io.wescrm.web.api.Problems;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.ObjectMapper;

/**
 * The one place that writes the security layer's 401/403/429 bodies, as the API's RFC 9457 problems (docs/api.md):
 * {@code code} in lower case, the zh-CN message as {@code detail}; the technical detail goes to the log only.
 */
final class SecurityErrors {

  private static final ObjectMapper JSON = new ObjectMapper();

  private SecurityErrors() {
  }

  static void write(HttpServletResponse response, int status, String code, String message, String detail)
      throws IOException {
    response.setStatus(status);
    if (status == 401) {
      response.setHeader("WWW-Authenticate", "Bearer");
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "about:blank");
    HttpStatus known = HttpStatus.resolve(status);
    body.put("title", known == null ? "Error" : known.getReasonPhrase());
    body.put("status", status);
    body.put("detail", message);
    body.put("code", Problems.code(code));
    response.setContentType("application/problem+json;charset=UTF-8");
    response.getWriter().write(JSON.writeValueAsString(body));
  }

  static void unauthenticated(HttpServletResponse response, String detail) throws IOException {
    write(response, 401, "UNAUTHENTICATED", "请先登录，或在请求头中提供有效的访问令牌（Authorization: Bearer …）",
        detail);
  }
}
