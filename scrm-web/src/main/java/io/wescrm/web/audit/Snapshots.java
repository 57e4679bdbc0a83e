package io.wescrm.web.audit;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.UrlPathHelper;

/**
 * The state of the object a mutating request acts on, as its own read endpoint shows it to the same caller: the
 * object's GET is run in-process (no HTTP, no filters) into a private response. This keeps "before" and "after"
 * exact without every controller having to describe its objects to the audit log.
 */
final class Snapshots {

  private static final Logger log = LoggerFactory.getLogger(Snapshots.class);

  // Looked up on first use: the MVC infrastructure is built after (and from) the interceptors, this one included.
  private final Supplier<RequestMappingHandlerMapping> mapping;
  private final Supplier<RequestMappingHandlerAdapter> adapter;

  Snapshots(Supplier<RequestMappingHandlerMapping> mapping, Supplier<RequestMappingHandlerAdapter> adapter) {
    this.mapping = mapping;
    this.adapter = adapter;
  }

  /**
   * The path whose GET shows the object of {@code request} ({@code path} within the application): the path itself
   * when it can be read (for POST only when it names one object, not a collection), else its parent when that names
   * one object (an action such as {@code POST …/campaigns/7/pause}); {@code null} when there is none (a create).
   */
  String objectPath(HttpServletRequest request, String path) {
    boolean post = "POST".equals(request.getMethod());
    String pattern = readablePattern(request, path);
    if (pattern != null && (!post || pattern.endsWith("}"))) {
      return path;
    }
    int slash = path.lastIndexOf('/');
    if (slash > 0) {
      String parent = path.substring(0, slash);
      String parentPattern = readablePattern(request, parent);
      // The corp itself is not the object of an action under it (POST …/corps/{corp}/rules creates a rule).
      if (parentPattern != null && parentPattern.endsWith("}") && !parentPattern.matches("/api/corps/\\{[^}/]+}")) {
        return parent;
      }
    }
    return null;
  }

  /** The JSON the object's GET answers now, or {@code null} when it answers no 2xx (gone, not visible, failing). */
  String take(HttpServletRequest request, HttpServletResponse response, String path) {
    SnapshotRequest get = new SnapshotRequest(request, path);
    try {
      HandlerMethod handler = handler(get);
      if (handler == null) {
        return null;
      }
      SnapshotResponse out = new SnapshotResponse(response);
      adapter.get().handle(get, out, handler);
      return out.getStatus() >= 200 && out.getStatus() < 300 ? out.text() : null;
    } catch (Exception e) {
      // Not found (a delete's "after"), not visible, or failing: the entry says no snapshot rather than fail the request.
      log.debug("audit snapshot of {} unavailable: {}", path, e.toString());
      return null;
    }
  }

  private String readablePattern(HttpServletRequest request, String path) {
    SnapshotRequest get = new SnapshotRequest(request, path);
    try {
      return handler(get) == null ? null : (String) get.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
    } catch (Exception e) {
      return null;
    }
  }

  private HandlerMethod handler(SnapshotRequest get) throws Exception {
    get.removeAttribute(UrlPathHelper.PATH_ATTRIBUTE);
    get.removeAttribute(ServletRequestPathUtils.PATH_ATTRIBUTE);
    ServletRequestPathUtils.parseAndCache(get);
    HandlerExecutionChain chain = mapping.get().getHandler(get);
    return chain != null && chain.getHandler() instanceof HandlerMethod method ? method : null;
  }
}
