package io.wescrm.wecom.simulator;

import static io.wescrm.wecom.simulator.SimTestClient.errcode;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Page limits, cursors and last pages, over raw HTTP. */
class PaginationTest {

  private static WeComSimulator sim;
  private static SimCorp corp;
  private static SimTestClient client;
  private static String token;

  @BeforeAll
  static void start() {
    sim = WeComSimulator.start(SimulatorOptions.of(SimCorpSpec.demo()));
    corp = sim.corp(SimCorpSpec.DEMO_CORP_ID);
    client = new SimTestClient(sim);
    token = client.token(corp);
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  private static String userList(List<String> userids) {
    return "[" + String.join(",", userids.stream().map(u -> "\"" + u + "\"").toList()) + "]";
  }

  private static JsonObject batch(List<String> userids, String cursor, Integer limit) {
    String body = "{\"userid_list\":" + userList(userids)
        + (cursor == null ? "" : ",\"cursor\":\"" + cursor + "\"")
        + (limit == null ? "" : ",\"limit\":" + limit) + "}";
    return client.post("externalcontact/batch/get_by_user", token, body);
  }

  private static List<String> keys(JsonObject page) {
    List<String> keys = new ArrayList<>();
    for (JsonElement item : page.getAsJsonArray("external_contact_list")) {
      JsonObject o = item.getAsJsonObject();
      keys.add(o.getAsJsonObject("follow_info").get("userid").getAsString() + "/"
          + o.getAsJsonObject("external_contact").get("external_userid").getAsString());
    }
    return keys;
  }

  @Test
  void batchClampsTheLimitAndDefaultsTo50() {
    List<String> all = corp.followUserIds();
    JsonObject big = batch(all, null, 1000);
    assertThat(errcode(big)).isZero();
    assertThat(big.getAsJsonArray("external_contact_list")).hasSize(100);
    assertThat(big.get("next_cursor").getAsString()).isNotEmpty();

    JsonObject defaulted = batch(all, null, null);
    assertThat(defaulted.getAsJsonArray("external_contact_list")).hasSize(50);
  }

  @Test
  void batchLastPageHasNoCursorAndPagesDoNotOverlap() {
    String userid = corp.followUserIds().get(0);
    List<String> expected = corp.followsOf(userid).stream().map(f -> userid + "/" + f.externalUserId()).toList();
    List<String> collected = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    JsonObject page;
    do {
      page = batch(List.of(userid), cursor, 7);
      assertThat(errcode(page)).isZero();
      collected.addAll(keys(page));
      cursor = page.get("next_cursor").getAsString();
      pages++;
    } while (!cursor.isEmpty());
    assertThat(collected).containsExactlyElementsOf(expected);
    assertThat(pages).isEqualTo((expected.size() + 6) / 7);
    assertThat(page.getAsJsonArray("external_contact_list").size()).isPositive();
  }

  @Test
  void batchPagingIsStableWhileOtherDataChanges() {
    WeComSimulator local = WeComSimulator.start(SimulatorOptions.of(
        new SimCorpSpec("wwstable", "稳定分页", "s3cret", 1, SeedSize.of(2, 6, 300, 400, 0, 0), 99L)));
    try {
      SimCorp stable = local.corp("wwstable");
      SimTestClient raw = new SimTestClient(local);
      String localToken = raw.token(stable);
      List<String> users = stable.followCountsByStaff().entrySet().stream()
          .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).map(Map.Entry::getKey).toList();
      String a = users.get(0);
      String b = users.get(1);
      List<String> before = new ArrayList<>();
      for (String u : List.of(a, b)) {
        stable.followsOf(u).forEach(f -> before.add(u + "/" + f.externalUserId()));
      }
      String body = "{\"userid_list\":[\"" + a + "\",\"" + b + "\"],\"limit\":10}";
      JsonObject first = raw.post("externalcontact/batch/get_by_user", localToken, body);
      List<String> collected = new ArrayList<>(keys(first));
      // change data around the cursor: delete an already returned relation, add relations elsewhere
      String returnedExt = collected.get(3).substring(a.length() + 1);
      stable.removeFollow(a, returnedExt);
      SimCustomer fresh = stable.addCustomer(null, "新客🍀", 1, 2, null, null);
      stable.addFollow(users.get(2), fresh.externalUserId());
      String cursor = first.get("next_cursor").getAsString();
      while (!cursor.isEmpty()) {
        JsonObject page = raw.post("externalcontact/batch/get_by_user", localToken,
            "{\"userid_list\":[\"" + a + "\",\"" + b + "\"],\"limit\":10,\"cursor\":\"" + cursor + "\"}");
        assertThat(errcode(page)).isZero();
        collected.addAll(keys(page));
        cursor = page.get("next_cursor").getAsString();
      }
      assertThat(collected).containsExactlyElementsOf(before);
    } finally {
      local.close();
    }
  }

  @Test
  void batchRejectsTooManyUsersAndBadCursors() {
    List<String> tooMany = new ArrayList<>();
    for (int i = 0; i < 101; i++) {
      tooMany.add("user" + i);
    }
    assertThat(errcode(batch(tooMany, null, 10))).isEqualTo(40058);
    assertThat(errcode(batch(List.of(), null, 10))).isEqualTo(40058);
    assertThat(errcode(batch(corp.followUserIds().subList(0, 1), "bm90LWEtY3Vyc29y", 10))).isEqualTo(50100);
  }

  @Test
  void groupChatListRequiresALimitWithinRange() {
    assertThat(errcode(client.post("externalcontact/groupchat/list", token, "{}"))).isEqualTo(40058);
    assertThat(errcode(client.post("externalcontact/groupchat/list", token, "{\"limit\":1001}"))).isEqualTo(40058);
    assertThat(errcode(client.post("externalcontact/groupchat/list", token, "{\"limit\":0}"))).isEqualTo(40058);
    JsonObject all = client.post("externalcontact/groupchat/list", token, "{\"limit\":1000}");
    assertThat(all.getAsJsonArray("group_chat_list")).hasSize(50);
    assertThat(all.get("next_cursor").getAsString()).isEmpty();

    Set<String> seen = new HashSet<>();
    String cursor = "";
    int pages = 0;
    do {
      JsonObject page = client.post("externalcontact/groupchat/list", token,
          "{\"limit\":8,\"cursor\":\"" + cursor + "\"}");
      page.getAsJsonArray("group_chat_list").forEach(c -> seen.add(c.getAsJsonObject().get("chat_id").getAsString()));
      cursor = page.get("next_cursor").getAsString();
      pages++;
    } while (!cursor.isEmpty());
    assertThat(pages).isEqualTo(7);
    assertThat(seen).hasSize(50);
  }

  @Test
  void groupChatListNeedsAnOwnerFilterBeyond1000Staff() {
    WeComSimulator big = WeComSimulator.start(SimulatorOptions.of(
        new SimCorpSpec("wwbigstaff", "大企业", "s3cret", 1, SeedSize.of(5, 1200, 2000, 2000, 20, 5), 5L)));
    try {
      SimCorp bigCorp = big.corp("wwbigstaff");
      assertThat(bigCorp.counts().followStaff()).isGreaterThan(1000);
      SimTestClient raw = new SimTestClient(big);
      String bigToken = raw.token(bigCorp);
      assertThat(errcode(raw.post("externalcontact/groupchat/list", bigToken, "{\"limit\":100}"))).isEqualTo(81017);
      String owner = bigCorp.groupChats().get(0).owner();
      JsonObject filtered = raw.post("externalcontact/groupchat/list", bigToken,
          "{\"limit\":100,\"owner_filter\":{\"userid_list\":[\"" + owner + "\"]}}");
      assertThat(errcode(filtered)).isZero();
      assertThat(filtered.getAsJsonArray("group_chat_list")).hasSize(
          (int) bigCorp.groupChats().stream().filter(g -> g.owner().equals(owner)).count());
    } finally {
      big.close();
    }
  }

  @Test
  void userListIdPagesOverEveryUserDepartmentPair() {
    List<String> expected = new ArrayList<>();
    for (SimStaff s : corp.staff()) {
      s.departments().forEach(d -> expected.add(s.userid() + "@" + d));
    }
    assertThat(expected.size()).isGreaterThan(corp.staff().size());
    List<String> collected = new ArrayList<>();
    String cursor = "";
    do {
      JsonObject page = client.post("user/list_id", token, "{\"limit\":7,\"cursor\":\"" + cursor + "\"}");
      assertThat(errcode(page)).isZero();
      JsonArray pairs = page.getAsJsonArray("dept_user");
      assertThat(pairs.size()).isLessThanOrEqualTo(7);
      pairs.forEach(p -> collected.add(p.getAsJsonObject().get("userid").getAsString() + "@"
          + p.getAsJsonObject().get("department").getAsLong()));
      cursor = page.get("next_cursor").getAsString();
    } while (!cursor.isEmpty());
    assertThat(collected).containsExactlyElementsOf(expected);

    JsonObject clamped = client.post("user/list_id", token, "{\"limit\":20000}");
    assertThat(clamped.getAsJsonArray("dept_user")).hasSize(expected.size());
    assertThat(clamped.get("next_cursor").getAsString()).isEmpty();
  }

  @Test
  void contactDetailPagesFollowersBy500() {
    WeComSimulator local = WeComSimulator.start(SimulatorOptions.of(SimCorpSpec.empty("wwpopular", "s3cret")));
    try {
      SimCorp popular = local.corp("wwpopular");
      popular.addDepartment(2, "网红店", 1);
      SimCustomer star = popular.addCustomer("wmPopularCustomer0000000000000001", "人气王⭐", 1, 2, "oStar", null);
      for (int i = 0; i < 501; i++) {
        String userid = String.format("staff%03d", i);
        popular.addStaff(userid, "员工" + i, List.of(2L), true);
        popular.addFollow(userid, star.externalUserId());
      }
      SimTestClient raw = new SimTestClient(local);
      String localToken = raw.token(popular);
      JsonObject first = raw.get("externalcontact/get", localToken, Map.of("external_userid", star.externalUserId()));
      assertThat(first.getAsJsonArray("follow_user")).hasSize(500);
      assertThat(first.getAsJsonObject("external_contact").get("name").getAsString()).isEqualTo("人气王⭐");
      String cursor = first.get("next_cursor").getAsString();
      JsonObject second = raw.get("externalcontact/get", localToken,
          Map.of("external_userid", star.externalUserId(), "cursor", cursor));
      assertThat(second.getAsJsonArray("follow_user")).hasSize(1);
      assertThat(second.getAsJsonArray("follow_user").get(0).getAsJsonObject().get("userid").getAsString())
          .isEqualTo("staff500");
      assertThat(second.has("next_cursor")).isFalse();
    } finally {
      local.close();
    }
  }
}
