package io.wescrm.core.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class EventDeliveryTest {

  private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");

  /** An outbox in memory, with the contract of the JDBC one (ids in insertion order, due by time). */
  static final class MemoryOutbox implements Outbox {
    final Map<Long, Object[]> rows = new LinkedHashMap<>(); // id -> {consumer, event, dueAt, attempts, error}
    long next = 1;

    @Override
    public void append(List<Entry> entries, Instant now) {
      entries.forEach(e -> rows.put(next++, new Object[] {e.consumer(), e.event(), e.dueAt(), 0, null}));
    }

    @Override
    public List<Pending> due(String consumer, Instant now, int limit) {
      return rows.entrySet().stream().filter(r -> r.getValue()[0].equals(consumer)
          && !((Instant) r.getValue()[2]).isAfter(now)).sorted(Map.Entry.comparingByKey()).limit(limit)
          .map(r -> new Pending(r.getKey(), consumer, (DomainEvent) r.getValue()[1], (int) r.getValue()[3]))
          .toList();
    }

    @Override
    public void delivered(List<Long> ids) {
      ids.forEach(rows::remove);
    }

    @Override
    public void later(long id, int attempts, Instant at, String error) {
      Object[] r = rows.get(id);
      r[2] = at;
      r[3] = attempts;
      r[4] = error;
    }

    @Override
    public Map<String, Long> depth() {
      Map<String, Long> out = new LinkedHashMap<>();
      rows.values().forEach(r -> out.merge((String) r[0], 1L, Long::sum));
      return out;
    }

    @Override
    public Optional<Instant> oldest() {
      return Optional.empty();
    }
  }

  static final class MutableClock extends Clock {
    Instant now = T0;

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

  /** A consumer that records what it handled and fails on the customers named in {@code failOn}. */
  static final class Recording implements EventConsumer {
    final String name;
    final Duration delay;
    final List<List<DomainEvent>> batches = new ArrayList<>();
    final List<String> failOn = new ArrayList<>();
    Function<List<DomainEvent>, List<DomainEvent>> later = events -> List.of();

    Recording(String name, Duration delay) {
      this.name = name;
      this.delay = delay;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public Duration delay() {
      return delay;
    }

    @Override
    public boolean accepts(DomainEvent event) {
      return event instanceof DomainEvent.CustomerAdded;
    }

    @Override
    public List<DomainEvent> handle(List<DomainEvent> events) {
      for (DomainEvent e : events) {
        if (failOn.contains(((DomainEvent.CustomerAdded) e).externalUserId())) {
          throw new IllegalStateException("database away");
        }
      }
      batches.add(events);
      return later.apply(events);
    }

    List<String> handled() {
      return batches.stream().flatMap(List::stream)
          .map(e -> ((DomainEvent.CustomerAdded) e).externalUserId()).toList();
    }
  }

  private final MemoryOutbox outbox = new MemoryOutbox();
  private final MutableClock clock = new MutableClock();
  private final Recording attribution = new Recording("attribution", Duration.ZERO);
  private final Recording rules = new Recording("rules", Duration.ofMillis(1500));
  private final OutboxEvents events = new OutboxEvents(outbox, List.of(attribution, rules), clock);
  private final EventDelivery delivery = new EventDelivery(outbox, List.of(attribution, rules), clock,
      new EventDelivery.Settings(100, Duration.ofSeconds(1), Duration.ofSeconds(8), 3));

  private static DomainEvent added(String customer) {
    return new DomainEvent.CustomerAdded("ww1", "zhangsan", customer, "s", null, false, T0);
  }

  @Test
  void eachConsumerGetsItsOwnCopyOnlyOfTheEventsItAccepts() {
    events.record(List.of(added("c1"), new DomainEvent.CustomerEdited("ww1", "u", "c1", T0), added("c2")));
    assertThat(outbox.depth()).containsEntry("attribution", 2L).containsEntry("rules", 2L).hasSize(2);
  }

  @Test
  void aDelayedConsumerSeesItsEventsOnlyAfterTheDelayAndBothAreDeletedOnceHandled() {
    events.record(List.of(added("c1"), added("c2")));
    delivery.deliverDue();
    assertThat(attribution.handled()).containsExactly("c1", "c2");
    assertThat(rules.handled()).isEmpty();
    clock.now = T0.plusMillis(1500);
    delivery.deliverDue();
    assertThat(rules.handled()).containsExactly("c1", "c2");
    assertThat(outbox.rows).isEmpty();
    delivery.deliverDue();
    assertThat(attribution.handled()).as("handled once").hasSize(2);
    assertThat(delivery.delivered()).isEqualTo(4);
  }

  @Test
  void aFailedBatchIsHandedOverOneByOneAndOnlyTheFailingEventWaitsWithBackOff() {
    events.record(List.of(added("c1"), added("bad"), added("c3")));
    attribution.failOn.add("bad");
    delivery.deliverDue();
    assertThat(attribution.handled()).containsExactly("c1", "c3");
    assertThat(delivery.failures()).isEqualTo(1);
    assertThat(outbox.due("attribution", clock.now, 10)).isEmpty();
    Object[] bad = outbox.rows.values().stream().filter(r -> r[0].equals("attribution")).findFirst().orElseThrow();
    assertThat(bad[2]).isEqualTo(T0.plusSeconds(1));
    assertThat((String) bad[4]).contains("database away");

    clock.now = T0.plusSeconds(1);
    delivery.deliverDue();
    assertThat(bad[2]).as("second failure: twice the wait").isEqualTo(T0.plusSeconds(3));
    attribution.failOn.clear();
    clock.now = T0.plusSeconds(3);
    delivery.deliverDue();
    assertThat(attribution.handled()).containsExactly("c1", "c3", "bad");
    assertThat(outbox.depth()).doesNotContainKey("attribution");
  }

  @Test
  void theBackOffIsCappedAndAnEventIsNeverDropped() {
    events.record(List.of(added("bad")));
    attribution.failOn.add("bad");
    for (int i = 0; i < 12; i++) {
      clock.now = clock.now.plusSeconds(60);
      delivery.deliverDue();
    }
    Object[] bad = outbox.rows.values().stream().filter(r -> r[0].equals("attribution")).findFirst().orElseThrow();
    assertThat((int) bad[3]).isEqualTo(12);
    assertThat(Duration.between(clock.now, (Instant) bad[2])).isEqualTo(Duration.ofSeconds(8));
  }

  @Test
  void anEventAConsumerAsksToSeeAgainComesBackLaterAndIsDroppedAfterTheLastTry() {
    events.record(List.of(added("c1"), added("unknown")));
    rules.later = batch -> batch.stream()
        .filter(e -> ((DomainEvent.CustomerAdded) e).externalUserId().equals("unknown")).toList();
    clock.now = T0.plusMillis(1500);
    delivery.deliverDue();
    assertThat(rules.handled()).containsExactly("c1", "unknown");
    for (int i = 0; i < 10; i++) {
      clock.now = clock.now.plusSeconds(10);
      delivery.deliverDue();
    }
    assertThat(rules.handled()).containsExactly("c1", "unknown", "unknown", "unknown");
    assertThat(delivery.failures()).isZero();
    assertThat(outbox.depth()).doesNotContainKey("rules");
  }

  @Test
  void eventsAreHandedOverInTheOrderTheyWereStored() {
    List<DomainEvent> many = new ArrayList<>();
    for (int i = 0; i < 250; i++) {
      many.add(added("c" + i));
    }
    events.record(many);
    while (delivery.deliverDue() > 0 && outbox.depth().containsKey("attribution")) {
      // batches of 100
    }
    assertThat(attribution.batches).hasSizeGreaterThanOrEqualTo(3);
    assertThat(attribution.handled()).isSortedAccordingTo(Comparator.comparingInt(s -> Integer.parseInt(
        s.substring(1))));
  }
}
