package io.wescrm.web.acquisition;

import static org.assertj.core.api.Assertions.assertThat;

import io.wescrm.core.acquisition.WelcomeJob;
import io.wescrm.core.acquisition.WelcomeSender;
import io.wescrm.core.sync.SyncRun;
import io.wescrm.core.sync.SyncingCorp;
import io.wescrm.web.SimulatedCorps;
import io.wescrm.web.testing.Api;
import io.wescrm.web.testing.WithSimulator;
import io.wescrm.wecom.simulator.SimAcquisition;
import io.wescrm.wecom.simulator.SimCorp;
import io.wescrm.wecom.simulator.SimDepartment;
import io.wescrm.wecom.simulator.SimStaff;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Store A's 活码 end to end over real HTTP: created through our API (add_contact_way in the simulator), scanned
 * through the simulator's control API, the signed add callback received; the welcome went out with the customer's
 * name rendered, the customer is attributed to store and channel, and the channel tag is on the relation in our
 * database and in the simulator. Plus the welcome rules: no code, expired code, 41096 retried, never twice. (The 2 s
 * welcome latency is measured by bench/welcome-burst.sh, not asserted here.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"scrm.callback.coalescing-window=100ms", "scrm.acquisition.recovery-interval=500ms"})
@WithSimulator(seed = {2, 8, 40, 60, 2, 4})
class ContactWayWelcomeIT {

  @Autowired
  SimulatedCorps corps;

  @LocalServerPort
  int port;

  @Autowired
  JdbcTemplate jdbc;

  @Autowired
  SyncingCorp fullSync;

  @Autowired
  WelcomeSender sender;

  @Autowired
  io.wescrm.core.inbox.Inbox inbox;

  @Autowired
  io.wescrm.core.acquisition.WelcomeLedger ledger;

  static boolean ready;
  Api api;
  Api sim;

  SimCorp corp() {
    return corps.corp(0);
  }

  String corpId() {
    return corp().corpId();
  }

  @BeforeEach
  void syncAndListen() {
    api = new Api("http://127.0.0.1:" + port + "/api/corps/" + corpId());
    sim = new Api(corps.simulator().baseUrl() + "/sim/corps/" + corpId());
    if (!ready) {
      assertThat(fullSync.runNow(corpId(), "TEST").orElseThrow().status()).isEqualTo(SyncRun.Status.SUCCEEDED);
      corp().callbacks("http://127.0.0.1:" + port + "/wecom/callback/" + corpId(),
          SimulatedCorps.token(corpId()), SimulatedCorps.aesKey(corpId()))
          .callbackRetryInterval(Duration.ofMillis(100)).callbackMaxInFlight(8);
      ready = true;
    }
  }

  /** A store (department with contact-enabled staff) of the seeded corp. */
  SimDepartment store() {
    return corp().departments().stream().filter(d -> d.id() != 1)
        .filter(d -> corp().staff().stream().anyMatch(s -> s.customerContactEnabled() && s.departments()
            .contains(d.id())))
        .findFirst().orElseThrow();
  }

  String tagId() {
    return corp().tags().get(0).id();
  }

  JsonNode createStoreWay(String state, String welcome) {
    return api.post("/contact-ways", """
        {"name": "A店门口海报", "kind": "STORE", "state": "%s", "storeDeptId": %d, "channel": "门店海报",
         "campaign": "双十一", "welcome": %s, "tagIds": ["%s"]}""".formatted(state, store().id(), welcome, tagId()),
        201);
  }

  @Test
  void aScanOfStoreAsCodeIsWelcomedByNameAttributedAndTaggedWithinTwoSeconds() {
    JsonNode way = createStoreWay("storeA_poster", """
        {"text": "{{customer_name}}您好，欢迎来到{{store_name}}，我是导购{{staff_name}}",
         "attachments": [{"msgtype": "link", "link": {"title": "会员权益", "url": "https://example.com/vip"}}]}""");
    assertThat(way.get("configId").asString()).isNotEmpty();
    assertThat(way.get("qrCode").asString()).startsWith("https://");
    assertThat(corp().acquisition().contactWay(way.get("configId").asString())).get()
        .satisfies(w -> {
          assertThat(w.state()).isEqualTo("storeA_poster");
          assertThat(w.parties()).containsExactly(store().id());
          assertThat(w.type()).isEqualTo(2);
        });

    JsonNode scan = sim.post("/scan", "{\"config_id\": \"" + way.get("configId").asString()
        + "\", \"name\": \"王小美\"}", 201);
    String ext = scan.get("external_userid").asString();
    String staff = scan.get("userid").asString();
    String code = scan.get("welcome_code").asString();
    assertThat(scan.get("state").asString()).isEqualTo("storeA_poster");

    Api.await(10_000, () -> corp().acquisition().welcomeTo(ext).isPresent()
        && count("SELECT COUNT(*) FROM scrm_customer_attribution WHERE corp_id = ? AND external_userid = ?", ext) == 1
        && count("SELECT COUNT(*) FROM scrm_follow_tag WHERE corp_id = ? AND external_userid = ? AND source = "
            + "'CHANNEL'", ext) == 1
        // the ledger is marked SENT once WeCom's answer is back: a moment after the simulator recorded the welcome
        && jdbc.queryForObject("SELECT COUNT(*) FROM scrm_welcome_ledger WHERE corp_id = ? AND welcome_code = ? AND "
            + "status = 'SENT'", Long.class, corpId(), code) == 1, "welcome, ledger, attribution and channel tag");

    SimAcquisition.Welcome welcome = corp().acquisition().welcomeTo(ext).orElseThrow();
    String staffName = corp().staff(staff).map(SimStaff::name).orElseThrow();
    assertThat(welcome.text()).isEqualTo("王小美您好，欢迎来到" + store().name() + "，我是导购" + staffName);
    assertThat(welcome.attachments()).isEqualTo(1);
    assertThat(welcome.code()).isEqualTo(code);

    JsonNode ledger = api.get("/welcomes/" + code, 200);
    assertThat(ledger.get("status").asString()).isEqualTo("SENT");
    assertThat(ledger.get("latencyMs").asInt()).as("the latency is recorded").isNotNegative();
    assertThat(ledger.get("content").asString()).contains("王小美");

    JsonNode attribution = api.get("/customers/" + ext + "/attribution", 200);
    assertThat(attribution.get("state").asString()).isEqualTo("storeA_poster");
    assertThat(attribution.get("channel").asString()).isEqualTo("门店海报");
    assertThat(attribution.get("campaign").asString()).isEqualTo("双十一");
    assertThat(attribution.get("storeDeptId").asLong()).isEqualTo(store().id());
    assertThat(attribution.get("storeName").asString()).isEqualTo(store().name());
    assertThat(attribution.get("userid").asString()).isEqualTo(staff);

    assertThat(jdbc.queryForMap("SELECT tag_id, source, source_ref FROM scrm_follow_tag WHERE corp_id = ? AND "
        + "userid = ? AND external_userid = ?", corpId(), staff, ext))
        .containsEntry("tag_id", tagId()).containsEntry("source", "CHANNEL").containsEntry("source_ref",
            "storeA_poster");
    // WeCom's side through the durable tag push queue (drained every second)
    Api.await(5_000, () -> corp().follow(staff, ext).orElseThrow().tagIds().contains(tagId()), "mark_tag in WeCom");
    assertThat(corp().follow(staff, ext).orElseThrow().tagIds()).containsExactly(tagId());

    // the same person added later by another store's staff keeps the first touch
    String other = corp().followUserIds().stream().filter(u -> !u.equals(staff)).findFirst().orElseThrow();
    corp().addFollow(other, ext);
    Api.await(5_000, () -> count("SELECT COUNT(*) FROM scrm_follow_relation WHERE corp_id = ? AND external_userid = ?",
        ext) == 2, "second relation");
    assertThat(api.get("/customers/" + ext + "/attribution", 200).get("userid").asString()).isEqualTo(staff);
    assertThat(count("SELECT COUNT(*) FROM scrm_customer WHERE corp_id = ? AND external_userid = ?", ext)).isOne();

    // per-channel stats: today's add, not yet old enough for the 7/30-day retention
    JsonNode stats = api.get("/contact-ways/" + way.get("id").asLong() + "/stats", 200);
    assertThat(stats.get("adds").asLong()).isEqualTo(1);
    assertThat(stats.get("days").get(0).get("eligible7d").asLong()).isZero();
  }

  @Test
  void addsWithoutCodeOrChannelAreRecordedWithTheReasonAndNothingIsSent() {
    // another corp's WeCom user: WeCom sends no WelcomeCode
    String staff = corp().followUserIds().get(0);
    String ext = corp().addCustomer(null, "合作伙伴", 2, 0, null, "伙伴公司").externalUserId();
    corp().addFollow(staff, ext);
    Api.await(5_000, () -> count("SELECT COUNT(*) FROM scrm_welcome_ledger WHERE corp_id = ? AND external_userid = ? "
        + "AND status = 'NO_CODE'", ext) == 1, "NO_CODE row");
    assertThat(jdbc.queryForObject("SELECT reason FROM scrm_welcome_ledger WHERE corp_id = ? AND external_userid = ?",
        String.class, corpId(), ext)).contains("no WelcomeCode");

    // a code, but a state that is none of our contact ways
    JsonNode scan = sim.post("/scan", "{\"userid\": \"" + staff + "\", \"state\": \"unknown_poster\"}", 201);
    String code = scan.get("welcome_code").asString();
    Api.await(5_000, () -> "NO_CHANNEL".equals(status(code)), "NO_CHANNEL");
    assertThat(corp().welcomeCode(code).orElseThrow().used()).isFalse();
  }

  @Test
  void expiredCodesAreFinalAndBusyAnswersAreRetriedInsideTheWindow() {
    createStoreWay("storeA_retry", "{\"text\": \"您好 {{customer_name}}\"}");
    // 41096 twice (another app is sending): retried, then sent
    corps.simulator().faults().failNext("externalcontact/send_welcome_msg", corpId(), 2, 41096);
    JsonNode scan = sim.post("/scan", "{\"state\": \"storeA_retry\", \"name\": \"重试客户\"}", 201);
    String code = scan.get("welcome_code").asString();
    Api.await(5_000, () -> "SENT".equals(status(code)), "SENT after 41096");
    assertThat(api.get("/welcomes/" + code, 200).get("attempts").asInt()).isEqualTo(3);

    // the code expired before we could send: 41050, final, one attempt
    corp().welcomeCodeTtl(Duration.ZERO);
    try {
      String expired = sim.post("/scan", "{\"state\": \"storeA_retry\"}", 201).get("welcome_code").asString();
      Api.await(5_000, () -> "EXPIRED".equals(status(expired)), "EXPIRED");
      JsonNode row = api.get("/welcomes/" + expired, 200);
      assertThat(row.get("errcode").asInt()).isEqualTo(41050);
      assertThat(row.get("attempts").asInt()).isEqualTo(1);
    } finally {
      corp().welcomeCodeTtl(Duration.ofSeconds(20));
    }

    // never twice: a second hand-off of the same code (a WeCom retry, another node) is not sent again
    var entry = api.get("/welcomes/" + code, 200);
    assertThat(sender.send(new WelcomeJob(corpId(), code, entry.get("userid").asString(),
        entry.get("externalUserId").asString(), "storeA_retry", Instant.now()))).isEmpty();
    assertThat(corp().acquisition().welcomes().stream().filter(w -> w.code().equals(code))).hasSize(1);

    JsonNode summary = api.get("/welcomes/summary", 200);
    assertThat(summary.get("sent").asLong()).isGreaterThanOrEqualTo(1);
    assertThat(summary.get("counts").get("EXPIRED").asLong()).isGreaterThanOrEqualTo(1);
  }

  @Test
  void contactWaysAreManagedThroughWeComAndListedFromOurRegistry() {
    SimStaff one = corp().staff().stream().filter(SimStaff::customerContactEnabled).findFirst().orElseThrow();
    List<String> two = corp().followUserIds().subList(0, 2);
    JsonNode single = api.post("/contact-ways", """
        {"name": "导购个人码", "kind": "STAFF", "state": "staff_%s", "userids": ["%s"]}""".formatted(
        one.userid().substring(0, Math.min(20, one.userid().length())), one.userid()), 201);
    JsonNode multi = api.post("/contact-ways", """
        {"name": "多人码", "kind": "MULTI", "state": "multi_1", "userids": ["%s", "%s"], "scene": 1}"""
        .formatted(two.get(0), two.get(1)), 201);
    JsonNode campaign = api.post("/contact-ways", """
        {"name": "直播活动", "kind": "CAMPAIGN", "state": "live_1123", "departmentIds": [%d], "campaign": "直播"}"""
        .formatted(store().id()), 201);
    assertThat(multi.get("qrCode").isNull()).isTrue();
    assertThat(corp().acquisition().contactWay(single.get("configId").asString()).orElseThrow().type()).isEqualTo(1);

    long id = multi.get("id").asLong();
    JsonNode updated = api.patch("/contact-ways/" + id, "{\"userids\": [\"" + two.get(0) + "\"], \"remark\": \"改\"}",
        200);
    assertThat(updated.get("userids")).hasSize(1);
    assertThat(corp().acquisition().contactWay(multi.get("configId").asString()).orElseThrow().users())
        .containsExactly(two.get(0));
    JsonNode remote = api.get("/contact-ways/" + id + "/wecom", 200);
    assertThat(remote.get("state").asString()).isEqualTo("multi_1");

    api.delete("/contact-ways/" + campaign.get("id").asLong(), 200);
    assertThat(corp().acquisition().contactWay(campaign.get("configId").asString())).isEmpty();
    List<String> states = api.get("/contact-ways", 200).valueStream().map(w -> w.get("state").asString()).toList();
    assertThat(states).contains("multi_1").doesNotContain("live_1123");
    assertThat(api.get("/contact-ways?includeDeleted=true", 200).valueStream()
        .map(w -> w.get("state").asString()).toList()).contains("live_1123");
    // a deleted way's state stays reserved
    JsonNode taken = api.post("/contact-ways", """
        {"name": "再用", "kind": "MULTI", "state": "live_1123", "userids": ["%s"]}""".formatted(two.get(0)), 409);
    assertThat(taken.get("code").asString()).isEqualTo("state_taken");
  }

  @Test
  void hostileInputIsRefusedWithPreciseChineseMessages() {
    String user = corp().followUserIds().get(0);
    Map<String, String> bad = Map.of(
        "{\"name\": \"x\", \"kind\": \"STAFF\", \"state\": \"s1234567890123456789012345678901\", \"userids\": [\"" + user
            + "\"]}", "最长 30",
        "{\"name\": \"x\", \"kind\": \"STAFF\", \"state\": \"two_users\", \"userids\": [\"" + user + "\", \"b\"]}",
        "单人活码",
        "{\"name\": \"x\", \"kind\": \"MULTI\", \"state\": \"ghost\", \"userids\": [\"nobody_here\"]}", "员工不存在",
        "{\"name\": \"x\", \"kind\": \"MULTI\", \"state\": \"badtag\", \"userids\": [\"" + user
            + "\"], \"tagIds\": [\"etNOPE\"]}", "企业标签不存在",
        "{\"name\": \"x\", \"kind\": \"MULTI\", \"state\": \"bad state!\", \"userids\": [\"" + user + "\"]}", "只能包含",
        "{\"name\": \"x\", \"kind\": \"MULTI\", \"state\": \"att\", \"userids\": [\"" + user
            + "\"], \"welcome\": {\"attachments\": [{\"msgtype\": \"audio\"}]}}", "msgtype",
        "{\"name\": \"x\", \"kind\": \"NOPE\", \"state\": \"k\"}", "kind",
        "{not json", "JSON",
        "{\"name\": \"\", \"kind\": \"MULTI\", \"state\": \"noname\", \"userids\": [\"" + user + "\"]}", "名称");
    bad.forEach((body, message) -> {
      JsonNode error = api.post("/contact-ways", body, 400);
      assertThat(error.get("detail").asString()).as(body).contains(message);
    });
    assertThat(new Api("http://127.0.0.1:" + port + "/api/corps/wwnope").get("/contact-ways", 404)
        .get("code").asString()).isEqualTo("corp_not_found");
    assertThat(api.get("/contact-ways/999999", 404).get("detail").asString()).isEqualTo("活码不存在");
    assertThat(api.get("/welcomes?limit=0", 400).get("detail").asString()).contains("limit");
    assertThat(api.get("/welcomes?status=WHAT", 400).get("code").asString()).isEqualTo("invalid_request");
  }

  @Test
  void customersSharingARemarkMobileBecomeMergeSuggestionsAnOperatorDecides() {
    List<io.wescrm.wecom.simulator.SimFollow> follows = corp().follows();
    var first = follows.get(0);
    var second = follows.stream().filter(f -> !f.externalUserId().equals(first.externalUserId())).findFirst()
        .orElseThrow();
    corp().editFollow(first.userid(), first.externalUserId(), null, null, List.of("+86 138-0013-8000"));
    corp().editFollow(second.userid(), second.externalUserId(), null, null, List.of("13800138000"));
    // each relation by its own key: "13800138000" also matches the first one's LIKE pattern
    String synced = "SELECT COUNT(*) FROM scrm_follow_relation WHERE corp_id = ? AND userid = ? AND external_userid = ? "
        + "AND deleted_at IS NULL AND remark_mobiles = ?";
    Api.await(10_000, () -> count(synced, first.userid(), first.externalUserId(), "+86 138-0013-8000") == 1
        && count(synced, second.userid(), second.externalUserId(), "13800138000") == 1, "mobiles synced");

    JsonNode scan = api.post("/lead-merges/scan", null, 200);
    assertThat(scan.get("mobileGroups").asInt()).isGreaterThanOrEqualTo(1);
    List<JsonNode> open = api.get("/lead-merges?status=OPEN", 200).valueStream()
        .filter(s -> s.get("matchValue").asString().equals("13800138000")).toList();
    assertThat(open).singleElement().satisfies(s -> {
      assertThat(List.of(s.get("a").asString(), s.get("b").asString()))
          .containsExactlyInAnyOrder(first.externalUserId(), second.externalUserId());
      assertThat(s.get("matchKind").asString()).isEqualTo("MOBILE");
    });
    // a second scan suggests nothing new
    assertThat(api.post("/lead-merges/scan", null, 200).get("newSuggestions").asInt()).isZero();
    long id = open.get(0).get("id").asLong();
    assertThat(api.post("/lead-merges/" + id + "/accept", "{}", 400).get("detail").asString()).contains("operator");
    JsonNode accepted = api.post("/lead-merges/" + id + "/accept", "{\"operator\": \"店长小李\"}", 200);
    assertThat(accepted.get("status").asString()).isEqualTo("ACCEPTED");
    assertThat(accepted.get("decidedBy").asString()).isEqualTo("店长小李");
    assertThat(api.post("/lead-merges/" + id + "/reject", "{\"operator\": \"x\"}", 409).get("detail").asString())
        .contains("已处理");
    assertThat(api.post("/lead-merges/999999/reject", "{\"operator\": \"x\"}", 404).get("code").asString())
        .isEqualTo("suggestion_not_found");
  }

  @Test
  void codesLostBetweenInboxAndClaimOrHeldByADeadNodeAreRecoveredInsideTheWindow() {
    createStoreWay("storeA_recover", "{\"text\": \"欢迎 {{customer_name}}\"}");
    String staff = corp().followUserIds().get(0);
    corp().disableCallbacks();
    io.wescrm.wecom.simulator.SimScan lost;
    io.wescrm.wecom.simulator.SimScan held;
    try {
      lost = corp().scan(staff, "storeA_recover", "掉线客户");
      held = corp().scan(staff, "storeA_recover", "接管客户");
    } finally {
      corp().callbacks("http://127.0.0.1:" + port + "/wecom/callback/" + corpId(), SimulatedCorps.token(corpId()),
          SimulatedCorps.aesKey(corpId())).callbackRetryInterval(Duration.ofMillis(100)).callbackMaxInFlight(8);
    }
    // stored in the inbox 3 s ago, but the node died before handing it to the welcome path
    Map<String, String> fields = Map.of("ToUserName", corpId(), "FromUserName", "sys", "MsgType", "event",
        "Event", "change_external_contact", "ChangeType", "add_external_contact", "UserID", staff,
        "ExternalUserID", lost.externalUserId(), "State", "storeA_recover", "WelcomeCode", lost.welcomeCode(),
        "CreateTime", String.valueOf(Instant.now().getEpochSecond()));
    inbox.store(List.of(new io.wescrm.core.inbox.InboxEvent(corpId(), "f".repeat(40) + Long.toHexString(
        System.nanoTime()), "change_external_contact", "add_external_contact", "c:" + lost.externalUserId(),
        Instant.now(), fields, "<xml/>")), Instant.now().minusSeconds(3));
    // claimed 15 s ago by a node that died before sending
    assertThat(ledger.claim(corpId(), held.welcomeCode(), staff, held.externalUserId(), "storeA_recover",
        Instant.now().minusSeconds(1), "dead-node", Instant.now().minusSeconds(15))).isTrue();

    Api.await(8_000, () -> "SENT".equals(status(lost.welcomeCode())) && "SENT".equals(status(held.welcomeCode())),
        "both recovered");
    assertThat(corp().acquisition().welcomeTo(lost.externalUserId()).orElseThrow().text()).isEqualTo("欢迎 掉线客户");
    assertThat(corp().acquisition().welcomeTo(held.externalUserId()).orElseThrow().text()).isEqualTo("欢迎 接管客户");
    assertThat(api.get("/welcomes/" + held.welcomeCode(), 200).get("node").asString()).isNotEqualTo("dead-node");
  }

  @Test
  void theRecoverySweepReadsPastItsCursorOnlyAndSendsBackOnlyUnclaimedCodes() {
    String staff = corp().followUserIds().get(0);
    long before = jdbc.queryForObject("SELECT COALESCE(MAX(id), 0) FROM scrm_inbox_event", Long.class);
    String tag = Long.toHexString(System.nanoTime());
    // stored just now: the application's own sweep leaves codes younger than 2 s to the welcome path
    Instant now = Instant.now();
    for (String name : List.of("claimed", "lostA", "nocode", "lostB")) {
      Map<String, String> fields = new java.util.HashMap<>(Map.of("ToUserName", corpId(), "FromUserName", "sys",
          "MsgType", "event", "Event", "change_external_contact", "ChangeType", "add_external_contact",
          "UserID", staff, "ExternalUserID", "wmSweep" + name + tag, "CreateTime",
          String.valueOf(now.getEpochSecond())));
      if (!name.equals("nocode")) {
        fields.put("WelcomeCode", name + tag);
      }
      inbox.store(List.of(new io.wescrm.core.inbox.InboxEvent(corpId(), "sweep" + name + tag,
          "change_external_contact", "add_external_contact", "c:wmSweep" + name + tag, now, fields, "<xml/>")),
          now);
    }
    assertThat(ledger.claim(corpId(), "claimed" + tag, staff, "wmSweepclaimed" + tag, null, now, "this-node", now))
        .isTrue();
    long lostA = jdbc.queryForObject("SELECT id FROM scrm_inbox_event WHERE corp_id = ? AND order_key = ?",
        Long.class, corpId(), "c:wmSweeplostA" + tag);

    io.wescrm.core.acquisition.WelcomeLedger.Unclaimed all = ledger.unclaimed(corpId(), now.minusSeconds(20),
        before);
    assertThat(all.candidates()).extracting(c -> c.job().welcomeCode()).containsExactly("lostA" + tag,
        "lostB" + tag);
    assertThat(all.candidates().get(0).inboxId()).isEqualTo(lostA);
    assertThat(all.candidates().get(0).job().externalUserId()).isEqualTo("wmSweeplostA" + tag);
    assertThat(all.inboxMaxId()).isGreaterThan(lostA);
    // past the cursor only: lostA is at the cursor, lostB after it
    assertThat(ledger.unclaimed(corpId(), now.minusSeconds(20), lostA).candidates())
        .extracting(c -> c.job().welcomeCode()).containsExactly("lostB" + tag);
    // and inside the window only
    assertThat(ledger.unclaimed(corpId(), now.plusSeconds(1), before).candidates()).isEmpty();
  }

  private long count(String sql, Object... args) {
    Object[] all = new Object[args.length + 1];
    all[0] = corpId();
    System.arraycopy(args, 0, all, 1, args.length);
    return jdbc.queryForObject(sql, Long.class, all);
  }

  private String status(String code) {
    return jdbc.queryForList("SELECT status FROM scrm_welcome_ledger WHERE corp_id = ? AND welcome_code = ?",
        String.class, corpId(), code).stream().findFirst().orElse(null);
  }
}
