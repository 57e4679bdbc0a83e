package io.wescrm.wecom.simulator;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The WireMock extension behind the simulator's single stub: computes every response in code, on the Jetty request
 * thread (so injected latency counts as in-flight time).
 */
final class SimHttpTransformer implements ResponseDefinitionTransformerV2 {

  static final String NAME = "wecom-simulator";
  private static final String JSON = "application/json; charset=UTF-8";

  private final WeComApi api;
  private final ControlApi control;

  SimHttpTransformer(WeComApi api, ControlApi control) {
    this.api = api;
    this.control = control;
  }

  /** The parts of a multipart/form-data body (media/upload), parsed by WireMock; empty for any other body. */
  private static List<SimRequest.Part> parts(Request request) {
    if (!request.isMultipart()) {
      return List.of();
    }
    List<SimRequest.Part> parts = new ArrayList<>();
    try {
      for (Request.Part part : request.getParts()) {
        parts.add(new SimRequest.Part(part.getName(), part.getFileName(),
            part.getBody().asBytes()));
      }
    } catch (RuntimeException e) {
      return List.of(); // a malformed multipart body: the handler sees no parts
    }
    return parts;
  }

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public boolean applyGlobally() {
    return false;
  }

  @Override
  public ResponseDefinition transform(ServeEvent serveEvent) {
    Request request = serveEvent.getRequest();
    SimRequest simRequest = SimRequest.of(request.getMethod().getName(), request.getUrl(), request.getBody(),
        parts(request));
    String path = simRequest.path();
    int status;
    String body;
    if (path.startsWith("/cgi-bin/")) {
      status = 200;
      body = api.handle(path.substring("/cgi-bin/".length()), simRequest);
    } else {
      ControlFamily.Reply reply = control.handle(simRequest);
      status = reply.status();
      body = reply.body();
    }
    return ResponseDefinitionBuilder.responseDefinition()
        .withStatus(status)
        .withHeader("Content-Type", JSON)
        .withBody(body.getBytes(StandardCharsets.UTF_8))
        .build();
  }
}
