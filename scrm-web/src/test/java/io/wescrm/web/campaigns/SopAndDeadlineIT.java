package io.wescrm.web.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import io.wescrm.core.campaigns.QuietHours;
import io.wescrm.core.campaigns.SequencingSops;
import io.wescrm.core.campaigns.jdbc.JdbcSopEnrollments;
import io.wescrm.core.sync.SyncRun;
import io.wescrm.core.sync.SyncingCorp;
import io.wescrm.web.SimulatedCorps;
import io.wescrm.web.testing.Api;
import io.wescrm.web.testing.OffsetClock;
import io.wescrm.web.testing.WithSimulator;
import io.wescrm.wecom.simulator.SimCorp;
import io.wescrm.wecom.simulator.SimGroupMsgs;
import io.wescrm.wecom.simulator.SimStaff;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Time-driven campaigns under an injected clock: a 3-step SOP (day 0 / 3 / 7 after a channel add) runs exactly, a
 * step due inside quiet hours goes out at the window's end (never dropped), and a customer who deleted the staff
 * member gets nothing more; an unconfirmed task is reminded, then cancelled at its deadline (NOT_CONFIRMED).
 * The quiet window is placed relative to the wall clock at start, so the test means the same at any hour.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "scrm.campaigns.idle=100ms", "scrm.campaigns.first-poll=200ms", "scrm.campaigns.min-poll=200ms",
    "scrm.campaigns.max-poll=500ms", "scrm.campaigns.dispatching-backoff=200ms", "scrm.campaigns.sop-tick=200ms",
    "scrm.campaigns.cap-per-month=0", "scrm.callback.coalescing-window=100ms"})
@WithSimulator(seed = {2, 4, 20, 24, 0, 0})
class SopAndDeadlineIT {

  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  /**
   * The wall clock's time of day when the context starts (or {@code -Dsop-it.start=HH:mm}, to try a given hour);
   * quiet hours are [+2 h, +4 h), so the window crosses midnight when the tests start between 20:00 and 22:00. A
   * tried hour must not put the wall clock inside its window: the tests would start by moving the clock past it, and
   * the simulator's callbacks (stamped with the wall clock) would then be refused as stale.
   */
  static final LocalTime START = System.getProperty("sop-it.start") != null
      ? LocalTime.parse(System.getProperty("sop-it.start"))
      : LocalTime.now(SHANGHAI).truncatedTo(ChronoUnit.MINUTES);
  static final QuietHours QUIET = new QuietHours(START.plusHours(2), START.plusHours(4), SHANGHAI);

  @DynamicPropertySource
  static void quietHours(DynamicPropertyRegistry registry) {
    registry.add("scrm.campaigns.quiet-hours", () -> START.plusHours(2) + "-" + START.plusHours(4));
  }

  @TestConfiguration
  static class Clocks {
    @Bean
    @Primary
    OffsetClock offsetClock() {
      return new OffsetClock();
    }
  }

  @Autowired
  SimulatedCorps corps;

  @Autowired
  OffsetClock clock;

  @Autowired
  Clock injected;

  @LocalServerPort
  int port;

  @Autowired
  JdbcTemplate jdbc;

  @Autowired
  SyncingCorp sync;

  /**
   * Ticked by the test itself as well: with Redis (the MariaDB suite) the SOP tick's lease is cluster-wide, and the
   * node holding it may be another test class's context, with the wall clock instead of this one.
   */
  @Autowired
  SequencingSops sops;

  @Autowired
  JdbcSopEnrollments enrollments;

  static boolean ready;
  Api api;

  SimCorp corp() {
    return corps.corp(0);
  }

  @BeforeEach
  void setUp() {
    api = new Api("http://127.0.0.1:" + port + "/api/corps/" + corp().corpId());
    if (!ready) {
      assertThat(injected).isSameAs(clock);
      assertThat(sync.runNow(corp().corpId(), "TEST").orElseThrow().status()).isEqualTo(SyncRun.Status.SUCCEEDED);
      corp().callbacks("http://127.0.0.1:" + port + "/wecom/callback/" + corp().corpId(),
          SimulatedCorps.token(corp().corpId()), SimulatedCorps.aesKey(corp().corpId()))
          .callbackRetryInterval(Duration.ofMillis(100));
      ready = true;
    }
    corp().groupMsgs().settings(new SimGroupMsgs.Settings(200, 1.0, SimGroupMsgs.CapMode.NONE, 50, 0.0, 3_000));
    // each test starts outside the quiet window, whatever an earlier test did to the clock
    if (QUIET.contains(clock.instant())) {
      clock.advanceTo(QUIET.shift(clock.instant()).plusSeconds(1));
    }
  }

  SimStaff staff() {
    return corp().staff().stream().filter(SimStaff::customerContactEnabled).findFirst().orElseThrow();
  }

  List<String> texts(String externalUserId) {
    return corp().groupMsgs().receivedBy(externalUserId).stream().map(SimGroupMsgs.Receipt::text).toList();
  }

  /** Day {@code day} of the anchor at {@code time} (Shanghai), as an instant. */
  static Instant at(Instant anchor, int day, LocalTime time) {
    return ZonedDateTime.ofInstant(anchor, SHANGHAI).toLocalDate().plusDays(day).atTime(time).atZone(SHANGHAI)
        .toInstant();
  }

  @Test
  void aThreeStepSopRunsOnItsDaysRespectsQuietHoursAndStopsForACustomerWhoLeft() {
    LocalTime inQuiet = START.plusHours(3);
    LocalTime outside = START.plusHours(1);
    long id = api.post("/campaigns", """
        {"name": "新客三步 SOP", "kind": "SOP", "channel": "SINGLE",
         "sop": {"trigger": {"type": "CHANNEL", "values": ["sop_qr"]},
                 "steps": [{"day": 0, "time": "00:00", "content": {"text": "第一步：欢迎"}},
                           {"day": 3, "time": "%s", "content": {"text": "第二步：{{staff_name}}的回访"}},
                           {"day": 7, "time": "%s", "content": {"text": "第三步：会员日"}}]}}"""
        .formatted(inQuiet, outside), 201).get("id").asLong();
    String userid = staff().userid();
    String stays = corp().addCustomer(null, "留下的客户", 1, 1, null, null).externalUserId();
    String leaves = corp().addCustomer(null, "离开的客户", 1, 2, null, null).externalUserId();
    Instant anchor = clock.instant();
    corp().addFollow(userid, stays, "", "", 1, "sop_qr", 0, List.of(), List.of());
    corp().addFollow(userid, leaves, "", "", 1, "sop_qr", 0, List.of(), List.of());
    String other = corp().addCustomer(null, "别的渠道", 1, 1, null, null).externalUserId();
    corp().addFollow(userid, other, "", "", 1, "other_qr", 0, List.of(), List.of());

    Api.await(30_000, () -> ticked() && texts(stays).size() == 1 && texts(leaves).size() == 1, "day 0 sent to both");
    assertThat(texts(stays)).containsExactly("第一步：欢迎");
    assertThat(api.get("/campaigns/" + id + "/enrollments", 200).size()).isEqualTo(2);

    corp().removeFollow(userid, leaves, true);
    Api.await(30_000, () -> "STOPPED".equals(enrollment(id, leaves)), "the leaver's enrolment stopped");

    // day 3, inside quiet hours: due at the window's end, so nothing yet (the end is the next day's when the window
    // crosses midnight: a step at 23:30 in a 22:00-01:00 window goes out at 01:00 on day 4)
    Instant windowEnd = QUIET.shift(at(anchor, 3, inQuiet));
    assertThat(windowEnd).isAfter(at(anchor, 3, inQuiet));
    clock.advanceTo(at(anchor, 3, inQuiet).plusSeconds(60));
    pause(1500);
    sops.tick();
    pause(500);
    assertThat(texts(stays)).hasSize(1);
    clock.advanceTo(windowEnd.plusSeconds(30));
    Api.await(30_000, () -> ticked() && texts(stays).size() == 2, "day 3 sent at the quiet window's end");
    assertThat(texts(stays).get(1)).isEqualTo("第二步：" + staff().name() + "的回访");
    Instant sent = jdbc.queryForObject("SELECT MAX(r.due_at) FROM scrm_campaign_run r WHERE r.campaign_id = ? "
        + "AND r.sop_step = 1", java.sql.Timestamp.class, id).toInstant();
    assertThat(sent).isAfterOrEqualTo(windowEnd);

    clock.advanceTo(at(anchor, 7, outside).plusSeconds(30));
    Api.await(30_000, () -> ticked() && texts(stays).size() == 3, "day 7 sent");
    assertThat(texts(stays)).containsExactly("第一步：欢迎", "第二步：" + staff().name() + "的回访", "第三步：会员日");
    assertThat(texts(leaves)).containsExactly("第一步：欢迎");
    assertThat(texts(other)).isEmpty();
    Api.await(10_000, () -> ticked() && "DONE".equals(enrollment(id, stays)), "the sequence is done");
    pause(1000);
    assertThat(texts(stays)).as("nothing more after the last step").hasSize(3);
  }

  @Test
  void anSopTriggeredByJoiningAGroupSendsFromTheGroupsOwner() {
    SimStaff owner = staff();
    String chatId = corp().addGroupChat(null, "SOP 测试群", owner.userid(), "", 0).chatId();
    long id = api.post("/campaigns", """
        {"name": "入群 SOP", "kind": "SOP", "channel": "SINGLE",
         "sop": {"trigger": {"type": "GROUP", "values": ["%s"]},
                 "steps": [{"day": 0, "time": "00:00", "content": {"text": "欢迎入群，我是群主{{staff_name}}"}}]}}"""
        .formatted(chatId), 201).get("id").asLong();
    String joiner = corp().addCustomer(null, "入群的客户", 1, 1, null, null).externalUserId();
    corp().addFollow(owner.userid(), joiner, "", "", 1, null, 0, List.of(), List.of());
    // the customer is the owner's friend before joining (a 1:1 group send needs the relation)
    Api.await(30_000, () -> jdbc.queryForObject("SELECT COUNT(*) FROM scrm_follow_relation WHERE corp_id = ? "
        + "AND userid = ? AND external_userid = ? AND deleted_at IS NULL", Integer.class, corp().corpId(),
        owner.userid(), joiner) == 1, "the relation is applied");
    // and the group exists here before the join (a join learnt from the group's first fetch is no join event)
    Api.await(30_000, () -> jdbc.queryForObject("SELECT COUNT(*) FROM scrm_group_chat WHERE corp_id = ? "
        + "AND chat_id = ?", Integer.class, corp().corpId(), chatId) == 1, "the group is applied");
    corp().addGroupMember(chatId, joiner, 2, 3, owner.userid());
    Api.await(30_000, () -> ticked() && texts(joiner).size() == 1, "the joiner got step 0");
    assertThat(texts(joiner)).containsExactly("欢迎入群，我是群主" + owner.name());
    assertThat(api.get("/campaigns/" + id + "/enrollments", 200).get(0).get("userid").asString())
        .isEqualTo(owner.userid());
  }

  boolean ticked() {
    sops.tick();
    return true;
  }

  /**
   * An enrolment is made when the relation is applied; the customer's row comes with the re-fetch moments later.
   * A tick in between must not plan the step without the customer and then move the enrolment past it (CI caught
   * a customer who never got day 0 that way): the step waits for the row, and is sent once it is there.
   */
  @Test
  void aStepWaitsForItsCustomersRowInsteadOfSkippingThem() {
    long id = api.post("/campaigns", """
        {"name": "等客户资料的 SOP", "kind": "SOP", "channel": "SINGLE",
         "sop": {"trigger": {"type": "CHANNEL", "values": ["unused_qr"]},
                 "steps": [{"day": 0, "time": "00:00", "content": {"text": "资料到了再发"}}]}}""", 201)
        .get("id").asLong();
    String userid = staff().userid();
    String customer = jdbc.queryForObject("SELECT MIN(f.external_userid) FROM scrm_follow_relation f JOIN "
        + "scrm_customer c ON c.corp_id = f.corp_id AND c.external_userid = f.external_userid WHERE f.corp_id = ? "
        + "AND f.userid = ? AND f.deleted_at IS NULL", String.class, corp().corpId(), userid);
    // the customer's row "not fetched yet"
    jdbc.update("UPDATE scrm_customer SET external_userid = ? WHERE corp_id = ? AND external_userid = ?",
        "hidden_" + customer, corp().corpId(), customer);
    try {
      Instant now = clock.instant();
      assertThat(enrollments.enroll(corp().corpId(), id, customer, userid, now, now, now)).isTrue();
      sops.tick();
      pause(600); // and the background ticks
      sops.tick();
      assertThat(enrollment(id, customer)).as("still on day 0, waiting").isEqualTo("ACTIVE");
      assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM scrm_campaign_delivery d JOIN scrm_campaign_run r "
          + "ON r.id = d.run_id WHERE r.campaign_id = ?", Integer.class, id)).isZero();
    } finally {
      jdbc.update("UPDATE scrm_customer SET external_userid = ? WHERE corp_id = ? AND external_userid = ?",
          customer, corp().corpId(), "hidden_" + customer);
    }
    Api.await(30_000, () -> ticked() && texts(customer).contains("资料到了再发"), "sent once the row is there");
    Api.await(10_000, () -> ticked() && "DONE".equals(enrollment(id, customer)), "the sequence is done");
    assertThat(texts(customer).stream().filter("资料到了再发"::equals)).hasSize(1);
  }

  String enrollment(long id, String externalUserId) {
    for (JsonNode e : api.get("/campaigns/" + id + "/enrollments", 200)) {
      if (e.get("externalUserId").asString().equals(externalUserId)) {
        return e.get("status").asString();
      }
    }
    return null;
  }

  @Test
  void anUnconfirmedTaskIsRemindedThenCancelledAtItsDeadline() {
    corp().groupMsgs().settings(new SimGroupMsgs.Settings(200, 0.0, SimGroupMsgs.CapMode.NONE, 50, 0.0, 3_000));
    // start outside quiet hours whatever the wall clock says: the window is [START+2h, START+4h)
    long id = api.post("/campaigns", """
        {"name": "无人确认", "channel": "SINGLE", "content": {"text": "{{staff_name}}：限时活动"},
         "audience": {"staff": ["%s"]},
         "limits": {"confirmHours": 1, "remindAfterMinutes": 10, "maxReminders": 2}}""".formatted(staff().userid()),
        201).get("id").asLong();
    long runId = api.post("/campaigns/" + id + "/run", null, 202).get("id").asLong();
    Api.await(30_000, () -> jdbc.queryForObject("SELECT COUNT(*) FROM scrm_campaign_task WHERE run_id = ? "
        + "AND status = 'CREATED'", Integer.class, runId) == 1, "task created");
    String msgid = jdbc.queryForObject("SELECT msgid FROM scrm_campaign_task WHERE run_id = ?", String.class, runId);
    clock.advance(Duration.ofMinutes(11));
    Api.await(30_000, () -> reminders(msgid) == 1, "first reminder");
    clock.advance(Duration.ofMinutes(11));
    Api.await(30_000, () -> reminders(msgid) == 2, "second reminder");
    clock.advance(Duration.ofMinutes(11));
    pause(1500);
    assertThat(reminders(msgid)).as("maxReminders").isEqualTo(2);
    clock.advance(Duration.ofMinutes(40));
    Api.await(30_000, () -> corp().groupMsgs().task(msgid).orElseThrow().cancelled(), "cancelled in WeCom");
    Api.await(30_000, () -> "DONE".equals(runStatus(id, runId)), "run done");
    List<String> statuses = jdbc.queryForList("SELECT DISTINCT status FROM scrm_campaign_delivery WHERE run_id = ?",
        String.class, runId);
    assertThat(statuses).containsExactly("NOT_CONFIRMED");
    assertThat(corp().groupMsgs().receivedCounts(staff().name() + "：限时活动")).isEmpty();
    JsonNode results = api.get("/campaigns/" + id + "/results", 200);
    assertThat(results.get("failed").get("NOT_CONFIRMED").asLong()).isPositive();
    assertThat(results.get("confirmed").asLong()).isZero();
  }

  int reminders(String msgid) {
    return corp().groupMsgs().task(msgid).orElseThrow().reminders().size();
  }

  String runStatus(long id, long runId) {
    for (JsonNode run : api.get("/campaigns/" + id + "/runs", 200)) {
      if (run.get("id").asLong() == runId) {
        return run.get("status").asString();
      }
    }
    return null;
  }

  static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
