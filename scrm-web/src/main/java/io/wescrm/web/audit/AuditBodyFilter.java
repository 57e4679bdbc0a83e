package io.wescrm.web.audit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingRequestWrapper;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Keeps a copy of a mutating API request's body (as far as the controller reads it, at most {@link #CACHE_LIMIT}
 * bytes) and buffers its response, so that {@link AuditInterceptor} can record what was asked and what was created.
 */
final class AuditBodyFilter extends OncePerRequestFilter {

  static final int CACHE_LIMIT = 64 * 1024;

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !AuditInterceptor.audited(request);
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    ContentCachingResponseWrapper buffered = new ContentCachingResponseWrapper(response);
    try {
      chain.doFilter(new ContentCachingRequestWrapper(request, CACHE_LIMIT), buffered);
    } finally {
      buffered.copyBodyToResponse();
    }
  }
}
