package io.wescrm.web.security;

import io.wescrm.web.api.ApiException;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Hands the request's {@link AccessScope} to a controller method that declares one. */
class AccessScopeArgumentResolver implements HandlerMethodArgumentResolver {

  @Override
  public boolean supportsParameter(MethodParameter parameter) {
    return parameter.getParameterType() == AccessScope.class;
  }

  @Override
  public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest request,
      WebDataBinderFactory binders) {
    Object scope = request.getAttribute(CorpScopeInterceptor.ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
    if (scope == null) {
      // a mapping without {corpId} asked for a corp scope: a programming error, never the caller's
      throw new ApiException(HttpStatus.INTERNAL_SERVER_ERROR, "NO_SCOPE", "服务器内部错误",
          "AccessScope on a path without {corpId}: " + parameter.getMethod());
    }
    return scope;
  }
}
