package io.wescrm.web.community;

import static org.assertj.core.api.Assertions.assertThat;

import io.wescrm.core.sync.SyncRun;
import io.wescrm.core.sync.SyncingCorp;
import io.wescrm.web.SimulatedCorps;
import io.wescrm.web.testing.Api;
import io.wescrm.web.testing.WithSimulator;
import io.wescrm.wecom.simulator.SimCommunity;
import io.wescrm.wecom.simulator.SimCorp;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Community end to end over real HTTP: a 群活码 with a state created through our API (add_join_way in the simulator),
 * scanned through the simulator's control API (join scene 3, a new room when the chat is full), the signed
 * change_external_chat callbacks received; the members are attributed (state, channel, join scene) in our database;
 * our per-day group analytics equal the simulator's {@code /group-events} oracle; WeCom's statistics pulled twice
 * upsert the same rows; group welcome templates round-trip through WeCom.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"scrm.callback.coalescing-window=100ms", "scrm.community.stats-days=2"})
@WithSimulator(seed = {2, 8, 40, 60, 2, 4})
class CommunityIT {

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
          .callbackRetryInterval(Duration.ofMillis(100)).callbackMaxInFlight(8);
      ready = true;
    }
  }

  long count(String sql, Object... args) {
    Long n = jdbc.queryForObject(sql, Long.class, args);
    return n == null ? 0 : n;
  }

  /** A new group of {@code owner}, known to our mirror (its create callback re-fetched). */
  String newGroup(String owner, String name) {
    String chatId = corp().addGroupChat(null, name, owner, "", 0).chatId();
    Api.await(10_000, () -> count("SELECT COUNT(*) FROM scrm_group_chat WHERE corp_id = ? AND chat_id = ?", corpId(),
        chatId) == 1, "group " + chatId + " in our mirror");
    return chatId;
  }

  @Test
  void aScanOfAJoinWayWithAStateAttributesTheMemberAndTheDailyStatsMatchTheOracle() {
    String owner = corp().followUserIds().get(0);
    long store = corp().departments().stream().filter(d -> d.id() != 1).findFirst().orElseThrow().id();
    String chat = newGroup(owner, "A店福利群");

    JsonNode way = api.post("/join-ways", """
        {"name": "A店收银台群码", "state": "storeA_group", "chatIds": ["%s"], "roomBaseName": "A店福利群",
         "roomBaseId": 2, "storeDeptId": %d, "channel": "收银台"}""".formatted(chat, store), 201);
    String configId = way.get("configId").asString();
    assertThat(way.get("qrCode").asString()).startsWith("https://");
    assertThat(corp().community().joinWay(configId)).get().satisfies(w -> {
      assertThat(w.state()).isEqualTo("storeA_group");
      assertThat(w.chatIds()).containsExactly(chat);
    });
    // the same state twice: 409; six chats: 400 before WeCom is asked
    api.post("/join-ways", """
        {"name": "重复", "state": "storeA_group", "chatIds": ["%s"], "roomBaseName": "x"}""".formatted(chat), 409);
    api.post("/join-ways", """
        {"name": "太多群", "state": "six", "chatIds": ["a", "b", "c", "d", "e", "f"], "roomBaseName": "x"}""", 400);

    // the chat holds the owner; with a cap of 3 two customers fit, the third gets a new room "A店福利群2"
    sim.send("PUT", "/community/settings", "{\"member_cap\": 3}", 200);
    String first = sim.post("/join-ways/" + configId + "/scan", "{\"name\": \"李雷\"}", 200)
        .get("external_userid").asString();
    sim.post("/join-ways/" + configId + "/scan", "{\"name\": \"韩梅梅\"}", 200);
    JsonNode third = sim.post("/join-ways/" + configId + "/scan", "{\"name\": \"王芳\"}", 200);
    assertThat(third.get("room_created").asBoolean()).isTrue();
    String room = third.get("chat_id").asString();
    assertThat(corp().groupChat(room).orElseThrow().name()).isEqualTo("A店福利群2");
    // attributed: state, channel and join scene on the members in our database (groupchat/get, re-fetched after
    // each join callback, carries the state)
    Api.await(15_000, () -> count("SELECT COUNT(*) FROM scrm_group_member WHERE corp_id = ? AND state = ? "
        + "AND join_scene = 3", corpId(), "storeA_group") == 3, "three members attributed to storeA_group");

    // a member joins by invitation (no state) and the first customer leaves
    String invited = corp().follows().get(0).externalUserId();
    corp().addGroupMember(chat, invited, 2, 1, owner);
    corp().removeGroupMember(chat, first);
    Api.await(15_000, () -> count("SELECT COUNT(*) FROM scrm_group_member_event WHERE corp_id = ?", corpId()) == 5
        && count("SELECT COUNT(*) FROM scrm_group_member WHERE corp_id = ? AND chat_id = ? AND member_id = ? "
        + "AND join_scene = 1", corpId(), chat, invited) == 1, "five member events logged, the invitation re-fetched");
    assertThat(count("SELECT COUNT(*) FROM scrm_group_member WHERE corp_id = ? AND chat_id = ? AND member_id = ? "
        + "AND left_at IS NOT NULL", corpId(), chat, first)).isEqualTo(1);
    JsonNode ways = api.get("/join-ways", 200);
    assertThat(ways).hasSize(1);
    assertThat(ways.get(0).get("joined").asLong()).isEqualTo(3);
    assertThat(ways.get(0).get("members").asLong()).isEqualTo(2);

    // per day, our analytics equal the simulator's oracle: joins and leaves by scene, joins by state
    String today = LocalDate.now(SimCommunity.DAYS).toString();
    JsonNode oracle = sim.get("/group-events?from=" + today + "&to=" + today, 200).get("days").get(0);
    JsonNode ours = api.get("/group-stats?from=" + today + "&to=" + today + "&by=day", 200).get("rows").get(0);
    assertThat(ours.get("day").asString()).isEqualTo(today);
    assertThat(ours.get("joins").asLong()).isEqualTo(oracle.get("joins").asLong()).isEqualTo(4);
    assertThat(ours.get("leaves").asLong()).isEqualTo(oracle.get("leaves").asLong()).isEqualTo(1);
    assertThat(map(ours.get("joinsByScene"))).isEqualTo(map(oracle.get("joins_by_scene")));
    assertThat(map(ours.get("leavesByScene"))).isEqualTo(map(oracle.get("leaves_by_scene")));
    Map<String, Long> oracleStates = map(oracle.get("joins_by_state"));
    Long none = oracleStates.remove("");
    if (none != null) {
      oracleStates.put("none", none);
    }
    assertThat(map(ours.get("joinsByState"))).isEqualTo(oracleStates).containsEntry("storeA_group", 3L);
    assertThat(map(ours.get("joinsByChannel"))).containsEntry("收银台", 3L).containsEntry("none", 1L);
    assertThat(ours.get("activeGroups").asLong()).isEqualTo(2);

    // per owner and per store
    JsonNode byOwner = api.get("/group-stats?from=" + today + "&to=" + today + "&by=owner", 200).get("rows");
    JsonNode mine = null;
    for (JsonNode row : byOwner) {
      if (row.get("key").asString().equals(owner)) {
        mine = row;
      }
    }
    assertThat(mine).isNotNull();
    assertThat(mine.get("joins").asLong()).isEqualTo(4);
    assertThat(mine.get("leaves").asLong()).isEqualTo(1);
    JsonNode byStore = api.get("/group-stats?from=" + today + "&to=" + today + "&by=store", 200).get("rows");
    boolean storeSeen = false;
    for (JsonNode row : byStore) {
      if (row.get("key").asString().equals(Long.toString(store))) {
        storeSeen = true;
        assertThat(row.get("groups").asLong()).isEqualTo(1);
        assertThat(row.get("joins").asLong()).isEqualTo(3);
      }
    }
    assertThat(storeSeen).isTrue();
    // the room WeCom created joins the way's store once its chats are read back
    assertThat(api.post("/join-ways/refresh", "", 200).get("changed").asInt()).isEqualTo(1);
    assertThat(api.get("/join-ways/" + way.get("id").asLong(), 200).get("chatIds")).hasSize(2);
    JsonNode refreshed = api.get("/group-stats?from=" + today + "&to=" + today + "&by=store", 200).get("rows");
    for (JsonNode row : refreshed) {
      if (row.get("key").asString().equals(Long.toString(store))) {
        assertThat(row.get("groups").asLong()).isEqualTo(2);
        assertThat(row.get("joins").asLong()).isEqualTo(4);
        assertThat(row.get("leaves").asLong()).isEqualTo(1);
      }
    }

    // WeCom's statistics: pulled twice, the same rows; today's figures of the owner as the simulator counts them
    JsonNode pull = api.post("/group-stats/wecom/pull?from=" + today + "&to=" + today, "", 200);
    assertThat(pull.get("rowsChanged").asInt()).isPositive();
    long rows = count("SELECT COUNT(*) FROM scrm_group_stat_daily WHERE corp_id = ?", corpId());
    JsonNode again = api.post("/group-stats/wecom/pull?from=" + today + "&to=" + today, "", 200);
    assertThat(again.get("rowsChanged").asInt()).isZero();
    assertThat(count("SELECT COUNT(*) FROM scrm_group_stat_daily WHERE corp_id = ?", corpId())).isEqualTo(rows);
    assertThat(count("SELECT new_member_cnt FROM scrm_group_stat_daily WHERE corp_id = ? AND owner = ? AND stat_day = ?",
        corpId(), owner, LocalDate.parse(today))).isEqualTo(4);
    assertThat(count("SELECT new_chat_cnt FROM scrm_group_stat_daily WHERE corp_id = ? AND owner = ? AND stat_day = ?",
        corpId(), owner, LocalDate.parse(today))).isEqualTo(2);
    JsonNode wecom = api.get("/group-stats/wecom?from=" + today + "&to=" + today, 200).get("rows");
    assertThat(wecom.size()).isEqualTo((int) rows);

    // deleting the way keeps the attribution
    api.delete("/join-ways/" + way.get("id").asLong(), 200);
    assertThat(corp().community().joinWay(configId)).isEmpty();
    assertThat(count("SELECT COUNT(*) FROM scrm_group_member WHERE corp_id = ? AND state = ?", corpId(),
        "storeA_group")).isEqualTo(3);
  }

  @Test
  void groupWelcomeTemplatesRoundTripThroughWeCom() {
    JsonNode created = api.post("/group-welcome-templates", """
        {"name": "入群欢迎", "content": {"text": "欢迎 %NICKNAME% 加入福利群",
         "link": {"title": "会员权益", "url": "https://example.com/vip"}}, "notifyOwners": true}""", 201);
    String templateId = created.get("templateId").asString();
    long id = created.get("id").asLong();
    assertThat(corp().community().welcomeTemplate(templateId)).get()
        .satisfies(t -> assertThat(t.content().getAsJsonObject("text").get("content").getAsString())
            .isEqualTo("欢迎 %NICKNAME% 加入福利群"));
    assertThat(api.get("/group-welcome-templates/" + id + "/wecom", 200).get("text").asString())
        .isEqualTo("欢迎 %NICKNAME% 加入福利群");

    api.send("PUT", "/group-welcome-templates/" + id, """
        {"content": {"text": "%NICKNAME%，欢迎！"}}""", 200);
    assertThat(corp().community().welcomeTemplate(templateId).orElseThrow().content().getAsJsonObject("text")
        .get("content").getAsString()).isEqualTo("%NICKNAME%，欢迎！");
    assertThat(api.get("/group-welcome-templates", 200)).hasSize(1);
    assertThat(api.get("/group-welcome-templates/" + id, 200).get("name").asString()).isEqualTo("入群欢迎");

    // no content: 400; two attachments: 400; WeCom's limit: 422 with the catalogue's Chinese message
    api.post("/group-welcome-templates", "{\"name\": \"空\", \"content\": {}}", 400);
    sim.send("PUT", "/community/settings", "{\"welcome_template_limit\": 1}", 200);
    JsonNode refused = api.post("/group-welcome-templates", """
        {"name": "第二条", "content": {"text": "你好"}}""", 422);
    assertThat(refused.get("detail").asString()).contains("41055");

    api.delete("/group-welcome-templates/" + id, 200);
    assertThat(corp().community().welcomeTemplate(templateId)).isEmpty();
    assertThat(api.get("/group-welcome-templates", 200)).isEmpty();
  }

  static Map<String, Long> map(JsonNode node) {
    Map<String, Long> m = new TreeMap<>();
    node.properties().forEach(e -> m.put(e.getKey(), e.getValue().asLong()));
    return m;
  }
}
