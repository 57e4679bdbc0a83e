package io.wescrm.web.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Caps {@code /api} request bodies at {@code scrm.api.max-body-bytes}: a declared length above it is refused before
 * anything reads the body, and a chunked body stops at the cap (the JSON reader fails, the advice answers 413).
 * Multipart uploads keep Spring's multipart limits.
 */
class BodyLimitFilter extends OncePerRequestFilter {

  /** Thrown by the capped stream; the advice turns it into 413. */
  static final class BodyTooLargeException extends IOException {
    BodyTooLargeException(long max) {
      super("request body larger than " + max + " bytes");
    }
  }

  private final long maxBytes;
  private final ProblemWriter problems;

  BodyLimitFilter(long maxBytes, ProblemWriter problems) {
    this.maxBytes = maxBytes;
    this.problems = problems;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String type = request.getContentType();
    return !request.getRequestURI().startsWith("/api/") || (type != null && type.startsWith("multipart/"));
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (request.getContentLengthLong() > maxBytes) {
      problems.write(response, Problems.tooLarge(maxBytes));
      return;
    }
    chain.doFilter(new Capped(request, maxBytes), response);
  }

  private static final class Capped extends HttpServletRequestWrapper {

    private final long max;
    private ServletInputStream stream;

    Capped(HttpServletRequest request, long max) {
      super(request);
      this.max = max;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        ServletInputStream in = super.getInputStream();
        stream = new ServletInputStream() {
          private long read;

          @Override
          public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
              count(1);
            }
            return b;
          }

          @Override
          public int read(byte[] buffer, int off, int len) throws IOException {
            int n = in.read(buffer, off, len);
            if (n > 0) {
              count(n);
            }
            return n;
          }

          private void count(int n) throws BodyTooLargeException {
            read += n;
            if (read > max) {
              throw new BodyTooLargeException(max);
            }
          }

          @Override
          public boolean isFinished() {
            return in.isFinished();
          }

          @Override
          public boolean isReady() {
            return in.isReady();
          }

          @Override
          public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
          }
        };
      }
      return stream;
    }
  }
}
