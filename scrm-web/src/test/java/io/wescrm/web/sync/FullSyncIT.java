package io.wescrm.web.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wescrm.core.sync.SyncRun;
import io.wescrm.core.sync.SyncingCorp;
import io.wescrm.web.SimulatedCorps;
import io.wescrm.web.testing.WithSimulator;
import io.wescrm.wecom.simulator.SimCorp;
import io.wescrm.wecom.simulator.SimFollow;
import io.wescrm.wecom.simulator.SimGroupChat;
import io.wescrm.wecom.simulator.SimGroupMember;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/** Full sync against the simulator over real HTTP, on H2 by default and on MariaDB + Redis with -Pmariadb. */
@SpringBootTest
@WithSimulator(corps = 5, demoSeed = true)
class FullSyncIT {

  @Autowired
  SimulatedCorps corps;

  @Autowired
  SyncingCorp fullSync;

  @Autowired
  JdbcTemplate jdbc;

  @Test
  void fullSyncMirrorsTheCorpExactlyAndASecondRunChangesNothing() {
    SimCorp corp = corps.corp(0);
    SyncRun first = fullSync.runNow(corp.corpId(), "TEST").orElseThrow();

    assertThat(first.status()).isEqualTo(SyncRun.Status.SUCCEEDED);
    assertThat(first.counts().followRelations()).isEqualTo(corp.counts().followRelations());
    assertThat(first.counts().customers()).isEqualTo(corp.counts().customers());
    assertThat(first.counts().groups()).isEqualTo(corp.counts().groups());
    assertThat(first.counts().groupMembers()).isEqualTo(corp.counts().groupMembers());
    assertThat(first.counts().tags()).isEqualTo(corp.counts().tags());
    assertThat(first.counts().followTags()).isEqualTo(corp.counts().followTags());
    assertThat(first.counts().staff()).isEqualTo(corp.counts().staff());
    assertSameState(corp);
    var emoji = corp.customers().stream().filter(c -> c.name().codePoints().anyMatch(cp -> cp > 0xFFFF))
        .findFirst().orElseThrow();
    assertThat(jdbc.queryForObject("SELECT name FROM scrm_customer WHERE corp_id = ? AND external_userid = ?",
        String.class, corp.corpId(), emoji.externalUserId())).as("names with emoji survive").isEqualTo(emoji.name());

    SyncRun second = fullSync.runNow(corp.corpId(), "TEST").orElseThrow();
    assertThat(second.status()).isEqualTo(SyncRun.Status.SUCCEEDED);
    assertThat(second.counts().rowsChanged()).isZero();
    assertThat(second.counts().markedDeleted()).isZero();
    assertSameState(corp);
  }

  @Test
  void changesInWeComReachTheDatabaseAndVanishedRowsAreSoftDeleted() {
    SimCorp corp = corps.corp(1);
    assertThat(fullSync.runNow(corp.corpId(), "TEST").orElseThrow().status()).isEqualTo(SyncRun.Status.SUCCEEDED);

    SimFollow gone = corp.follows().get(0);
    corp.removeFollow(gone.userid(), gone.externalUserId(), true);
    SimFollow edited = corp.follows().get(5);
    corp.editFollow(edited.userid(), edited.externalUserId(), "新备注🎉", "改过的描述", List.of("13900000000"));
    String newTag = corp.addTagGroup("测试分组", 1, "新标签").tags().get(0).id();
    SimFollow tagged = corp.follows().get(7);
    corp.markTag(tagged.userid(), tagged.externalUserId(), List.of(newTag), tagged.tagIds());
    SimGroupChat group = corp.groupChats().get(0);
    SimGroupMember leaver = group.members().stream().filter(m -> m.type() == 2).findFirst().orElseThrow();
    corp.removeGroupMember(group.chatId(), leaver.userid());
    String dismissed = corp.groupChats().get(1).chatId();
    corp.dismissGroup(dismissed);

    SyncRun run = fullSync.runNow(corp.corpId(), "TEST").orElseThrow();
    assertThat(run.status()).isEqualTo(SyncRun.Status.SUCCEEDED);
    assertThat(run.counts().markedDeleted()).isPositive();
    assertSameState(corp);
    assertThat(jdbc.queryForObject("SELECT deleted_by FROM scrm_follow_relation WHERE corp_id = ? AND userid = ? "
        + "AND external_userid = ?", String.class, corp.corpId(), gone.userid(), gone.externalUserId()))
        .isEqualTo("SYNC");
    assertThat(jdbc.queryForObject("SELECT remark FROM scrm_follow_relation WHERE corp_id = ? AND userid = ? "
        + "AND external_userid = ?", String.class, corp.corpId(), edited.userid(), edited.externalUserId()))
        .isEqualTo("新备注🎉");
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM scrm_group_member WHERE corp_id = ? AND chat_id = ? "
        + "AND member_id = ? AND left_at IS NOT NULL", Long.class, corp.corpId(), group.chatId(), leaver.userid()))
        .isEqualTo(1L);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM scrm_group_chat WHERE corp_id = ? AND chat_id = ? "
        + "AND dismissed_at IS NOT NULL", Long.class, corp.corpId(), dismissed)).isEqualTo(1L);
  }

  @Test
  void aSecondRunOfTheSameCorpIsRefusedWhileOneIsRunning() throws Exception {
    SimCorp corp = corps.corp(2);
    corps.simulator().faults().latency(java.time.Duration.ofMillis(30));
    try {
      SyncingCorp.Start first = fullSync.start(corp.corpId(), "TEST");
      assertThat(first).isInstanceOf(SyncingCorp.Started.class);
      assertThat(fullSync.start(corp.corpId(), "TEST")).isInstanceOf(SyncingCorp.AlreadyRunning.class);
      assertThat(fullSync.runNow(corp.corpId(), "TEST")).isEmpty();
      long runId = ((SyncingCorp.Started) first).runId();
      SyncRun done = awaitFinished(runId);
      assertThat(done.status()).isEqualTo(SyncRun.Status.SUCCEEDED);
    } finally {
      corps.simulator().faults().latency(java.time.Duration.ZERO);
    }
    assertSameState(corp);
  }

  @Test
  void convergesToTheExactStateWhenFivePercentOfCallsFail() {
    SimCorp corp = corps.corp(3);
    corps.simulator().faults().errorRate("*", corp.corpId(), 0.02, -1)
        .errorRate("*", corp.corpId(), 0.015, 45009)
        .errorRate("*", corp.corpId(), 0.015, 42001);
    try {
      SyncRun run = fullSync.runNow(corp.corpId(), "TEST").orElseThrow();
      assertThat(run.status()).as(String.valueOf(run.error())).isEqualTo(SyncRun.Status.SUCCEEDED);
      assertThat(run.counts().apiRetries()).as("faults were injected and retried").isPositive();
    } finally {
      corps.simulator().faults().clearErrors();
    }
    assertSameState(corp);
  }

  @Test
  void aRunThatDiesMidwayDeletesNothingAndTheNextRunConverges() {
    SimCorp corp = corps.corp(4);
    assertThat(fullSync.runNow(corp.corpId(), "TEST").orElseThrow().status()).isEqualTo(SyncRun.Status.SUCCEEDED);
    SimFollow gone = corp.follows().get(3);
    corp.removeFollow(gone.userid(), gone.externalUserId(), false);
    corps.simulator().faults().failNext("externalcontact/groupchat/get", corp.corpId(), 1, 48002);
    SyncRun failed;
    try {
      failed = fullSync.runNow(corp.corpId(), "TEST").orElseThrow();
    } finally {
      corps.simulator().faults().clearErrors();
    }
    assertThat(failed.status()).isEqualTo(SyncRun.Status.FAILED);
    assertThat(failed.error()).contains("48002");
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM scrm_follow_relation WHERE corp_id = ? AND deleted_at "
        + "IS NOT NULL", Long.class, corp.corpId())).as("a failed run sweeps nothing").isZero();

    SyncRun next = fullSync.runNow(corp.corpId(), "TEST").orElseThrow();
    assertThat(next.status()).isEqualTo(SyncRun.Status.SUCCEEDED);
    assertSameState(corp);
  }

  private SyncRun awaitFinished(long runId) {
    return await("run " + runId + " finished").atMost(Duration.ofMinutes(2))
        .until(() -> jdbcRun(runId), run -> run.status() != SyncRun.Status.RUNNING);
  }

  @Autowired
  io.wescrm.core.sync.SyncRuns runs;

  private SyncRun jdbcRun(long runId) {
    return runs.find(runId).orElseThrow();
  }

  private void assertSameState(SimCorp corp) {
    SimulatedCorps.assertSameState(jdbc, corp);
  }

}
