package io.wescrm.web.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wescrm.core.inbox.InboxEvent;
import io.wescrm.core.inbox.InboxRetention;
import io.wescrm.core.inbox.StoredEvent;
import io.wescrm.core.inbox.jdbc.JdbcInbox;
import io.wescrm.web.rules.TestDataSources;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The inbox stays bounded (H2, and MariaDB with profile mariadb): applied and discarded events older than the
 * retention are deleted in batches; pending, retrying, parked and recent events stay, and so do other corps' events.
 */
class InboxRetentionIT {

  static final JdbcTemplate JDBC = new JdbcTemplate(TestDataSources.migrated());
  final JdbcInbox inbox = new JdbcInbox(JDBC);
  final Instant now = Instant.parse("2026-12-01T10:00:00Z");
  final Instant old = now.minus(Duration.ofDays(31));
  final List<String> purged = new java.util.concurrent.CopyOnWriteArrayList<>();
  String corp;
  String other;

  @BeforeEach
  void corps() {
    corp = "wwret" + UUID.randomUUID().toString().substring(0, 8);
    other = "wwret" + UUID.randomUUID().toString().substring(0, 8);
  }

  InboxEvent event(String corpId, String ext) {
    return new InboxEvent(corpId, UUID.randomUUID().toString().replace("-", "") + "00000000000000000000000000000000",
        "change_external_contact", "add_external_contact", "c:" + ext, old, Map.of("ExternalUserID", ext),
        "<xml><ExternalUserID>" + ext + "</ExternalUserID></xml>");
  }

  /** Stores events named by prefix + index, received at the given time, and returns them as stored. */
  List<StoredEvent> store(String corpId, String prefix, int count, Instant receivedAt) {
    List<InboxEvent> events = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      events.add(event(corpId, prefix + i));
    }
    inbox.store(events, receivedAt);
    return JDBC.query("SELECT id FROM scrm_inbox_event WHERE corp_id = ? AND order_key LIKE ? ORDER BY id",
        (rs, n) -> inbox.find(corpId, rs.getLong(1)).orElseThrow(), corpId, "c:" + prefix + "%");
  }

  static List<Long> ids(List<StoredEvent> events) {
    return events.stream().map(StoredEvent::id).toList();
  }

  long count(String corpId, String prefix) {
    return JDBC.queryForObject("SELECT COUNT(*) FROM scrm_inbox_event WHERE corp_id = ? AND order_key LIKE ?",
        Long.class, corpId, "c:" + prefix + "%");
  }

  InboxRetention retention(int batch, AtomicInteger busyChecks) {
    return new InboxRetention(inbox, Clock.fixed(now, ZoneOffset.UTC), Duration.ofDays(30), batch, () -> {
      busyChecks.incrementAndGet();
      return false;
    }, Duration.ofMillis(1), (corpId, n) -> purged.add(corpId + ":" + n));
  }

  @Test
  void appliedEventsOlderThanTheRetentionAreDeletedInBatchesAndEverythingElseStays() {
    List<StoredEvent> oldApplied = store(corp, "oldApplied", 25, old);
    inbox.applied(ids(oldApplied), old.plusSeconds(1));
    List<StoredEvent> oldParked = store(corp, "oldParked", 2, old);
    oldParked.forEach(e -> inbox.park(e.id(), 8, "test"));
    List<StoredEvent> oldRetry = store(corp, "oldRetry", 1, old);
    inbox.retryLater(oldRetry.get(0).id(), 3, now.plusSeconds(60), "test");
    store(corp, "oldPending", 3, old);
    // received long ago but applied (replayed) within the retention: kept until it has been applied that long
    List<StoredEvent> replayed = store(corp, "replayed", 1, old);
    inbox.applied(ids(replayed), now.minus(Duration.ofDays(1)));
    List<StoredEvent> recent = store(corp, "recent", 4, now.minus(Duration.ofDays(29)));
    inbox.applied(ids(recent), now.minus(Duration.ofDays(29)));
    List<StoredEvent> oldDiscarded = store(corp, "oldDiscarded", 2, old);
    oldDiscarded.forEach(e -> inbox.park(e.id(), 8, "test"));
    oldDiscarded.forEach(e -> assertThat(inbox.discard(corp, e.id(), "operator", old.plusSeconds(2))).isTrue());
    List<StoredEvent> otherCorp = store(other, "oldApplied", 5, old);
    inbox.applied(ids(otherCorp), old.plusSeconds(1));

    AtomicInteger batches = new AtomicInteger();
    InboxRetention.Purge purge = retention(10, batches).purge(corp);

    assertThat(purge.deleted()).as("25 applied and 2 discarded").isEqualTo(27);
    assertThat(purge.before()).isEqualTo(now.minus(Duration.ofDays(30)));
    assertThat(batches.get()).as("25 old applied events take three batches of 10: two pauses between them; the 2 "
        + "discarded ones one batch").isEqualTo(2);
    assertThat(count(corp, "oldApplied")).isZero();
    assertThat(oldApplied).allSatisfy(e -> assertThat(inbox.find(corp, e.id())).isEmpty());
    assertThat(count(corp, "oldDiscarded")).isZero();
    assertThat(count(corp, "oldParked")).isEqualTo(2);
    assertThat(inbox.parkedCount(corp)).isEqualTo(2);
    assertThat(count(corp, "oldRetry")).isEqualTo(1);
    assertThat(count(corp, "oldPending")).isEqualTo(3);
    assertThat(inbox.depth(corp)).isEqualTo(4);
    assertThat(count(corp, "replayed")).isEqualTo(1);
    assertThat(count(corp, "recent")).isEqualTo(4);
    assertThat(count(other, "oldApplied")).as("another corp's events").isEqualTo(5);

    assertThat(retention(10, new AtomicInteger()).purge(corp).deleted()).as("a second pass").isZero();
    assertThat(purged).as("what the metrics were told").containsExactly(corp + ":27", corp + ":0");
  }

  @Test
  void aPurgedEventReSentByWeComIsStoredAgainAsNew() {
    InboxEvent e = event(corp, "resent");
    inbox.store(List.of(e), old);
    inbox.applied(ids(inbox.due(corp, now, 10)), old);
    assertThat(retention(100, new AtomicInteger()).purge(corp).deleted()).isEqualTo(1);

    inbox.store(List.of(e), now);

    assertThat(inbox.depth(corp)).as("the dedupe key is gone with the row").isEqualTo(1);
  }

  @Test
  void onlyAParkedEventCanBeDiscarded() {
    StoredEvent pending = store(corp, "pending", 1, now).get(0);
    assertThat(inbox.discard(corp, pending.id(), "no", now)).isFalse();
    assertThat(inbox.discard(other, pending.id(), "no", now)).as("another corp's id").isFalse();
    inbox.park(pending.id(), 8, "unknown event type");
    assertThat(inbox.discard(corp, pending.id(), "operator: obsolete", now)).isTrue();
    StoredEvent discarded = inbox.find(corp, pending.id()).orElseThrow();
    assertThat(discarded.status()).isEqualTo("DISCARDED");
    assertThat(discarded.lastError()).isEqualTo("operator: obsolete");
    assertThat(inbox.parkedCount(corp)).isZero();
    assertThat(inbox.depth(corp)).isZero();
    assertThat(inbox.replay(corp, pending.id(), now)).as("a discarded event is not parked").isFalse();
  }

  @Test
  void aRetentionThatIsNotPositiveIsRefused() {
    assertThatThrownBy(() -> new InboxRetention(inbox, Clock.systemUTC(), Duration.ZERO, 10, () -> false,
        Duration.ZERO, (c, n) -> { })).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
  }
}
