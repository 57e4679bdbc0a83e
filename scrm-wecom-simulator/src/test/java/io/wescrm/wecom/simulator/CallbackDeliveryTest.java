package io.wescrm.wecom.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wescrm.wecom.simulator.CallbackReceiver.Answer;
import io.wescrm.wecom.simulator.CallbackReceiver.Received;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Delivery like WeCom: async, ordered per corp, retried, faults, journal, API changes silent. */
class CallbackDeliveryTest {

  private static final String CORP = "wwcallbackdelivery";
  private static final Duration IDLE = Duration.ofSeconds(20);

  private WeComSimulator sim;
  private SimCorp corp;
  private CallbackReceiver receiver;
  private List<String> staff;

  @BeforeEach
  void start() throws Exception {
    sim = WeComSimulator.start(SimulatorOptions.of(
        new SimCorpSpec(CORP, "投递测试", "s3cret", 1000002, SeedSize.of(2, 8, 100, 150, 4, 10), 9L)));
    corp = sim.corp(CORP);
    receiver = new CallbackReceiver(CORP);
    corp.callbacks(receiver.url(), CallbackReceiver.TOKEN, CallbackReceiver.AES_KEY)
        .callbackRetryInterval(Duration.ofMillis(100))
        .callbackTimeout(Duration.ofMillis(2000)); // generous: CI machines are small and busy
    staff = corp.followUserIds();
  }

  @AfterEach
  void stop() {
    sim.close();
    receiver.close();
  }

  private List<String> scans(int count) {
    List<String> externalUserIds = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      externalUserIds.add(corp.scan(staff.get(i % staff.size()), "s" + i, null).externalUserId());
    }
    return externalUserIds;
  }

  private static List<String> externalIds(List<Received> received) {
    return received.stream().map(r -> r.cdata("ExternalUserID")).toList();
  }

  @Test
  void deliversInChangeOrderAndJournalsEveryEvent() {
    List<String> expected = scans(30);
    assertThat(corp.awaitCallbacksIdle(IDLE)).isTrue();
    assertThat(receiver.problems()).isEmpty();
    assertThat(externalIds(receiver.received())).containsExactlyElementsOf(expected);
    assertThat(receiver.maxInFlight()).as("strictly sequential by default").isEqualTo(1);

    List<SimCallback> journal = corp.callbackJournal();
    assertThat(journal).hasSize(30);
    assertThat(journal).extracting(SimCallback::status).containsOnly(SimCallback.Status.ACKED);
    assertThat(journal).extracting(SimCallback::attempts).containsOnly(1);
    assertThat(journal).extracting(SimCallback::eventSeq).containsExactlyElementsOf(
        java.util.stream.LongStream.rangeClosed(1, 30).boxed().toList());
    assertThat(journal.get(0).event()).isEqualTo("change_external_contact");
    assertThat(journal.get(0).changeType()).isEqualTo("add_external_contact");
    assertThat(journal.get(0).xml()).isEqualTo(receiver.received().get(0).plaintext());
    assertThat(journal.get(0).ackedAt()).isAfterOrEqualTo(journal.get(0).queuedAt());
    assertThat(journal.get(0).changeSeq()).isPositive();
    assertThat(corp.callbackJournal(SimCallback.Status.ACKED, 25, 3)).extracting(SimCallback::seq)
        .containsExactly(26L, 27L, 28L);
    assertThat(sim.stats().callbacksSent()).isEqualTo(30);
    assertThat(sim.stats().callbacksAcked()).isEqualTo(30);
    assertThat(sim.stats().callbacksRetried()).isZero();
  }

  @Test
  void retriesUntilTheReceiverAcknowledgesReEncryptingEachAttempt() {
    AtomicInteger calls = new AtomicInteger();
    receiver.respond(r -> switch (calls.incrementAndGet()) {
      case 1 -> Answer.status(500);
      case 2 -> Answer.sleep(Duration.ofMillis(3000)); // past the 2 s timeout
      default -> Answer.OK;
    });
    String ext = scans(1).get(0);
    String next = scans(1).get(0);
    assertThat(corp.awaitCallbacksIdle(IDLE)).isTrue();

    List<Received> received = receiver.received();
    assertThat(externalIds(received)).containsExactly(ext, ext, ext, next);
    assertThat(received.subList(0, 3)).extracting(Received::plaintext).containsOnly(received.get(0).plaintext());
    assertThat(received.subList(0, 3)).extracting(Received::encrypt).doesNotHaveDuplicates();
    assertThat(received.subList(0, 3)).extracting(Received::nonce).doesNotHaveDuplicates();
    assertThat(received.get(1).nanoTime() - received.get(0).nanoTime())
        .as("retry interval").isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(90));

    SimCallback first = corp.callbackJournal().get(0);
    assertThat(first.status()).isEqualTo(SimCallback.Status.ACKED);
    assertThat(first.attempts()).isEqualTo(3);
    assertThat(first.lastError()).isEqualTo("timeout");
    assertThat(sim.stats().callbacksRetried()).isEqualTo(2);
    assertThat(sim.stats().callbacksSent()).isEqualTo(4);
  }

  @Test
  void givesUpAfterFourAttemptsAndMovesOn() {
    receiver.respond(r -> r.cdata("State").equals("s0") ? Answer.status(503) : Answer.OK);
    List<String> ids = scans(2);
    assertThat(corp.awaitCallbacksIdle(IDLE)).isTrue();

    assertThat(externalIds(receiver.received())).containsExactly(ids.get(0), ids.get(0), ids.get(0), ids.get(0),
        ids.get(1));
    List<SimCallback> journal = corp.callbackJournal();
    assertThat(journal.get(0).status()).isEqualTo(SimCallback.Status.FAILED);
    assertThat(journal.get(0).attempts()).isEqualTo(4);
    assertThat(journal.get(0).lastError()).isEqualTo("HTTP 503");
    assertThat(journal.get(1).status()).isEqualTo(SimCallback.Status.ACKED);
    assertThat(sim.stats().callbacksFailed()).isEqualTo(1);
    assertThat(sim.stats().callbacksRetried()).isEqualTo(3);
    assertThat(corp.callbackJournal(SimCallback.Status.FAILED, 0, 10)).hasSize(1);
  }

  @Test
  void unreachableReceiverFailsToo() throws Exception {
    int port;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    corp.callbacks("http://127.0.0.1:" + port + "/cb", CallbackReceiver.TOKEN, CallbackReceiver.AES_KEY)
        .callbackRetryInterval(Duration.ofMillis(10));
    scans(1);
    assertThat(corp.awaitCallbacksIdle(IDLE)).isTrue();
    SimCallback entry = corp.callbackJournal().get(0);
    assertThat(entry.status()).isEqualTo(SimCallback.Status.FAILED);
    assertThat(entry.attempts()).isEqualTo(4);
    assertThat(entry.lastError()).contains("ConnectException");
  }

  @Test
  void apiMadeChangesSendNoCallback() {
    SimTestClient client = new SimTestClient(sim);
    String token = client.token(corp);
    SimFollow follow = corp.followsOf(staff.get(0)).get(0);
    String tagId = corp.tags().get(0).id();
    assertThat(SimTestClient.errcode(client.post("externalcontact/remark", token,
        "{\"userid\":\"" + follow.userid() + "\",\"external_userid\":\"" + follow.externalUserId()
            + "\",\"remark\":\"API备注\"}"))).isZero();
    assertThat(SimTestClient.errcode(client.post("externalcontact/mark_tag", token,
        "{\"userid\":\"" + follow.userid() + "\",\"external_userid\":\"" + follow.externalUserId()
            + "\",\"add_tag\":[\"" + tagId + "\"]}"))).isZero();
    assertThat(SimTestClient.errcode(client.post("externalcontact/add_corp_tag", token,
        "{\"group_name\":\"API组\",\"tag\":[{\"name\":\"API标签\"}]}"))).isZero();
    // the same kind of change made in the client does send one
    corp.editFollow(follow.userid(), follow.externalUserId(), "客户端备注", null, null);
    assertThat(corp.awaitCallbacksIdle(IDLE)).isTrue();
    assertThat(receiver.received()).hasSize(1);
    assertThat(receiver.received().get(0).message().getChangeType()).isEqualTo("edit_external_contact");
    assertThat(corp.callbackJournal()).hasSize(1);
  }

  @Test
  void duplicateFaultDeliversTheSameEventTwice() {
    sim.callbackFaults().duplicateRate(1.0);
    List<String> ids = scans(3);
    assertThat(corp.awaitCallbacksIdle(IDLE)).isTrue();
    List<Received> received = receiver.received();
    assertThat(externalIds(received)).containsExactly(ids.get(0), ids.get(0), ids.get(1), ids.get(1), ids.get(2),
        ids.get(2));
    assertThat(received.get(0).plaintext()).isEqualTo(received.get(1).plaintext());
    assertThat(received.get(0).encrypt()).isNotEqualTo(received.get(1).encrypt());
    List<SimCallback> journal = corp.callbackJournal();
    assertThat(journal).extracting(SimCallback::eventSeq).containsExactly(1L, 1L, 2L, 2L, 3L, 3L);
    assertThat(journal).extracting(SimCallback::duplicate).containsExactly(false, true, false, true, false, true);
    assertThat(journal).extracting(SimCallback::status).containsOnly(SimCallback.Status.ACKED);
    assertThat(sim.stats().callbacksDuplicated()).isEqualTo(3);
  }

  @Test
  void lossFaultDropsEventsReproduciblyWithASeed() {
    sim.callbackFaults().seed(7).lossRate(0.5);
    List<String> ids = scans(40);
    assertThat(corp.awaitCallbacksIdle(IDLE)).isTrue();
    List<SimCallback> journal = corp.callbackJournal();
    List<String> lostIds = new ArrayList<>();
    List<String> deliveredIds = new ArrayList<>();
    for (int i = 0; i < journal.size(); i++) {
      (journal.get(i).status() == SimCallback.Status.LOST ? lostIds : deliveredIds).add(ids.get(i));
    }
    assertThat(lostIds).isNotEmpty();
    assertThat(deliveredIds).isNotEmpty();
    assertThat(externalIds(receiver.received())).containsExactlyElementsOf(deliveredIds);
    assertThat(journal.stream().filter(e -> e.status() == SimCallback.Status.LOST)).allMatch(e -> e.attempts() == 0);
    assertThat(sim.stats().callbacksLost()).isEqualTo(lostIds.size());

    // the same seed draws the same fates
    java.util.Random random = new java.util.Random(7);
    for (SimCallback entry : journal) {
      assertThat(entry.status() == SimCallback.Status.LOST).isEqualTo(random.nextDouble() < 0.5);
    }
  }

  @Test
  void reorderFaultSwapsNeighboursAndReleasesALonelyHeldEvent() {
    sim.callbackFaults().reorderRate(1.0).reorderHold(Duration.ofMillis(200));
    List<String> ids = scans(4);
    assertThat(corp.awaitCallbacksIdle(IDLE)).isTrue();
    assertThat(externalIds(receiver.received())).containsExactly(ids.get(1), ids.get(0), ids.get(3), ids.get(2));

    String lonely = scans(1).get(0);
    assertThat(corp.pendingCallbacks()).isEqualTo(1);
    assertThat(corp.awaitCallbacksIdle(IDLE)).isTrue();
    assertThat(externalIds(receiver.received())).endsWith(lonely);
    assertThat(sim.stats().callbacksReordered()).isEqualTo(3);
  }

  @Test
  void reorderWithASeedIsReproducible() {
    List<List<String>> orders = new ArrayList<>();
    for (int run = 0; run < 2; run++) {
      sim.callbackFaults().seed(11).reorderRate(0.3);
      int before = receiver.received().size();
      List<String> ids = scans(30);
      assertThat(corp.awaitCallbacksIdle(IDLE)).isTrue();
      List<String> got = externalIds(receiver.received().subList(before, receiver.received().size()));
      assertThat(got).containsExactlyInAnyOrderElementsOf(ids).isNotEqualTo(ids);
      List<String> positions = got.stream().map(id -> Integer.toString(ids.indexOf(id))).toList();
      orders.add(positions);
    }
    assertThat(orders.get(0)).isEqualTo(orders.get(1));
  }

  @Test
  void extraLatencyDelaysEveryAttempt() {
    sim.callbackFaults().extraLatency(Duration.ofMillis(300));
    long started = System.nanoTime();
    scans(1);
    assertThat(corp.awaitCallbacksIdle(IDLE)).isTrue();
    assertThat(receiver.received().get(0).nanoTime() - started).isGreaterThanOrEqualTo(
        TimeUnit.MILLISECONDS.toNanos(290));
  }

  @Test
  void theMutatingThreadNeverWaitsForTheReceiver() {
    receiver.respond(r -> Answer.sleep(Duration.ofMillis(300)));
    corp.callbackTimeout(Duration.ofSeconds(5));
    scans(10);
    // 10 events at 300 ms each take 3 s to deliver; the mutations returned long before
    assertThat(receiver.requests()).isLessThanOrEqualTo(2);
    assertThat(corp.pendingCallbacks()).isGreaterThanOrEqualTo(8);
    assertThat(corp.callbackJournal(SimCallback.Status.PENDING, 0, 100)).hasSizeGreaterThanOrEqualTo(8);
    assertThat(corp.awaitCallbacksIdle(Duration.ofMillis(50))).isFalse();
    assertThat(corp.awaitCallbacksIdle(IDLE)).isTrue();
    assertThat(receiver.received()).hasSize(10);
  }

  @Test
  void journalKeepsTheNewestEntries() {
    corp.callbackJournalLimit(5);
    scans(8);
    assertThat(corp.awaitCallbacksIdle(IDLE)).isTrue();
    assertThat(corp.callbackJournal()).extracting(SimCallback::seq).containsExactly(4L, 5L, 6L, 7L, 8L);
    corp.clearCallbackJournal();
    assertThat(corp.callbackJournal()).isEmpty();
  }

  @Test
  void rawEventsAndDisabling() {
    String unknown = "<xml><ToUserName><![CDATA[" + CORP + "]]></ToUserName><FromUserName><![CDATA[sys]]>"
        + "</FromUserName><CreateTime>1700000000</CreateTime><MsgType><![CDATA[event]]></MsgType>"
        + "<Event><![CDATA[change_future_thing]]></Event><ChangeType><![CDATA[brand_new]]></ChangeType></xml>";
    long seq = corp.emitRaw(unknown);
    assertThat(corp.awaitCallbacksIdle(IDLE)).isTrue();
    assertThat(receiver.plaintexts()).containsExactly(unknown);
    assertThat(receiver.received().get(0).message().getEvent()).isEqualTo("change_future_thing");
    SimCallback entry = corp.callbackJournal().get(0);
    assertThat(entry.eventSeq()).isEqualTo(seq);
    assertThat(entry.changeSeq()).isZero();
    assertThat(entry.event()).isEqualTo("change_future_thing");
    assertThat(entry.changeType()).isEqualTo("brand_new");

    corp.disableCallbacks();
    assertThat(corp.callbackConfig().enabled()).isFalse();
    scans(2);
    assertThatThrownBy(() -> corp.emitRaw(unknown)).isInstanceOf(IllegalStateException.class);
    assertThat(corp.awaitCallbacksIdle(IDLE)).isTrue();
    assertThat(receiver.received()).hasSize(1);

    corp.callbacks(receiver.url(), CallbackReceiver.TOKEN, CallbackReceiver.AES_KEY);
    assertThat(corp.callbackConfig().enabled()).isTrue();
    assertThat(corp.callbackConfig().retryInterval()).as("settings kept").isEqualTo(Duration.ofMillis(100));
    scans(1);
    assertThat(corp.awaitCallbacksIdle(IDLE)).isTrue();
    assertThat(receiver.received()).hasSize(2);
  }

  @Test
  void validatesTheConfiguration() {
    assertThatThrownBy(() -> corp.callbacks(receiver.url(), "tok", "short"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("43");
    assertThatThrownBy(() -> corp.callbacks("ftp://x/cb", "tok", CallbackReceiver.AES_KEY))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> corp.callbacks("/relative", "tok", CallbackReceiver.AES_KEY))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> corp.callbacks(receiver.url(), "", CallbackReceiver.AES_KEY))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> corp.callbackMaxInFlight(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> sim.callbackFaults().lossRate(1.5)).isInstanceOf(IllegalArgumentException.class);
    SimCallbackConfig config = corp.callbackConfig();
    assertThat(config.url()).isEqualTo(receiver.url());
    assertThat(config.maxRetries()).isEqualTo(3);
    assertThat(config.maxInFlight()).isEqualTo(1);
    assertThat(config.journalLimit()).isEqualTo(100_000);
  }

  @Test
  void welcomeCodesAreSingleUseAndExpire() {
    SimScan scan = corp.scan(staff.get(0), "store_qr", "新客");
    assertThat(corp.awaitCallbacksIdle(IDLE)).isTrue();
    assertThat(receiver.received().get(0).message().getWelcomeCode()).isEqualTo(scan.welcomeCode());
    assertThat(receiver.received().get(0).message().getState()).isEqualTo("store_qr");
    assertThat(corp.customer(scan.externalUserId()).orElseThrow().name()).isEqualTo("新客");
    assertThat(corp.follow(staff.get(0), scan.externalUserId()).orElseThrow().state()).isEqualTo("store_qr");
    assertThat(corp.welcomeCode(scan.welcomeCode()).orElseThrow().usableAt(java.time.Instant.now())).isTrue();
    corp.useWelcomeCode(scan.welcomeCode());
    assertThat(corp.welcomeCode(scan.welcomeCode()).orElseThrow().used()).isTrue();
    assertThatThrownBy(() -> corp.useWelcomeCode(scan.welcomeCode()))
        .satisfies(e -> assertThat(((WeComApiError) e).errcode()).isEqualTo(41051));
    assertThatThrownBy(() -> corp.useWelcomeCode("nope"))
        .satisfies(e -> assertThat(((WeComApiError) e).errcode()).isEqualTo(41050));
    corp.welcomeCodeTtl(Duration.ZERO);
    SimScan expired = corp.scan(staff.get(0), null, null);
    assertThatThrownBy(() -> corp.useWelcomeCode(expired.welcomeCode()))
        .satisfies(e -> assertThat(((WeComApiError) e).errcode()).isEqualTo(41050));
  }

  @Test
  void parallelDeliveryForLoad() throws Exception {
    corp.callbackMaxInFlight(32).callbackTimeout(Duration.ofSeconds(5));
    receiver.parse(false); // WxJava's XStream parsing would make the receiver the bottleneck
    receiver.respond(r -> Answer.sleep(Duration.ofMillis(2)));
    int threads = 4;
    int perThread = 750;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long started = System.nanoTime();
    List<Future<List<String>>> futures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int offset = t;
      futures.add(pool.submit(() -> {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < perThread; i++) {
          ids.add(corp.scan(staff.get((offset + i) % staff.size()), "load", null).externalUserId());
        }
        return ids;
      }));
    }
    Set<String> expected = new HashSet<>();
    for (Future<List<String>> future : futures) {
      expected.addAll(future.get());
    }
    long mutated = System.nanoTime();
    assertThat(corp.awaitCallbacksIdle(Duration.ofSeconds(60))).isTrue();
    long done = System.nanoTime();
    pool.shutdown();

    int total = threads * perThread;
    assertThat(receiver.problems()).isEmpty();
    assertThat(receiver.received()).hasSize(total);
    assertThat(new HashSet<>(externalIds(receiver.received()))).isEqualTo(expected);
    assertThat(receiver.maxInFlight()).isGreaterThan(1).isLessThanOrEqualTo(32);
    assertThat(corp.callbackJournal()).hasSize(total)
        .extracting(SimCallback::status).containsOnly(SimCallback.Status.ACKED);
    Map<String, Long> counters = sim.stats().callbackCounters();
    assertThat(counters).containsEntry("acked", (long) total).containsEntry("emitted", (long) total);
    System.out.printf("parallel callbacks: %d events, mutations %.0f/s, delivered %.0f events/s "
            + "(32 in flight, receiver 2 ms, max seen in flight %d)%n", total,
        total / ((mutated - started) / 1e9), total / ((done - started) / 1e9), receiver.maxInFlight());
  }
}
