package io.wescrm.web.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.wescrm.core.inbox.InboxEvent;
import io.wescrm.core.persistence.JdbcInbox;
import io.wescrm.web.rules.TestDataSources;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two writers storing overlapping batches can deadlock in InnoDB; the loser's batch is stored on its retry rather
 * than answered 503 (MariaDB only: the deadlock is InnoDB's).
 */
class InboxDeadlockIT {

  @Test
  void anInboxWriteThatLosesADeadlockIsStoredWhenItRetries() throws Exception {
    assumeTrue(TestDataSources.mariadb(), "InnoDB deadlocks need MariaDB");
    // a database of its own: in the shared one, other test contexts' connections once held the write up before
    // InnoDB (no transaction of it was visible) and the lock wait this test provokes never came
    DataSource ds = TestDataSources.migrated("wescrm_it_deadlock");
    JdbcTemplate jdbc = new JdbcTemplate(ds);
    String corp = "wwdead" + UUID.randomUUID().toString().substring(0, 8);
    Instant now = Instant.parse("2026-11-29T08:00:00Z");
    InboxEvent first = event(corp, "a" + UUID.randomUUID());
    InboxEvent second = event(corp, "b" + UUID.randomUUID());
    String insert = "INSERT INTO scrm_inbox_event (corp_id, dedupe_key, event, change_type, order_key, event_time, "
        + "fields, payload, received_at) VALUES (?, ?, 'change_external_contact', 'add_external_contact', ?, NOW(), "
        + "'{}', '<xml/>', NOW())";
    try (Connection other = ds.getConnection()) {
      other.setAutoCommit(false);
      // the other transaction is the heavier one (many rows), so InnoDB picks the inbox write as the victim
      for (int i = 0; i < 200; i++) {
        insertRow(other, insert, corp, "c" + i + UUID.randomUUID());
      }
      insertRow(other, insert, corp, second.dedupeKey());
      // the write locks `first`, then waits for `second` held by the other transaction
      // its own thread: the common pool has one thread on 2 cores, and other tests' contexts may hold it
      java.util.concurrent.atomic.AtomicReference<Thread> writer = new java.util.concurrent.atomic.AtomicReference<>();
      java.util.concurrent.ExecutorService thread = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "deadlock-it-writer");
        writer.set(t);
        return t;
      });
      java.util.concurrent.Future<?> write = thread.submit(() -> new JdbcInbox(jdbc).store(List.of(first, second),
          now));
      thread.shutdown();
      waitForLockWait(jdbc, write, writer);
      // the other transaction now wants `first`: a cycle; the write is rolled back, retries, waits, succeeds
      insertRow(other, insert, corp, first.dedupeKey());
      other.commit();
      write.get(30, TimeUnit.SECONDS);
    }
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM scrm_inbox_event WHERE corp_id = ? AND dedupe_key IN (?, ?)",
        Long.class, corp, first.dedupeKey(), second.dedupeKey())).isEqualTo(2L);
  }

  static InboxEvent event(String corp, String key) {
    return new InboxEvent(corp, key, "change_external_contact", "add_external_contact", "c:" + key,
        Instant.parse("2026-11-29T07:59:00Z"), Map.of("ExternalUserID", key), "<xml/>");
  }

  static void insertRow(Connection c, String sql, String corp, String key) throws Exception {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, corp);
      ps.setString(2, key);
      ps.setString(3, "c:" + key);
      ps.executeUpdate();
    }
  }

  static void waitForLockWait(JdbcTemplate jdbc, java.util.concurrent.Future<?> write,
      java.util.concurrent.atomic.AtomicReference<Thread> writer) throws Exception {
    for (int i = 0; i < 200; i++) {
      if (write.isDone()) {
        write.get(); // failed before it ever waited: show why
        throw new AssertionError("the inbox write finished without waiting for the other transaction's lock");
      }
      Long waiting = jdbc.queryForObject("SELECT COUNT(*) FROM information_schema.innodb_trx "
          + "WHERE trx_state = 'LOCK WAIT'", Long.class);
      if (waiting != null && waiting > 0) {
        return;
      }
      Thread.sleep(50);
    }
    Thread t = writer.get();
    throw new AssertionError("the inbox write never waited for the other transaction's lock; the writer is at "
        + (t == null ? "(not started)" : java.util.Arrays.toString(t.getStackTrace())) + "; transactions: "
        + jdbc.queryForList("SELECT trx_state, trx_query, trx_rows_locked FROM information_schema.innodb_trx")
        + "; sessions: " + jdbc.queryForList("SELECT db, command, state, info FROM information_schema.processlist "
        + "WHERE command <> 'Sleep'"));
  }
}
