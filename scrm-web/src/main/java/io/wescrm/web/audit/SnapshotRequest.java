package io.wescrm.web.audit;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A bodiless GET of {@code path} on behalf of the real request (same principal, same session): what the audit
 * snapshot asks the object's own read endpoint. Attributes written during the GET (the matched pattern, path
 * variables) stay in this request and never leak into the real one; the real one's are visible for reading.
 */
final class SnapshotRequest extends HttpServletRequestWrapper {

  private final String path;
  private final Map<String, Object> attributes = new HashMap<>();
  private final Set<String> removed = new HashSet<>();

  SnapshotRequest(HttpServletRequest real, String path) {
    super(real);
    this.path = path;
  }

  @Override
  public String getMethod() {
    return "GET";
  }

  @Override
  public String getRequestURI() {
    return getContextPath() + path;
  }

  @Override
  public StringBuffer getRequestURL() {
    return new StringBuffer(getScheme()).append("://").append(getServerName()).append(':').append(getServerPort())
        .append(getRequestURI());
  }

  @Override
  public String getServletPath() {
    return path;
  }

  @Override
  public String getPathInfo() {
    return null;
  }

  @Override
  public String getQueryString() {
    return null;
  }

  @Override
  public String getParameter(String name) {
    return null;
  }

  @Override
  public Map<String, String[]> getParameterMap() {
    return Map.of();
  }

  @Override
  public Enumeration<String> getParameterNames() {
    return Collections.emptyEnumeration();
  }

  @Override
  public String[] getParameterValues(String name) {
    return null;
  }

  @Override
  public String getContentType() {
    return null;
  }

  @Override
  public int getContentLength() {
    return 0;
  }

  @Override
  public long getContentLengthLong() {
    return 0;
  }

  @Override
  public String getHeader(String name) {
    if ("content-type".equalsIgnoreCase(name) || "content-length".equalsIgnoreCase(name)) {
      return null;
    }
    if ("accept".equalsIgnoreCase(name)) {
      return "application/json";
    }
    return super.getHeader(name);
  }

  @Override
  public Enumeration<String> getHeaders(String name) {
    String value = getHeader(name);
    return value == null ? Collections.emptyEnumeration() : Collections.enumeration(java.util.List.of(value));
  }

  @Override
  public Object getAttribute(String name) {
    if (attributes.containsKey(name)) {
      return attributes.get(name);
    }
    return removed.contains(name) ? null : super.getAttribute(name);
  }

  @Override
  public Enumeration<String> getAttributeNames() {
    Set<String> names = new HashSet<>(Collections.list(super.getAttributeNames()));
    names.removeAll(removed);
    names.addAll(attributes.keySet());
    return Collections.enumeration(names);
  }

  @Override
  public void setAttribute(String name, Object value) {
    if (value == null) {
      removeAttribute(name);
      return;
    }
    removed.remove(name);
    attributes.put(name, value);
  }

  @Override
  public void removeAttribute(String name) {
    attributes.remove(name);
    removed.add(name);
  }
}
