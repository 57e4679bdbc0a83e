package io.wescrm.web.acquisition;

import static org.assertj.core.api.Assertions.assertThat;

import io.wescrm.core.sync.SyncRun;
import io.wescrm.core.sync.SyncingCorp;
import io.wescrm.web.SimulatedCorps;
import io.wescrm.web.testing.Api;
import io.wescrm.web.testing.WithSimulator;
import io.wescrm.wecom.simulator.SimCorp;
import io.wescrm.wecom.simulator.SimFollow;
import io.wescrm.wecom.simulator.SimGroupChat;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * 在职继承 and 离职继承 end to end against the simulator: transfers started, followed with transfer_result until
 * final, a customer's refusal arriving as a transfer_fail callback, WeCom's rules (in progress, twice per customer,
 * 90-day protection, takeover limit) returned per customer with a clear reason; unassigned customers of a resigned
 * member; group chats.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"scrm.callback.coalescing-window=100ms"})
@WithSimulator(seed = {2, 10, 80, 120, 6, 4})
class TransferIT {

  @Autowired
  SimulatedCorps corps;

  @LocalServerPort
  int port;

  @Autowired
  JdbcTemplate jdbc;

  @Autowired
  SyncingCorp fullSync;

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
          .callbackRetryInterval(Duration.ofMillis(100));
      ready = true;
    }
  }

  /** A staff member with at least {@code n} customers that no other test touches, and another member. */
  String[] pairWithCustomers(int n, int skip) {
    List<String> staff = corp().followUserIds();
    List<String> rich = staff.stream().filter(u -> corp().followsOf(u).size() >= n).toList();
    String handover = rich.get(skip % rich.size());
    String takeover = staff.stream().filter(u -> !u.equals(handover)).findFirst().orElseThrow();
    return new String[] {handover, takeover};
  }

  List<String> customersOf(String handover, String takeover, int n) {
    return corp().followsOf(handover).stream().map(SimFollow::externalUserId)
        .filter(e -> corp().follow(takeover, e).isEmpty()).limit(n).toList();
  }

  JsonNode transfer(String kind, String handover, String takeover, List<String> customers, int status) {
    return api.post("/transfers", """
        {"kind": "%s", "handoverUserid": "%s", "takeoverUserid": "%s", "externalUserIds": %s,
         "message": %s}""".formatted(kind, handover, takeover, json(customers),
        kind.equals("ONJOB") ? "\"您好，您的服务已升级\"" : "null"), status);
  }

  @Test
  void onJobTransfersAreFollowedToTheEndIncludingARefusalAndWeComsLimits() {
    String[] pair = pairWithCustomers(3, 0);
    String handover = pair[0];
    String takeover = pair[1];
    List<String> customers = customersOf(handover, takeover, 3);
    String accepts = customers.get(0);
    String refuses = customers.get(1);

    JsonNode started = transfer("ONJOB", handover, takeover, customers.subList(0, 2), 200);
    assertThat(started.get("started").asInt()).isEqualTo(2);
    // a second request for a customer whose transfer is running: 40129, per customer, clear reason
    JsonNode again = transfer("ONJOB", handover, takeover, List.of(accepts), 200);
    assertThat(again.get("customers").get(0).get("status").asString()).isEqualTo("REJECTED");
    assertThat(again.get("customers").get(0).get("errcode").asInt()).isEqualTo(40129);
    assertThat(again.get("customers").get(0).get("reason").asString()).contains("正在转接中");

    // the customers decide: one refuses (transfer_fail callback), one accepts (transfer_result)
    sim.post("/transfers/complete", "{\"refuse\": [\"" + refuses + "\"]}", 200);
    Api.await(10_000, () -> "REFUSED".equals(status(refuses)), "transfer_fail applied");
    assertThat(reason(refuses)).contains("拒绝");
    assertThat(status(accepts)).isEqualTo("WAITING");
    assertThat(api.post("/transfers/refresh", null, 200).get("finalised").asInt()).isEqualTo(1);
    assertThat(status(accepts)).isEqualTo("DONE");
    // our database follows: the old relation deleted by TRANSFER, the takeover's relation fetched
    Api.await(10_000, () -> count("SELECT COUNT(*) FROM scrm_follow_relation WHERE corp_id = ? AND userid = ? AND "
        + "external_userid = ? AND deleted_at IS NULL", takeover, accepts) == 1, "takeover relation");
    assertThat(jdbc.queryForObject("SELECT deleted_by FROM scrm_follow_relation WHERE corp_id = ? AND userid = ? "
        + "AND external_userid = ?", String.class, corpId(), handover, accepts)).isEqualTo("TRANSFER");

    // 90-day protection: the customer just moved cannot move again
    JsonNode back = transfer("ONJOB", takeover, handover, List.of(accepts), 200);
    assertThat(back.get("customers").get(0).get("errcode").asInt()).isEqualTo(40128);
    assertThat(back.get("customers").get(0).get("reason").asString()).contains("90 天");

    // 91 days later it may move back once more; after that, twice is the limit for good
    sim.post("/clock/advance", "{\"days\": 91}", 200);
    assertThat(transfer("ONJOB", takeover, handover, List.of(accepts), 200).get("started").asInt()).isEqualTo(1);
    sim.post("/transfers/complete", "{}", 200);
    api.post("/transfers/refresh", null, 200);
    sim.post("/clock/advance", "{\"days\": 91}", 200);
    JsonNode third = transfer("ONJOB", handover, takeover, List.of(accepts), 200);
    assertThat(third.get("customers").get(0).get("errcode").asInt()).isEqualTo(40128);
    assertThat(third.get("customers").get(0).get("reason").asString()).contains("最多被转接两次");

    // the takeover at its limit: status 4 and transfer_fail customer_limit_exceed
    String limited = customers.get(2);
    sim.send("PUT", "/transfers/settings", "{\"takeover_limit\": 0}", 200);
    try {
      transfer("ONJOB", handover, takeover, List.of(limited), 200);
      sim.post("/transfers/complete", "{}", 200);
      Api.await(10_000, () -> "TAKEOVER_LIMIT".equals(status(limited)), "takeover limit");
    } finally {
      sim.send("PUT", "/transfers/settings", "{\"takeover_limit\": 50000}", 200);
    }
    List<String> listed = api.get("/transfers?status=REFUSED", 200).valueStream()
        .map(t -> t.get("externalUserId").asString()).toList();
    assertThat(listed).contains(refuses);
    // one customer's transfers, by the canonical parameter and by its first spelling (still accepted)
    assertThat(api.get("/transfers?externalUserId=" + refuses, 200).valueStream()
        .map(t -> t.get("externalUserId").asString()).distinct().toList()).containsExactly(refuses);
    assertThat(api.get("/transfers?externalUserid=" + refuses, 200).size())
        .isEqualTo(api.get("/transfers?externalUserId=" + refuses, 200).size());
  }

  @Test
  void resignedStaffCustomersAreListedAndInheritedAndGroupsChangeOwner() {
    String[] pair = pairWithCustomers(2, 1);
    String leaver = pair[0];
    String heir = pair[1];
    List<String> theirs = customersOf(leaver, heir, 2);
    // on-job rules for someone still employed: a resigned transfer is refused by WeCom as a whole (40097)
    JsonNode notGone = transfer("RESIGNED", leaver, heir, theirs, 422);
    assertThat(notGone.get("detail").asString()).contains("尚未离职");

    sim.post("/staff/" + leaver + "/resign", "{}", 200);
    List<JsonNode> unassigned = api.get("/unassigned?pageSize=1000", 200).get("items").valueStream().toList();
    assertThat(unassigned).extracting(u -> u.get("externalUserId").asString()).containsAll(theirs);
    assertThat(unassigned).allSatisfy(u -> assertThat(u.get("handoverUserid").asString()).isEqualTo(leaver));

    JsonNode started = transfer("RESIGNED", leaver, heir, theirs, 200);
    assertThat(started.get("started").asInt()).isEqualTo(2);
    sim.post("/transfers/complete", "{}", 200);
    assertThat(api.post("/transfers/refresh", null, 200).get("finalised").asInt()).isEqualTo(2);
    Api.await(10_000, () -> count("SELECT COUNT(*) FROM scrm_follow_relation WHERE corp_id = ? AND userid = ? AND "
        + "external_userid IN ('" + String.join("','", theirs) + "') AND deleted_at IS NULL", heir) == 2,
        "heir relations");
    assertThat(api.get("/unassigned", 200).get("items").valueStream()
        .map(u -> u.get("externalUserId").asString()).toList()).doesNotContainAnyElementsOf(theirs);

    // groups: the leaver's group goes to the heir (离职继承); an active owner's group needs 在职继承
    List<SimGroupChat> chats = corp().groupChats();
    SimGroupChat orphan = chats.stream().filter(g -> g.owner().equals(leaver)).findFirst().orElse(null);
    SimGroupChat active = chats.stream().filter(g -> !g.owner().equals(leaver) && !g.owner().equals(heir)
        && corp().staff(g.owner()).isPresent()).findFirst().orElseThrow();
    JsonNode resignedGroups = api.post("/group-transfers", """
        {"kind": "RESIGNED", "chatIds": %s, "newOwner": "%s"}""".formatted(
        json(orphan == null ? List.of(active.chatId()) : List.of(orphan.chatId(), active.chatId())), heir), 200);
    JsonNode refused = resignedGroups.get("chats").valueStream()
        .filter(c -> c.get("chatId").asString().equals(active.chatId())).findFirst().orElseThrow();
    assertThat(refused.get("transferred").asBoolean()).isFalse();
    assertThat(refused.get("errcode").asInt()).isEqualTo(90500);
    assertThat(refused.get("reason").asString()).contains("群主未离职");
    if (orphan != null) {
      assertThat(corp().groupChat(orphan.chatId()).orElseThrow().owner()).isEqualTo(heir);
    }
    JsonNode onJob = api.post("/group-transfers", """
        {"kind": "ONJOB", "chatIds": ["%s"], "newOwner": "%s"}""".formatted(active.chatId(), heir), 200);
    assertThat(onJob.get("transferred").asInt()).isEqualTo(1);
    Api.await(10_000, () -> heir.equals(jdbc.queryForObject("SELECT owner FROM scrm_group_chat WHERE corp_id = ? "
        + "AND chat_id = ?", String.class, corpId(), active.chatId())), "group owner in our database");
  }

  @Test
  void invalidTransferRequestsAreRefusedBeforeWeComWithChineseMessages() {
    String a = corp().followUserIds().get(0);
    assertThat(transfer("ONJOB", a, a, List.of("wmX"), 400).get("detail").asString()).contains("不能是同一人");
    assertThat(transfer("ONJOB", a, "b", List.of(), 400).get("detail").asString()).contains("1 到 1000");
    assertThat(api.post("/transfers", "{\"handoverUserid\": \"a\"}", 400).get("detail").asString())
        .contains("ONJOB");
    assertThat(api.post("/transfers", "{\"kind\": \"SIDEWAYS\"}", 400).get("detail").asString()).contains("kind");
    assertThat(api.post("/group-transfers", "{\"kind\": \"ONJOB\", \"chatIds\": [], \"newOwner\": \"x\"}", 400)
        .get("detail").asString()).contains("1 到 100");
    assertThat(api.get("/unassigned?pageSize=5000", 400).get("detail").asString()).contains("pageSize");
    // WeCom refuses an unknown takeover as a whole: 422 with its reason
    JsonNode unknown = transfer("ONJOB", a, "nobody_at_all", List.of(customersOf(a, "x", 1).get(0)), 422);
    assertThat(unknown.get("detail").asString()).contains("成员不存在");
  }

  /** The customer's latest transfer that WeCom accepted (requests it refused at once are rows of their own). */
  private String status(String ext) {
    return jdbc.queryForList("SELECT status FROM scrm_transfer WHERE corp_id = ? AND external_userid = ? AND status "
        + "<> 'REJECTED' ORDER BY id DESC", String.class, corpId(), ext).stream().findFirst().orElse(null);
  }

  private String reason(String ext) {
    return jdbc.queryForList("SELECT reason FROM scrm_transfer WHERE corp_id = ? AND external_userid = ? ORDER BY id "
        + "DESC", String.class, corpId(), ext).stream().findFirst().orElse(null);
  }

  private long count(String sql, Object... args) {
    Object[] all = new Object[args.length + 1];
    all[0] = corpId();
    System.arraycopy(args, 0, all, 1, args.length);
    return jdbc.queryForObject(sql, Long.class, all);
  }

  private static String json(List<String> values) {
    return values.isEmpty() ? "[]" : "[\"" + String.join("\", \"", values) + "\"]";
  }
}
