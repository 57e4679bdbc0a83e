package io.wescrm.wecom.simulator;

import static io.wescrm.wecom.simulator.SimTestClient.errcode;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The /sim control API over real HTTP. */
class ControlApiTest {

  private static final String CORP = "wwcontrol";

  private WeComSimulator sim;
  private SimCorp corp;
  private SimTestClient client;
  private final List<SimChange> changes = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    sim = WeComSimulator.start(SimulatorOptions.of(
        new SimCorpSpec(CORP, "控制台测试", "s3cret", 1, SeedSize.of(2, 8, 100, 150, 4, 10), 21L)));
    corp = sim.corp(CORP);
    corp.addChangeListener(changes::add);
    client = new SimTestClient(sim);
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  private HttpResponse<String> call(String method, String path, String body) {
    return client.send(method, path, body);
  }

  private static JsonObject body(HttpResponse<String> response) {
    return JsonParser.parseString(response.body()).getAsJsonObject();
  }

  @Test
  void listsCorpsWithCounts() {
    HttpResponse<String> response = call("GET", "/sim/corps", null);
    assertThat(response.statusCode()).isEqualTo(200);
    JsonObject item = body(response).getAsJsonArray("corps").get(0).getAsJsonObject();
    assertThat(item.get("corp_id").getAsString()).isEqualTo(CORP);
    assertThat(item.get("corp_name").getAsString()).isEqualTo("控制台测试");
    assertThat(item.getAsJsonObject("counts").get("follow_relations").getAsLong()).isEqualTo(150);

    JsonObject counts = body(call("GET", "/sim/corps/" + CORP + "/counts", null));
    assertThat(counts.get("customers").getAsInt()).isEqualTo(100);
    assertThat(counts.get("groups").getAsInt()).isEqualTo(4);
    assertThat(call("GET", "/sim/corps/wwnope/counts", null).statusCode()).isEqualTo(404);
    assertThat(body(call("GET", "/sim/corps/wwnope/counts", null)).get("error").getAsString()).contains("wwnope");
  }

  @Test
  void createsACustomerWhoScannedAStoreQrCode() {
    String userid = corp.followUserIds().get(0);
    String tagId = corp.tags().get(0).id();
    HttpResponse<String> response = call("POST", "/sim/corps/" + CORP + "/customers",
        "{\"name\":\"扫码新客🌷\",\"userid\":\"" + userid + "\",\"state\":\"store_sh01_qr\",\"add_way\":1,"
            + "\"remark\":\"新客\",\"tag_ids\":[\"" + tagId + "\"]}");
    assertThat(response.statusCode()).isEqualTo(201);
    JsonObject created = body(response);
    String externalUserId = created.get("external_userid").getAsString();
    assertThat(externalUserId).matches("wm[0-9A-Za-z]{30}");
    assertThat(created.get("created").getAsBoolean()).isTrue();

    assertThat(corp.counts().customers()).isEqualTo(101);
    assertThat(corp.counts().followRelations()).isEqualTo(151);
    SimFollow follow = corp.follow(userid, externalUserId).orElseThrow();
    assertThat(follow.state()).isEqualTo("store_sh01_qr");
    assertThat(follow.tagIds()).containsExactly(tagId);
    assertThat(follow.operUserid()).isEqualTo(externalUserId);
    assertThat(changes).extracting(SimChange::kind)
        .containsExactly(SimChange.Kind.CUSTOMER_CREATED, SimChange.Kind.CUSTOMER_ADDED);
    assertThat(changes.get(1).state()).isEqualTo("store_sh01_qr");

    String token = client.token(corp);
    JsonObject detail = client.get("externalcontact/get", token, Map.of("external_userid", externalUserId));
    assertThat(errcode(detail)).isZero();
    assertThat(detail.getAsJsonObject("external_contact").get("name").getAsString()).isEqualTo("扫码新客🌷");
    assertThat(detail.getAsJsonArray("follow_user").get(0).getAsJsonObject().get("state").getAsString())
        .isEqualTo("store_sh01_qr");

    String second = corp.followUserIds().get(1);
    HttpResponse<String> again = call("POST", "/sim/corps/" + CORP + "/customers",
        "{\"external_userid\":\"" + externalUserId + "\",\"userid\":\"" + second + "\"}");
    assertThat(again.statusCode()).isEqualTo(201);
    assertThat(body(again).get("created").getAsBoolean()).isFalse();
    assertThat(corp.followsOfCustomer(externalUserId)).hasSize(2);
    assertThat(corp.counts().customers()).isEqualTo(101);
  }

  @Test
  void rejectsBadCustomerRequests() {
    String userid = corp.followUserIds().get(0);
    assertThat(call("POST", "/sim/corps/" + CORP + "/customers", "{\"name\":\"x\"}").statusCode()).isEqualTo(400);
    assertThat(call("POST", "/sim/corps/" + CORP + "/customers", "{\"name\":\"x\",\"userid\":\"nobody\"}")
        .statusCode()).isEqualTo(404);
    assertThat(call("POST", "/sim/corps/" + CORP + "/customers", "{\"userid\":\"" + userid + "\"}").statusCode())
        .isEqualTo(400);
    assertThat(call("POST", "/sim/corps/" + CORP + "/customers", "{oops").statusCode()).isEqualTo(400);
    assertThat(call("POST", "/sim/corps/" + CORP + "/customers", "{\"name\":\"x\",\"userid\":\"" + userid
        + "\",\"tag_ids\":[\"etNope\"]}").statusCode()).isEqualTo(400);
    assertThat(call("GET", "/sim/nothing-here", null).statusCode()).isEqualTo(404);
    assertThat(call("DELETE", "/sim/corps/" + CORP + "/counts", null).statusCode()).isEqualTo(405);
  }

  @Test
  void deletesRelationsAndChangesTags() {
    SimFollow follow = corp.follows().get(0);
    String path = "/sim/corps/" + CORP + "/follows/" + follow.userid() + "/" + follow.externalUserId();
    String tagId = corp.tags().stream().filter(t -> !follow.tagIds().contains(t.id())).findFirst().orElseThrow().id();
    HttpResponse<String> tagged = call("POST", path + "/tags", "{\"add\":[\"" + tagId + "\"],\"remove\":[]}");
    assertThat(tagged.statusCode()).isEqualTo(200);
    assertThat(corp.follow(follow.userid(), follow.externalUserId()).orElseThrow().tagIds()).contains(tagId);
    assertThat(body(tagged).getAsJsonArray("tag_ids").toString()).contains(tagId);

    assertThat(call("DELETE", path + "?by=customer", null).statusCode()).isEqualTo(200);
    assertThat(corp.follow(follow.userid(), follow.externalUserId())).isEmpty();
    assertThat(changes).extracting(SimChange::kind).containsExactly(SimChange.Kind.FOLLOW_TAGS_CHANGED,
        SimChange.Kind.FOLLOW_DELETED_BY_CUSTOMER);
    assertThat(call("DELETE", path + "?by=staff", null).statusCode()).isEqualTo(404);
    assertThat(call("DELETE", path + "?by=nobody", null).statusCode()).isEqualTo(400);
    assertThat(corp.counts().followRelations()).isEqualTo(149);
  }

  @Test
  void addsAndRemovesGroupMembers() {
    SimGroupChat group = corp.groupChats().get(0);
    String customer = corp.customers().stream().map(SimCustomer::externalUserId)
        .filter(id -> group.members().stream().noneMatch(m -> m.userid().equals(id))).findFirst().orElseThrow();
    long membersBefore = corp.counts().groupMembers();
    String path = "/sim/corps/" + CORP + "/groups/" + group.chatId() + "/members";
    HttpResponse<String> joined = call("POST", path, "{\"member_id\":\"" + customer + "\",\"type\":2,\"join_scene\":3}");
    assertThat(joined.statusCode()).isEqualTo(200);
    String version = body(joined).get("member_version").getAsString();
    assertThat(version).isNotEqualTo(group.memberVersion());
    assertThat(corp.counts().groupMembers()).isEqualTo(membersBefore + 1);
    SimGroupMember member = corp.groupChat(group.chatId()).orElseThrow().members().stream()
        .filter(m -> m.userid().equals(customer)).findFirst().orElseThrow();
    assertThat(member.type()).isEqualTo(2);
    assertThat(member.joinScene()).isEqualTo(3);
    assertThat(member.unionid()).isEqualTo(corp.customer(customer).orElseThrow().unionid());

    HttpResponse<String> left = call("DELETE", path + "/" + customer, null);
    assertThat(left.statusCode()).isEqualTo(200);
    assertThat(body(left).get("member_version").getAsString()).isNotEqualTo(version);
    assertThat(corp.counts().groupMembers()).isEqualTo(membersBefore);
    assertThat(changes).extracting(SimChange::kind)
        .containsExactly(SimChange.Kind.GROUP_MEMBER_JOINED, SimChange.Kind.GROUP_MEMBER_LEFT);
    assertThat(changes.get(0).lastMemberVersion()).isEqualTo(group.memberVersion());
    assertThat(changes.get(0).memberVersion()).isEqualTo(version);
    assertThat(changes.get(0).memberIds()).containsExactly(customer);
    assertThat(call("DELETE", path + "/" + customer, null).statusCode()).isEqualTo(400);
    assertThat(call("POST", "/sim/corps/" + CORP + "/groups/wrNoSuchGroup/members", "{\"member_id\":\"x\"}")
        .statusCode()).isEqualTo(404);
  }

  @Test
  void expiresTokens() {
    String token = client.token(corp);
    HttpResponse<String> response = call("POST", "/sim/corps/" + CORP + "/tokens/expire", null);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(body(response).get("expired").getAsInt()).isEqualTo(1);
    assertThat(errcode(client.get("externalcontact/get_follow_user_list", token, Map.of()))).isEqualTo(42001);
  }

  @Test
  void setsFaultsAndReadsStats() {
    HttpResponse<String> put = call("PUT", "/sim/faults", "{\"latency_ms\":5,\"concurrency_limit\":9,"
        + "\"quota_per_minute\":500,\"error_rules\":[{\"api\":\"externalcontact/get_follow_user_list\","
        + "\"errcode\":-1,\"count\":1},{\"api\":\"user/get\",\"errcode\":45033,\"rate\":0.5}]}");
    assertThat(put.statusCode()).isEqualTo(200);
    JsonObject faults = body(call("GET", "/sim/faults", null));
    assertThat(faults.get("latency_ms").getAsLong()).isEqualTo(5);
    assertThat(faults.get("concurrency_limit").getAsInt()).isEqualTo(9);
    assertThat(faults.get("quota_per_window").getAsInt()).isEqualTo(500);
    assertThat(faults.getAsJsonArray("error_rules")).hasSize(2);
    assertThat(sim.faults().concurrencyLimit()).isEqualTo(9);

    String token = client.token(corp);
    assertThat(errcode(client.get("externalcontact/get_follow_user_list", token, Map.of()))).isEqualTo(-1);
    assertThat(errcode(client.get("externalcontact/get_follow_user_list", token, Map.of()))).isZero();

    JsonObject stats = body(call("GET", "/sim/stats", null));
    assertThat(stats.get("total_calls").getAsLong()).isEqualTo(3);
    assertThat(stats.getAsJsonObject("calls").get("externalcontact/get_follow_user_list").getAsLong()).isEqualTo(2);
    assertThat(stats.getAsJsonObject("injected_errors").get("-1").getAsLong()).isEqualTo(1);

    JsonObject reset = body(call("POST", "/sim/stats/reset", null));
    assertThat(reset.get("total_calls").getAsLong()).isZero();
    JsonObject defaults = body(call("DELETE", "/sim/faults", null));
    assertThat(defaults.get("latency_ms").getAsLong()).isZero();
    assertThat(defaults.get("concurrency_limit").getAsInt()).isEqualTo(5);
    assertThat(defaults.getAsJsonArray("error_rules")).isEmpty();
  }
}
