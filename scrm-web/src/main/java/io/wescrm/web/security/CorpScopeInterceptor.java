package io.wescrm.web.security;

import io.wescrm.core.accounts.Role;
import io.wescrm.core.remote.RemoteCorps;
import io.wescrm.web.api.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * The one corp resolver: every handler whose path has a {@code {corpId}} variable passes here before it runs. An
 * unknown corp is 404 CORP_NOT_FOUND; a corp the account is not bound to is 403 CORP_FORBIDDEN; otherwise the
 * request carries its {@link AccessScope}.
 */
class CorpScopeInterceptor implements HandlerInterceptor {

  static final String ATTRIBUTE = AccessScope.class.getName();

  private final RemoteCorps corps;

  CorpScopeInterceptor(RemoteCorps corps) {
    this.corps = corps;
  }

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
    @SuppressWarnings("unchecked")
    Map<String, String> variables = (Map<String, String>) request.getAttribute(
        HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
    String corpId = variables == null ? null : variables.get("corpId");
    if (corpId == null) {
      return true;
    }
    if (!corps.corpIds().contains(corpId)) {
      throw ApiException.notFound("CORP_NOT_FOUND", "企业未配置", "unknown corp " + corpId);
    }
    if (!(SecurityContextHolder.getContext().getAuthentication() instanceof AccountAuthentication auth)) {
      throw new ApiException(HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", "请先登录", "no account");
    }
    if (!auth.account().servesCorp(corpId)) {
      throw new ApiException(HttpStatus.FORBIDDEN, "CORP_FORBIDDEN", "当前账号无权访问该企业",
          auth.account().username() + " is not bound to " + corpId);
    }
    Role role = auth.account().role();
    request.setAttribute(ATTRIBUTE, new AccessScope(auth.account(), role, corpId,
        role == Role.STORE_MANAGER ? auth.account().storesIn(corpId) : null));
    return true;
  }
}
