package io.wescrm.web.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wescrm.core.events.DomainEvent;
import io.wescrm.core.events.EventConsumer;
import io.wescrm.core.events.Outbox;
import io.wescrm.core.inbox.Inbox;
import io.wescrm.core.inbox.RefetchQueue;
import io.wescrm.core.sync.SyncRun;
import io.wescrm.core.sync.SyncingCorp;
import io.wescrm.web.SimulatedCorps;
import io.wescrm.web.testing.WithSimulator;
import io.wescrm.wecom.simulator.SimCallback;
import io.wescrm.wecom.simulator.SimCorp;
import io.wescrm.wecom.simulator.SimFollow;
import io.wescrm.wecom.simulator.SimGroupChat;
import io.wescrm.wecom.simulator.SimGroupMember;
import io.wescrm.wecom.simulator.SimScan;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every event type of reference §2, emitted by the simulator as WeCom does (signed, encrypted, retried), received,
 * stored, applied in order and enriched by coalesced re-fetches: afterwards our database equals the simulated corp.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"scrm.callback.coalescing-window=100ms"})
@WithSimulator(seed = {2, 8, 60, 90, 4, 6})
class CallbackApplyIT {

  @Autowired
  SimulatedCorps corps;

  static final List<DomainEvent> published = new CopyOnWriteArrayList<>();

  @TestConfiguration
  static class Capture {
    /** A consumer of every domain event, as a feature would be: through the outbox. */
    @Bean
    EventConsumer domainEventCapture() {
      return new EventConsumer() {
        @Override
        public String name() {
          return "test-capture";
        }

        @Override
        public boolean accepts(DomainEvent event) {
          return true;
        }

        @Override
        public List<DomainEvent> handle(List<DomainEvent> events) {
          published.addAll(events);
          return List.of();
        }
      };
    }
  }

  @LocalServerPort
  int port;

  @Autowired
  JdbcTemplate jdbc;

  @Autowired
  SyncingCorp fullSync;

  @Autowired
  Inbox inbox;

  @Autowired
  RefetchQueue refetches;

  @Autowired
  Outbox outbox;

  static boolean ready;

  SimCorp corp() {
    return corps.corp(0);
  }

  @BeforeEach
  void syncAndListen() {
    if (!ready) {
      assertThat(fullSync.runNow(corp().corpId(), "TEST").orElseThrow().status())
          .isEqualTo(SyncRun.Status.SUCCEEDED);
      corp().callbacks("http://127.0.0.1:" + port + "/wecom/callback/" + corp().corpId(),
          SimulatedCorps.token(corp().corpId()), SimulatedCorps.aesKey(corp().corpId()))
          .callbackRetryInterval(Duration.ofMillis(100));
      ready = true;
    }
  }

  @Test
  void customerEventsApplyAndTheDatabaseEqualsTheCorp() throws Exception {
    String staff = corp().followUserIds().get(0);
    SimScan scan = corp().scan(staff, "store_sh01_qr", "扫码新客🌷");
    SimScan half = corp().scan(corp().followUserIds().get(1), "live_0923", "半加客户", true);
    SimFollow edited = corp().follows().get(3);
    corp().editFollow(edited.userid(), edited.externalUserId(), "店长备注✨", "回调改的描述", List.of("13700000000"));
    SimFollow tagged = corp().follows().get(5);
    String tag = corp().tags().get(0).id();
    corp().markTag(tagged.userid(), tagged.externalUserId(), List.of(tag), tagged.tagIds());
    SimFollow byStaff = corp().follows().get(7);
    corp().removeFollow(byStaff.userid(), byStaff.externalUserId(), false);
    SimFollow byCustomer = corp().follows().get(9);
    corp().removeFollow(byCustomer.userid(), byCustomer.externalUserId(), true);
    awaitApplied();

    SimulatedCorps.assertSameState(jdbc, corp());
    assertThat(jdbc.queryForObject("SELECT state FROM scrm_follow_relation WHERE corp_id = ? AND userid = ? AND "
        + "external_userid = ?", String.class, corp().corpId(), staff, scan.externalUserId()))
        .isEqualTo("store_sh01_qr");
    assertThat(jdbc.queryForObject("SELECT name FROM scrm_customer WHERE corp_id = ? AND external_userid = ?",
        String.class, corp().corpId(), scan.externalUserId())).isEqualTo("扫码新客🌷");
    assertThat(deletedBy(byStaff)).isEqualTo("STAFF");
    assertThat(deletedBy(byCustomer)).isEqualTo("CUSTOMER");
    assertThat(published).anySatisfy(e -> assertThat(e).isEqualTo(new DomainEvent.CustomerAdded(corp().corpId(),
        staff, scan.externalUserId(), "store_sh01_qr", scan.welcomeCode(), false, e.at())));
    assertThat(published).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(DomainEvent.CustomerAdded.class,
        a -> {
          assertThat(a.externalUserId()).isEqualTo(half.externalUserId());
          assertThat(a.half()).isTrue();
        }));
    assertThat(published).anySatisfy(e -> assertThat(e).isInstanceOf(DomainEvent.CustomerDeletedStaff.class));
    assertThat(published).anySatisfy(e -> assertThat(e).isInstanceOf(DomainEvent.StaffDeletedCustomer.class));
  }

  @Test
  void groupEventsIncludingAMemberVersionGapApply() throws Exception {
    SimGroupChat group = corp().groupChats().get(0);
    String owner = group.owner();
    String newcomer = corp().follows().stream().map(SimFollow::externalUserId)
        .filter(id -> group.members().stream().noneMatch(m -> m.userid().equals(id))).findFirst().orElseThrow();
    corp().addGroupMember(group.chatId(), newcomer, 2, 3, owner);
    SimGroupMember leaver = group.members().stream().filter(m -> m.type() == 2).findFirst().orElseThrow();
    corp().removeGroupMember(group.chatId(), leaver.userid(), true);
    corp().renameGroup(group.chatId(), "改名后的群🎈");
    corp().changeGroupNotice(group.chatId(), "新公告");
    String created = "wr" + java.util.UUID.randomUUID().toString().replace("-", "");
    corp().addGroupChat(created, "新建群", owner, "", System.currentTimeMillis() / 1000,
        SimGroupMember.staff(owner, System.currentTimeMillis() / 1000, null));
    corp().dismissGroup(corp().groupChats().get(1).chatId());
    awaitApplied();
    SimulatedCorps.assertSameState(jdbc, corp());

    // a member event WeCom never delivered: the next event's LastMemVer no longer matches, the group is re-read
    SimGroupChat other = corp().groupChat(created).orElseThrow();
    corp().disableCallbacks();
    String missed = corp().follows().get(11).externalUserId();
    corp().addGroupMember(other.chatId(), missed, 2, 0, owner);
    corp().callbacks("http://127.0.0.1:" + port + "/wecom/callback/" + corp().corpId(),
        SimulatedCorps.token(corp().corpId()), SimulatedCorps.aesKey(corp().corpId()));
    corp().addGroupMember(other.chatId(), corp().follows().get(12).externalUserId(), 2, 3, owner);
    awaitApplied();
    SimulatedCorps.assertSameState(jdbc, corp());
    assertThat(published).anySatisfy(e -> assertThat(e).isInstanceOf(DomainEvent.MembersJoinedGroup.class));
    assertThat(published).anySatisfy(e -> assertThat(e).isInstanceOf(DomainEvent.MembersLeftGroup.class));
  }

  @Test
  void tagAndDirectoryEventsApply() throws Exception {
    var group = corp().addTagGroup("回调分组", 3, "甲", "乙");
    corp().renameTag(group.tags().get(0).id(), "甲（改）");
    SimFollow holder = corp().follows().get(2);
    String doomed = holder.tagIds().isEmpty() ? null : holder.tagIds().get(0);
    if (doomed != null) {
      corp().deleteTag(doomed);
    }
    corp().addDepartment(900, "新门店", 1);
    corp().addStaff("newhire01", "新导购", List.of(900L), true);
    corp().addStaff("leaver01", "离职导购", List.of(900L), false);
    corp().removeStaff("leaver01");
    awaitApplied();
    SimulatedCorps.assertSameState(jdbc, corp());
    if (doomed != null) {
      assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM scrm_follow_tag WHERE corp_id = ? AND tag_id = ?",
          Long.class, corp().corpId(), doomed)).isZero();
    }
  }

  @Test
  void unknownEventsAreParkedNotDroppedAndCanBeReplayed() throws Exception {
    long before = inbox.parkedCount(corp().corpId());
    corp().emitRaw("<xml><ToUserName><![CDATA[" + corp().corpId() + "]]></ToUserName><FromUserName><![CDATA[sys]]>"
        + "</FromUserName><CreateTime>" + System.currentTimeMillis() / 1000 + "</CreateTime><MsgType><![CDATA[event]]>"
        + "</MsgType><Event><![CDATA[change_future_thing]]></Event><ChangeType><![CDATA[whatever]]></ChangeType></xml>");
    corp().emitRaw("<xml><ToUserName><![CDATA[" + corp().corpId() + "]]></ToUserName><FromUserName><![CDATA[sys]]>"
        + "</FromUserName><CreateTime>" + System.currentTimeMillis() / 1000 + "</CreateTime><MsgType><![CDATA[event]]>"
        + "</MsgType><Event><![CDATA[batch_job_result]]></Event><BatchJob><JobId><![CDATA[job1]]></JobId><JobType>"
        + "<![CDATA[sync_user]]></JobType><ErrCode>0</ErrCode><ErrMsg><![CDATA[ok]]></ErrMsg></BatchJob></xml>");
    awaitApplied();
    assertThat(inbox.parkedCount(corp().corpId())).isEqualTo(before + 1);
    var parked = inbox.parked(corp().corpId(), 10).get(0);
    assertThat(parked.event()).isEqualTo("change_future_thing");
    assertThat(parked.lastError()).contains("unknown event");
    assertThat(inbox.replay(corp().corpId(), parked.id(), java.time.Instant.now())).isTrue();
    awaitApplied();
    assertThat(inbox.find(corp().corpId(), parked.id()).orElseThrow().status()).isEqualTo("PARKED");

    // an operator gives up on it: it leaves the parked list with the reason, and cannot be discarded twice
    String discard = "/api/corps/" + corp().corpId() + "/inbox/" + parked.id() + "/discard";
    var answer = post(discard, "{\"reason\": \"未知事件类型，不处理\"}");
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.body()).contains("DISCARDED");
    var discarded = inbox.find(corp().corpId(), parked.id()).orElseThrow();
    assertThat(discarded.status()).isEqualTo("DISCARDED");
    assertThat(discarded.lastError()).contains("未知事件类型，不处理").contains("unknown event");
    assertThat(inbox.parkedCount(corp().corpId())).isEqualTo(before);
    assertThat(post(discard, "").statusCode()).isEqualTo(409);
    assertThat(post("/api/corps/" + corp().corpId() + "/inbox/999999999/discard", "").statusCode()).isEqualTo(404);
    // nothing is older than the retention yet: a purge now deletes nothing
    var purge = post("/api/corps/" + corp().corpId() + "/inbox/purge", "");
    assertThat(purge.statusCode()).isEqualTo(200);
    assertThat(purge.body()).contains("\"deleted\":0");
    assertThat(inbox.find(corp().corpId(), parked.id())).isPresent();
  }

  java.net.http.HttpResponse<String> post(String path, String body) throws Exception {
    var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + path))
        .header("Content-Type", "application/json")
        .header("Authorization", io.wescrm.web.testing.Api.adminAuthorization("http://127.0.0.1:" + port))
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build();
    return java.net.http.HttpClient.newHttpClient().send(request,
        java.net.http.HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void duplicatedAndReorderedCallbacksChangeNothingAndReconciliationRepairsLostOnesReportingDrift()
      throws Exception {
    var faults = corps.simulator().callbackFaults();
    faults.seed(7).duplicateRate(0.3).reorderRate(0.3);
    try {
      for (int i = 0; i < 15; i++) {
        corp().scan(corp().followUserIds().get(i % 3), "dup_reorder", "乱序客户" + i);
      }
      awaitApplied();
    } finally {
      faults.reset();
    }
    SimulatedCorps.assertSameState(jdbc, corp());
    assertThat(corps.simulator().stats().callbacksDuplicated()).as("duplicates were sent").isPositive();

    faults.lossRate(1.0);
    SimFollow lostDelete;
    try {
      lostDelete = corp().follows().get(13);
      corp().removeFollow(lostDelete.userid(), lostDelete.externalUserId(), true);
      corp().scan(corp().followUserIds().get(0), "lost_event", "回调丢失的客户");
      awaitApplied();
    } finally {
      faults.reset();
    }
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM scrm_follow_relation WHERE corp_id = ? AND state = "
        + "'lost_event'", Long.class, corp().corpId())).as("the lost callback never arrived").isZero();

    SyncRun run = awaitRun(startReconciliation(false));
    assertThat(run.status()).isEqualTo(SyncRun.Status.SUCCEEDED);
    assertThat(run.kind()).isEqualTo("RECONCILE");
    assertThat(run.counts().rowsChanged() + run.counts().markedDeleted()).as("drift").isGreaterThanOrEqualTo(2);
    SimulatedCorps.assertSameState(jdbc, corp());
    assertThat(jdbc.queryForObject("SELECT deleted_by FROM scrm_follow_relation WHERE corp_id = ? AND userid = ? "
        + "AND external_userid = ?", String.class, corp().corpId(), lostDelete.userid(), lostDelete.externalUserId()))
        .isEqualTo("SYNC");
  }

  @Test
  void incrementalReconciliationRepairsOneSliceOfTheStaffPerPassAndAFullCycleRepairsEverything()
      throws Exception {
    awaitApplied();
    var faults = corps.simulator().callbackFaults();
    faults.lossRate(1.0);
    List<SimFollow> lostDeletes = new java.util.ArrayList<>();
    String dismissed;
    try {
      // one lost deletion per follow user, plus a lost rename and a lost dismissal of group chats
      for (String userid : corp().followUserIds()) {
        corp().followsOf(userid).stream().findFirst().ifPresent(f -> {
          corp().removeFollow(f.userid(), f.externalUserId(), false);
          lostDeletes.add(f);
        });
      }
      var chats = corp().groupChats();
      corp().renameGroup(chats.get(0).chatId(), "对账改名群");
      dismissed = chats.get(1).chatId();
      corp().dismissGroup(dismissed);
      awaitApplied();
    } finally {
      faults.reset();
    }
    assertThat(lostDeletes).hasSizeGreaterThan(2);
    io.wescrm.core.sync.SyncScope first = null;
    java.util.Set<Integer> covered = new java.util.HashSet<>();
    int slices = 8;
    for (int pass = 0; pass < slices; pass++) {
      SyncRun run = awaitRun(startReconciliation(true));
      assertThat(run.status()).isEqualTo(SyncRun.Status.SUCCEEDED);
      var scope = io.wescrm.core.sync.SyncScope.parse(run.scope());
      assertThat(scope.slices()).isEqualTo(slices);
      if (first != null) {
        assertThat(scope.slice()).as("passes rotate").isEqualTo((first.slice() + pass) % slices);
      } else {
        first = scope;
      }
      covered.add(scope.slice());
      for (SimFollow f : lostDeletes) {
        boolean repaired = covered.contains(Math.floorMod(f.userid().hashCode(), slices));
        assertThat(deletedBy(f)).as("relation %s/%s after pass %s", f.userid(), f.externalUserId(), scope)
            .isEqualTo(repaired ? "SYNC" : null);
      }
    }
    // a full cycle: everything repaired, the database equal to WeCom again
    SimulatedCorps.assertSameState(jdbc, corp());
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM scrm_group_chat WHERE corp_id = ? AND chat_id = ? "
        + "AND dismissed_at IS NOT NULL", Long.class, corp().corpId(), dismissed)).isOne();
    assertThat(runs.recent(corp().corpId(), slices).stream().mapToLong(r -> r.counts().rowsChanged()
        + r.counts().markedDeleted()).sum()).as("drift over the cycle").isGreaterThanOrEqualTo(lostDeletes.size() + 2);
  }

  private SyncRun awaitRun(long runId) {
    return await("run " + runId + " finished").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50))
        .until(() -> runs.find(runId).orElseThrow(), run -> run.status() != SyncRun.Status.RUNNING);
  }

  @Autowired
  io.wescrm.core.sync.SyncRuns runs;

  private String deletedBy(SimFollow f) {
    return jdbc.queryForObject("SELECT deleted_by FROM scrm_follow_relation WHERE corp_id = ? AND userid = ? AND "
        + "external_userid = ?", String.class, corp().corpId(), f.userid(), f.externalUserId());
  }

  /**
   * Starts a reconciliation; a run that has just finished may still hold the corp's sync lock for a moment (its status
   * is written before the lock is released), so "already running" is waited out as a caller would.
   */
  private long startReconciliation(boolean nextSlice) {
    io.wescrm.core.sync.SyncingCorp.Start start = await("a sync of the corp is still running")
        .atMost(Duration.ofSeconds(20)).pollDelay(Duration.ZERO)
        .until(() -> fullSync.start(corp().corpId(), io.wescrm.core.sync.SyncingCorp.RECONCILE, "TEST", nextSlice),
            s -> s instanceof io.wescrm.core.sync.SyncingCorp.Started);
    return ((io.wescrm.core.sync.SyncingCorp.Started) start).runId();
  }

  /** Waits until the simulator delivered everything, the inbox is applied and no re-fetch waits. */
  private void awaitApplied() {
    assertThat(corp().awaitCallbacksIdle(Duration.ofSeconds(30))).isTrue();
    assertThat(corp().callbackJournal()).allSatisfy(c -> assertThat(c.status())
        .isIn(SimCallback.Status.ACKED, SimCallback.Status.LOST));
    // idle for 300 ms on end: a last re-fetch may have been requested by the last event; the captured domain
    // events delivered through the outbox
    await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
        .untilAsserted(() -> assertThat(List.of(inbox.depth(corp().corpId()), refetches.backlog(corp().corpId()),
            outbox.depth().getOrDefault("test-capture", 0L)))
            .as("inbox depth, re-fetch backlog, undelivered events").containsOnly(0L));
  }
}
