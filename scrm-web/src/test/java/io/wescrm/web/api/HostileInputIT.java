package io.wescrm.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.wescrm.core.sync.SyncRun;
import io.wescrm.core.sync.SyncingCorp;
import io.wescrm.web.SimulatedCorps;
import io.wescrm.web.testing.Api;
import io.wescrm.web.testing.WithSimulator;
import io.wescrm.wecom.callback.CallbackCrypto;
import io.wescrm.wecom.simulator.SimCorp;
import io.wescrm.wecom.simulator.SimDepartment;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The hostile-input suite: the REST API walked with oversized bodies, deep and wide trees, huge value lists, wrong
 * types, overlong strings, unknown fields, negative and huge pages. Every answer is a 4xx problem with a stable code
 * and a Chinese detail, never a 5xx; nothing is half-done: no WeCom write call was made (the simulator's counts of
 * every write API are unchanged) and no row was written (row counts of every table the API writes are unchanged).
 * Then the bulkhead: /api saturated by stalled uploads, callbacks are still acknowledged at once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"scrm.api.max-concurrent-requests=2", "scrm.api.bulkhead-wait=100ms"})
@WithSimulator(seed = {2, 6, 20, 30, 2, 4})
class HostileInputIT {

  /** Every WeCom API that changes something in WeCom. */
  static final List<String> WECOM_WRITES = List.of("externalcontact/add_contact_way",
      "externalcontact/update_contact_way", "externalcontact/del_contact_way", "externalcontact/add_corp_tag",
      "externalcontact/edit_corp_tag", "externalcontact/del_corp_tag", "externalcontact/mark_tag",
      "externalcontact/transfer_customer", "externalcontact/resigned/transfer_customer",
      "externalcontact/groupchat/transfer", "externalcontact/groupchat/onjob_transfer",
      "externalcontact/groupchat/add_join_way", "externalcontact/groupchat/update_join_way",
      "externalcontact/add_msg_template", "externalcontact/group_welcome_template/add",
      "externalcontact/group_welcome_template/edit", "externalcontact/send_welcome_msg");

  /** Every table the admin API writes. */
  static final List<String> TABLES = List.of("scrm_contact_way", "scrm_join_way", "scrm_group_welcome_template",
      "scrm_rule", "scrm_rule_version", "scrm_campaign", "scrm_campaign_version", "scrm_tag_group", "scrm_tag",
      "scrm_follow_tag", "scrm_tag_push", "scrm_transfer", "scrm_customer_attribute", "scrm_lead_merge");

  @Autowired
  SimulatedCorps corps;

  @Autowired
  SyncingCorp fullSync;

  @Autowired
  JdbcTemplate jdbc;

  @LocalServerPort
  int port;

  static boolean synced;
  Api api;

  SimCorp corp() {
    return corps.corp(0);
  }

  @BeforeEach
  void sync() {
    api = new Api("http://127.0.0.1:" + port + "/api/corps/" + corp().corpId());
    if (!synced) {
      assertThat(fullSync.runNow(corp().corpId(), "TEST").orElseThrow().status()).isEqualTo(SyncRun.Status.SUCCEEDED);
      synced = true;
    }
  }

  @Test
  void hostileInputIsRefusedWithAChineseProblemAndNothingHalfDone() {
    String tag = corp().tags().get(0).id();
    String customer = corp().customers().get(0).externalUserId();
    SimDepartment store = corp().departments().stream().filter(d -> d.id() != 1).findFirst().orElseThrow();
    Map<String, Long> wecomBefore = wecomWrites();
    Map<String, Long> rowsBefore = rows();

    // oversized bodies: declared (refused before reading) and streamed without a length (cut at the cap)
    String big = "{\"condition\": {\"any\": [" + "{\"all\": []}, ".repeat(100_000) + "{\"all\": []}]}}";
    problem(api.send("POST", "/contact-ways", HttpRequest.BodyPublishers.ofString(big), "application/json", 413),
        "payload_too_large");
    problem(api.send("POST", "/rules", HttpRequest.BodyPublishers.ofInputStream(
        () -> new java.io.ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8))), "application/json", 413),
        "payload_too_large");
    // 500,000 tag values: larger than any body accepted
    String halfMillion = "\"" + tag + "\", ";
    problem(api.send("POST", "/rules/preview", HttpRequest.BodyPublishers.ofString("{\"condition\": {\"field\": "
        + "\"tags\", \"op\": \"hasAny\", \"values\": [" + halfMillion.repeat(500_000) + "\"" + tag + "\"]}}"),
        "application/json", 413), "payload_too_large");

    // deep trees: past the JSON nesting limit, and past the rule language's depth
    problem(api.post("/rules/preview", "{\"condition\": " + "{\"not\": ".repeat(200) + "{}" + "}".repeat(201), 400),
        "invalid_request");
    String gender = "{\"field\": \"gender\", \"op\": \"eq\", \"value\": 1}";
    JsonNode deep = api.post("/rules", rule("r", "{\"not\": ".repeat(20) + gender + "}".repeat(20), tag), 400);
    problem(deep, "invalid_rule");
    assertThat(deep.get("errors").get(0).get("code").asString()).isEqualTo("too_deep");
    // wide trees: every node counts (empty groups too), and the leaves
    JsonNode wide = api.post("/rules/preview", "{\"condition\": {\"any\": [" + "{\"all\": []}, ".repeat(800)
        + "{\"all\": []}]}}", 400);
    assertThat(problem(wide, "invalid_rule").get("errors").get(0).get("code").asString()).isEqualTo("too_many_nodes");
    // huge value lists: capped per leaf, and in an action
    JsonNode values = api.post("/customers/search", "{\"condition\": {\"field\": \"tags\", \"op\": \"hasAny\", "
        + "\"values\": [" + ("\"" + tag + "\", ").repeat(1500) + "\"" + tag + "\"]}}", 400);
    assertThat(problem(values, "invalid_rule").get("errors").get(0).get("code").asString())
        .isEqualTo("too_many_values");
    problem(api.post("/rules", rule("r", gender, String.join("\", \"", java.util.Collections.nCopies(1001, tag))),
        400), "invalid_rule");

    // wrong types: an int past its range, text for a number, an object for a string, a bad enum, not JSON at all
    assertThat(problem(api.post("/rules", "{\"name\": \"r\", \"priority\": 3000000000, \"condition\": " + gender
        + ", \"actions\": [{\"type\": \"addTags\", \"tags\": [\"" + tag + "\"]}]}", 400), "invalid_request")
        .get("errors").get(0).get("field").asString()).isEqualTo("priority");
    problem(api.post("/rules", "{\"name\": \"r\", \"priority\": \"high\"}", 400), "invalid_request");
    problem(api.post("/contact-ways", "{\"name\": {\"a\": 1}, \"kind\": \"STAFF\"}", 400), "invalid_request");
    problem(api.post("/contact-ways", "{\"name\": \"n\", \"kind\": \"EVERYONE\"}", 400), "invalid_request");
    problem(api.post("/transfers", "{\"kind\": \"ONJOB\", \"externalUserIds\": \"wm1\"}", 400), "invalid_request");
    problem(api.post("/rules", "{\"name\": ", 400), "invalid_request");
    problem(api.post("/rules", "{\"name\": \"r\", \"priority\": 1" + "0".repeat(40) + "}", 400), "invalid_request");
    problem(api.send("POST", "/rules", HttpRequest.BodyPublishers.ofString("name=r"), "text/plain", 415),
        "unsupported_media_type");
    problem(api.get("/rule-runs?limit=99999999999", 400), "invalid_request");
    problem(api.get("/customers?page=abc", 400), "invalid_request");

    // overlong strings: refused before any WeCom call (a 65-character channel used to fail after WeCom acted)
    JsonNode channel = api.post("/contact-ways", """
        {"name": "门店码", "kind": "STORE", "state": "hostile_1", "storeDeptId": %d, "channel": "%s"}"""
        .formatted(store.id(), "渠".repeat(65)), 400);
    assertThat(problem(channel, "invalid_request").get("errors").get(0).get("field").asString()).isEqualTo("channel");
    problem(api.post("/contact-ways", """
        {"name": "%s", "kind": "STORE", "state": "hostile_2", "storeDeptId": %d}""".formatted("名".repeat(65),
        store.id()), 400), "invalid_request");
    problem(api.post("/join-ways", "{\"name\": \"群码\", \"state\": \"" + "s".repeat(31) + "\", \"chatIds\": [\"wr1\"]}",
        400), "invalid_request");
    problem(api.post("/tags", "{\"groupName\": \"" + "组".repeat(31) + "\", \"tags\": [{\"name\": \"t\"}]}", 400),
        "invalid_request");
    problem(api.post("/tags", "{\"groupName\": \"组\", \"tags\": [{\"name\": \"" + "标".repeat(31) + "\"}]}", 400),
        "invalid_request");
    problem(api.post("/rules", rule("规".repeat(129), gender, tag), 400), "invalid_request");
    problem(api.post("/customers/" + customer + "/tags", "{\"add\": [\"" + tag + "\"], \"operator\": \""
        + "o".repeat(65) + "\"}", 400), "invalid_request");
    problem(api.post("/group-welcome-templates", "{\"name\": \"" + "欢".repeat(65) + "\", \"content\": {\"text\": "
        + "\"hi\"}}", 400), "invalid_request");
    problem(api.get("/customers?keyword=" + "k".repeat(65), 400), "invalid_request");
    problem(api.send("PUT", "/customers/" + customer + "/attributes", "{\"生日月\": \"" + "x".repeat(257) + "\"}", 400),
        "invalid_request");

    // unknown fields: a typo must not fall back to a default (syncToWecom would have pushed to WeCom)
    JsonNode typo = api.post("/customers/" + customer + "/tags", "{\"add\": [\"" + tag + "\"], \"syncToWecom\": "
        + "false}", 400);
    assertThat(problem(typo, "unknown_field").get("detail").asString()).contains("syncToWecom");
    problem(api.post("/contact-ways", "{\"name\": \"n\", \"kind\": \"STAFF\", \"chanel\": \"海报\"}", 400),
        "unknown_field");
    problem(api.post("/rules", "{\"name\": \"r\", \"prio\": 1}", 400), "unknown_field");
    problem(api.post("/campaigns/preview", "{\"name\": \"c\", \"audiance\": {}}", 400), "unknown_field");

    // negative and huge pages, sizes and limits
    for (String path : List.of("/customers?page=-1", "/customers?page=0", "/customers?page=100000000",
        "/customers?size=0", "/customers?size=100000", "/groups?size=-5", "/staff?page=-3", "/welcomes?limit=-1",
        "/welcomes?limit=1000000", "/sync-runs?limit=0", "/inbox/parked?limit=-7", "/moments?page=-1",
        "/rule-runs?limit=5000")) {
      assertThat(problem(api.get(path, 400), "invalid_request").get("errors")).as(path).isNotEmpty();
    }
    problem(api.post("/customers/search?page=-1", "{\"condition\": " + gender + "}", 400), "invalid_request");
    problem(api.post("/customers/search?size=100000", "{\"condition\": " + gender + "}", 400), "invalid_request");
    problem(api.post("/rules/preview?sample=-1", "{\"condition\": " + gender + "}", 400), "invalid_request");

    assertThat(wecomWrites()).as("no WeCom write call").isEqualTo(wecomBefore);
    assertThat(rows()).as("no row written").isEqualTo(rowsBefore);
  }

  /**
   * Two stalled uploads fill the /api bulkhead; the other request threads they would have held are handed back at
   * once (503 with Retry-After), so callbacks are acknowledged as usual while /api is saturated.
   */
  @Test
  void aSaturatedApiDoesNotDelayCallbackAcknowledgement() throws Exception {
    int stalls = 20;
    String authorization = Api.adminAuthorization("http://127.0.0.1:" + port);
    List<Socket> sockets = new ArrayList<>();
    AtomicInteger busy = new AtomicInteger();
    CountDownLatch answered = new CountDownLatch(stalls - 2);
    try {
      for (int i = 0; i < stalls; i++) {
        Socket socket = new Socket("127.0.0.1", port);
        sockets.add(socket);
        OutputStream out = socket.getOutputStream();
        out.write(("POST /api/corps/" + corp().corpId() + "/rules HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + "Authorization: " + authorization + "\r\n"
            + "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"name\": \"").getBytes(
            StandardCharsets.US_ASCII));
        out.flush();
        Thread reader = new Thread(() -> {
          try {
            InputStream in = socket.getInputStream();
            byte[] head = in.readNBytes(12);
            if (new String(head, StandardCharsets.US_ASCII).startsWith("HTTP/1.1 503")) {
              busy.incrementAndGet();
            }
            socket.close();
            answered.countDown();
          } catch (IOException e) {
            answered.countDown();
          }
        });
        reader.setDaemon(true);
        reader.start();
      }
      assertThat(answered.await(10, TimeUnit.SECONDS)).as("all but the two admitted answered").isTrue();
      assertThat(busy.get()).as("refused by the bulkhead").isEqualTo(stalls - 2);
      // /api is full: a normal request is refused quickly with a Chinese problem and Retry-After
      HttpResponse<String> refused = api.exchange("GET", "/rules", HttpRequest.BodyPublishers.noBody(), null);
      assertThat(refused.statusCode()).isEqualTo(503);
      assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
      assertThat(refused.body()).contains("api_busy").contains("繁忙");

      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
      CallbackCrypto crypto = new CallbackCrypto(SimulatedCorps.token(corp().corpId()),
          SimulatedCorps.aesKey(corp().corpId()), corp().corpId());
      for (int i = 0; i < 20; i++) {
        long ts = System.currentTimeMillis() / 1000;
        String encrypt = crypto.encrypt(event("wm" + UUID.randomUUID().toString().replace("-", ""), ts));
        String nonce = "n" + i;
        String signature = CallbackCrypto.sign(SimulatedCorps.token(corp().corpId()), String.valueOf(ts), nonce,
            encrypt);
        long start = System.nanoTime();
        HttpResponse<String> ack = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
            + "/wecom/callback/" + corp().corpId() + "?msg_signature=" + signature + "&timestamp=" + ts + "&nonce="
            + nonce)).timeout(Duration.ofSeconds(3)).POST(HttpRequest.BodyPublishers.ofString("<xml><ToUserName>"
            + "<![CDATA[" + corp().corpId() + "]]></ToUserName><Encrypt><![CDATA[" + encrypt + "]]></Encrypt>"
            + "</xml>")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ack.statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("ack while /api is saturated")
            .isLessThan(Duration.ofSeconds(2));
      }
    } finally {
      for (Socket socket : sockets) {
        socket.close();
      }
    }
    // the stalled uploads gone, /api serves again
    Api.await(5_000, () -> {
      try {
        return api.exchange("GET", "/rules", HttpRequest.BodyPublishers.noBody(), null).statusCode() == 200;
      } catch (IOException | InterruptedException e) {
        return false;
      }
    }, "/api serves again");
  }

  private String event(String externalUserId, long createTime) {
    return "<xml><ToUserName><![CDATA[" + corp().corpId() + "]]></ToUserName><FromUserName><![CDATA[sys]]>"
        + "</FromUserName><CreateTime>" + createTime + "</CreateTime><MsgType><![CDATA[event]]></MsgType>"
        + "<Event><![CDATA[change_external_contact]]></Event><ChangeType><![CDATA[del_follow_user]]></ChangeType>"
        + "<UserID><![CDATA[nobody]]></UserID><ExternalUserID><![CDATA[" + externalUserId + "]]></ExternalUserID>"
        + "</xml>";
  }

  /** A problem: 4xx, its code, a Chinese detail. */
  static JsonNode problem(JsonNode body, String code) {
    assertThat(body.get("code").asString()).as(body.toString()).isEqualTo(code);
    assertThat(body.get("status").asInt()).isBetween(400, 499);
    assertThat(body.get("detail").asString()).as("a Chinese message: " + body).containsPattern("\\p{IsHan}");
    return body;
  }

  static String rule(String name, String condition, String tags) {
    return "{\"name\": \"" + name + "\", \"condition\": " + condition + ", \"actions\": [{\"type\": \"addTags\", "
        + "\"tags\": [\"" + tags + "\"]}]}";
  }

  Map<String, Long> wecomWrites() {
    Map<String, Long> calls = new LinkedHashMap<>();
    WECOM_WRITES.forEach(api -> calls.put(api, corps.simulator().stats().calls(api)));
    return calls;
  }

  Map<String, Long> rows() {
    Map<String, Long> rows = new LinkedHashMap<>();
    Stream.of(TABLES.toArray(String[]::new)).forEach(t -> rows.put(t, jdbc.queryForObject("SELECT COUNT(*) FROM "
        + t, Long.class)));
    return rows;
  }
}
