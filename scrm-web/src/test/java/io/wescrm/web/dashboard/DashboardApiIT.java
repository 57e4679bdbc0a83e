package io.wescrm.web.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.wescrm.core.jdbc.JdbcTime;
import io.wescrm.core.sync.SyncRun;
import io.wescrm.core.sync.SyncingCorp;
import io.wescrm.web.SimulatedCorps;
import io.wescrm.web.testing.Api;
import io.wescrm.web.testing.WithSimulator;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/corps/{corp}/dashboard} over real HTTP on the synced demo corp, against oracles computed here
 * from the mirror rows (days counted in Java in Asia/Shanghai, not by the endpoint's SQL): the totals, the days,
 * the store scope of a store manager and the corp-wide part hidden from them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithSimulator(demoSeed = true)
class DashboardApiIT {

  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  static final String PASSWORD = "Dashboard-Store-Pass-9";
  static boolean synced;

  @Autowired
  SimulatedCorps corps;

  @Autowired
  SyncingCorp fullSync;

  @Autowired
  JdbcTemplate jdbc;

  @LocalServerPort
  int port;

  String corp;
  Api admin;

  @BeforeEach
  void syncOnce() {
    corp = corps.corpId(0);
    admin = new Api("http://127.0.0.1:" + port);
    if (!synced) {
      SyncRun[] run = new SyncRun[1];
      Api.await(120_000, () -> fullSync.runNow(corp, "TEST").map(r -> run[0] = r).isPresent(), "a full sync");
      assertThat(run[0].status()).isEqualTo(SyncRun.Status.SUCCEEDED);
      synced = true;
    }
  }

  @Test
  void theCorpsFiguresMatchTheMirror() {
    JsonNode body = admin.get("/api/corps/" + corp + "/dashboard?days=30", 200);
    JsonNode c = body.get("customers");
    JsonNode kpi = c.get("kpi");
    long customers = admin.get("/api/corps/" + corp + "/customers?size=1", 200).get("total").asLong();
    assertThat(kpi.get("customers").asLong()).isEqualTo(customers).isPositive();
    long stageSum = 0;
    for (JsonNode s : c.get("stages")) {
      stageSum += s.get("total").asLong();
    }
    assertThat(stageSum).isEqualTo(customers);

    LocalDate today = LocalDate.now(SHANGHAI);
    LocalDate from = today.minusDays(29);
    assertThat(c.get("daily")).hasSize(30);
    assertThat(c.get("daily").get(0).get("day").asString()).isEqualTo(from.toString());
    assertThat(c.get("daily").get(29).get("day").asString()).isEqualTo(today.toString());
    Map<LocalDate, Long> added = perDay("added_at", "1 = 1", from);
    Map<LocalDate, Long> lost = perDay("deleted_at", "(deleted_by IS NULL OR deleted_by <> 'TRANSFER')", from);
    assertThat(added.values().stream().mapToLong(Long::longValue).sum())
        .as("the demo adds customers in the last 30 days").isPositive();
    for (JsonNode d : c.get("daily")) {
      LocalDate day = LocalDate.parse(d.get("day").asString());
      assertThat(d.get("added").asLong()).as("added " + day).isEqualTo(added.getOrDefault(day, 0L));
      assertThat(d.get("lost").asLong()).as("lost " + day).isEqualTo(lost.getOrDefault(day, 0L));
    }
    long addedPeriod = added.values().stream().mapToLong(Long::longValue).sum();
    long lostPeriod = lost.values().stream().mapToLong(Long::longValue).sum();
    assertThat(kpi.get("addedPeriod").asLong()).isEqualTo(addedPeriod);
    assertThat(kpi.get("netPeriod").asLong()).isEqualTo(addedPeriod - lostPeriod);
    assertThat(kpi.get("addedToday").asLong()).isEqualTo(added.getOrDefault(today, 0L));
    long channelSum = 0;
    for (JsonNode ch : c.get("channels")) {
      channelSum += ch.get("added").asLong();
    }
    assertThat(channelSum).isEqualTo(addedPeriod);
    assertThat(kpi.get("staff").asLong()).isEqualTo(jdbc.queryForObject(
        "SELECT COUNT(*) FROM scrm_staff WHERE corp_id = ? AND deleted_at IS NULL", Long.class, corp));
    assertThat(kpi.get("groups").asLong()).isEqualTo(jdbc.queryForObject(
        "SELECT COUNT(*) FROM scrm_group_chat WHERE corp_id = ? AND dismissed_at IS NULL", Long.class, corp));
    assertThat(c.get("stores")).isNotEmpty();
    assertThat(c.get("staff").size()).isBetween(1, 10);
    // the top staff member's live relations, as the mirror counts them
    JsonNode top = c.get("staff").get(0);
    assertThat(top.get("total").asLong()).isEqualTo(jdbc.queryForObject("SELECT COUNT(*) FROM scrm_follow_relation "
        + "WHERE corp_id = ? AND userid = ? AND deleted_at IS NULL", Long.class, corp, top.get("key").asString()));

    JsonNode ops = body.get("ops");
    assertThat(ops.isNull()).isFalse();
    assertThat(ops.get("inboxDepth").asLong()).isGreaterThanOrEqualTo(0);
    assertThat(ops.get("lastSync").get("status").asString()).isIn("SUCCEEDED", "RUNNING");

    JsonNode ninety = admin.get("/api/corps/" + corp + "/dashboard?days=90", 200).get("customers");
    assertThat(ninety.get("daily")).hasSize(90);
    assertThat(ninety.get("kpi").get("addedPeriod").asLong()).isGreaterThanOrEqualTo(addedPeriod);
    assertThat(admin.get("/api/corps/" + corp + "/dashboard?days=12", 400).get("detail").asString())
        .contains("days 只能是");
  }

  @Test
  void aStoreManagerSeesTheirStoresOnlyAndNoOperations() {
    long store = jdbc.queryForObject("SELECT dept_id FROM scrm_department WHERE corp_id = ? AND name = ?",
        Long.class, corp, "上海南京西路店");
    admin.post("/api/accounts", "{\"username\": \"dash-store\", \"password\": \"" + PASSWORD
        + "\", \"role\": \"STORE_MANAGER\", \"corps\": [\"" + corp + "\"], \"stores\": {\"" + corp + "\": [" + store
        + "]}}", 201);
    Api manager = Api.as("http://127.0.0.1:" + port, "dash-store", PASSWORD);
    JsonNode body = manager.get("/api/corps/" + corp + "/dashboard?days=30", 200);
    assertThat(body.get("ops").isNull()).isTrue();
    JsonNode c = body.get("customers");
    long mine = manager.get("/api/corps/" + corp + "/customers?size=1", 200).get("total").asLong();
    assertThat(c.get("kpi").get("customers").asLong()).isEqualTo(mine).isPositive()
        .isLessThan(admin.get("/api/corps/" + corp + "/customers?size=1", 200).get("total").asLong());
    long staff = manager.get("/api/corps/" + corp + "/staff?size=1", 200).get("total").asLong();
    assertThat(c.get("kpi").get("staff").asLong()).isEqualTo(staff);
    for (JsonNode s : c.get("stores")) {
      assertThat(s.get("key").asString()).isEqualTo(String.valueOf(store));
    }
  }

  /** Follow relations per Asia/Shanghai day of {@code column} since {@code from}, counted here. */
  private Map<LocalDate, Long> perDay(String column, String where, LocalDate from) {
    Map<LocalDate, Long> out = new HashMap<>();
    jdbc.query("SELECT " + column + " FROM scrm_follow_relation WHERE corp_id = ? AND " + column + " IS NOT NULL AND "
        + where, rs -> {
          LocalDate day = JdbcTime.instant(JdbcTime.local(rs.getObject(1))).atZone(SHANGHAI).toLocalDate();
          if (!day.isBefore(from)) {
            out.merge(day, 1L, Long::sum);
          }
        }, corp);
    return out;
  }
}
