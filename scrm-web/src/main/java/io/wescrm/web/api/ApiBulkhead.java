package io.wescrm.web.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The bulkhead between the admin API and the WeCom callbacks: at most {@code scrm.api.max-concurrent-requests}
 * {@code /api} requests run at once (fewer than the server's request threads and than the database pool's
 * connections), so that however many slow previews or exports pile up, callbacks still find a request thread and the
 * inbox writer a connection. A request that finds no place within {@code bulkhead-wait} gets 503 with Retry-After.
 */
class ApiBulkhead extends OncePerRequestFilter {

  private final Semaphore places;
  private final long waitMillis;
  private final ProblemWriter problems;

  ApiBulkhead(int places, Duration wait, ProblemWriter problems) {
    this.places = new Semaphore(places, true);
    this.waitMillis = wait.toMillis();
    this.problems = problems;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !request.getRequestURI().startsWith("/api/");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    boolean admitted;
    try {
      admitted = places.tryAcquire(waitMillis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      admitted = false;
    }
    if (!admitted) {
      response.setHeader(HttpHeaders.RETRY_AFTER, "1");
      problems.write(response, Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "api_busy",
          "管理接口繁忙（同时处理的请求已达上限），请稍后再试", java.util.List.of()));
      return;
    }
    try {
      chain.doFilter(request, response);
    } finally {
      places.release();
    }
  }

  int available() {
    return places.availablePermits();
  }
}
