package io.wescrm.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.wescrm.core.acquisition.WelcomeLedger;
import io.wescrm.core.inbox.Inbox;
import io.wescrm.core.inbox.InboxEvent;
import io.wescrm.core.sync.SyncRun;
import io.wescrm.core.sync.SyncingCorp;
import io.wescrm.web.SimulatedCorps;
import io.wescrm.web.testing.Api;
import io.wescrm.web.testing.WithSimulator;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/**
 * The generic IDOR suite (issue 16, docs/security.md "Store scope"): on the synced demo corp, with two stores A
 * (上海南京西路店) and B (杭州湖滨银泰店), collect what belongs to store B only, then walk every GET mapping of
 * {@link RequestMappingHandlerMapping} under {@code /api/corps/{corpId}} as A's store manager with B's ids in the
 * path and in the usual query parameters, and the read-only POSTs: each answer is 403/404 or a 2xx naming none of
 * B's identifiers. Every mutating mapping answers a store manager 403. And the mobile masking, one check per place.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithSimulator(demoSeed = true)
class IdorIT {

  static final String PASSWORD = "Idor-Suite-Pass-42";

  /** Mappings not walked: none (campaigns, moments, moment tasks and community are scoped too). */
  static final List<String> PENDING = List.of();

  static final String B_MOBILE = "13912345678";
  static final String A_MOBILE = "13712345678";
  static final String A_REMARK_MOBILE = "13812345678";
  static final String INBOX_MOBILE = "13612345678";

  /** What the setup found and made, once per context (JUnit makes a new instance per test). */
  record World(String corp, long storeA, long storeB, Set<String> staffA, Set<String> staffB, Set<String> customersA,
      Set<String> customersB, Set<String> chatsA, Set<String> chatsB, long wayA, long wayB, String bCustomer,
      String aCustomer, long ruleId, long mergeB, long mergeA, long inboxEvent, Set<String> forbidden,
      Map<String, String> tokens) {
  }

  static World world;
  /** A failed setup is not repeated by the next test (it would trip over what it made). */
  static RuntimeException failedSetup;

  @Autowired
  SimulatedCorps corps;

  @Autowired
  SyncingCorp fullSync;

  @Autowired
  JdbcTemplate jdbc;

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;

  @Autowired
  WelcomeLedger ledger;

  @Autowired
  Inbox inbox;

  @LocalServerPort
  int port;

  String base;
  Api admin;

  @BeforeEach
  void setUp() {
    base = "http://127.0.0.1:" + port;
    admin = new Api(base);
    if (failedSetup != null) {
      throw failedSetup;
    }
    if (world == null || !world.corp().equals(corps.corpId(0))) {
      try {
        world = build();
      } catch (RuntimeException | AssertionError e) {
        failedSetup = new IllegalStateException("the IDOR fixture could not be built", e);
        throw failedSetup;
      }
    }
  }

  World build() {
    String corp = corps.corpId(0);
    SyncRun[] run = new SyncRun[1];
    Api.await(120_000, () -> fullSync.runNow(corp, "TEST").map(r -> run[0] = r).isPresent(), "a full sync");
    assertThat(run[0].status()).isEqualTo(SyncRun.Status.SUCCEEDED);
    long storeA = dept(corp, "上海南京西路店");
    long storeB = dept(corp, "杭州湖滨银泰店");
    Set<String> staffA = staffOf(corp, storeA);
    Set<String> staffB = staffOf(corp, storeB);
    staffB.removeAll(staffA);
    assertThat(staffA).isNotEmpty();
    assertThat(staffB).hasSizeGreaterThan(1);

    // customers by the stores of their live relations: B-only = every live relation is with B's staff
    Map<String, Set<String>> staffByCustomer = new HashMap<>();
    jdbc.query("SELECT userid, external_userid FROM scrm_follow_relation WHERE corp_id = ? AND deleted_at IS NULL",
        rs -> {
          staffByCustomer.computeIfAbsent(rs.getString(2), k -> new HashSet<>()).add(rs.getString(1));
        }, corp);
    Set<String> customersA = new TreeSet<>();
    Set<String> customersB = new TreeSet<>();
    staffByCustomer.forEach((customer, staff) -> {
      if (staff.stream().anyMatch(staffA::contains)) {
        customersA.add(customer);
      }
      if (staffB.containsAll(staff)) {
        customersB.add(customer);
      }
    });
    Set<String> chatsA = new TreeSet<>(owned(corp, staffA));
    Set<String> chatsB = new TreeSet<>(owned(corp, staffB));
    // what store A legitimately shows: the members and invitors of its groups, who added its customers
    Set<String> shownToA = new HashSet<>();
    for (String chat : chatsA) {
      jdbc.query("SELECT member_id, invitor FROM scrm_group_member WHERE corp_id = ? AND chat_id = ?", rs -> {
        shownToA.add(rs.getString(1));
        shownToA.add(rs.getString(2));
      }, corp, chat);
    }
    jdbc.query("SELECT oper_userid, userid FROM scrm_follow_relation WHERE corp_id = ?", rs -> {
      if (staffA.contains(rs.getString(2))) {
        shownToA.add(rs.getString(1));
      }
    }, corp);
    staffB.removeAll(shownToA);
    customersB.removeAll(shownToA);
    customersB.removeIf(c -> !staffB.containsAll(staffByCustomer.get(c)));
    assertThat(customersA).hasSizeGreaterThan(2);
    assertThat(customersB).hasSizeGreaterThan(3);
    assertThat(staffB).hasSizeGreaterThan(1);
    assertThat(chatsB).isNotEmpty();

    // data of every slice: contact ways, welcome rows, a transfer, lead merges (shared remark mobiles), a rule
    String c = "/api/corps/" + corp;
    String bCustomer = customersB.iterator().next();
    String b1 = staffByCustomer.get(bCustomer).iterator().next();
    String b2 = staffB.stream().filter(u -> !u.equals(b1)).findFirst().orElseThrow();
    List<String> aPair = customersA.stream().limit(2).toList();
    assertThat(aPair).hasSize(2);
    long wayA = admin.post(c + "/contact-ways", """
        {"name": "A店海报", "kind": "STORE", "state": "idor_a_store", "storeDeptId": %d}""".formatted(storeA), 201)
        .get("id").asLong();
    JsonNode wayB = admin.post(c + "/contact-ways", """
        {"name": "B店导购码", "kind": "STAFF", "state": "idor_b_staff", "userids": ["%s"]}""".formatted(b1), 201);
    admin.post(c + "/contact-ways", """
        {"name": "B店海报", "kind": "STORE", "state": "idor_b_store", "storeDeptId": %d}""".formatted(storeB), 201);
    Instant now = Instant.now();
    ledger.record(corp, "idor-welcome-b", b1, bCustomer, "idor_b_staff", WelcomeLedger.Status.SENT, null, now, now);
    ledger.record(corp, "idor-welcome-a", staffA.iterator().next(), aPair.get(0), "idor_a_store",
        WelcomeLedger.Status.SENT, null, now, now);
    admin.post(c + "/transfers", """
        {"kind": "ONJOB", "handoverUserid": "%s", "takeoverUserid": "%s", "externalUserIds": ["%s"],
         "message": "您好，您的服务已升级"}""".formatted(b1, b2, bCustomer), 200);
    // two B-only customers and two of A's customers share a remark mobile each
    List<String> bPair = customersB.stream().skip(1).limit(2).toList();
    for (String customer : bPair) {
      corps.corp(0).editFollow(staffByCustomer.get(customer).iterator().next(), customer, null, null,
          List.of(B_MOBILE));
    }
    for (String customer : aPair) {
      String staff = staffByCustomer.get(customer).stream().filter(staffA::contains).findFirst().orElseThrow();
      corps.corp(0).editFollow(staff, customer, null, null, List.of(A_MOBILE));
    }
    // the simulator's change callbacks are not wired to this server: a second full sync reads the edits
    SyncRun[] again = new SyncRun[1];
    Api.await(120_000, () -> fullSync.runNow(corp, "TEST").map(r -> again[0] = r).isPresent(), "a second sync");
    assertThat(again[0].status()).isEqualTo(SyncRun.Status.SUCCEEDED);
    Api.await(20_000, () -> jdbc.queryForObject("SELECT COUNT(*) FROM scrm_follow_relation WHERE corp_id = ? "
        + "AND deleted_at IS NULL AND remark_mobiles IN (?, ?)", Long.class, corp, B_MOBILE, A_MOBILE) >= 4,
        "remark mobiles synced");
    admin.post(c + "/lead-merges/scan", null, 200);
    long mergeB = merge(c, B_MOBILE);
    long mergeA = merge(c, A_MOBILE);
    long ruleId = admin.post(c + "/rules", """
        {"name": "IDOR 探针", "enabled": false, "condition": {"field": "gender", "op": "eq", "value": 1},
         "actions": [{"type": "setStage", "stage": "growing"}]}""", 201).get("id").asLong();
    String key = "f".repeat(60) + "1d0a"; // a dedupe key is 64 hex characters
    inbox.store(List.of(new InboxEvent(corp, key, "enter_agent", null, "idor-probe", now,
        Map.of("Mobile", INBOX_MOBILE), "<xml><Event>enter_agent</Event><Mobile>" + INBOX_MOBILE + "</Mobile></xml>")),
        now);
    long inboxEvent = jdbc.queryForObject("SELECT id FROM scrm_inbox_event WHERE corp_id = ? AND dedupe_key = ?",
        Long.class, corp, key);

    Set<String> forbidden = new LinkedHashSet<>();
    for (Set<String> ids : List.of(staffB, customersB, chatsB)) {
      ids.forEach(id -> forbidden.add('"' + id + '"'));
    }
    forbidden.addAll(List.of("\"idor_b_staff\"", "\"idor_b_store\"", "\"idor-welcome-b\"",
        '"' + wayB.get("configId").asString() + '"', B_MOBILE, "139****5678"));

    admin.post("/api/accounts", account("idor-store-a", "STORE_MANAGER", corp, storeA), 201);
    admin.post("/api/accounts", account("idor-viewer", "VIEWER", corp, null), 201);
    admin.post("/api/accounts", account("idor-operator", "OPERATOR", corp, null), 201);
    return new World(corp, storeA, storeB, staffA, staffB, customersA, customersB, chatsA, chatsB, wayA,
        wayB.get("id").asLong(), bCustomer, aPair.get(0), ruleId, mergeB, mergeA, inboxEvent, forbidden,
        Map.of("manager", token("idor-store-a"), "viewer", token("idor-viewer"), "operator",
            token("idor-operator")));
  }

  long merge(String c, String mobile) {
    return admin.get(c + "/lead-merges?limit=1000", 200).valueStream()
        .filter(m -> m.get("matchValue").asString().equals(mobile)).findFirst().orElseThrow().get("id").asLong();
  }

  static String account(String username, String role, String corp, Long store) {
    return "{\"username\": \"" + username + "\", \"password\": \"" + PASSWORD + "\", \"role\": \"" + role
        + "\", \"corps\": [\"" + corp + "\"]" + (store == null ? "" : ", \"stores\": {\"" + corp + "\": [" + store + "]}")
        + "}";
  }

  String token(String username) {
    return Api.as(base, username, PASSWORD).post("/api/auth/tokens", "{\"name\": \"idor\", \"expiresInDays\": 7}",
        201).get("token").asString();
  }

  Api as(String who) {
    return Api.bearer(base, world.tokens().get(who));
  }

  String c() {
    return "/api/corps/" + world.corp();
  }

  record Call(String method, String rest) {
  }

  /** Every mapping under /api/corps/{corpId} but the PENDING ones, as the path after the corp. */
  List<Call> corpCalls() {
    List<Call> calls = new ArrayList<>();
    for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
      for (String pattern : info.getPathPatternsCondition().getPatternValues()) {
        if (!pattern.startsWith("/api/corps/{corpId}/")) {
          continue;
        }
        String rest = pattern.substring("/api/corps/{corpId}".length());
        if (PENDING.stream().anyMatch(rest::startsWith)) {
          continue;
        }
        Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
        for (RequestMethod m : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
          calls.add(new Call(m.name(), rest));
        }
      }
    }
    return calls;
  }

  /** The path with store B's ids in its variables. */
  String fill(String rest) {
    String id = rest.startsWith("/contact-ways/") ? String.valueOf(world.wayB())
        : rest.startsWith("/lead-merges/") ? String.valueOf(world.mergeB())
        : rest.startsWith("/rules/") ? String.valueOf(world.ruleId()) : "1";
    return rest.replace("{externalUserId}", world.bCustomer()).replace("{chatId}", world.chatsB().iterator().next())
        .replace("{code}", "idor-welcome-b").replace("{id}", id)
        .replaceAll("\\{[^}:]+:([^|}]+)[^}]*}", "$1").replaceAll("\\{[^}]+}", "1");
  }

  /** B's ids in the usual query parameters (extra ones are ignored by the endpoints that do not take them). */
  String query() {
    String staff = world.staffB().iterator().next();
    return "?userid=" + staff + "&owner=" + staff + "&customer=" + world.bCustomer() + "&externalUserId="
        + world.bCustomer() + "&relation=any&includeDeleted=true&includeDismissed=true&includeLeft=true&size=200"
        + "&limit=1000&sample=200";
  }

  static boolean reading(Call call) {
    AntPathMatcher ant = new AntPathMatcher();
    return RoleRules.READING_POSTS.stream().anyMatch(r -> r.method().name().equals(call.method())
        && ant.match(r.pattern().substring("/api/corps/*".length()), call.rest()));
  }

  void clean(String what, HttpResponse<String> r) {
    for (String id : world.forbidden()) {
      assertThat(r.body()).as(what + " names store B's " + id).doesNotContain(id);
    }
  }

  @Test
  void aStoreManagerReadsNothingOfAnotherStoreOnAnyMapping() {
    Api manager = as("manager");
    int gets = 0;
    int answered = 0;
    for (Call call : corpCalls()) {
      if (!call.method().equals("GET")) {
        continue;
      }
      gets++;
      String path = c() + fill(call.rest());
      // the bare path (a required parameter may be missing: 400) and the path with B's ids as parameters
      for (String query : List.of("", query())) {
        HttpResponse<String> r = manager.exchange("GET", path + query, null);
        int status = r.statusCode();
        String what = "GET " + path + query + " -> " + status + " " + r.body();
        if (status == 403 || status == 404 || (query.isEmpty() && status == 400)) {
          continue;
        }
        assertThat(status).as(what).isBetween(200, 299);
        clean(what, r);
        answered++;
      }
    }
    assertThat(gets).isGreaterThan(25);
    assertThat(answered).isGreaterThan(15);

    // the read-only POSTs (searches, previews) with a condition naming both stores' staff
    String values = java.util.stream.Stream.concat(world.staffA().stream(), world.staffB().stream())
        .map(u -> '"' + u + '"').collect(Collectors.joining(","));
    String condition = "{\"field\": \"follow.staff\", \"op\": \"in\", \"values\": [" + values + "]}";
    String body = "{\"condition\": " + condition + "}";
    // a campaign preview takes a campaign definition: its audience is the same condition
    String campaign = "{\"name\": \"越权预览\", \"content\": {\"text\": \"你好\"}, \"audience\": {\"include\": "
        + condition + "}}";
    int posts = 0;
    for (Call call : corpCalls()) {
      if (call.method().equals("POST") && reading(call)) {
        String path = c() + fill(call.rest())
            + (call.rest().startsWith("/campaigns") ? "?sample=50" : "?size=200&sample=200");
        HttpResponse<String> r = manager.exchange("POST", path,
            call.rest().startsWith("/campaigns") ? campaign : body);
        if (call.rest().contains("{") && r.statusCode() == 404) {
          continue;   // a saved object of another store (or none) by id: not found, as it must be
        }
        assertThat(r.statusCode()).as(path + " " + r.body()).isBetween(200, 299);
        clean("POST " + path, r);
        posts++;
      }
    }
    assertThat(posts).isGreaterThanOrEqualTo(2);
    // counts are scoped as well: the search counts exactly A's customers, the admin more
    assertThat(manager.post(c() + "/customers/search?size=200", body, 200).get("count").asLong())
        .isEqualTo(world.customersA().size());
    assertThat(admin.post(c() + "/customers/search", body, 200).get("count").asLong())
        .isGreaterThan(world.customersA().size());
    assertThat(manager.post(c() + "/rules/preview", body, 200).get("count").asLong())
        .isEqualTo(world.customersA().size());
  }

  @Test
  void byIdAnotherStoresObjectsAreNotFoundAndOwnOnesAreServed() {
    Api manager = as("manager");
    String b = world.bCustomer();
    String a = world.aCustomer();
    assertThat(manager.get(c() + "/customers/" + b, 404).get("code").asString()).isEqualTo("customer_not_found");
    assertThat(manager.get(c() + "/customers/" + b + "/attribution", 404).get("code").asString())
        .isEqualTo("customer_not_found");
    assertThat(manager.get(c() + "/rules/" + world.ruleId() + "/explain?customer=" + b, 404).get("code").asString())
        .isEqualTo("customer_not_found");
    manager.get(c() + "/rules/" + world.ruleId() + "/explain?customer=" + a, 200);
    manager.get(c() + "/groups/" + world.chatsB().iterator().next(), 404);
    manager.get(c() + "/contact-ways/" + world.wayB(), 404);
    manager.get(c() + "/contact-ways/" + world.wayB() + "/stats", 404);
    manager.get(c() + "/contact-ways/" + world.wayA(), 200);
    manager.get(c() + "/welcomes/idor-welcome-b", 404);
    manager.get(c() + "/welcomes/idor-welcome-a", 200);
    assertThat(manager.get(c() + "/customers/" + a, 200).get("follows").valueStream()
        .map(f -> f.get("userid").asString())).isNotEmpty().allMatch(world.staffA()::contains);
    // lists: only A's, and the admin sees B's (the fixture is real)
    assertThat(manager.get(c() + "/contact-ways", 200).valueStream().map(w -> w.get("state").asString()))
        .contains("idor_a_store").doesNotContain("idor_b_staff", "idor_b_store");
    assertThat(admin.get(c() + "/contact-ways", 200).valueStream().map(w -> w.get("state").asString()))
        .contains("idor_a_store", "idor_b_staff", "idor_b_store");
    assertThat(manager.get(c() + "/welcomes?limit=1000", 200).valueStream().map(w -> w.get("welcomeCode").asString()))
        .contains("idor-welcome-a").doesNotContain("idor-welcome-b");
    admin.get(c() + "/welcomes/idor-welcome-b", 200);
    assertThat(manager.get(c() + "/transfers", 200).valueStream().map(t -> t.get("externalUserId").asString()))
        .doesNotContain(b);
    assertThat(admin.get(c() + "/transfers", 200).valueStream().map(t -> t.get("externalUserId").asString()))
        .contains(b);
    assertThat(manager.get(c() + "/lead-merges?limit=1000", 200).valueStream().map(m -> m.get("id").asLong()))
        .contains(world.mergeA()).doesNotContain(world.mergeB());
    Set<String> staff = new HashSet<>();
    manager.get(c() + "/staff?size=200", 200).get("items").forEach(s -> staff.add(s.get("userid").asString()));
    assertThat(staff).isEqualTo(world.staffA());
    Set<String> groups = new HashSet<>();
    JsonNode page = manager.get(c() + "/groups?size=200&includeDismissed=true", 200);
    page.get("items").forEach(g -> groups.add(g.get("chatId").asString()));
    assertThat(page.get("total").asLong()).isEqualTo(world.chatsA().size());
    assertThat(groups).isEqualTo(world.chatsA());
    // store managers have no business with corp-wide operations
    for (String path : List.of("/inbox", "/inbox/parked", "/inbox/events", "/inbox/" + world.inboxEvent(), "/sync-runs",
        "/reconciliation", "/tag-pushes", "/unassigned")) {
      assertThat(manager.get(c() + path, 403).get("code").asString()).as(path).isEqualTo("forbidden");
    }
  }

  @Test
  void aStoreManagerGets403OnEveryMutatingMapping() {
    Api manager = as("manager");
    int checked = 0;
    for (Call call : corpCalls()) {
      if (call.method().equals("GET") || reading(call)) {
        continue;
      }
      String path = c() + fill(call.rest());
      HttpResponse<String> r = manager.exchange(call.method(), path, "{}");
      assertThat(r.statusCode()).as(call.method() + " " + path + " " + r.body()).isEqualTo(403);
      assertThat(r.body()).contains("\"code\":\"forbidden\"");
      checked++;
    }
    assertThat(checked).isGreaterThan(20);
  }

  @Test
  void mobilesAreMaskedForStoreManagersAndViewers() {
    String a = world.aCustomer();
    for (String who : List.of("manager", "viewer")) {
      String detail = as(who).get(c() + "/customers/" + a, 200).toString();
      assertThat(detail).as(who).contains("137****5678").doesNotContain(A_MOBILE);
    }
    assertThat(as("operator").get(c() + "/customers/" + a, 200).toString()).contains(A_MOBILE);
    assertThat(admin.get(c() + "/customers/" + a, 200).toString()).contains(A_MOBILE);

    // lead merges: the shared mobile is the match value
    assertThat(merges(as("viewer"))).containsEntry(world.mergeB(), "139****5678")
        .containsEntry(world.mergeA(), "137****5678");
    assertThat(merges(as("manager"))).containsEntry(world.mergeA(), "137****5678");
    assertThat(merges(as("operator"))).containsEntry(world.mergeB(), B_MOBILE);
    assertThat(merges(admin)).containsEntry(world.mergeA(), A_MOBILE);

    // a decrypted callback payload: a viewer may read the inbox, masked; a store manager may not read it at all
    String event = "/inbox/" + world.inboxEvent();
    JsonNode viewed = as("viewer").get(c() + event, 200);
    assertThat(viewed.get("payload").asString()).contains("136****5678").doesNotContain(INBOX_MOBILE);
    assertThat(viewed.get("fields").get("Mobile").asString()).isEqualTo("136****5678");
    assertThat(admin.get(c() + event, 200).get("payload").asString()).contains(INBOX_MOBILE);
    as("manager").get(c() + event, 403);
    // the console's list of events masks the same way
    String listed = as("viewer").get(c() + "/inbox/events?event=enter_agent&size=200", 200).toString();
    assertThat(listed).contains("136****5678").doesNotContain(INBOX_MOBILE);
    assertThat(admin.get(c() + "/inbox/events?event=enter_agent&size=200", 200).toString()).contains(INBOX_MOBILE);
  }

  static Map<Long, String> merges(Api api) {
    Map<Long, String> byId = new HashMap<>();
    api.get("/api/corps/" + world.corp() + "/lead-merges?limit=1000", 200)
        .forEach(m -> byId.put(m.get("id").asLong(), m.get("matchValue").asString()));
    return byId;
  }

  long dept(String corp, String name) {
    return jdbc.queryForObject("SELECT dept_id FROM scrm_department WHERE corp_id = ? AND name = ?", Long.class, corp,
        name);
  }

  /** The oracle of a store's staff: a department list naming the store (the demo's stores have no sub-departments). */
  Set<String> staffOf(String corp, long store) {
    Set<String> staff = new TreeSet<>();
    jdbc.query("SELECT userid, department_ids FROM scrm_staff WHERE corp_id = ? AND deleted_at IS NULL", rs -> {
      if (List.of(rs.getString(2).split(",")).contains(String.valueOf(store))) {
        staff.add(rs.getString(1));
      }
    }, corp);
    return staff;
  }

  List<String> owned(String corp, Set<String> staff) {
    return jdbc.queryForList("SELECT chat_id, owner FROM scrm_group_chat WHERE corp_id = ?", corp).stream()
        .filter(r -> staff.contains((String) r.get("owner"))).map(r -> (String) r.get("chat_id")).toList();
  }
}
