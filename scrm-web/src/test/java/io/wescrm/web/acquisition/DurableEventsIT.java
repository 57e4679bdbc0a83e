package io.wescrm.web.acquisition;

import static org.assertj.core.api.Assertions.assertThat;

import io.wescrm.core.events.DomainEvent;
import io.wescrm.core.events.EventDelivery;
import io.wescrm.core.events.Outbox;
import io.wescrm.core.sync.SyncingCorp;
import io.wescrm.core.sync.SyncRun;
import io.wescrm.web.SimulatedCorps;
import io.wescrm.web.testing.Api;
import io.wescrm.web.events.EventDeliveryWorker;
import io.wescrm.web.testing.WithSimulator;
import io.wescrm.wecom.simulator.SimCorp;
import io.wescrm.wecom.simulator.SimDepartment;
import io.wescrm.wecom.simulator.SimScan;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Domain events survive a crash between the inbox commit and their consumers: with delivery stopped (as a process
 * killed right after the applier's commit would leave it), 20 scans of a store's 活码 are applied and their events
 * wait in the outbox, nothing attributed or tagged; delivery started again (as after a restart: the events are read
 * from the database, no memory of the old process) attributes every customer, tags them by channel here and in
 * WeCom, and the rule triggered by the add tags them too — each once. Handing every event over a second time (at
 * least once means it may happen) changes nothing and calls WeCom no more.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"scrm.callback.coalescing-window=100ms", "scrm.rules.debounce=200ms",
        "scrm.rules.push-interval=200ms"})
@WithSimulator(seed = {2, 8, 20, 30, 2, 4})
class DurableEventsIT {

  static final int SCANS = 20;

  @Autowired
  SimulatedCorps corps;

  @LocalServerPort
  int port;

  @Autowired
  JdbcTemplate jdbc;

  @Autowired
  SyncingCorp fullSync;

  @Autowired
  io.wescrm.core.inbox.Inbox inbox;

  @Autowired
  Outbox outbox;

  @Autowired
  EventDeliveryWorker worker;

  @Autowired
  EventDelivery delivery;

  SimCorp corp() {
    return corps.corp(0);
  }

  String corpId() {
    return corp().corpId();
  }

  static boolean ready;
  String channelTag;
  String ruleTag;
  String configId;

  @BeforeEach
  void aStoreWayWithATagAndARuleOnItsChannel() {
    channelTag = corp().tags().get(0).id();
    ruleTag = corp().tags().get(1).id();
    if (!ready) {
      Api api = new Api("http://127.0.0.1:" + port + "/api/corps/" + corpId());
      assertThat(fullSync.runNow(corpId(), "TEST").orElseThrow().status()).isEqualTo(SyncRun.Status.SUCCEEDED);
      corp().callbacks("http://127.0.0.1:" + port + "/wecom/callback/" + corpId(), SimulatedCorps.token(corpId()),
          SimulatedCorps.aesKey(corpId())).callbackRetryInterval(Duration.ofMillis(100));
      SimDepartment store = corp().departments().stream().filter(d -> d.id() != 1)
          .filter(d -> corp().staff().stream().anyMatch(s -> s.customerContactEnabled() && s.departments()
              .contains(d.id()))).findFirst().orElseThrow();
      api.post("/contact-ways", """
          {"name": "持久事件海报", "kind": "STORE", "state": "durable_poster", "storeDeptId": %d, "channel": "门店海报",
           "tagIds": ["%s"]}""".formatted(store.id(), channelTag), 201);
      api.post("/rules", """
          {"name": "持久事件规则", "enabled": true,
           "condition": {"field": "follow.state", "op": "eq", "value": "durable_poster"},
           "actions": [{"type": "addTags", "tags": ["%s"]}]}""".formatted(ruleTag), 201);
      ready = true;
    }
    configId = corp().acquisition().contactWays().stream()
        .filter(w -> "durable_poster".equals(w.state())).findFirst().orElseThrow().configId();
  }

  /**
   * WeCom gives up on a callback after about 30 s of failed deliveries: the add is then found by the next sync or
   * reconciliation pass, and attributed, tagged and evaluated as if it had been announced — once.
   */
  @Test
  void anAddWhoseCallbackNeverCameIsAttributedAfterTheNextSyncPass() {
    corp().disableCallbacks();
    String ext = corp().acquisition().scan(configId, "回调丢了的客户", false).externalUserId();
    corp().callbacks("http://127.0.0.1:" + port + "/wecom/callback/" + corpId(), SimulatedCorps.token(corpId()),
        SimulatedCorps.aesKey(corpId())).callbackRetryInterval(Duration.ofMillis(100));
    List<String> customers = List.of(ext);
    assertThat(attributed(customers)).isZero();

    assertThat(fullSync.runNow(corpId(), "TEST").orElseThrow().status()).isEqualTo(SyncRun.Status.SUCCEEDED);
    Api.await(30_000, () -> attributed(customers) == 1 && tagged(customers, channelTag, "CHANNEL") == 1
        && tagged(customers, ruleTag, "RULE") == 1 && inWeCom(customers, channelTag, ruleTag) == 1,
        "the found add attributed and tagged");
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM scrm_welcome_ledger WHERE corp_id = ? AND "
        + "external_userid = ?", Long.class, corpId(), ext)).as("no welcome row: nothing was announced").isZero();

    // the next pass finds nothing new
    assertThat(fullSync.runNow(corpId(), "TEST").orElseThrow().status()).isEqualTo(SyncRun.Status.SUCCEEDED);
    assertThat(outbox.depth()).doesNotContainKey("attribution");
    assertThat(attributed(customers)).isEqualTo(1);
  }

  @Test
  void theOutboxIsVisibleInPrometheusMetrics() throws Exception {
    java.net.http.HttpResponse<String> scrape = java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
            .header("Authorization", Api.adminAuthorization("http://127.0.0.1:" + port)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(scrape.statusCode()).isEqualTo(200);
    assertThat(scrape.body()).contains("scrm_events_depth{consumer=\"attribution\"", "scrm_events_oldest_seconds",
        "scrm_events_failures_total", "scrm_callback_ack_seconds");
  }

  @Test
  void eventsStoredWithTheApplyAreDeliveredAfterARestartOnceEach() {

    worker.stop(); // the crash: whatever the applier commits from now on, no consumer sees it in this process
    List<String> customers = new ArrayList<>();
    for (int i = 0; i < SCANS; i++) {
      SimScan scan = corp().acquisition().scan(configId, "持久客户" + i, false);
      customers.add(scan.externalUserId());
    }
    Api.await(30_000, () -> corp().awaitCallbacksIdle(Duration.ofMillis(10)) && inbox.depth(corpId()) == 0
        && relations(customers) == SCANS, "the adds applied");
    assertThat(outbox.depth()).containsEntry("attribution", (long) SCANS).containsEntry("rules", (long) SCANS);
    assertThat(attributed(customers)).isZero();
    assertThat(tagged(customers, channelTag, "CHANNEL")).isZero();

    worker.start(); // the restart
    Api.await(30_000, () -> attributed(customers) == SCANS && tagged(customers, channelTag, "CHANNEL") == SCANS
        && tagged(customers, ruleTag, "RULE") == SCANS && inWeCom(customers, channelTag, ruleTag) == SCANS
        && outbox.depth().isEmpty(), "every event delivered");
    long markTags = corps.simulator().stats().calls("externalcontact/mark_tag");

    // at least once: the same events handed over again change nothing
    worker.stop();
    List<Outbox.Entry> again = new ArrayList<>();
    for (String ext : customers) {
      String userid = jdbc.queryForObject("SELECT userid FROM scrm_follow_relation WHERE corp_id = ? AND "
          + "external_userid = ?", String.class, corpId(), ext);
      DomainEvent.CustomerAdded added = new DomainEvent.CustomerAdded(corpId(), userid, ext, "durable_poster", null,
          false, Instant.now());
      again.add(new Outbox.Entry("attribution", added, Instant.now()));
      again.add(new Outbox.Entry("rules", added, Instant.now()));
    }
    outbox.append(again, Instant.now());
    while (!outbox.depth().isEmpty()) {
      delivery.deliverDue();
    }
    worker.start();
    assertThat(attributed(customers)).isEqualTo(SCANS);
    List<Object> args = new ArrayList<>(List.of(corpId(), channelTag, ruleTag));
    args.addAll(customers);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM scrm_follow_tag WHERE corp_id = ? AND tag_id IN (?, ?) "
        + "AND external_userid IN " + in(customers), Long.class, args.toArray())).isEqualTo(2L * SCANS);
    assertThat(corps.simulator().stats().calls("externalcontact/mark_tag")).as("no WeCom call for a re-delivery")
        .isEqualTo(markTags);
  }

  private long relations(List<String> customers) {
    return count("SELECT COUNT(*) FROM scrm_follow_relation WHERE corp_id = ? AND external_userid IN "
        + in(customers), customers);
  }

  private long attributed(List<String> customers) {
    return count("SELECT COUNT(*) FROM scrm_customer_attribution WHERE corp_id = ? AND state = 'durable_poster' "
        + "AND external_userid IN " + in(customers), customers);
  }

  private long tagged(List<String> customers, String tag, String source) {
    List<Object> args = new ArrayList<>(List.of(corpId(), tag, source));
    args.addAll(customers);
    return jdbc.queryForObject("SELECT COUNT(*) FROM scrm_follow_tag WHERE corp_id = ? AND tag_id = ? AND source = ? "
        + "AND external_userid IN " + in(customers), Long.class, args.toArray());
  }

  private long inWeCom(List<String> customers, String... tags) {
    return customers.stream().filter(ext -> corp().follows().stream().filter(f -> f.externalUserId().equals(ext))
        .anyMatch(f -> f.tagIds().containsAll(List.of(tags)))).count();
  }

  private long count(String sql, List<String> customers) {
    List<Object> args = new ArrayList<>(List.of(corpId()));
    args.addAll(customers);
    return jdbc.queryForObject(sql, Long.class, args.toArray());
  }

  private static String in(List<String> values) {
    return "(" + String.join(",", java.util.Collections.nCopies(values.size(), "?")) + ")";
  }
}
