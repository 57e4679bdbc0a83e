package io.wescrm.web.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.wescrm.core.inbox.Inbox;
import io.wescrm.web.SimulatedCorps;
import io.wescrm.web.config.ScrmProperties;
import io.wescrm.web.testing.Api;
import io.wescrm.web.testing.WithSimulator;
import io.wescrm.wecom.simulator.SimCorp;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Operations of the callback path over real HTTP: app events sharing the callback URL are IGNORED, a parked event
 * turns the {@code inbox} health component DEGRADED (HTTP 200) and shows in the Prometheus scrape, both from figures
 * counted in the background; the inbox API names the node holding the applier lease.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"scrm.metrics.refresh=100ms", "scrm.node=node-ops-it"})
@WithSimulator(seed = {2, 2, 4, 2, 1, 1})
class InboxOperationsIT {

  @Autowired
  SimulatedCorps corps;

  @Autowired
  Inbox inbox;

  @Autowired
  JdbcTemplate jdbc;

  @Autowired
  ScrmProperties scrm;

  @LocalServerPort
  int port;

  static String event(String corpId, String event, String extra) {
    return "<xml><ToUserName><![CDATA[" + corpId + "]]></ToUserName><FromUserName><![CDATA[zhangsan]]>"
        + "</FromUserName><CreateTime>" + System.currentTimeMillis() / 1000 + "</CreateTime><MsgType><![CDATA[event]]>"
        + "</MsgType><Event><![CDATA[" + event + "]]></Event>" + extra + "<AgentID>1000002</AgentID></xml>";
  }

  @Test
  void appEventsAreIgnoredAParkedEventDegradesHealthAndShowsInTheScrapeAndTheLeaseHolderIsNamed() {
    SimCorp corp = corps.corp(0);
    String corpId = corp.corpId();
    Api api = new Api("http://127.0.0.1:" + port);
    corp.callbacks("http://127.0.0.1:" + port + "/wecom/callback/" + corpId, SimulatedCorps.token(corpId),
        SimulatedCorps.aesKey(corpId)).callbackRetryInterval(Duration.ofMillis(100));

    JsonNode before = api.get("/actuator/health", 200);
    assertThat(before.path("components").path("inbox").path("status").asString()).isEqualTo("UP");

    corp.emitRaw(event(corpId, "enter_agent", "<EventKey><![CDATA[]]></EventKey>"));
    corp.emitRaw(event(corpId, "click", "<EventKey><![CDATA[menu_1]]></EventKey>"));
    corp.emitRaw(event(corpId, "LOCATION", "<Latitude>31.2</Latitude><Longitude>121.4</Longitude>"
        + "<Precision>30</Precision>"));
    corp.emitRaw(event(corpId, "change_future_thing", "<ChangeType><![CDATA[whatever]]></ChangeType>"));
    Api.await(20_000, () -> count(corpId, "IGNORED") == 3 && count(corpId, "PARKED") == 1,
        "three app events ignored, the unknown one parked");
    assertThat(count(corpId, "PENDING") + count(corpId, "RETRY")).isZero();

    Api.await(10_000, () -> "DEGRADED".equals(api.get("/actuator/health", 200).path("components").path("inbox")
        .path("status").asString()), "the inbox health component turns DEGRADED");
    JsonNode health = api.get("/actuator/health", 200);
    assertThat(health.path("status").asString()).as("the node as a whole").isEqualTo("DEGRADED");
    JsonNode component = health.path("components").path("inbox").path("details");
    assertThat(component.path("parked").asLong()).isEqualTo(1);
    assertThat(component.path("corps").path(corpId).path("parked").asLong()).isEqualTo(1);
    assertThat(component.path("corps").path(corpId).path("leaseHolder").asString()).isEqualTo("node-ops-it");

    String scrape = api.text("/actuator/prometheus", 200);
    assertThat(scrape).contains("scrm_inbox_parked{corp=\"" + corpId + "\"} 1.0");

    assertThat(scrm.node()).isEqualTo("node-ops-it");
    JsonNode status = api.get("/api/corps/" + corpId + "/inbox", 200);
    assertThat(status.path("leaseHolder").asString()).isEqualTo("node-ops-it");
    assertThat(status.path("parked").asLong()).isEqualTo(1);

    // the console's list: filtered by status and event type, newest first, with the API's total
    JsonNode ignored = api.get("/api/corps/" + corpId + "/inbox/events?status=ignored&size=2", 200);
    assertThat(ignored.path("total").asLong()).isEqualTo(3);
    assertThat(ignored.path("items")).hasSize(2);
    assertThat(ignored.path("items").get(0).path("id").asLong())
        .isGreaterThan(ignored.path("items").get(1).path("id").asLong());
    assertThat(ignored.path("items").get(0).path("status").asString()).isEqualTo("IGNORED");
    JsonNode clicks = api.get("/api/corps/" + corpId + "/inbox/events?event=click", 200);
    assertThat(clicks.path("total").asLong()).isEqualTo(1);
    assertThat(clicks.path("items").get(0).path("payload").asString()).contains("menu_1");
    JsonNode parkedPage = api.get("/api/corps/" + corpId + "/inbox/events?status=PARKED", 200);
    assertThat(parkedPage.path("items").get(0).path("event").asString()).isEqualTo("change_future_thing");
    assertThat(api.get("/api/corps/" + corpId + "/inbox/events?status=LOST", 400).path("detail").asString())
        .contains("status 只能是");

    // the operator discards it: healthy again
    long parkedId = inbox.parked(corpId, 1).get(0).id();
    api.post("/api/corps/" + corpId + "/inbox/" + parkedId + "/discard", "{\"reason\": \"测试\"}", 200);
    Api.await(10_000, () -> "UP".equals(api.get("/actuator/health", 200).path("components").path("inbox")
        .path("status").asString()), "the inbox health component is UP again");
  }

  private long count(String corpId, String status) {
    Long n = jdbc.queryForObject("SELECT COUNT(*) FROM scrm_inbox_event WHERE corp_id = ? AND status = ?",
        Long.class, corpId, status);
    return n == null ? 0 : n;
  }
}
