package io.wescrm.web.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import io.wescrm.core.sync.SyncRun;
import io.wescrm.core.sync.SyncingCorp;
import io.wescrm.web.SimulatedCorps;
import io.wescrm.web.testing.Api;
import io.wescrm.web.testing.WithSimulator;
import io.wescrm.wecom.simulator.SimCorp;
import io.wescrm.wecom.simulator.SimGroupMsgs;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Regression (bench/campaign-chaos.sh, MODE=cluster, 2026-12-02): a dispatch thread claims a task (SENDING under a
 * lease) and then waits for the call gate; when the wait outlasts the lease, another worker takes the task over,
 * finds no message in WeCom and sends it again — and the first thread, once admitted, must not send it too. Here
 * the gate admits one add_msg_template at a time (api-concurrency 1), each takes 700 ms and four dispatch threads
 * queue behind it, so waits of ~2 s meet a 1.5 s lease: every customer must still receive the message exactly once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "scrm.campaigns.quiet-hours=", "scrm.campaigns.idle=100ms", "scrm.campaigns.first-poll=200ms",
    "scrm.campaigns.min-poll=200ms", "scrm.campaigns.dispatching-backoff=200ms", "scrm.campaigns.adopt-grace=1s",
    "scrm.campaigns.lease=1500ms", "scrm.campaigns.cap-per-month=0", "scrm.campaigns.dispatch-threads=4",
    "scrm.wecom.api-concurrency=1", "scrm.wecom.read-timeout=5s"})
@WithSimulator(seed = {1, 3, 10, 10, 0, 0})
class CampaignGateWaitIT {

  @Autowired
  SimulatedCorps corps;

  @LocalServerPort
  int port;

  @Autowired
  JdbcTemplate jdbc;

  @Autowired
  SyncingCorp sync;

  SimCorp corp() {
    return corps.corp(0);
  }

  @AfterEach
  void noLatency() {
    corps.simulator().faults().latency("externalcontact/add_msg_template", Duration.ZERO);
  }

  @Test
  void aSendWhoseLeaseRanOutWhileItWaitedForTheGateIsNotSentTwice() {
    assertThat(sync.runNow(corp().corpId(), "TEST").orElseThrow().status()).isEqualTo(SyncRun.Status.SUCCEEDED);
    corp().groupMsgs().settings(new SimGroupMsgs.Settings(200, 1.0, SimGroupMsgs.CapMode.NONE, 0, 0.0, 3_000));
    corps.simulator().faults().latency("externalcontact/add_msg_template", Duration.ofMillis(700));
    Api api = new Api("http://127.0.0.1:" + port + "/api/corps/" + corp().corpId());
    long id = api.post("/campaigns", """
        {"name": "排队也不重发", "channel": "SINGLE", "content": {"text": "{{customer_name}}，排队也只发一次"}}""", 201)
        .get("id").asLong();
    long runId = api.post("/campaigns/" + id + "/run", null, 202).get("id").asLong();
    Api.await(90_000, () -> {
      for (JsonNode run : api.get("/campaigns/" + id + "/runs", 200)) {
        if (run.get("id").asLong() == runId) {
          return "DONE".equals(run.get("status").asString());
        }
      }
      return false;
    }, "run " + runId + " done");
    Map<String, Integer> received = corp().groupMsgs().receivedCounts(null);
    assertThat(received.values()).as("nobody received the message twice").allMatch(n -> n == 1);
    Integer sent = jdbc.queryForObject(
        "SELECT COUNT(*) FROM scrm_campaign_delivery WHERE run_id = ? AND status = 'SENT'", Integer.class, runId);
    Integer planned = jdbc.queryForObject("SELECT COUNT(*) FROM scrm_campaign_delivery WHERE run_id = ?",
        Integer.class, runId);
    assertThat(sent).isEqualTo(planned).isEqualTo(received.size());
    assertThat(corp().groupMsgs().taskCount()).as("one WeCom task per task row")
        .isEqualTo(jdbc.queryForObject("SELECT COUNT(*) FROM scrm_campaign_task WHERE run_id = ?", Integer.class,
            runId));
  }
}
