package io.wescrm.web.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.wescrm.web.SimulatedCorps;
import io.wescrm.web.testing.Api;
import io.wescrm.web.testing.WithSimulator;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/**
 * The audit log over real HTTP: an edit is recorded with the object before and after and the caller's login name; and
 * every mutating endpoint of the API (walked from the handler mappings, not a hand list) leaves an entry, whether
 * the call succeeded or was refused.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithSimulator(seed = {2, 6, 30, 40, 2, 4})
class AuditIT {

  @Autowired
  SimulatedCorps corps;

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;

  @LocalServerPort
  int port;

  Api root;
  Api api;

  String corpId() {
    return corps.corp(0).corpId();
  }

  @BeforeEach
  void setUp() {
    root = new Api("http://127.0.0.1:" + port);
    api = new Api("http://127.0.0.1:" + port + "/api/corps/" + corpId());
  }

  JsonNode entries(String query) {
    return root.get("/api/audit-log?" + query, 200).get("items");
  }

  @Test
  void anEditIsRecordedWithTheObjectBeforeAndAfterAndWhoDidIt() {
    long id = api.post("/rules", """
        {"name": "审计前", "enabled": false,
         "condition": {"field": "follow.state", "op": "eq", "value": "audit_x"},
         "actions": [{"type": "setStage", "stage": "growing"}]}""", 201).get("id").asLong();
    api.send("PUT", "/rules/" + id, """
        {"name": "审计后", "enabled": false,
         "condition": {"field": "follow.state", "op": "eq", "value": "audit_y"},
         "actions": [{"type": "setStage", "stage": "growing"}]}""", 200);
    api.send("PUT", "/rules/" + id, "{\"name\": 3000000000000000000000}", 400);

    JsonNode items = entries("corp=" + corpId() + "&objectType=rules&objectId=" + id);
    assertThat(items).hasSize(3);
    JsonNode refused = items.get(0);
    JsonNode edit = items.get(1);
    JsonNode create = items.get(2);
    assertThat(create.get("action").asString()).isEqualTo("POST /api/corps/{corpId}/rules");
    assertThat(create.get("status").asInt()).isEqualTo(201);
    assertThat(create.get("before").isNull()).isTrue();
    assertThat(create.get("after").get("name").asString()).isEqualTo("审计前");

    assertThat(edit.get("action").asString()).isEqualTo("PUT /api/corps/{corpId}/rules/{id}");
    assertThat(edit.get("succeeded").asBoolean()).isTrue();
    assertThat(edit.get("before").has("name")).as(edit.toString()).isTrue();
    assertThat(edit.get("before").get("name").asString()).isEqualTo("审计前");
    assertThat(edit.get("after").get("name").asString()).isEqualTo("审计后");
    assertThat(edit.get("request").get("condition").get("value").asString()).isEqualTo("audit_y");
    assertThat(edit.get("actor").asString()).as("the login name, not a name from the body").isEqualTo(Api.ADMIN);
    assertThat(edit.get("sourceIp").asString()).isEqualTo("127.0.0.1");
    assertThat(edit.get("corpId").asString()).isEqualTo(corpId());

    assertThat(refused.get("status").asInt()).isEqualTo(400);
    assertThat(refused.get("succeeded").asBoolean()).isFalse();
    assertThat(refused.get("after").isNull()).as("nothing changed, nothing after").isTrue();

    api.delete("/rules/" + id, 204);
    JsonNode delete = entries("objectType=rules&objectId=" + id + "&limit=1").get(0);
    assertThat(delete.get("action").asString()).isEqualTo("DELETE /api/corps/{corpId}/rules/{id}");
    assertThat(delete.get("before").get("name").asString()).isEqualTo("审计后");
  }

  @Test
  void secretsInABodyAreNeverStored() {
    HttpResponse<String> r = api.exchange("POST", "/rules",
        "{\"name\": \"x\", \"password\": \"hunter2hunter2\", \"nested\": {\"callbackToken\": \"abc\"}}",
        "application/json");
    assertThat(r.statusCode()).isEqualTo(400);
    JsonNode entry = entries("corp=" + corpId() + "&action=POST%20/api/corps/%7BcorpId%7D/rules&limit=1").get(0);
    String stored = entry.get("request").toString();
    assertThat(stored).doesNotContain("hunter2").doesNotContain("abc").contains("***");
  }

  @Test
  void everyMutatingEndpointLeavesAnEntry() {
    List<String> actions = new ArrayList<>();
    mappings.getHandlerMethods().forEach((info, handler) -> {
      for (RequestMethod method : info.getMethodsCondition().getMethods()) {
        if (method == RequestMethod.GET || method == RequestMethod.HEAD || method == RequestMethod.OPTIONS) {
          continue;
        }
        for (String pattern : info.getPathPatternsCondition().getPatternValues()) {
          if (pattern.startsWith("/api/")) {
            actions.add(method.name() + " " + pattern + " " + multipart(info, handler));
          }
        }
      }
    });
    assertThat(actions).hasSizeGreaterThan(40);
    Set<String> called = new TreeSet<>();
    for (String action : actions) {
      String[] parts = action.split(" ");
      String path = parts[1].replace("{corpId}", corpId()).replaceAll("\\{action:[^}]*}", "pause")
          .replaceAll("\\{[^}]*}", "999999999");
      HttpResponse<String> r = Boolean.parseBoolean(parts[2])
          ? root.exchange(parts[0], path, "--b--\r\n", "multipart/form-data; boundary=b")
          : root.exchange(parts[0], path, "{}", "application/json");
      assertThat(r.statusCode()).as(action + " -> " + r.body()).isLessThan(500);
      called.add(parts[0] + " " + parts[1]);
    }
    Set<String> audited = new HashSet<>();
    Long before = null;
    do {
      JsonNode page = root.get("/api/audit-log?limit=500" + (before == null ? "" : "&before=" + before), 200);
      page.get("items").forEach(e -> audited.add(e.get("action").asString()));
      before = page.get("nextBefore").isNull() ? null : page.get("nextBefore").asLong();
    } while (before != null);
    assertThat(audited).containsAll(called);
  }

  private static boolean multipart(RequestMappingInfo info, HandlerMethod handler) {
    return info.getConsumesCondition().getConsumableMediaTypes().stream()
        .anyMatch(t -> t.isCompatibleWith(MediaType.MULTIPART_FORM_DATA))
        || Arrays.stream(handler.getMethodParameters()).anyMatch(p -> p.getParameterType() == MultipartFile.class);
  }
}
