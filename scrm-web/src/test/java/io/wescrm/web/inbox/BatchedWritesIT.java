package io.wescrm.web.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.wescrm.core.acquisition.Attributions.Attribution;
import io.wescrm.core.acquisition.WelcomeLedger;
import io.wescrm.core.acquisition.jdbc.JdbcAttributions;
import io.wescrm.core.acquisition.jdbc.JdbcWelcomeLedger;
import io.wescrm.core.inbox.EventFacts;
import io.wescrm.core.inbox.RefetchQueue;
import io.wescrm.core.inbox.RefetchQueue.Kind;
import io.wescrm.core.inbox.jdbc.JdbcEventFacts;
import io.wescrm.core.inbox.jdbc.JdbcRefetchQueue;
import io.wescrm.web.rules.TestDataSources;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The multi-row writes behind the applier's chunks and the batched attribution (H2, and MariaDB with profile
 * mariadb): the same outcome as one statement per event — first add wins, duplicates count once, existing rows kept.
 */
class BatchedWritesIT {

  static final JdbcTemplate JDBC = new JdbcTemplate(TestDataSources.migrated());
  final Instant now = Instant.parse("2026-11-29T08:00:00Z");
  String corp;

  @BeforeEach
  void corp() {
    corp = "wwbatch" + UUID.randomUUID().toString().substring(0, 8);
  }

  Attribution touch(String ext, String userid, String state) {
    return new Attribution(corp, ext, userid, state, null, null, null, null, null, now);
  }

  @Test
  void firstTouchesOfABatchKeepTheEarliestAddAndNeverOverwriteAnAttributedCustomer() {
    JdbcAttributions attributions = new JdbcAttributions(JDBC);
    assertThat(attributions.recordFirstTouch(touch("wmOld", "u0", "s0"), now)).isTrue();

    int stored = attributions.recordFirstTouches(List.of(touch("wmNew", "u1", "s1"), touch("wmOld", "u3", "s3"),
        touch("wmNew", "u2", "s2")), now.plusSeconds(1));

    assertThat(stored).isEqualTo(1);
    assertThat(attributions.find(corp, "wmNew").orElseThrow().userid()).isEqualTo("u1");
    assertThat(attributions.find(corp, "wmNew").orElseThrow().state()).isEqualTo("s1");
    assertThat(attributions.find(corp, "wmOld").orElseThrow().userid()).isEqualTo("u0");
  }

  @Test
  void aBatchLargerThanOneStatementIsStoredWhole() {
    JdbcAttributions attributions = new JdbcAttributions(JDBC);
    List<Attribution> rows = new ArrayList<>();
    for (int i = 0; i < 1_203; i++) {
      rows.add(touch("wm" + i, "u" + i % 7, null));
    }
    assertThat(attributions.recordFirstTouches(rows, now)).isEqualTo(1_203);
    assertThat(attributions.recordFirstTouches(rows, now)).isZero();
    assertThat(JDBC.queryForObject("SELECT COUNT(*) FROM scrm_customer_attribution WHERE corp_id = ?", Long.class,
        corp)).isEqualTo(1_203L);
  }

  @Test
  void ledgerRowsOfABatchAreWrittenOnceAndAnExistingRowIsKept() {
    JdbcWelcomeLedger ledger = new JdbcWelcomeLedger(JDBC);
    ledger.record(corp, "none:a", "u1", "wmA", null, WelcomeLedger.Status.NO_CODE, "first", now, now);

    ledger.recordAll(List.of(
        new WelcomeLedger.Final(corp, "none:a", "u1", "wmA", null, WelcomeLedger.Status.NO_CODE, "again", now),
        new WelcomeLedger.Final(corp, "none:b", "u2", "wmB", "st", WelcomeLedger.Status.NO_CODE, "b", now),
        new WelcomeLedger.Final(corp, "none:b", "u2", "wmB", "st", WelcomeLedger.Status.NO_CODE, "b twice", now)),
        now.plusSeconds(1));

    assertThat(ledger.find(corp, "none:a").orElseThrow().reason()).isEqualTo("first");
    WelcomeLedger.Entry b = ledger.find(corp, "none:b").orElseThrow();
    assertThat(b.reason()).isEqualTo("b");
    assertThat(b.state()).isEqualTo("st");
    assertThat(b.status()).isEqualTo(WelcomeLedger.Status.NO_CODE);
    assertThat(JDBC.queryForObject("SELECT COUNT(*) FROM scrm_welcome_ledger WHERE corp_id = ?", Long.class, corp))
        .isEqualTo(2L);
  }

  @Test
  void aRunOfFollowAddsWritesWhatTheAddsOneByOneWould() {
    JdbcEventFacts facts = new JdbcEventFacts(JDBC);
    String batched = corp;
    String single = corp + "s";
    Instant t = now.minusSeconds(600);
    for (String c : List.of(batched, single)) {
      // before the run: an ended relation (re-added below) and a live one (an older add below must not change it)
      facts.followAdded(c, "u1", "wmGone", "s0", t, t);
      facts.followDeleted(c, "u1", "wmGone", "STAFF", t.plusSeconds(10), t.plusSeconds(10));
      facts.followAdded(c, "u1", "wmLive", "s0", t.plusSeconds(20), t.plusSeconds(20));
    }
    List<EventFacts.FollowAdd> run = new ArrayList<>();
    for (String c : List.of(batched, single)) {
      run.add(new EventFacts.FollowAdd(c, "u1", "wmGone", "sBack", t.plusSeconds(30)));
      run.add(new EventFacts.FollowAdd(c, "u1", "wmLive", "sOld", t.plusSeconds(5)));
      run.add(new EventFacts.FollowAdd(c, "u2", "wmNew", null, t.plusSeconds(40)));
      run.add(new EventFacts.FollowAdd(c, "u2", "wmNew", "sLater", t.plusSeconds(50)));
      run.add(new EventFacts.FollowAdd(c, "u3", "wmNew", "sOther", t.plusSeconds(45)));
      run.add(new EventFacts.FollowAdd(c, "u4", "wmFresh", "sF", t.plusSeconds(60)));
    }
    facts.followsAdded(run.stream().filter(a -> a.corpId().equals(batched)).toList(), now);
    run.stream().filter(a -> a.corpId().equals(single)).forEach(a -> facts.followAdded(a.corpId(), a.userid(),
        a.externalUserId(), a.state(), a.at(), now));

    String rows = "SELECT userid, external_userid, state, added_at, deleted_at, deleted_by FROM scrm_follow_relation "
        + "WHERE corp_id = ? ORDER BY userid, external_userid";
    List<java.util.Map<String, Object>> expected = JDBC.queryForList(rows, single);
    assertThat(expected).hasSize(5);
    assertThat(JDBC.queryForList(rows, batched)).isEqualTo(expected);
    assertThat(JDBC.queryForList("SELECT external_userid FROM scrm_customer WHERE corp_id = ? ORDER BY 1",
        String.class, batched)).containsExactly("wmFresh", "wmGone", "wmLive", "wmNew");
  }

  @Test
  void refetchRequestsOfAChunkCoalesceAndKeepTheDueTimeOfAWaitingEntry() {
    JdbcRefetchQueue queue = new JdbcRefetchQueue(JDBC);
    Duration window = Duration.ofSeconds(2);
    queue.request(corp, Kind.CUSTOMER, "wmA", now, window);

    queue.requestAll(List.of(new RefetchQueue.Request(corp, Kind.CUSTOMER, "wmA"),
        new RefetchQueue.Request(corp, Kind.GROUP, "wrC"), new RefetchQueue.Request(corp, Kind.CUSTOMER, "wmA"),
        new RefetchQueue.Request(corp, Kind.CUSTOMER, "wmB")), now.plusSeconds(1), window);

    assertThat(queue.backlog(corp)).isEqualTo(3);
    // wmA was due at now + 2 s and stays so (the window runs from the first request); the others at now + 3 s
    assertThat(queue.due(corp, now.plusSeconds(2), 10)).extracting(RefetchQueue.Entry::refId)
        .containsExactly("wmA");
    List<RefetchQueue.Entry> all = queue.due(corp, now.plusSeconds(3), 10);
    assertThat(all).extracting(RefetchQueue.Entry::refId).containsExactlyInAnyOrder("wmA", "wmB", "wrC");
    assertThat(all.stream().filter(e -> e.refId().equals("wmA")).findFirst().orElseThrow().requestedAt())
        .isEqualTo(now.plusSeconds(1));
  }
}
