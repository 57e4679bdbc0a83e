package io.wescrm.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.wescrm.core.sync.SyncRun;
import io.wescrm.core.sync.SyncingCorp;
import io.wescrm.web.SimulatedCorps;
import io.wescrm.web.moments.MomentSyncs;
import io.wescrm.web.testing.Api;
import io.wescrm.web.testing.WithSimulator;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Store scope on campaigns, moments and community: on the synced demo corp (moments polled from the simulator), a
 * manager of store A sees in every list, count, preview and statistic only store A's staff, customers and chats —
 * each count equal to one computed here from the raw rows — and gets 404 for store B's objects by id, while an admin
 * sees both stores.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "scrm.campaigns.quiet-hours=", "scrm.campaigns.idle=100ms", "scrm.campaigns.first-poll=200ms",
    "scrm.moments.publish.idle=100ms", "scrm.moments.publish.first-poll=100ms",
    "scrm.moments.publish.min-poll=200ms", "scrm.moments.publish.max-poll=500ms",
    "scrm.moments.cron=0 0 0 1 1 ? 2099"})
@WithSimulator(demoSeed = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StoreScopeCampaignsMomentsIT {

  static final String PASSWORD = "Store-Manager-Pass-9";

  @Autowired
  SimulatedCorps corps;

  @Autowired
  SyncingCorp fullSync;

  @Autowired
  MomentSyncs momentSyncs;

  @Autowired
  JdbcTemplate jdbc;

  @LocalServerPort
  int port;

  static boolean ready;
  /** Store A's and store B's staff; customers with a live relation to A's staff; customers of other staff only. */
  static Set<String> staffA;
  static Set<String> staffB;
  static Set<String> customersA;
  static Set<String> customersOther;
  static long storeA;
  static long storeB;

  String corp;
  Api admin;
  Api manager;

  @BeforeEach
  void setUp() {
    corp = corps.corpId(0);
    String base = "http://127.0.0.1:" + port;
    admin = new Api(base + "/api/corps/" + corp);
    if (!ready) {
      // a scheduled reconciliation pass may hold the corp's sync lock for a moment: run when it is free
      SyncRun[] run = new SyncRun[1];
      Api.await(120_000, () -> fullSync.runNow(corp, "TEST").map(r -> run[0] = r).isPresent(), "a full sync");
      assertThat(run[0].status()).isEqualTo(SyncRun.Status.SUCCEEDED);
      Api.await(120_000, () -> momentSyncs.runNow(corp, "TEST").isPresent(), "a moment sync");
      oracle();
      new Api(base).post("/api/accounts", "{\"username\": \"store-a-cm\", \"password\": \"" + PASSWORD
          + "\", \"role\": \"STORE_MANAGER\", \"corps\": [\"" + corp + "\"], \"stores\": {\"" + corp + "\": ["
          + storeA + "]}}", 201);
      ready = true;
    }
    manager = Api.as(base + "/api/corps/" + corp, "store-a-cm", PASSWORD);
  }

  /** The stores' staff from their department lists (the demo's stores have no sub-departments) and customers. */
  void oracle() {
    storeA = jdbc.queryForObject("SELECT dept_id FROM scrm_department WHERE corp_id = ? AND name = ?", Long.class,
        corp, "上海南京西路店");
    Map<String, List<String>> departments = new HashMap<>();
    jdbc.query("SELECT userid, department_ids FROM scrm_staff WHERE corp_id = ? AND deleted_at IS NULL", rs -> {
      departments.put(rs.getString(1), List.of(rs.getString(2).split(",")));
    }, corp);
    staffA = new HashSet<>();
    departments.forEach((u, d) -> {
      if (d.contains(String.valueOf(storeA))) {
        staffA.add(u);
      }
    });
    // store B: the department of a staff member outside A who owns a live group and follows customers
    String owner = jdbc.queryForList("SELECT DISTINCT g.owner FROM scrm_group_chat g JOIN scrm_follow_relation f "
        + "ON f.corp_id = g.corp_id AND f.userid = g.owner AND f.deleted_at IS NULL WHERE g.corp_id = ? "
        + "AND g.dismissed_at IS NULL ORDER BY g.owner", String.class, corp).stream()
        .filter(u -> !staffA.contains(u)).findFirst().orElseThrow();
    storeB = Long.parseLong(departments.get(owner).stream().filter(d -> !d.equals("1")).findFirst()
        .orElse(departments.get(owner).get(0)));
    assertThat(storeB).isNotEqualTo(storeA);
    staffB = new HashSet<>();
    departments.forEach((u, d) -> {
      if (d.contains(String.valueOf(storeB)) && !staffA.contains(u)) {
        staffB.add(u);
      }
    });
    customersA = new HashSet<>();
    customersOther = new HashSet<>();
    jdbc.query("SELECT userid, external_userid FROM scrm_follow_relation WHERE corp_id = ? AND deleted_at IS NULL",
        rs -> {
          (staffA.contains(rs.getString(1)) ? customersA : customersOther).add(rs.getString(2));
        }, corp);
    customersOther.removeAll(customersA);
    assertThat(staffA).isNotEmpty();
    assertThat(staffB).isNotEmpty().contains(owner);
    assertThat(customersA).isNotEmpty();
    assertThat(customersOther).isNotEmpty();
  }

  static Set<String> texts(JsonNode array, String field) {
    Set<String> out = new HashSet<>();
    array.forEach(n -> out.add(n.get(field).asText()));
    return out;
  }

  long count(String sql, Object... args) {
    Long n = jdbc.queryForObject(sql, Long.class, args);
    return n == null ? 0 : n;
  }

  @Test
  @Order(1)
  void campaignPreviewsResultsRunsAndPushesAreTheStoresShare() {
    long id = admin.post("/campaigns", """
        {"name": "门店范围测试", "channel": "SINGLE", "content": {"text": "{{staff_name}}祝您周末愉快"}}""", 201)
        .get("id").asLong();

    // preview: the customers with a live relation to A's staff, broken down over A's staff only
    JsonNode preview = manager.post("/campaigns/" + id + "/preview?sample=50", null, 200);
    assertThat(preview.get("count").asLong()).isEqualTo(customersA.size());
    assertThat(texts(preview.get("byStaff"), "userid")).isNotEmpty().isSubsetOf(staffA);
    assertThat(texts(preview.get("sample"), "sender")).isSubsetOf(staffA);
    assertThat(texts(preview.get("sample"), "target")).isNotEmpty().isSubsetOf(customersA);
    assertThat(admin.post("/campaigns/" + id + "/preview", null, 200).get("count").asLong())
        .isGreaterThan(customersA.size());
    JsonNode unsaved = manager.post("/campaigns/preview", """
        {"name": "未保存", "channel": "SINGLE", "content": {"text": "你好"}}""", 200);
    assertThat(unsaved.get("count").asLong()).isEqualTo(customersA.size());

    long runId = admin.post("/campaigns/" + id + "/run", null, 202).get("id").asLong();
    Api.await(60_000, () -> count("SELECT COUNT(*) FROM scrm_campaign_run WHERE id = ? AND planned_at IS NOT NULL",
        runId) == 1, "run " + runId + " planned");
    Map<String, String> senders = new HashMap<>();
    long[] heldBack = new long[1];
    jdbc.query("SELECT target, sender, status FROM scrm_campaign_delivery WHERE run_id = ?", rs -> {
      senders.put(rs.getString(1), rs.getString(2));
      heldBack[0] += staffA.contains(rs.getString(2)) && "HELD_BACK".equals(rs.getString(3)) ? 1 : 0;
    }, runId);
    long audienceA = senders.values().stream().filter(staffA::contains).count();
    long heldBackA = heldBack[0];
    assertThat(audienceA).isPositive().isLessThan(senders.size());

    JsonNode results = manager.get("/campaigns/" + id + "/results", 200);
    assertThat(results.get("audience").asLong()).isEqualTo(audienceA);
    assertThat(results.get("heldBack").asLong()).isEqualTo(heldBackA);
    assertThat(texts(results.get("byStaff"), "userid")).isNotEmpty().isSubsetOf(staffA);
    long plannedByStaff = 0;
    for (JsonNode s : results.get("byStaff")) {
      plannedByStaff += s.get("planned").asLong();
    }
    assertThat(plannedByStaff).isEqualTo(results.get("planned").asLong());
    assertThat(admin.get("/campaigns/" + id + "/results", 200).get("audience").asLong()).isEqualTo(senders.size());
    JsonNode runs = manager.get("/campaigns/" + id + "/runs", 200);
    assertThat(runs.get(0).get("audience").asLong()).isEqualTo(audienceA);
    manager.get("/campaigns/" + id + "/uplift", 200);
    assertThat(manager.get("/campaigns/" + id + "/enrollments", 200)).isEmpty();
    // each recipient's status: the rows A's staff send, no other
    JsonNode deliveries = manager.get("/campaigns/" + id + "/deliveries?size=200", 200);
    assertThat(deliveries.get("total").asLong()).isEqualTo(audienceA);
    assertThat(texts(deliveries.get("items"), "sender")).isNotEmpty().isSubsetOf(staffA);
    assertThat(admin.get("/campaigns/" + id + "/deliveries?size=1", 200).get("total").asLong())
        .isEqualTo(senders.size());

    // a customer's pushes: A's customer shows A's senders only; another store's customer does not exist
    String mine = senders.entrySet().stream().filter(e -> staffA.contains(e.getValue())).findFirst().orElseThrow()
        .getKey();
    JsonNode pushes = manager.get("/customers/" + mine + "/pushes", 200);
    assertThat(pushes).isNotEmpty();
    assertThat(texts(pushes, "sender")).isSubsetOf(staffA);
    String theirs = senders.keySet().stream().filter(customersOther::contains).findFirst().orElseThrow();
    assertThat(manager.get("/customers/" + theirs + "/pushes", 404).get("code").asText())
        .isEqualTo("customer_not_found");
    manager.get("/customers/" + theirs + "/attributes", 404);
    manager.get("/customers/" + mine + "/attributes", 200);
    assertThat(admin.get("/customers/" + theirs + "/pushes", 200)).isNotEmpty();

    // definitions are corp-level: readable, with the audience's staff narrowed to the store's
    String a = staffA.iterator().next();
    String b = staffB.iterator().next();
    long named = admin.post("/campaigns", """
        {"name": "两店员工", "channel": "SINGLE", "audience": {"staff": ["%s", "%s"]},
         "content": {"text": "你好"}}""".formatted(a, b), 201).get("id").asLong();
    assertThat(manager.get("/campaigns/" + named, 200).get("definition").get("audience").get("staff").toString())
        .contains(a).doesNotContain(b);
    assertThat(manager.get("/campaigns", 200).toString()).doesNotContain("\"" + b + "\"");
    assertThat(manager.get("/campaigns/" + named + "/versions", 200).toString()).doesNotContain(b);
    assertThat(admin.get("/campaigns/" + named, 200).toString()).contains(b);
    // and no campaign action for a store manager
    manager.post("/campaigns/" + id + "/run", null, 403);
  }

  @Test
  @Order(2)
  void momentsAndInteractionsAreTheStoresOnly() {
    // the oracle from the raw rows: moments created by A's staff or with a copy of A's staff
    Map<String, String> creators = new HashMap<>();
    jdbc.query("SELECT moment_id, creator FROM scrm_moment WHERE corp_id = ?", rs -> {
      creators.put(rs.getString(1), rs.getString(2));
    }, corp);
    Map<String, Set<String>> copies = new HashMap<>();
    jdbc.query("SELECT moment_id, userid FROM scrm_moment_copy WHERE corp_id = ?", rs -> {
      copies.computeIfAbsent(rs.getString(1), k -> new HashSet<>()).add(rs.getString(2));
    }, corp);
    Set<String> inScope = new HashSet<>();
    creators.forEach((m, creator) -> {
      if (staffA.contains(creator) || copies.getOrDefault(m, Set.of()).stream().anyMatch(staffA::contains)) {
        inScope.add(m);
      }
    });
    Set<String> outOfScope = new HashSet<>(creators.keySet());
    outOfScope.removeAll(inScope);
    assertThat(inScope).isNotEmpty();
    assertThat(outOfScope).isNotEmpty();

    JsonNode page = manager.get("/moments?size=200", 200);
    assertThat(page.get("total").asLong()).isEqualTo(inScope.size());
    assertThat(texts(page.get("items"), "momentId")).isEqualTo(inScope.size() <= 200 ? inScope
        : texts(page.get("items"), "momentId"));
    assertThat(admin.get("/moments?size=1", 200).get("total").asLong()).isEqualTo(creators.size());
    String other = outOfScope.iterator().next();
    assertThat(manager.get("/moments/" + other, 404).get("code").asText()).isEqualTo("moment_not_found");
    admin.get("/moments/" + other, 200);
    // a moment of the store with interactions: only A's copies and A's customers' interactions on them
    List<Map<String, Object>> interactions = jdbc.queryForList("SELECT moment_id, userid, external_userid "
        + "FROM scrm_moment_interaction WHERE corp_id = ?", corp);
    String withInteractions = inScope.stream().filter(m -> interactions.stream().anyMatch(i -> m.equals(value(i,
        "moment_id")))).findFirst().orElseThrow();
    JsonNode moment = manager.get("/moments/" + withInteractions, 200);
    assertThat(texts(moment.get("tasks"), "userid")).isSubsetOf(staffA);
    long expected = interactions.stream().filter(i -> withInteractions.equals(value(i, "moment_id"))
        && staffA.contains(value(i, "userid")) && customersA.contains(value(i, "external_userid"))).count();
    assertThat(moment.get("interactions").size()).isEqualTo(expected);
    assertThat(moment.get("likes").asLong() + moment.get("comments").asLong()).isEqualTo(expected);

    // a customer's interactions: 404 for another store's customer
    String theirs = interactions.stream().map(i -> value(i, "external_userid")).filter(customersOther::contains)
        .findFirst().orElse(customersOther.iterator().next());
    assertThat(manager.get("/customers/" + theirs + "/interactions", 404).get("code").asText())
        .isEqualTo("customer_not_found");
    admin.get("/customers/" + theirs + "/interactions", 200);
    String mine = interactions.stream().filter(i -> staffA.contains(value(i, "userid"))
        && customersA.contains(value(i, "external_userid"))).map(i -> value(i, "external_userid")).findFirst()
        .orElseThrow();
    JsonNode its = manager.get("/customers/" + mine + "/interactions", 200);
    assertThat(its).isNotEmpty();
    assertThat(texts(its, "userid")).isSubsetOf(staffA);
    manager.post("/moments/sync", null, 403);
  }

  static String value(Map<String, Object> row, String column) {
    Object v = row.containsKey(column) ? row.get(column) : row.get(column.toUpperCase());
    return v == null ? null : v.toString();
  }

  @Test
  @Order(3)
  void momentTasksShowTheStoresStaffOnly() {
    String a = staffA.iterator().next();
    String b = staffB.iterator().next();
    long both = admin.post("/moment-tasks", """
        {"name": "两店", "text": "两店都发", "visibleRange": {"userids": ["%s", "%s"]}}""".formatted(a, b), 201)
        .get("id").asLong();
    long onlyB = admin.post("/moment-tasks", """
        {"name": "B 店", "text": "只有 B 店", "visibleRange": {"userids": ["%s"]}}""".formatted(b), 201)
        .get("id").asLong();
    Api.await(30_000, () -> count("SELECT COUNT(*) FROM scrm_moment_publish_staff s JOIN scrm_moment_publish p "
        + "ON p.id = s.publish_id WHERE p.task_id IN (?, ?)", both, onlyB) == 3, "the publishes' staff are known");

    Set<Long> listed = new HashSet<>();
    manager.get("/moment-tasks", 200).forEach(t -> listed.add(t.get("id").asLong()));
    assertThat(listed).contains(both).doesNotContain(onlyB);
    JsonNode task = manager.get("/moment-tasks/" + both, 200);
    assertThat(texts(task.get("publishes").get(0).get("staff"), "userid")).containsExactly(a);
    assertThat(task.toString()).doesNotContain(b);
    assertThat(manager.get("/moment-tasks/" + onlyB, 404).get("code").asText()).isEqualTo("moment_task_not_found");
    assertThat(texts(admin.get("/moment-tasks/" + both, 200).get("publishes").get(0).get("staff"), "userid"))
        .containsExactlyInAnyOrder(a, b);
    manager.post("/moment-tasks/" + both + "/cancel", null, 403);
  }

  @Test
  @Order(4)
  void joinWaysAndGroupStatisticsAreTheStoresOnly() {
    List<String> chatsA = new ArrayList<>();
    List<String> chatsB = new ArrayList<>();
    Set<String> owners = new HashSet<>();
    jdbc.query("SELECT chat_id, owner FROM scrm_group_chat WHERE corp_id = ? AND dismissed_at IS NULL "
        + "ORDER BY chat_id", rs -> {
          owners.add(rs.getString(2));
          if (staffA.contains(rs.getString(2))) {
            chatsA.add(rs.getString(1));
          } else if (staffB.contains(rs.getString(2))) {
            chatsB.add(rs.getString(1));
          }
        }, corp);
    assertThat(chatsA).isNotEmpty();
    assertThat(chatsB).isNotEmpty();
    long wayA = admin.post("/join-ways", """
        {"name": "A店群码", "state": "scope_a", "chatIds": ["%s"], "roomBaseName": "福利群", "roomBaseId": 1,
         "storeDeptId": %d}"""
        .formatted(chatsA.get(0), storeA), 201).get("id").asLong();
    long wayB = admin.post("/join-ways", """
        {"name": "B店群码", "state": "scope_b", "chatIds": ["%s"], "roomBaseName": "福利群", "roomBaseId": 1,
         "storeDeptId": %d}"""
        .formatted(chatsB.get(0), storeB), 201).get("id").asLong();

    Set<Long> listed = new HashSet<>();
    manager.get("/join-ways", 200).forEach(w -> listed.add(w.get("way").get("id").asLong()));
    assertThat(listed).contains(wayA).doesNotContain(wayB);
    manager.get("/join-ways/" + wayA, 200);
    assertThat(manager.get("/join-ways/" + wayB, 404).get("code").asText()).isEqualTo("join_way_not_found");
    manager.get("/join-ways/" + wayB + "/wecom", 404);
    admin.get("/join-ways/" + wayB, 200);

    // group statistics over the groups A's staff own
    LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    JsonNode byOwner = manager.get("/group-stats?from=" + today + "&to=" + today + "&by=owner", 200).get("rows");
    assertThat(texts(byOwner, "key")).isNotEmpty().isSubsetOf(staffA);
    long groups = 0;
    for (JsonNode row : byOwner) {
      groups += row.get("groups").asLong();
    }
    assertThat(groups).isEqualTo(chatsA.size());
    JsonNode byDay = manager.get("/group-stats?from=" + today + "&to=" + today + "&by=day", 200).get("rows");
    assertThat(byDay.get(0).get("groups").asLong()).isEqualTo(chatsA.size());
    assertThat(admin.get("/group-stats?from=" + today + "&to=" + today + "&by=day", 200).get("rows").get(0)
        .get("groups").asLong()).isGreaterThan(chatsA.size());
    JsonNode byStore = manager.get("/group-stats?from=" + today + "&to=" + today + "&by=store", 200).get("rows");
    long storeGroups = 0;
    for (JsonNode row : byStore) {
      storeGroups += row.get("groups").asLong();
    }
    assertThat(storeGroups).isEqualTo(chatsA.size());

    // WeCom's statistics as pulled: A's owners only
    LocalDate yesterday = today.minusDays(1);
    admin.post("/group-stats/wecom/pull?from=" + yesterday + "&to=" + yesterday, "", 200);
    List<String> statOwners = jdbc.queryForList("SELECT owner FROM scrm_group_stat_daily WHERE corp_id = ? "
        + "AND stat_day = ?", String.class, corp, yesterday);
    long expected = statOwners.stream().filter(staffA::contains).count();
    assertThat(expected).isPositive().isLessThan(statOwners.size());
    JsonNode stats = manager.get("/group-stats/wecom?from=" + yesterday + "&to=" + yesterday, 200).get("rows");
    assertThat(stats.size()).isEqualTo(expected);
    assertThat(texts(stats, "owner")).isSubsetOf(staffA);
    manager.get("/group-welcome-templates", 200);
  }
}
