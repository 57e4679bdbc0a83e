package io.wescrm.core.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.wescrm.core.inbox.jdbc.JdbcInbox;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** Order per key, retries that hold a key back, parking, and no starvation — on the real inbox table (H2). */
class InboxApplierTest {

  static final String CORP = "wwapply";

  /** A clock the test moves. */
  static final class TestClock extends Clock {
    volatile Instant now = Instant.parse("2026-11-23T08:00:00Z");

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  final TestClock clock = new TestClock();
  final List<String> applied = new CopyOnWriteArrayList<>();
  final Set<String> failing = ConcurrentHashMap.newKeySet();
  /** Customers whose facts fail as a database outage does (no connection from the pool). */
  final Set<String> unreachable = ConcurrentHashMap.newKeySet();
  JdbcInbox inbox;
  JdbcTemplate jdbc;
  EventApplication application;
  InboxApplier applier;

  @BeforeEach
  void setUp() {
    javax.sql.DataSource ds = io.wescrm.core.TestDatabases.migratedH2();
    jdbc = new JdbcTemplate(ds);
    inbox = new JdbcInbox(jdbc);
    EventFacts facts = (EventFacts) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {EventFacts.class}, (proxy, method, args) -> {
          if (method.isDefault()) {
            return java.lang.reflect.InvocationHandler.invokeDefault(proxy, method, args);
          }
          if (method.getName().equals("followAdded") || method.getName().equals("followDeleted")) {
            String ext = (String) args[2];
            if (failing.contains(ext) && method.getName().equals("followAdded")) {
              throw new IllegalStateException("database hiccup for " + ext);
            }
            if (unreachable.contains(ext)) {
              throw new org.springframework.jdbc.CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
                  new java.sql.SQLTransientConnectionException("HikariPool-1 - Connection is not available, "
                      + "request timed out after 30000ms"));
            }
            applied.add(ext + ":" + method.getName());
          }
          return null;
        });
    RefetchQueue noRefetch = (RefetchQueue) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {RefetchQueue.class}, (proxy, method, args) -> null);
    application = new EventApplication(facts, noRefetch, clock, Duration.ofSeconds(1));
    applier = new InboxApplier(inbox, application, Runnable::run, e -> { }, clock,
        new InboxApplier.Settings(2, 4, 100, 3, Duration.ofSeconds(1), Duration.ofMinutes(1)), null, () -> { },
        io.wescrm.core.jdbc.TransientErrors::isTransient);
  }

  @AfterEach
  void tearDown() {
    applier.close();
  }

  void store(String ext, String change, int seq) {
    Map<String, String> fields = Map.of("Event", "change_external_contact", "ChangeType", change, "UserID", "u1",
        "ExternalUserID", ext, "CreateTime", String.valueOf(1_800_000_000L + seq));
    inbox.store(List.of(new InboxEvent(CORP, UUID.randomUUID().toString().replace("-", "") + "00000000000000000000000000000000".substring(0, 32),
        "change_external_contact", change, "c:" + ext, Instant.ofEpochSecond(1_800_000_000L + seq), fields,
        "<xml/>")), clock.instant());
  }

  /** Passes as the worker makes them, until two in a row apply nothing. */
  int drain() throws InterruptedException {
    int total = 0;
    int idle = 0;
    while (idle < 2) {
      int n = applier.applyDue(CORP);
      total += n;
      idle = n == 0 ? idle + 1 : 0;
    }
    return total;
  }

  @Test
  void eventsOfOneCustomerApplyInArrivalOrder() throws Exception {
    store("wmA", "add_external_contact", 1);
    store("wmB", "add_external_contact", 2);
    store("wmA", "del_follow_user", 3);
    store("wmA", "add_external_contact", 4);
    assertThat(drain()).isEqualTo(4);
    List<String> ofA = applied.stream().filter(s -> s.startsWith("wmA")).toList();
    assertThat(ofA).containsExactly("wmA:followAdded", "wmA:followDeleted", "wmA:followAdded");
    assertThat(inbox.depth(CORP)).isZero();
  }

  @Test
  void aFailingEventHoldsBackItsKeyOnlyIsRetriedAndFinallyParked() throws Exception {
    failing.add("wmBad");
    store("wmBad", "add_external_contact", 1);
    store("wmBad", "del_follow_user", 2);
    for (int i = 0; i < 10; i++) {
      store("wmOk" + i, "add_external_contact", 10 + i);
    }
    drain();
    assertThat(applied).hasSize(10).allMatch(s -> s.startsWith("wmOk"));
    assertThat(inbox.depth(CORP)).as("the failed event and the one behind it wait").isEqualTo(2);

    clock.now = clock.now.plusSeconds(2); // first back-off (1 s) has passed
    drain();
    assertThat(applied).hasSize(10);
    clock.now = clock.now.plusSeconds(10);
    drain(); // third attempt fails: parked, and the key moves on
    assertThat(inbox.parkedCount(CORP)).isEqualTo(1);
    assertThat(inbox.parked(CORP, 5).get(0).lastError()).contains("database hiccup");
    assertThat(applied).as("after parking, the key's next event applies").contains("wmBad:followDeleted")
        .doesNotContain("wmBad:followAdded");

    failing.clear();
    assertThat(inbox.replay(CORP, inbox.parked(CORP, 5).get(0).id(), clock.instant())).isTrue();
    drain();
    assertThat(applied).contains("wmBad:followAdded");
    assertThat(inbox.depth(CORP)).isZero();
  }

  @Test
  void aBlockedKeyWithAQueueBehindItDoesNotStarveOtherKeys() throws Exception {
    failing.add("wmHot");
    for (int i = 0; i < 20; i++) {
      store("wmHot", i % 2 == 0 ? "add_external_contact" : "del_follow_user", i); // more than the batch of 4
    }
    store("wmLate", "add_external_contact", 100);
    drain();
    assertThat(applied).contains("wmLate:followAdded").noneMatch(a -> a.startsWith("wmHot"));
  }

  @Test
  void unknownEventsAreParkedAtOnceWithTheirReason() throws Exception {
    inbox.store(List.of(new InboxEvent(CORP, "f".repeat(64), "change_future", "x", "other:change_future",
        clock.instant(), Map.of("Event", "change_future"), "<xml/>")), clock.instant());
    drain();
    assertThat(inbox.parkedCount(CORP)).isEqualTo(1);
    assertThat(inbox.parked(CORP, 1).get(0).lastError()).contains("unknown event");
    assertThat(applied).isEmpty();
  }

  @Test
  void aTransientDatabaseErrorIsRetriedWithCappedBackOffForAsLongAsItLastsAndNeverParks() throws Exception {
    unreachable.add("wmOut");
    store("wmOut", "add_external_contact", 1);
    store("wmOut", "del_follow_user", 2);
    // far more attempts than maxAttempts (3): an outage of any length parks nothing
    for (int i = 0; i < 12; i++) {
      drain();
      StoredEvent first = inbox.find(CORP, jdbc.queryForObject("SELECT MIN(id) FROM scrm_inbox_event", Long.class))
          .orElseThrow();
      assertThat(first.status()).isEqualTo("RETRY");
      assertThat(first.attempts()).isEqualTo(i + 1);
      assertThat(first.lastError()).startsWith("transient: ");
      assertThat(Duration.between(clock.now, first.nextAttemptAt()))
          .as("back-off doubles from 1 s and is capped").isLessThanOrEqualTo(InboxApplier.TRANSIENT_BACKOFF_CAP)
          .isEqualTo(Duration.ofSeconds(Math.min(10, 1L << i)));
      clock.now = first.nextAttemptAt();
    }
    assertThat(inbox.parkedCount(CORP)).isZero();
    assertThat(applied).isEmpty();

    unreachable.clear(); // the database is back: both apply, in order
    drain();
    assertThat(applied).containsExactly("wmOut:followAdded", "wmOut:followDeleted");
    assertThat(inbox.depth(CORP)).isZero();
    assertThat(inbox.parkedCount(CORP)).isZero();
  }

  @Test
  void appEventsSharingTheCallbackUrlAreIgnoredNotParked() throws Exception {
    int n = 0;
    for (String event : List.of("enter_agent", "click", "view", "LOCATION")) {
      inbox.store(List.of(new InboxEvent(CORP, String.format("%064d", ++n), event, null, "app:" + event,
          clock.instant(), Map.of("Event", event), "<xml/>")), clock.instant());
    }
    store("wmA", "add_external_contact", 1);
    assertThat(drain()).isEqualTo(5);
    assertThat(inbox.parkedCount(CORP)).isZero();
    assertThat(inbox.depth(CORP)).isZero();
    assertThat(jdbc.queryForObject(
        "SELECT COUNT(*) FROM scrm_inbox_event WHERE corp_id = ? AND status = 'IGNORED'", Integer.class, CORP))
        .isEqualTo(4);
    assertThat(applied).containsExactly("wmA:followAdded");
  }

  @Test
  void theDueQueryHasTheSameFewParametersHoweverManyKeysAreHeldBackPast32k() {
    // 33,000 keys on retry after an outage: a NOT IN list of them (twice, once per status) was past the 65,535
    // parameters a MariaDB statement may have
    int blocked = 33_000;
    Instant later = clock.instant().plusSeconds(60);
    List<Object[]> rows = new java.util.ArrayList<>();
    for (int i = 0; i < blocked; i++) {
      rows.add(new Object[] {CORP, String.format("%064d", i), "c:wmBlocked" + i,
          java.sql.Timestamp.from(later), java.sql.Timestamp.from(clock.instant())});
    }
    jdbc.batchUpdate("INSERT INTO scrm_inbox_event (corp_id, dedupe_key, event, change_type, order_key, fields, "
        + "payload, status, attempts, next_attempt_at, received_at) VALUES (?, ?, 'change_external_contact', "
        + "'add_external_contact', ?, '{}', '<xml/>', 'RETRY', 1, ?, ?)", rows);
    store("wmBlocked7", "del_follow_user", 1); // behind a held-back key
    store("wmFree", "add_external_contact", 2);

    List<String> statements = new CopyOnWriteArrayList<>();
    JdbcTemplate recording = new JdbcTemplate(jdbc.getDataSource()) {
      @Override
      public <T> List<T> query(String sql, org.springframework.jdbc.core.PreparedStatementSetter pss,
          org.springframework.jdbc.core.RowMapper<T> rowMapper) {
        statements.add(sql);
        return super.query(sql, pss, rowMapper);
      }

      @Override
      public <T> List<T> queryForList(String sql, Class<T> elementType, Object... args) {
        statements.add(sql);
        return super.queryForList(sql, elementType, args);
      }
    };
    List<StoredEvent> due = new JdbcInbox(recording).due(CORP, clock.instant(), 100);
    assertThat(due).extracting(StoredEvent::orderKey).containsExactly("c:wmFree");
    assertThat(statements).as("one statement").hasSize(1);
    assertThat(statements.get(0).chars().filter(c -> c == '?').count()).as("parameters").isLessThan(10);
  }

  @Test
  void aPassWhoseLeaseIsLostRollsBackAndStopsLeavingTheEventsToTheNewHolder() throws Exception {
    for (int i = 0; i < 6; i++) {
      store("wmLease" + i, "add_external_contact", i);
    }
    // real transactions: what a lost lease stops must roll back
    org.springframework.transaction.support.TransactionTemplate tx =
        new org.springframework.transaction.support.TransactionTemplate(
            new org.springframework.jdbc.datasource.DataSourceTransactionManager(jdbc.getDataSource()));
    applier.close();
    applier = new InboxApplier(inbox, application, work -> tx.executeWithoutResult(status -> work.run()),
        e -> { }, clock, new InboxApplier.Settings(2, 4, 100, 3, Duration.ofSeconds(1), Duration.ofMinutes(1)),
        null);
    java.util.concurrent.atomic.AtomicInteger checks = new java.util.concurrent.atomic.AtomicInteger();
    // the lease holds for the first commit only (the stall outlived the TTL; another node took over)
    int applied = applier.applyDue(CORP, 100, () -> checks.incrementAndGet() <= 1);
    assertThat(checks.get()).as("asked before each commit").isGreaterThanOrEqualTo(2);
    assertThat(applied).isLessThan(6);
    assertThat(inbox.depth(CORP)).as("what was not committed is left for the new holder").isEqualTo(6 - applied);
    assertThat(inbox.parkedCount(CORP)).isZero();
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM scrm_inbox_event WHERE status = 'RETRY'", Integer.class))
        .as("a lost lease is no failure of the events").isZero();
    assertThat(drain()).isEqualTo(6 - applied);
    assertThat(inbox.depth(CORP)).isZero();
  }
}
