package io.wescrm.wecom.simulator;

import com.google.gson.JsonParseException;
import io.wescrm.wecom.simulator.ControlFamily.Call;
import io.wescrm.wecom.simulator.ControlFamily.Handler;
import io.wescrm.wecom.simulator.ControlFamily.NotFound;
import io.wescrm.wecom.simulator.ControlFamily.Reply;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The simulator's own HTTP control API under {@code /sim/}: lets demos, tests and benchmarks drive the simulated
 * corps ("a customer scans store A's QR code"), expire tokens, inject faults and read counters. JSON in and out;
 * errors are 400/404/405 with {@code {"error": "..."}}. Not counted in quotas or stats. The routes live in one class
 * per family ({@link ControlFamily}), registered here; {@link SimRouter} matches their path templates.
 */
final class ControlApi {

  private final WeComSimulator simulator;
  private final SimRouter<Handler> routes = new SimRouter<>();

  ControlApi(WeComSimulator simulator) {
    this.simulator = simulator;
    // the control families, one line each: a new family is one class and one line here
    List<ControlFamily> families = List.of(
        new AdminControl(simulator),
        new DirectoryControl(),
        new TagControl(),
        new CustomerControl(),
        new GroupControl(),
        new CallbackControl(),
        new AcquisitionControl(),
        new GroupMsgControl(),
        new MomentControl(),
        new CommunityControl());
    for (ControlFamily family : families) {
      family.register(routes);
    }
  }

  Reply handle(SimRequest request) {
    try {
      return route(request);
    } catch (NotFound e) {
      return ControlFamily.error(404, e.getMessage());
    } catch (MethodNotAllowed e) {
      return ControlFamily.error(405, e.getMessage());
    } catch (WeComApiError e) {
      return new Reply(400, ControlFamily.json(ControlFamily.obj("error", e.getMessage(), "errcode", e.errcode())));
    } catch (IllegalArgumentException | JsonParseException | IllegalStateException | UnsupportedOperationException e) {
      return ControlFamily.error(400, String.valueOf(e.getMessage()));
    } catch (RuntimeException e) {
      return ControlFamily.error(500, String.valueOf(e));
    }
  }

  private Reply route(SimRequest request) {
    List<String> path = segments(request.path());
    // everything under /sim/corps/{corp}/ names a corp first: an unknown one is a 404 whatever follows
    SimCorp corp = path.size() >= 3 && path.get(1).equals("corps") ? findCorp(path.get(2)) : null;
    SimRouter.Match<Handler> match = routes.match(request.method(), path);
    if (match == null) {
      throw new NotFound("no such control endpoint: " + request.path());
    }
    if (match.handler() == null) {
      throw new MethodNotAllowed(request.method());
    }
    return match.handler().handle(new Call(request, corp, match.variables()));
  }

  private SimCorp findCorp(String corpId) {
    try {
      return simulator.corp(corpId);
    } catch (IllegalArgumentException e) {
      throw new NotFound("no such corp: " + corpId);
    }
  }

  /** The path's segments, each URL-decoded ({@code +} stays a plus); no leading or trailing empty segment. */
  private static List<String> segments(String path) {
    String trimmed = path.startsWith("/") ? path.substring(1) : path;
    if (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    List<String> parts = new ArrayList<>();
    for (String part : trimmed.split("/")) {
      parts.add(URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8));
    }
    return parts;
  }

  private static final class MethodNotAllowed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MethodNotAllowed(String method) {
      super("method not allowed: " + method);
    }
  }
}
