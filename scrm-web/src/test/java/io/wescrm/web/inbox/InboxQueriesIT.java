package io.wescrm.web.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.wescrm.core.inbox.InboxEvent;
import io.wescrm.core.inbox.StoredEvent;
import io.wescrm.core.inbox.jdbc.JdbcInbox;
import io.wescrm.web.rules.TestDataSources;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The applier's queries on an inbox that keeps weeks of applied events (H2, and MariaDB with profile mariadb): due
 * events come oldest first, pending and retrying ones merged, keys held back by a retry left out; and on MariaDB
 * the database reads about as many index entries as it returns, however many applied rows the inbox keeps (the
 * former "status IN (...) ORDER BY id" walked the primary key through all of them on every pass).
 */
class InboxQueriesIT {

  static final javax.sql.DataSource DATA = TestDataSources.migrated();
  final Instant now = Instant.parse("2026-12-01T10:00:00Z");
  String corp;

  @BeforeEach
  void corp() {
    corp = "wwque" + UUID.randomUUID().toString().substring(0, 8);
  }

  InboxEvent event(String ext) {
    return new InboxEvent(corp, UUID.randomUUID().toString().replace("-", "") + "00000000000000000000000000000000",
        "change_external_contact", "add_external_contact", "c:" + ext, now, Map.of("ExternalUserID", ext),
        "<xml><ExternalUserID>" + ext + "</ExternalUserID></xml>");
  }

  List<StoredEvent> store(JdbcInbox inbox, String prefix, int count) {
    List<InboxEvent> events = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      events.add(event(prefix + i));
    }
    for (int from = 0; from < events.size(); from += 500) {
      inbox.store(events.subList(from, Math.min(events.size(), from + 500)), now);
    }
    return new JdbcTemplate(DATA).query("SELECT id FROM scrm_inbox_event WHERE corp_id = ? AND order_key LIKE ? "
        + "ORDER BY id", (rs, n) -> inbox.find(corp, rs.getLong(1)).orElseThrow(), corp, "c:" + prefix + "%");
  }

  @Test
  void dueEventsComeOldestFirstPendingAndRetryingMergedAndHeldBackKeysLeftOut() throws Exception {
    try (Connection connection = DATA.getConnection()) {
      SingleConnectionDataSource one = new SingleConnectionDataSource(connection, true);
      JdbcTemplate jdbc = new JdbcTemplate(one);
      JdbcInbox inbox = new JdbcInbox(jdbc);
      List<StoredEvent> history = store(inbox, "applied", 3_000);
      for (int from = 0; from < history.size(); from += 500) {
        inbox.applied(history.subList(from, Math.min(history.size(), from + 500)).stream().map(StoredEvent::id)
            .toList(), now);
      }
      StoredEvent retryDue = store(inbox, "retryDue", 1).get(0);
      StoredEvent pending1 = store(inbox, "pending1", 1).get(0);
      StoredEvent heldBack = store(inbox, "held", 1).get(0);
      StoredEvent pending2 = store(inbox, "pending2", 1).get(0);
      inbox.retryLater(retryDue.id(), 1, now.minusSeconds(1), "test: due again");
      inbox.retryLater(heldBack.id(), 1, now.plusSeconds(60), "test: not due yet");
      StoredEvent afterHeld = inbox.find(corp, store(inbox, "pending3", 1).get(0).id()).orElseThrow();
      // a later event of the held-back customer
      inbox.store(List.of(new InboxEvent(corp, UUID.randomUUID().toString().replace("-", "")
          + "11111111111111111111111111111111", "change_external_contact", "edit_external_contact", "c:held0", now,
          Map.of("ExternalUserID", "held0"), "<xml/>")), now);
      // then a burst's backlog: pending events are a large share of the table, as during a campaign
      List<InboxEvent> backlog = new ArrayList<>();
      for (int i = 0; i < 3_000; i++) {
        backlog.add(event("backlog" + i));
      }
      for (int from = 0; from < backlog.size(); from += 500) {
        inbox.store(backlog.subList(from, from + 500), now);
      }

      assertThat(inbox.due(corp, now, 4)).extracting(StoredEvent::id)
          .as("oldest first: the retry that is due, the pending ones; nothing of the held-back customer")
          .containsExactly(retryDue.id(), pending1.id(), pending2.id(), afterHeld.id());
      assertThat(inbox.due(corp, now, 2)).extracting(StoredEvent::id).containsExactly(retryDue.id(), pending1.id());
      assertThat(inbox.due(corp, now, 500)).hasSize(500).extracting(StoredEvent::id).isSorted();
      assertThat(inbox.oldestUnapplied(corp)).contains(now);
      assertThat(inbox.depth(corp)).isEqualTo(3_006);

      assumeThat(TestDataSources.mariadb()).as("index reads are counted on MariaDB").isTrue();
      jdbc.execute("FLUSH STATUS");   // this connection's counters from zero
      inbox.due(corp, now, 2);
      inbox.oldestUnapplied(corp);
      long read = reads(jdbc);
      assertThat(read).as("index entries read for 2 due events and the oldest one, beside 3,000 applied and 3,000 pending rows")
          .isLessThan(100);
    }
  }

  @Test
  void anInboxWithNothingToApplyHasNoOldestEvent() {
    JdbcInbox inbox = new JdbcInbox(new JdbcTemplate(DATA));
    List<StoredEvent> done = store(inbox, "done", 3);
    inbox.applied(done.stream().map(StoredEvent::id).toList(), now.plus(Duration.ofSeconds(1)));
    assertThat(inbox.due(corp, now, 10)).isEmpty();
    assertThat(inbox.oldestUnapplied(corp)).isEmpty();
  }

  /** Rows and index entries this connection's statements have read since FLUSH STATUS (MariaDB's counters). */
  static long reads(JdbcTemplate jdbc) {
    return jdbc.query("SHOW SESSION STATUS WHERE Variable_name IN ('Handler_read_next', 'Handler_read_key', "
        + "'Handler_read_rnd_next', 'Handler_read_first', 'Handler_read_prev')", rs -> {
          long sum = 0;
          while (rs.next()) {
            sum += rs.getLong(2);
          }
          return sum;
        });
  }
}
