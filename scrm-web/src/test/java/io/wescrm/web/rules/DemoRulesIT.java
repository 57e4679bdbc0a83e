package io.wescrm.web.rules;

import io.wescrm.web.testing.Api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wescrm.wecom.simulator.SimCorp;
import io.wescrm.wecom.simulator.SimFollow;
import io.wescrm.wecom.simulator.WeComSimulator;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Demo mode as a user starts it (profile demo added to the suite's profiles, whose application-test.yml would turn
 * the simulator off; the simulator's state not persisted):
 * the embedded simulator, the start-up sync, then the shipped lifecycle rules and the channel rules; their tags show
 * in our API and in the simulated WeCom.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.profiles.include=demo", "scrm.simulator.enabled=true", "scrm.simulator.persist=false",
    "scrm.sync.on-startup=true", "scrm.rules.push-interval=200ms"})
class DemoRulesIT {

  static final String CORP = "wwdemo0000000001";
  static final int SIMULATOR_PORT = freePort();
  /** Runs of earlier JVMs (the MariaDB suite reuses its database) do not count. */
  static final java.time.Instant STARTED = java.time.Instant.now();

  @DynamicPropertySource
  static void simulatorPort(DynamicPropertyRegistry registry) {
    registry.add("scrm.simulator.port", () -> SIMULATOR_PORT);
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @LocalServerPort
  int port;

  @Autowired
  WeComSimulator simulator;

  @Autowired
  JdbcTemplate jdbc;

  @Test
  void theDemoCorpShipsLifecycleAndChannelRulesWhoseTagsReachOurApiAndTheSimulator() throws Exception {
    await("a demo rule run of this JVM succeeded").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
        .until(() -> java.util.stream.StreamSupport.stream(json("/rule-runs").spliterator(), false)
            .anyMatch(r -> "SUCCEEDED".equals(r.get("status").asString())
                && java.time.Instant.parse(r.get("startedAt").asString()).isAfter(STARTED)));
    JsonNode rules = json("/rules");
    List<String> presets = java.util.stream.StreamSupport.stream(rules.spliterator(), false)
        .map(r -> r.get("preset").asString()).toList();
    assertThat(presets).contains("lifecycle.lost", "lifecycle.at_risk", "lifecycle.new", "lifecycle.mature",
        "lifecycle.growing", "demo.channel.store_", "demo.channel.ad_", "demo.channel.hq_live");
    String storeTag = jdbc.queryForObject("SELECT t.tag_id FROM scrm_tag t JOIN scrm_tag_group g ON g.corp_id = "
        + "t.corp_id AND g.group_id = t.group_id WHERE t.corp_id = ? AND t.name = '门店扫码' AND t.deleted_at IS NULL "
        + "ORDER BY t.id DESC LIMIT 1", String.class, CORP);
    SimCorp corp = simulator.corp(CORP);
    Set<String> storeCustomers = corp.follows().stream().filter(f -> f.state() != null
        && f.state().contains("store_")).map(SimFollow::externalUserId).collect(Collectors.toSet());
    assertThat(storeCustomers).isNotEmpty();
    // our API: a store customer carries the tag
    String sample = storeCustomers.iterator().next();
    assertThat(json("/customers/" + sample).toString()).contains(storeTag);
    // the simulated WeCom: every relation of a store customer with a store state got it (pushed by the queue)
    await("tags pushed to the simulator").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
        .until(() -> corp.follows().stream().filter(f -> f.state() != null && f.state().contains("store_"))
            .allMatch(f -> f.tagIds().contains(storeTag)));
    // lifecycle stages were set
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM scrm_customer WHERE corp_id = ? AND lifecycle_stage IS NULL",
        Long.class, CORP)).isZero();
  }

  private JsonNode json(String path) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
        "http://127.0.0.1:" + port + "/api/corps/" + CORP + path))
        .header("Authorization", Api.adminAuthorization("http://127.0.0.1:" + port)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(200);
    return new ObjectMapper().readTree(response.body());
  }
}
