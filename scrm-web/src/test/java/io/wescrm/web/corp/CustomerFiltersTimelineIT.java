package io.wescrm.web.corp;

import static org.assertj.core.api.Assertions.assertThat;

import io.wescrm.core.acquisition.WelcomeLedger;
import io.wescrm.core.sync.SyncRun;
import io.wescrm.core.sync.SyncingCorp;
import io.wescrm.web.SimulatedCorps;
import io.wescrm.web.testing.Api;
import io.wescrm.web.testing.WithSimulator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The customer list's store and lifecycle-stage filters (checked against the synced demo corp by SQL), and a
 * customer's timeline: relations, an operator's tag, a welcome row, newest first; a store manager's timeline is 404
 * for another store's customer and holds only their own staff's events.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithSimulator(demoSeed = true)
class CustomerFiltersTimelineIT {

  static final String PASSWORD = "Store-Manager-Pass-9";
  static boolean synced;

  @Autowired
  SimulatedCorps corps;

  @Autowired
  SyncingCorp fullSync;

  @Autowired
  JdbcTemplate jdbc;

  @Autowired
  WelcomeLedger welcomes;

  @LocalServerPort
  int port;

  String corp;
  Api admin;

  @BeforeEach
  void syncOnce() {
    corp = corps.corpId(0);
    admin = new Api(base());
    if (!synced) {
      SyncRun[] run = new SyncRun[1];
      Api.await(120_000, () -> fullSync.runNow(corp, "TEST").map(r -> run[0] = r).isPresent(), "a full sync");
      assertThat(run[0].status()).isEqualTo(SyncRun.Status.SUCCEEDED);
      synced = true;
    }
  }

  String base() {
    return "http://127.0.0.1:" + port;
  }

  String c() {
    return "/api/corps/" + corp;
  }

  long store(String name) {
    return jdbc.queryForObject("SELECT dept_id FROM scrm_department WHERE corp_id = ? AND name = ?", Long.class,
        corp, name);
  }

  /** The staff of a store (the demo's stores have no sub-departments). */
  Set<String> staffOf(long store) {
    Set<String> staff = new HashSet<>();
    jdbc.query("SELECT userid, department_ids FROM scrm_staff WHERE corp_id = ? AND deleted_at IS NULL", rs -> {
      if (List.of(rs.getString(2).split(",")).contains(String.valueOf(store))) {
        staff.add(rs.getString(1));
      }
    }, corp);
    return staff;
  }

  /** The customers with a live relation to a member of the store. */
  Set<String> customersOf(long store) {
    Set<String> staff = staffOf(store);
    Set<String> out = new HashSet<>();
    jdbc.query("SELECT userid, external_userid FROM scrm_follow_relation WHERE corp_id = ? AND deleted_at IS NULL",
        rs -> {
          if (staff.contains(rs.getString(1))) {
            out.add(rs.getString(2));
          }
        }, corp);
    return out;
  }

  Api manager(String username, long store) {
    if (admin.exchange("GET", "/api/accounts/" + username, null).statusCode() == 404) {
      admin.post("/api/accounts", "{\"username\": \"" + username + "\", \"password\": \"" + PASSWORD
          + "\", \"role\": \"STORE_MANAGER\", \"corps\": [\"" + corp + "\"], \"stores\": {\"" + corp + "\": ["
          + store + "]}}", 201);
    }
    return Api.as(base(), username, PASSWORD);
  }

  @Test
  void theStoreFilterIsTheStoresCustomersAndKeepsAStoreManagersScope() {
    long a = store("上海南京西路店");
    Set<String> expected = customersOf(a);
    assertThat(expected).isNotEmpty();
    Set<String> seen = new HashSet<>();
    long total = admin.get(c() + "/customers?size=1&department=" + a, 200).get("total").asLong();
    for (int page = 1; page <= (total + 199) / 200; page++) {
      admin.get(c() + "/customers?size=200&department=" + a + "&page=" + page, 200).get("items")
          .forEach(x -> seen.add(x.get("externalUserId").asText()));
    }
    assertThat(total).isEqualTo(expected.size());
    assertThat(seen).isEqualTo(expected);

    long other = jdbc.queryForList("SELECT dept_id FROM scrm_department WHERE corp_id = ? AND dept_id <> ? "
        + "AND parent_id IS NOT NULL", Long.class, corp, a).stream()
        .filter(d -> !customersOf(d).isEmpty()).findFirst().orElseThrow();
    // the relation must be with a member of both (the filter and the scope hold on one relation)
    Set<String> staffOfBoth = new HashSet<>(staffOf(a));
    staffOfBoth.retainAll(staffOf(other));
    Set<String> both = new HashSet<>();
    jdbc.query("SELECT userid, external_userid FROM scrm_follow_relation WHERE corp_id = ? AND deleted_at IS NULL",
        rs -> {
          if (staffOfBoth.contains(rs.getString(1))) {
            both.add(rs.getString(2));
          }
        }, corp);
    Api manager = manager("filter-a", a);
    assertThat(manager.get(c() + "/customers?size=1&department=" + a, 200).get("total").asLong())
        .isEqualTo(expected.size());
    // another store's filter within store A's scope: only relations with staff of both stores
    assertThat(manager.get(c() + "/customers?size=1&department=" + other, 200).get("total").asLong())
        .isEqualTo(both.size());
  }

  @Test
  void theStageFilterCountsTheStagesCustomers() {
    String stage = jdbc.queryForList("SELECT lifecycle_stage FROM scrm_customer WHERE corp_id = ? "
        + "AND lifecycle_stage IS NOT NULL", String.class, corp).stream().findFirst().orElse("new");
    long expected = jdbc.queryForObject("SELECT COUNT(*) FROM scrm_customer c WHERE c.corp_id = ? "
        + "AND c.lifecycle_stage = ? AND EXISTS (SELECT 1 FROM scrm_follow_relation f WHERE f.corp_id = c.corp_id "
        + "AND f.external_userid = c.external_userid AND f.deleted_at IS NULL)", Long.class, corp, stage);
    assertThat(admin.get(c() + "/customers?size=1&stage=" + stage, 200).get("total").asLong()).isEqualTo(expected);
    long none = jdbc.queryForObject("SELECT COUNT(*) FROM scrm_customer c WHERE c.corp_id = ? "
        + "AND c.lifecycle_stage IS NULL AND EXISTS (SELECT 1 FROM scrm_follow_relation f WHERE f.corp_id = "
        + "c.corp_id AND f.external_userid = c.external_userid AND f.deleted_at IS NULL)", Long.class, corp);
    assertThat(admin.get(c() + "/customers?size=1&stage=none", 200).get("total").asLong()).isEqualTo(none);
    JsonNode problem = admin.get(c() + "/customers?stage=bogus", 400);
    assertThat(problem.toString()).contains("stage", "生命周期阶段");
  }

  @Test
  void theTimelineHoldsTheCustomersEventsNewestFirstAndKeepsTheStoreScope() {
    long a = store("上海南京西路店");
    Set<String> ofA = customersOf(a);
    // a customer of store A who also has a relation outside it
    Set<String> staffA = staffOf(a);
    Set<String> withOthers = new HashSet<>();
    jdbc.query("SELECT userid, external_userid FROM scrm_follow_relation WHERE corp_id = ? AND deleted_at IS NULL",
        rs -> {
          if (!staffA.contains(rs.getString(1))) {
            withOthers.add(rs.getString(2));
          }
        }, corp);
    String shared = ofA.stream().filter(withOthers::contains).sorted().findFirst().orElseThrow();
    String outside = jdbc.queryForList("SELECT DISTINCT external_userid FROM scrm_follow_relation WHERE corp_id = ?",
        String.class, corp).stream().filter(x -> !ofA.contains(x)).findFirst().orElseThrow();
    List<String> followers = jdbc.queryForList("SELECT userid FROM scrm_follow_relation WHERE corp_id = ? "
        + "AND external_userid = ? AND deleted_at IS NULL", String.class, corp, shared);
    String tagId = admin.get(c() + "/tags", 200).get(0).get("tags").get(0).get("tagId").asText();
    admin.post(c() + "/customers/" + shared + "/tags", "{\"add\": [\"" + tagId + "\"], \"operator\": \"时间线测试\", "
        + "\"syncToWeCom\": false}", 200);
    welcomes.record(corp, "timeline-" + shared, followers.get(0), shared, null, WelcomeLedger.Status.NO_CODE,
        "测试：无欢迎语 code", Instant.now(), Instant.now());

    JsonNode events = admin.get(c() + "/customers/" + shared + "/timeline", 200);
    List<String> kinds = new ArrayList<>();
    events.forEach(e -> kinds.add(e.get("kind").asText()));
    assertThat(kinds).contains("FOLLOW_ADDED", "TAG_SET", "WELCOME");
    assertThat(kinds.stream().filter("FOLLOW_ADDED"::equals).count()).isGreaterThanOrEqualTo(2);
    for (int i = 1; i < events.size(); i++) {
      assertThat(Instant.parse(events.get(i - 1).get("at").asText()))
          .isAfterOrEqualTo(Instant.parse(events.get(i).get("at").asText()));
    }
    JsonNode added = null;
    for (JsonNode e : events) {
      if (e.get("kind").asText().equals("FOLLOW_ADDED")) {
        added = e;
        break;
      }
    }
    assertThat(added.get("staffName").asText()).isNotBlank();
    assertThat(events.toString()).contains("时间线测试", "欢迎语：未发送（无欢迎语 code）");
    assertThat(admin.get(c() + "/welcomes?customer=" + shared, 200).toString()).contains("timeline-" + shared);

    Api manager = manager("timeline-a", a);
    manager.get(c() + "/customers/" + outside + "/timeline", 404);
    manager.get(c() + "/welcomes?customer=" + outside, 404);
    JsonNode mine = manager.get(c() + "/customers/" + shared + "/timeline", 200);
    Set<String> scopeStaff = new HashSet<>();
    manager.get(c() + "/staff?size=200", 200).get("items").forEach(s -> scopeStaff.add(s.get("userid").asText()));
    long ownAdds = 0;
    for (JsonNode e : mine) {
      if (e.get("kind").asText().startsWith("FOLLOW_")) {
        assertThat(scopeStaff).contains(e.get("userid").asText());
        ownAdds++;
      }
    }
    assertThat(ownAdds).isGreaterThanOrEqualTo(1);
    assertThat(mine.size()).isLessThan(events.size());
    admin.get(c() + "/customers/no-such-customer/timeline", 404);
  }
}
