package io.wescrm.web.audit;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A response that keeps everything to itself: the body, status and headers of an object's GET taken for the audit
 * snapshot never reach the real response (which the real handler has not written yet).
 */
final class SnapshotResponse extends HttpServletResponseWrapper {

  private final ByteArrayOutputStream body = new ByteArrayOutputStream();
  private final Map<String, String> headers = new LinkedHashMap<>();
  private int status = SC_OK;
  private PrintWriter writer;
  private ServletOutputStream stream;
  private String contentType;

  SnapshotResponse(HttpServletResponse real) {
    super(real);
  }

  String text() {
    if (writer != null) {
      writer.flush();
    }
    return body.toString(StandardCharsets.UTF_8);
  }

  @Override
  public int getStatus() {
    return status;
  }

  @Override
  public void setStatus(int sc) {
    status = sc;
  }

  @Override
  public void sendError(int sc) {
    status = sc;
  }

  @Override
  public void sendError(int sc, String msg) {
    status = sc;
  }

  @Override
  public void sendRedirect(String location) {
    status = SC_FOUND;
  }

  @Override
  public void setHeader(String name, String value) {
    headers.put(name.toLowerCase(Locale.ROOT), value);
  }

  @Override
  public void addHeader(String name, String value) {
    headers.putIfAbsent(name.toLowerCase(Locale.ROOT), value);
  }

  @Override
  public void setIntHeader(String name, int value) {
    setHeader(name, Integer.toString(value));
  }

  @Override
  public void addIntHeader(String name, int value) {
    addHeader(name, Integer.toString(value));
  }

  @Override
  public void setDateHeader(String name, long date) {
    setHeader(name, Long.toString(date));
  }

  @Override
  public void addDateHeader(String name, long date) {
    addHeader(name, Long.toString(date));
  }

  @Override
  public boolean containsHeader(String name) {
    return headers.containsKey(name.toLowerCase(Locale.ROOT));
  }

  @Override
  public String getHeader(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }

  @Override
  public Collection<String> getHeaders(String name) {
    String value = getHeader(name);
    return value == null ? List.of() : List.of(value);
  }

  @Override
  public Collection<String> getHeaderNames() {
    return List.copyOf(headers.keySet());
  }

  @Override
  public void setContentType(String type) {
    contentType = type;
  }

  @Override
  public String getContentType() {
    return contentType;
  }

  @Override
  public void setCharacterEncoding(String charset) {
  }

  @Override
  public String getCharacterEncoding() {
    return StandardCharsets.UTF_8.name();
  }

  @Override
  public void setContentLength(int len) {
  }

  @Override
  public void setContentLengthLong(long len) {
  }

  @Override
  public void setLocale(java.util.Locale loc) {
  }

  @Override
  public void setBufferSize(int size) {
  }

  @Override
  public void flushBuffer() {
  }

  @Override
  public void resetBuffer() {
    body.reset();
  }

  @Override
  public void reset() {
    body.reset();
    headers.clear();
    status = SC_OK;
  }

  @Override
  public boolean isCommitted() {
    return false;
  }

  @Override
  public void addCookie(jakarta.servlet.http.Cookie cookie) {
  }

  @Override
  public ServletOutputStream getOutputStream() {
    if (stream == null) {
      stream = new ServletOutputStream() {
        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setWriteListener(WriteListener listener) {
        }

        @Override
        public void write(int b) {
          body.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
          body.write(b, off, len);
        }
      };
    }
    return stream;
  }

  @Override
  public PrintWriter getWriter() {
    if (writer == null) {
      writer = new PrintWriter(new OutputStreamWriter(body, StandardCharsets.UTF_8));
    }
    return writer;
  }
}
