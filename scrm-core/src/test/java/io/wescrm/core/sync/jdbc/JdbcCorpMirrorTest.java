package io.wescrm.core.sync.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.wescrm.core.corp.Customer;
import io.wescrm.core.corp.CustomerFollow;
import io.wescrm.core.corp.FollowRelation;
import io.wescrm.core.inbox.jdbc.JdbcEventFacts;
import io.wescrm.core.sync.SyncScope;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** The upserts and the sweep on H2 in MySQL mode, migrated by the real Flyway scripts. */
class JdbcCorpMirrorTest {

  static final String CORP = "wwtest";
  JdbcTemplate jdbc;
  JdbcCorpMirror mirror;

  @BeforeEach
  void database() {
    javax.sql.DataSource ds = io.wescrm.core.TestDatabases.migratedH2();
    jdbc = new JdbcTemplate(ds);
    mirror = new JdbcCorpMirror(jdbc);
  }

  static CustomerFollow item(String userid, String ext, String name, String remark, List<String> tags) {
    return new CustomerFollow(new Customer(ext, name, 1, 2, "union-" + ext, null, null, null, null),
        new FollowRelation(userid, ext, remark, "desc", null, List.of("13800000000"), 1, "store_a", userid,
            Instant.parse("2026-01-02T03:04:05Z"), tags));
  }

  @Test
  void reapplyingTheSamePageChangesNoRowAndAChangedRemarkMovesOnlyThatRow() {
    Instant t0 = Instant.parse("2026-11-01T00:00:00Z");
    List<CustomerFollow> page = List.of(item("u1", "wm1", "张三😀", "老客户", List.of("t1", "t2")),
        item("u2", "wm1", "张三😀", "门店客", List.of()), item("u1", "wm2", "李四", null, List.of("t1")));
    mirror.upsertCustomerPage(CORP, 1L, page, t0, t0);
    assertThat(count("scrm_customer")).isEqualTo(2);
    assertThat(count("scrm_follow_relation")).isEqualTo(3);
    assertThat(count("scrm_follow_tag")).isEqualTo(3);
    assertThat(jdbc.queryForObject("SELECT name FROM scrm_customer WHERE external_userid = 'wm1'", String.class))
        .isEqualTo("张三😀");

    Instant t1 = t0.plusSeconds(60);
    mirror.upsertCustomerPage(CORP, 2L, page, t1, t1);
    assertThat(mirror.changedSince(CORP, 2, t1)).isZero();

    mirror.upsertCustomerPage(CORP, 3L, List.of(item("u1", "wm2", "李四", "新备注", List.of("t1"))), t1, t1);
    assertThat(mirror.changedSince(CORP, 3, t1)).isEqualTo(1);
    assertThat(jdbc.queryForObject("SELECT last_seen_run FROM scrm_follow_relation WHERE userid = 'u1' AND "
        + "external_userid = 'wm1'", Long.class)).isEqualTo(2L);
  }

  @Test
  void theSweepSoftDeletesWhatTheRunDidNotSeeButSparesUnlicensedStaffAndRowsTouchedDuringTheRun() {
    Instant t0 = Instant.parse("2026-11-01T00:00:00Z");
    mirror.upsertCustomerPage(CORP, 1L, List.of(item("u1", "wm1", "a", null, List.of("t1")),
        item("u2", "wm2", "b", null, List.of("t1")), item("u3", "wm3", "c", null, List.of())), t0, t0);
    Instant runStart = t0.plusSeconds(3600);
    // run 2 sees only u1/wm1; u3 is unlicensed (WeCom did not return its customers)
    mirror.upsertCustomerPage(CORP, 2L, List.of(item("u1", "wm1", "a", null, List.of())), runStart, runStart);
    int swept = mirror.sweepUnseen(CORP, 2, runStart, List.of("u3"), SyncScope.ALL,
        runStart.plusSeconds(10));

    assertThat(swept).isEqualTo(3); // u2/wm2 relation, and the tags u1/wm1/t1 and u2/wm2/t1
    assertThat(jdbc.queryForObject("SELECT deleted_by FROM scrm_follow_relation WHERE userid = 'u2'",
        String.class)).isEqualTo("SYNC");
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM scrm_follow_relation WHERE userid = 'u3' AND "
        + "deleted_at IS NULL", Long.class)).isEqualTo(1L);
    assertThat(count("scrm_follow_tag")).isZero();

    // seen again later: revived, not duplicated
    Instant later = runStart.plusSeconds(60);
    mirror.upsertCustomerPage(CORP, 3L, List.of(item("u2", "wm2", "b", null, List.of())), later, later);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM scrm_follow_relation WHERE userid = 'u2' AND "
        + "deleted_at IS NULL AND deleted_by IS NULL", Long.class)).isEqualTo(1L);
  }

  private long count(String table) {
    return jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class);
  }

  @Test
  void aPageFetchedBeforeADeletionCallbackDoesNotReviveTheRelationButALaterPageDoes() {
    Instant t0 = Instant.parse("2026-11-01T00:00:00Z");
    mirror.upsertCustomerPage(CORP, 1L, List.of(item("u1", "wm1", "a", null, List.of())), t0, t0);
    // the sync fetches a page at t1; the customer is deleted at t1 + 2 s and the callback is applied first
    Instant fetched = t0.plusSeconds(3600);
    new JdbcEventFacts(jdbc).followDeleted(CORP, "u1", "wm1", "CUSTOMER", fetched.plusSeconds(2),
        fetched.plusSeconds(3));
    mirror.upsertCustomerPage(CORP, 2L, List.of(item("u1", "wm1", "a", "新备注", List.of())), fetched,
        fetched.plusSeconds(4));
    assertThat(jdbc.queryForMap("SELECT deleted_by, remark FROM scrm_follow_relation WHERE userid = 'u1'"))
        .containsEntry("deleted_by", "CUSTOMER").containsEntry("remark", "新备注");

    // a page fetched after the deletion that still shows the relation: the customer came back (callback lost)
    Instant later = fetched.plusSeconds(600);
    mirror.upsertCustomerPage(CORP, 3L, List.of(item("u1", "wm1", "a", "新备注", List.of())), later, later);
    assertThat(jdbc.queryForMap("SELECT deleted_at, deleted_by FROM scrm_follow_relation WHERE userid = 'u1'"))
        .containsEntry("deleted_at", null).containsEntry("deleted_by", null);
    assertThat(mirror.changedSince(CORP, 3, later)).as("the revival is a change").isEqualTo(1);
  }

}
