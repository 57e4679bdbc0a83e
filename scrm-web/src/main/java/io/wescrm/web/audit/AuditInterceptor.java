package io.wescrm.web.audit;

import io.wescrm.core.audit.AuditEntry;
import io.wescrm.core.audit.AuditLog;
import io.wescrm.core.audit.Redaction;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.util.ContentCachingRequestWrapper;
import org.springframework.web.util.ContentCachingResponseWrapper;
import org.springframework.web.util.WebUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Writes one audit entry per mutating API request that reached a controller (POST, PUT, PATCH, DELETE under
 * {@code /api}), refused ones included: the login name (never a name from the body), the source address, the
 * endpoint, the object, the answer, and the object's state before and after (see {@link Snapshots}). Requests that
 * never reach a controller (anonymous, unknown paths) are the security layer's to log.
 */
final class AuditInterceptor implements HandlerInterceptor {

  static final Set<String> MUTATING = Set.of("POST", "PUT", "PATCH", "DELETE");
  private static final String STATE = AuditInterceptor.class.getName() + ".state";
  private static final Logger log = LoggerFactory.getLogger(AuditInterceptor.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final AuditLog audit;
  private final Snapshots snapshots;
  private final Clock clock;
  private final boolean takeSnapshots;

  AuditInterceptor(AuditLog audit, Snapshots snapshots, Clock clock, boolean takeSnapshots) {
    this.audit = audit;
    this.snapshots = snapshots;
    this.clock = clock;
    this.takeSnapshots = takeSnapshots;
  }

  private record State(String pattern, String path, String objectPath, String before) {
  }

  static boolean audited(HttpServletRequest request) {
    return MUTATING.contains(request.getMethod()) && path(request).startsWith("/api/");
  }

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
    if (!(handler instanceof HandlerMethod) || !audited(request) || request.getAttribute(STATE) != null) {
      return true;
    }
    String pattern = (String) request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
    String path = path(request);
    String objectPath = takeSnapshots ? snapshots.objectPath(request, path) : null;
    String before = objectPath == null ? null : snapshots.take(request, response, objectPath);
    request.setAttribute(STATE, new State(pattern == null ? path : pattern, path, objectPath, before));
    return true;
  }

  @Override
  public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
      Exception ex) {
    if (!(request.getAttribute(STATE) instanceof State state)) {
      return;
    }
    request.removeAttribute(STATE);
    try {
      int status = response.getStatus();
      if (ex != null && status < 400) {
        status = 500;
      }
      boolean succeeded = status >= 200 && status < 300;
      String answer = responseBody(response);
      String after = null;
      if (succeeded) {
        after = state.objectPath() != null ? snapshots.take(request, response, state.objectPath()) : answer;
      }
      Target target = target(state.pattern(), state.path());
      String objectId = target.objectId() != null ? target.objectId() : createdId(succeeded ? answer : null);
      Principal principal = request.getUserPrincipal();
      AuditEntry entry = new AuditEntry(0, clock.instant(), principal == null ? "anonymous" : principal.getName(),
          request.getRemoteAddr(), request.getHeader("User-Agent"), target.corpId(),
          request.getMethod() + " " + state.pattern(), state.path(), target.objectType(), objectId, status,
          Redaction.redact(state.before()), Redaction.redact(after), Redaction.redact(requestBody(request)));
      audit.append(entry);
    } catch (RuntimeException e) {
      // The action itself has happened; a failing audit write must be loud, not turn a done change into an error.
      log.error("audit entry for {} {} not written", request.getMethod(), state.path(), e);
    }
  }

  /** The corp, object type and object id of a request, read against its endpoint pattern. */
  record Target(String corpId, String objectType, String objectId) {
  }

  static Target target(String pattern, String path) {
    String[] p = pattern.split("/");
    String[] v = path.split("/");
    String corp = null;
    List<String> type = new ArrayList<>();
    String id = null;
    int start = 2; // after "" and "api"
    if (p.length > 3 && "corps".equals(p[2]) && p[3].startsWith("{") && v.length > 3) {
      corp = v[3];
      start = 4;
    }
    for (int i = start; i < p.length && i < v.length; i++) {
      if (p[i].startsWith("{")) {
        id = v[i];
        break;
      }
      type.add(p[i]);
    }
    return new Target(corp, type.isEmpty() ? null : String.join("/", type), id);
  }

  private static String createdId(String answer) {
    if (answer == null || answer.isBlank()) {
      return null;
    }
    try {
      JsonNode node = JSON.readTree(answer);
      JsonNode id = node == null ? null : node.get("id");
      return id == null || id.isNull() || id.isContainer() ? null : id.asString();
    } catch (RuntimeException notJson) {
      return null;
    }
  }

  private static String requestBody(HttpServletRequest request) {
    ContentCachingRequestWrapper cached = WebUtils.getNativeRequest(request, ContentCachingRequestWrapper.class);
    if (cached == null || !json(request.getContentType())) {
      return null;
    }
    byte[] body = cached.getContentAsByteArray();
    return body.length == 0 ? null : new String(body, StandardCharsets.UTF_8);
  }

  private static String responseBody(HttpServletResponse response) {
    ContentCachingResponseWrapper cached = WebUtils.getNativeResponse(response, ContentCachingResponseWrapper.class);
    if (cached == null || !json(cached.getContentType())) {
      return null;
    }
    byte[] body = cached.getContentAsByteArray();
    return body.length == 0 ? null : new String(body, StandardCharsets.UTF_8);
  }

  private static boolean json(String contentType) {
    try {
      return contentType != null && MediaType.parseMediaType(contentType).isCompatibleWith(MediaType.APPLICATION_JSON);
    } catch (RuntimeException e) {
      return contentType != null && contentType.contains("json");
    }
  }

  static String path(HttpServletRequest request) {
    String uri = request.getRequestURI();
    String context = request.getContextPath();
    return context != null && !context.isEmpty() && uri.startsWith(context) ? uri.substring(context.length()) : uri;
  }
}
