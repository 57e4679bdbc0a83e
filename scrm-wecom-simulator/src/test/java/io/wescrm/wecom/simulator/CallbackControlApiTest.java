package io.wescrm.wecom.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.wescrm.wecom.simulator.CallbackReceiver.Received;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Callbacks driven through the /sim control API, as the docs' curl examples do. */
class CallbackControlApiTest {

  private static final String CORP = "wwcallbackcontrol";

  private WeComSimulator sim;
  private SimCorp corp;
  private SimTestClient client;
  private CallbackReceiver receiver;

  @BeforeEach
  void start() throws Exception {
    sim = WeComSimulator.start(SimulatorOptions.of(
        new SimCorpSpec(CORP, "控制回调", "s3cret", 1000002, SeedSize.of(2, 8, 100, 150, 4, 10), 3L)));
    corp = sim.corp(CORP);
    client = new SimTestClient(sim);
    receiver = new CallbackReceiver(CORP);
  }

  @AfterEach
  void stop() {
    sim.close();
    receiver.close();
  }

  private JsonObject call(String method, String path, String body, int expectedStatus) {
    HttpResponse<String> response = client.send(method, path, body);
    assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(expectedStatus);
    return JsonParser.parseString(response.body()).getAsJsonObject();
  }

  private void configure() {
    JsonObject config = call("PUT", "/sim/corps/" + CORP + "/callback", "{\"url\":\"" + receiver.url()
        + "\",\"token\":\"" + CallbackReceiver.TOKEN + "\",\"aes_key\":\"" + CallbackReceiver.AES_KEY
        + "\",\"retry_interval_ms\":50,\"timeout_ms\":5000}", 200);
    assertThat(config.get("enabled").getAsBoolean()).isTrue();
    assertThat(config.get("url").getAsString()).isEqualTo(receiver.url());
    assertThat(config.get("retry_interval_ms").getAsLong()).isEqualTo(50);
    assertThat(config.get("max_in_flight").getAsInt()).isEqualTo(1);
  }

  private List<Received> awaitReceived() {
    JsonObject idle = call("POST", "/sim/corps/" + CORP + "/callbacks/await?timeout_ms=10000", null, 200);
    assertThat(idle.get("idle").getAsBoolean()).isTrue();
    assertThat(receiver.problems()).isEmpty();
    return receiver.received();
  }

  @Test
  void configureScanAndReadTheJournal() {
    assertThat(call("GET", "/sim/corps/" + CORP + "/callback", null, 200).get("enabled").getAsBoolean()).isFalse();
    JsonObject bad = call("PUT", "/sim/corps/" + CORP + "/callback",
        "{\"url\":\"" + receiver.url() + "\",\"token\":\"t\",\"aes_key\":\"tooShort\"}", 400);
    assertThat(bad.get("error").getAsString()).contains("43");
    configure();

    String userid = corp.followUserIds().get(0);
    JsonObject scan = call("POST", "/sim/corps/" + CORP + "/scan",
        "{\"userid\":\"" + userid + "\",\"state\":\"store_sh01_qr\",\"name\":\"扫码新客🌷\"}", 201);
    String ext = scan.get("external_userid").getAsString();
    String code = scan.get("welcome_code").getAsString();
    assertThat(corp.customer(ext).orElseThrow().name()).isEqualTo("扫码新客🌷");
    List<Received> received = awaitReceived();
    assertThat(received).hasSize(1);
    assertThat(received.get(0).message().getChangeType()).isEqualTo("add_external_contact");
    assertThat(received.get(0).message().getState()).isEqualTo("store_sh01_qr");
    assertThat(received.get(0).message().getWelcomeCode()).isEqualTo(code);
    JsonObject welcome = call("GET", "/sim/corps/" + CORP + "/welcome-codes/" + code, null, 200);
    assertThat(welcome.get("external_userid").getAsString()).isEqualTo(ext);
    assertThat(welcome.get("usable").getAsBoolean()).isTrue();

    JsonObject half = call("POST", "/sim/corps/" + CORP + "/scan",
        "{\"userid\":\"" + userid + "\",\"state\":\"hq\",\"half\":true}", 201);
    assertThat(half.get("change_type").getAsString()).isEqualTo("add_half_external_contact");
    assertThat(awaitReceived().get(1).message().getChangeType()).isEqualTo("add_half_external_contact");

    JsonObject journal = call("GET", "/sim/corps/" + CORP + "/callbacks?status=ACKED&limit=10", null, 200);
    JsonArray items = journal.getAsJsonArray("callbacks");
    assertThat(items).hasSize(2);
    JsonObject first = items.get(0).getAsJsonObject();
    assertThat(first.get("seq").getAsLong()).isEqualTo(1);
    assertThat(first.get("status").getAsString()).isEqualTo("ACKED");
    assertThat(first.get("attempts").getAsInt()).isEqualTo(1);
    assertThat(first.get("change_type").getAsString()).isEqualTo("add_external_contact");
    assertThat(first.get("xml").getAsString()).isEqualTo(received.get(0).plaintext());
    assertThat(first.has("acked_at")).isTrue();
    JsonObject paged = call("GET", "/sim/corps/" + CORP + "/callbacks?after_seq=1&xml=false", null, 200);
    assertThat(paged.getAsJsonArray("callbacks")).hasSize(1);
    assertThat(paged.getAsJsonArray("callbacks").get(0).getAsJsonObject().has("xml")).isFalse();
    assertThat(call("GET", "/sim/corps/" + CORP + "/callbacks?status=LOST", null, 200)
        .getAsJsonArray("callbacks")).isEmpty();
    assertThat(call("GET", "/sim/corps/" + CORP + "/callbacks?status=nope", null, 400).get("error").getAsString())
        .contains("PENDING");

    JsonObject stats = call("GET", "/sim/stats", null, 200).getAsJsonObject("callbacks");
    assertThat(stats.get("acked").getAsLong()).isEqualTo(2);
    assertThat(stats.get("sent").getAsLong()).isEqualTo(2);

    call("DELETE", "/sim/corps/" + CORP + "/callback", null, 200);
    call("POST", "/sim/corps/" + CORP + "/scan", "{\"userid\":\"" + userid + "\"}", 201);
    assertThat(awaitReceived()).hasSize(2);
  }

  @Test
  void aScanBurstIsPacedInsideTheSimulatorAndReportsTheWelcomesAccepted() throws Exception {
    configure();
    call("PUT", "/sim/corps/" + CORP + "/callback", "{\"url\":\"" + receiver.url() + "\",\"token\":\""
        + CallbackReceiver.TOKEN + "\",\"aes_key\":\"" + CallbackReceiver.AES_KEY + "\",\"max_in_flight\":8}", 200);
    List<String> users = corp.followUserIds().subList(0, 2);
    SimAcquisition.ContactWay way = corp.acquisition().addContactWay(2, 2, null, "门店海报", true, "poster_rush",
        users, List.of(), false, null, null, null, null);
    int customersBefore = corp.counts().customers();

    JsonObject started = call("POST", "/sim/corps/" + CORP + "/scan-bursts",
        "{\"state\":\"poster_rush\",\"count\":40,\"seconds\":0.4,\"name_prefix\":\"海报客\"}", 202);
    long id = started.get("id").getAsLong();
    assertThat(started.get("config_id").getAsString()).isEqualTo(way.configId());
    JsonObject report = await("the burst is done").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
        .until(() -> call("GET", "/sim/corps/" + CORP + "/scan-bursts/" + id, null, 200),
            r -> r.get("done").getAsBoolean());
    assertThat(report.get("fired").getAsInt()).isEqualTo(40);
    assertThat(report.get("failed").getAsInt()).isZero();
    assertThat(report.get("welcome_codes").getAsInt()).isEqualTo(40);
    assertThat(report.get("fired_in_ms").getAsLong()).isGreaterThanOrEqualTo(390);   // paced, not all at once
    assertThat(corp.counts().customers()).isEqualTo(customersBefore + 40);

    List<Received> received = awaitReceived();
    assertThat(received).hasSize(40);
    assertThat(received).allSatisfy(r -> assertThat(r.message().getState()).isEqualTo("poster_rush"));
    assertThat(received.stream().map(r -> r.message().getUserId()).distinct()).containsExactlyInAnyOrderElementsOf(
        users);   // round robin over the way's users
    for (Received r : received.subList(0, 10)) {
      corp.acquisition().sendWelcome(r.message().getWelcomeCode(), "欢迎", 0);
    }
    report = call("GET", "/sim/corps/" + CORP + "/scan-bursts/" + id, null, 200);
    assertThat(report.get("welcomes_accepted").getAsInt()).isEqualTo(10);
    assertThat(report.getAsJsonObject("code_issued_to_welcome_accepted").get("max_ms").getAsLong())
        .isLessThan(20_000);

    assertThat(call("GET", "/sim/corps/" + CORP + "/scan-bursts/999", null, 404).get("error").getAsString())
        .contains("999");
    assertThat(call("POST", "/sim/corps/" + CORP + "/scan-bursts", "{\"state\":\"poster_rush\"}", 400)
        .get("error").getAsString()).contains("count");
    assertThat(call("POST", "/sim/corps/" + CORP + "/scan-bursts",
        "{\"state\":\"poster_rush\",\"count\":0}", 400).get("error").getAsString()).contains("count");
    call("POST", "/sim/corps/" + CORP + "/scan-bursts", "{\"state\":\"nope\",\"count\":1}", 404);
  }

  @Test
  void callbackFaultsOverHttp() {
    configure();
    JsonObject faults = call("PUT", "/sim/callback-faults",
        "{\"duplicate_rate\":1.0,\"extra_latency_ms\":10,\"seed\":5}", 200);
    assertThat(faults.get("duplicate_rate").getAsDouble()).isEqualTo(1.0);
    assertThat(faults.get("seed").getAsLong()).isEqualTo(5);
    assertThat(sim.callbackFaults().extraLatency()).isEqualTo(Duration.ofMillis(10));
    call("POST", "/sim/corps/" + CORP + "/scan", "{\"userid\":\"" + corp.followUserIds().get(0) + "\"}", 201);
    List<Received> received = awaitReceived();
    assertThat(received).hasSize(2);
    assertThat(received.get(0).plaintext()).isEqualTo(received.get(1).plaintext());

    JsonObject reset = call("DELETE", "/sim/callback-faults", null, 200);
    assertThat(reset.get("duplicate_rate").getAsDouble()).isZero();
    assertThat(reset.get("loss_rate").getAsDouble()).isZero();
    assertThat(call("PUT", "/sim/callback-faults", "{\"loss_rate\":2}", 400).get("error").getAsString())
        .contains("rate");
    assertThat(call("GET", "/sim/stats", null, 200).getAsJsonObject("callbacks").get("duplicated").getAsLong())
        .isEqualTo(1);
  }

  @Test
  void controlCallsForEveryEventFamily() {
    configure();
    String base = "/sim/corps/" + CORP;
    String userid = corp.followUserIds().get(0);
    SimFollow follow = corp.followsOf(userid).get(0);
    String followPath = base + "/follows/" + userid + "/" + follow.externalUserId();

    call("PATCH", followPath, "{\"remark\":\"客户端改的备注\"}", 200);
    assertThat(corp.follow(userid, follow.externalUserId()).orElseThrow().remark()).isEqualTo("客户端改的备注");
    String takeover = corp.followUserIds().stream()
        .filter(u -> corp.follow(u, follow.externalUserId()).isEmpty()).findFirst().orElseThrow();
    call("POST", followPath + "/transfer", "{\"takeover_userid\":\"" + takeover + "\"}", 200);

    call("POST", base + "/departments", "{\"id\":950,\"name\":\"深圳店\",\"parentid\":1}", 201);
    call("PATCH", base + "/departments/950", "{\"name\":\"深圳万象城店\"}", 200);
    call("POST", base + "/staff", "{\"userid\":\"zhaolei77\",\"name\":\"赵磊\",\"department\":[950],"
        + "\"position\":\"店员\"}", 201);
    call("PATCH", base + "/staff/zhaolei77", "{\"position\":\"店长\"}", 200);
    call("DELETE", base + "/staff/zhaolei77", null, 200);
    call("DELETE", base + "/departments/950", null, 200);

    JsonObject tags = call("POST", base + "/tags", "{\"group_name\":\"新组\",\"tags\":[\"甲\",\"乙\"]}", 201);
    String tagId = tags.getAsJsonArray("tags").get(0).getAsJsonObject().get("id").getAsString();
    call("PATCH", base + "/tags/" + tagId, "{\"name\":\"甲一\"}", 200);
    call("DELETE", base + "/tags/" + tagId, null, 200);

    JsonObject group = call("POST", base + "/groups", "{\"name\":\"新群\",\"owner\":\"" + userid
        + "\",\"member_ids\":[\"" + follow.externalUserId() + "\"]}", 201);
    String chatId = group.get("chat_id").getAsString();
    assertThat(group.get("member_count").getAsInt()).isEqualTo(2);
    call("PATCH", base + "/groups/" + chatId, "{\"name\":\"新群2\",\"notice\":\"公告\"}", 200);
    call("DELETE", base + "/groups/" + chatId, null, 200);

    List<String> types = awaitReceived().stream()
        .map(r -> r.message().getEvent() + "/" + r.message().getChangeType()
            + (r.message().getTagType() == null ? "" : "/" + r.message().getTagType())
            + (r.message().getUpdateDetail() == null ? "" : "/" + r.message().getUpdateDetail()))
        .toList();
    assertThat(types).containsExactly(
        "change_external_contact/edit_external_contact",
        "change_external_contact/del_external_contact",
        "change_contact/create_party",
        "change_contact/update_party",
        "change_contact/create_user",
        "change_contact/update_user",
        "change_contact/delete_user",
        "change_contact/delete_party",
        "change_external_tag/create/tag_group",
        "change_external_tag/create/tag",
        "change_external_tag/create/tag",
        "change_external_tag/update/tag",
        "change_external_tag/delete/tag",
        "change_external_chat/create",
        "change_external_chat/update/change_name",
        "change_external_chat/update/change_notice",
        "change_external_chat/dismiss");
    assertThat(receiver.received().get(1).message().getSource()).isEqualTo("DELETE_BY_TRANSFER");
  }

  @Test
  void rawEvents() {
    assertThat(call("POST", "/sim/corps/" + CORP + "/callbacks/raw", "<xml/>", 400).get("error").getAsString())
        .contains("not configured");
    configure();
    String xml = "<xml><ToUserName><![CDATA[" + CORP + "]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName>"
        + "<CreateTime>1700000000</CreateTime><MsgType><![CDATA[event]]></MsgType>"
        + "<Event><![CDATA[batch_job_result]]></Event><BatchJob><JobId><![CDATA[job1]]></JobId>"
        + "<JobType><![CDATA[sync_user]]></JobType><ErrCode>0</ErrCode><ErrMsg><![CDATA[ok]]></ErrMsg></BatchJob></xml>";
    JsonObject queued = call("POST", "/sim/corps/" + CORP + "/callbacks/raw", xml, 202);
    assertThat(queued.get("event_seq").getAsLong()).isEqualTo(1);
    JsonElement json = JsonParser.parseString("{\"xml\":\"<xml><Event>x</Event></xml>\"}");
    call("POST", "/sim/corps/" + CORP + "/callbacks/raw", json.toString(), 202);
    List<Received> received = awaitReceived();
    assertThat(received).extracting(Received::plaintext).containsExactly(xml, "<xml><Event>x</Event></xml>");
    assertThat(received.get(0).message().getEvent()).isEqualTo("batch_job_result");
    assertThat(corp.callbackJournal().get(1).event()).isEqualTo("x");
  }
}
