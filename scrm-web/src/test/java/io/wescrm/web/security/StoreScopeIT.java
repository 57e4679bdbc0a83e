package io.wescrm.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.wescrm.core.sync.SyncRun;
import io.wescrm.core.sync.SyncingCorp;
import io.wescrm.web.SimulatedCorps;
import io.wescrm.web.testing.Api;
import io.wescrm.web.testing.WithSimulator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Store scope on the customer API (the model slice): a store manager's list, count and by-id see exactly the
 * customers with a live relation to a member of their store, checked against the synced demo corp.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithSimulator(demoSeed = true)
class StoreScopeIT {

  static final String PASSWORD = "Store-Manager-Pass-9";

  @Autowired
  SimulatedCorps corps;

  @Autowired
  SyncingCorp fullSync;

  @Autowired
  JdbcTemplate jdbc;

  @LocalServerPort
  int port;

  @Test
  void aStoreManagerSeesOnlyTheCustomersOfTheirStore() {
    String corp = corps.corpId(0);
    // a scheduled reconciliation pass may hold the corp's sync lock for a moment: run when it is free
    SyncRun[] run = new SyncRun[1];
    Api.await(120_000, () -> fullSync.runNow(corp, "TEST").map(r -> run[0] = r).isPresent(), "a full sync");
    assertThat(run[0].status()).isEqualTo(SyncRun.Status.SUCCEEDED);
    String base = "http://127.0.0.1:" + port;
    Api admin = new Api(base);
    long store = jdbc.queryForObject("SELECT dept_id FROM scrm_department WHERE corp_id = ? AND name = ?",
        Long.class, corp, "上海南京西路店");

    // the oracle: staff whose departments name the store (the demo's stores have no sub-departments)
    Set<String> staff = new HashSet<>();
    jdbc.query("SELECT userid, department_ids FROM scrm_staff WHERE corp_id = ? AND deleted_at IS NULL", rs -> {
      if (List.of(rs.getString(2).split(",")).contains(String.valueOf(store))) {
        staff.add(rs.getString(1));
      }
    }, corp);
    assertThat(staff).isNotEmpty();
    Set<String> expected = new HashSet<>();
    Set<String> others = new HashSet<>();
    jdbc.query("SELECT userid, external_userid FROM scrm_follow_relation WHERE corp_id = ? AND deleted_at IS NULL",
        rs -> {
          (staff.contains(rs.getString(1)) ? expected : others).add(rs.getString(2));
        }, corp);
    others.removeAll(expected);
    assertThat(expected).isNotEmpty();
    assertThat(others).isNotEmpty();

    admin.post("/api/accounts", "{\"username\": \"store-a\", \"password\": \"" + PASSWORD
        + "\", \"role\": \"STORE_MANAGER\", \"corps\": [\"" + corp + "\"], \"stores\": {\"" + corp + "\": [" + store
        + "]}}", 201);
    Api manager = Api.as(base, "store-a", PASSWORD);
    assertThat(manager.get("/api/auth/me", 200).get("stores").get(corp).get(0).asLong()).isEqualTo(store);

    Set<String> seen = new HashSet<>();
    long total = -1;
    for (int page = 1; total < 0 || seen.size() < total; page++) {
      JsonNode result = manager.get("/api/corps/" + corp + "/customers?size=200&page=" + page, 200);
      total = result.get("total").asLong();
      if (result.get("items").isEmpty()) {
        break;
      }
      result.get("items").forEach(c -> seen.add(c.get("externalUserId").asText()));
    }
    assertThat(total).isEqualTo(expected.size());
    assertThat(seen).isEqualTo(expected);
    assertThat(admin.get("/api/corps/" + corp + "/customers?size=1", 200).get("total").asLong())
        .isGreaterThan(total);
    // the deleted-relation view and a filter on another store's staff keep the scope
    String otherStaff = jdbc.queryForList("SELECT userid FROM scrm_follow_relation WHERE corp_id = ? "
        + "AND deleted_at IS NULL AND external_userid = ?", String.class, corp, others.iterator().next()).get(0);
    assertThat(manager.get("/api/corps/" + corp + "/customers?userid=" + otherStaff, 200).get("total").asLong())
        .isZero();
    assertThat(manager.get("/api/corps/" + corp + "/customers?relation=any", 200).get("total").asLong())
        .isGreaterThanOrEqualTo(total);

    String mine = expected.iterator().next();
    String theirs = others.iterator().next();
    manager.get("/api/corps/" + corp + "/customers/" + mine, 200);
    assertThat(manager.get("/api/corps/" + corp + "/customers/" + theirs, 404).get("code").asText())
        .isEqualTo("customer_not_found");
    admin.get("/api/corps/" + corp + "/customers/" + theirs, 200);
    // and no mutation for a store manager yet
    manager.post("/api/corps/" + corp + "/sync", null, 403);
  }
}
