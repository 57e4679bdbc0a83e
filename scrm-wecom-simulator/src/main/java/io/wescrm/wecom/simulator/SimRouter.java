package io.wescrm.wecom.simulator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A small router over path templates such as {@code /sim/corps/{corp}/follows/{userid}/{external_userid}}: a segment
 * is a literal or a {@code {variable}} that matches any one segment. Matching takes decoded segments, so a variable
 * may hold {@code /} or {@code +} when the client encoded them.
 *
 * @param <H> the handler type
 */
final class SimRouter<H> {

  /**
   * The outcome of {@link #match}: the handler and the path variables, or {@code handler == null} when a template
   * matches the path but not with this method (HTTP 405).
   */
  record Match<H>(H handler, Map<String, String> variables) {
  }

  private record Route<H>(List<String> template, Set<String> methods, H handler) {
  }

  private final List<Route<H>> routes = new ArrayList<>();

  /** Routes {@code methods} (space-separated, e.g. {@code "PATCH PUT"}) on {@code template} to {@code handler}. */
  void add(String methods, String template, H handler) {
    List<String> segments = segments(template);
    Set<String> verbs = Set.of(methods.split(" "));
    for (Route<H> route : routes) {
      if (route.template().equals(segments) && route.methods().stream().anyMatch(verbs::contains)) {
        throw new IllegalStateException("route registered twice: " + methods + " " + template);
      }
    }
    routes.add(new Route<>(segments, verbs, handler));
  }

  /** The route for {@code method} on {@code path} (decoded segments); null when no template matches the path. */
  Match<H> match(String method, List<String> path) {
    boolean pathKnown = false;
    for (Route<H> route : routes) {
      Map<String, String> variables = bind(route.template(), path);
      if (variables == null) {
        continue;
      }
      if (route.methods().contains(method)) {
        return new Match<>(route.handler(), variables);
      }
      pathKnown = true;
    }
    return pathKnown ? new Match<>(null, Map.of()) : null;
  }

  private static Map<String, String> bind(List<String> template, List<String> path) {
    if (template.size() != path.size()) {
      return null;
    }
    Map<String, String> variables = new HashMap<>();
    for (int i = 0; i < template.size(); i++) {
      String part = template.get(i);
      if (part.startsWith("{") && part.endsWith("}")) {
        variables.put(part.substring(1, part.length() - 1), path.get(i));
      } else if (!part.equals(path.get(i))) {
        return null;
      }
    }
    return variables;
  }

  private static List<String> segments(String template) {
    return List.of(template.substring(1).split("/"));
  }
}
