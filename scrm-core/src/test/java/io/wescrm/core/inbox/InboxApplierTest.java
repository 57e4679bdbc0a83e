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
  JdbcInbox inbox;
  InboxApplier applier;

  @BeforeEach
  void setUp() {
    javax.sql.DataSource ds = io.wescrm.core.TestDatabases.migratedH2();
    inbox = new JdbcInbox(new JdbcTemplate(ds));
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
            applied.add(ext + ":" + method.getName());
          }
          return null;
        });
    RefetchQueue noRefetch = (RefetchQueue) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {RefetchQueue.class}, (proxy, method, args) -> null);
    EventApplication application = new EventApplication(facts, noRefetch, clock, Duration.ofSeconds(1));
    applier = new InboxApplier(inbox, application, Runnable::run, e -> { }, clock,
        new InboxApplier.Settings(2, 4, 100, 3, Duration.ofSeconds(1), Duration.ofMinutes(1)), null);
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
}
