package io.wescrm.core.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wescrm.core.inbox.jdbc.JdbcInbox;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** Group commit on the real inbox table (H2), and the "busy" signal that background work yields to. */
class InboxWriterTest {

  static final String CORP = "wwwriter";

  final JdbcInbox inbox = new JdbcInbox(new JdbcTemplate(io.wescrm.core.TestDatabases.migratedH2()));
  final CountDownLatch firstStoreEntered = new CountDownLatch(1);
  final CountDownLatch releaseFirstStore = new CountDownLatch(1);
  final List<Integer> batchSizes = new CopyOnWriteArrayList<>();

  /** The real inbox, whose first write waits until the test lets it go (so that requests queue up behind it). */
  final Inbox gated = (Inbox) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
      new Class<?>[] {Inbox.class}, (proxy, method, args) -> {
        if (method.getName().equals("store")) {
          batchSizes.add(((List<?>) args[0]).size());
          if (batchSizes.size() == 1) {
            firstStoreEntered.countDown();
            releaseFirstStore.await(10, TimeUnit.SECONDS);
          }
        }
        try {
          return method.invoke(inbox, args);
        } catch (java.lang.reflect.InvocationTargetException e) {
          throw e.getCause();
        }
      });

  static InboxEvent event(String ext) {
    return new InboxEvent(CORP, String.format("%064x", ext.hashCode() & 0xffffffffL).replace(' ', '0'),
        "change_external_contact", "add_external_contact", "c:" + ext, Instant.parse("2026-11-29T01:00:00Z"),
        Map.of("ExternalUserID", ext), "<xml/>");
  }

  @Test
  void requestsQueuedBehindAWriteAreStoredInOneBatchAndTheWriterReportsABurstWhileItLasts() throws Exception {
    // a burst from 20 events per second (the default is 2,000)
    try (InboxWriter writer = new InboxWriter(gated, Clock.systemUTC(), 1, 500, 1000, 20)) {
      // nothing stored: no burst, for longer than the writer's rate window
      await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !writer.busy());
      CompletableFuture<Void> first = writer.submit(event("first"));
      assertThat(firstStoreEntered.await(5, TimeUnit.SECONDS)).isTrue();
      List<CompletableFuture<Void>> queued = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        queued.add(writer.submit(event("queued" + i)));
      }
      assertThat(queued).noneMatch(CompletableFuture::isDone);
      releaseFirstStore.countDown();
      first.get(5, TimeUnit.SECONDS);
      for (CompletableFuture<Void> f : queued) {
        f.get(5, TimeUnit.SECONDS);
      }
      assertThat(batchSizes).containsExactly(1, 20);
      assertThat(inbox.depth(CORP)).isEqualTo(21);
      // 21 events within the next rate window: a burst; then a window without events: the burst is over
      await("a burst").atMost(Duration.ofSeconds(2)).until(writer::busy);
      await("the burst is over").atMost(Duration.ofSeconds(2)).until(() -> !writer.busy());
    }
  }

  @Test
  void aFailedWriteFailsEveryRequestOfItsBatchAndTheWriterGoesOn() throws Exception {
    try (InboxWriter writer = new InboxWriter(inbox, Clock.systemUTC(), 1, 500, 1000)) {
      InboxEvent bad = new InboxEvent(CORP, "x".repeat(300), "change_external_contact", null, "c:bad", null,
          Map.of(), "<xml/>");
      CompletableFuture<Void> failed = writer.submit(bad);
      assertThat(failed).failsWithin(5, TimeUnit.SECONDS);
      writer.submit(event("after")).get(5, TimeUnit.SECONDS);
      assertThat(inbox.depth(CORP)).isEqualTo(1);
    }
  }

  @Test
  void anErrorInAWriteFailsItsBatchAndTheWriterThreadLivesOn() throws Exception {
    java.util.concurrent.atomic.AtomicInteger stores = new java.util.concurrent.atomic.AtomicInteger();
    Inbox erring = (Inbox) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {Inbox.class}, (proxy, method, args) -> {
          if (method.getName().equals("store") && stores.incrementAndGet() == 1) {
            throw new StackOverflowError("driver blew its stack");
          }
          try {
            return method.invoke(inbox, args);
          } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
          }
        });
    // one writer thread: if the Error killed it, the second event would never be stored
    try (InboxWriter writer = new InboxWriter(erring, Clock.systemUTC(), 1, 500, 1000)) {
      assertThat(writer.submit(event("erred"))).failsWithin(5, TimeUnit.SECONDS);
      writer.submit(event("after the error")).get(5, TimeUnit.SECONDS);
      assertThat(inbox.depth(CORP)).isEqualTo(1);
    }
  }

  @Test
  void duringABurstABatchGathersForTheGatherWindowButIdleAnEventIsWrittenAtOnce() throws Exception {
    // a burst from 20 events per second, gathering from the same rate (the 7-argument constructor)
    gathers(20, null);
  }

  @Test
  void aBatchGathersFromTheGatherRateAlreadyBelowABurst() throws Exception {
    // a steady stream: far below the burst rate (background work does not yield), above the gather rate
    gathers(1_000_000, 20);
  }

  private void gathers(int burstRate, Integer gatherRate) throws Exception {
    List<Integer> sizes = new CopyOnWriteArrayList<>();
    Inbox counted = (Inbox) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {Inbox.class}, (proxy, method, args) -> {
          if (method.getName().equals("store")) {
            sizes.add(((List<?>) args[0]).size());
          }
          try {
            return method.invoke(inbox, args);
          } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
          }
        });
    // a long gather window so that the test does not depend on the machine's speed
    // (400 ms was not long enough on a loaded 2-core machine: the five later submits missed the first one's window)
    java.time.Duration window = java.time.Duration.ofMillis(1500);
    try (InboxWriter writer = gatherRate == null
        ? new InboxWriter(counted, Clock.systemUTC(), 1, 500, 1000, burstRate, window)
        : new InboxWriter(counted, Clock.systemUTC(), 1, 500, 1000, burstRate, window, gatherRate)) {
      // idle (no events for longer than a rate window): an event is written at once, without gathering
      await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !writer.gathering());
      writer.submit(event("idle")).get(5, TimeUnit.SECONDS);
      for (int i = 0; i < 30; i++) {
        writer.submit(event("burst" + i)).get(5, TimeUnit.SECONDS);
      }
      // the next look at the rate (as the writer's own) sees the 31 events: from now on a batch gathers
      await("gathering").atMost(Duration.ofSeconds(2)).until(writer::gathering);
      sizes.clear();
      CompletableFuture<Void> first = writer.submit(event("gathered0"));
      // the first event waits for company instead of being written at once
      await().during(Duration.ofMillis(50)).atMost(Duration.ofMillis(300)).pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(10)).until(() -> !first.isDone());
      List<CompletableFuture<Void>> more = new ArrayList<>();
      for (int i = 1; i <= 5; i++) {
        more.add(writer.submit(event("gathered" + i)));
      }
      first.get(5, TimeUnit.SECONDS);
      for (CompletableFuture<Void> f : more) {
        f.get(5, TimeUnit.SECONDS);
      }
      assertThat(sizes).as("the events of the window in one commit").containsExactly(6);
      assertThat(inbox.depth(CORP)).isEqualTo(37);
      if (gatherRate != null) {
        assertThat(writer.busy()).as("no burst: background work is not told to yield").isFalse();
      }
    }
  }
}
