package io.wescrm.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.wescrm.web.testing.Api;
import io.wescrm.web.testing.WithSimulator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI document is generated from the typed controllers: every mapping of every {@code /api} controller is in
 * {@code /v3/api-docs} with its method, request bodies are typed (no free-form JSON objects at the top), and the
 * Swagger UI is served.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithSimulator
class ApiDocsIT {

  @LocalServerPort
  int port;

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;

  @Test
  void apiDocsListEveryControllerMapping() throws Exception {
    Api root = new Api("http://127.0.0.1:" + port);
    JsonNode docs = root.get("/v3/api-docs", 200);
    JsonNode paths = docs.get("paths");

    List<String> expected = new ArrayList<>();
    mappings.getHandlerMethods().forEach((info, method) -> {
      if (!method.getBeanType().getPackageName().startsWith("io.wescrm.web")
          || !method.getBeanType().isAnnotationPresent(RestController.class)) {
        return;
      }
      for (String pattern : info.getPatternValues()) {
        if (!pattern.startsWith("/api/")) {
          continue;
        }
        String path = pattern.replaceAll("\\{([^}:]+):[^}]*}", "{$1}");
        info.getMethodsCondition().getMethods().forEach(m -> expected.add(m.name().toLowerCase(Locale.ROOT) + " "
            + path));
      }
    });
    assertThat(expected).hasSizeGreaterThan(50);

    List<String> missing = expected.stream().filter(e -> {
      String[] parts = e.split(" ", 2);
      return paths.get(parts[1]) == null || paths.get(parts[1]).get(parts[0]) == null;
    }).toList();
    assertThat(missing).as("controller mappings missing from /v3/api-docs").isEmpty();

    // typed request bodies: the tag-customer body names its fields, syncToWeCom among them
    JsonNode tagging = paths.get("/api/corps/{corpId}/customers/{externalUserId}/tags").get("post")
        .get("requestBody").get("content").get("application/json").get("schema");
    String ref = tagging.get("$ref").asString();
    JsonNode schema = docs.get("components").get("schemas").get(ref.substring(ref.lastIndexOf('/') + 1));
    assertThat(schema.get("properties").has("syncToWeCom")).isTrue();
    assertThat(schema.get("properties").get("operator").get("maxLength").asInt()).isEqualTo(64);

    java.net.http.HttpResponse<String> ui = root.exchange("GET", "/swagger-ui/index.html",
        java.net.http.HttpRequest.BodyPublishers.noBody(), null);
    assertThat(ui.statusCode()).isEqualTo(200);
    assertThat(ui.body()).contains("swagger-ui");
  }
}
