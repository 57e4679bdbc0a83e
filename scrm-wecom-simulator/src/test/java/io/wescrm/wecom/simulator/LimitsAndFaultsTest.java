package io.wescrm.wecom.simulator;

import static io.wescrm.wecom.simulator.SimTestClient.errcode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Quota (45009 and its block window), concurrency (45033), latency and injected errors. */
class LimitsAndFaultsTest {

  private WeComSimulator sim;
  private SimCorp corp;
  private SimCorp other;
  private SimTestClient client;
  private String token;

  @BeforeEach
  void start() {
    sim = WeComSimulator.start(SimulatorOptions.of(
        new SimCorpSpec("wwlimits", "限流测试", "s3cret", 1, SeedSize.of(1, 4, 20, 25, 2, 5), 11L),
        new SimCorpSpec("wwother", "另一家", "s3cret", 1, SeedSize.of(1, 4, 20, 25, 2, 5), 12L)));
    corp = sim.corp("wwlimits");
    other = sim.corp("wwother");
    client = new SimTestClient(sim);
    token = client.token(corp);
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  private JsonObject followers(String accessToken) {
    return client.get("externalcontact/get_follow_user_list", accessToken, Map.of());
  }

  private JsonObject user(String accessToken) {
    return client.get("user/get", accessToken, Map.of("userid", corp.staff().get(0).userid()));
  }

  @Test
  void quotaBlocksTheApiForTheBlockWindow() throws Exception {
    sim.faults().quotaPerWindow(5).blockWindow(Duration.ofMillis(700));
    String otherToken = client.token(other);
    for (int i = 0; i < 5; i++) {
      assertThat(errcode(followers(token))).as("call %d", i).isZero();
    }
    assertThat(errcode(followers(token))).isEqualTo(45009);
    assertThat(errcode(followers(token))).isEqualTo(45009);
    assertThat(errcode(user(token))).as("other api").isZero();
    assertThat(errcode(followers(otherToken))).as("other corp").isZero();
    AtomicInteger refused = new AtomicInteger(2);
    await("the block window ends").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
      int code = errcode(followers(token));
      if (code == 45009) {
        refused.incrementAndGet();
      }
      return code == 0;
    });
    assertThat(sim.stats().errors(45009)).isEqualTo(refused.get());
    assertThat(sim.stats().injectedErrors(45009)).isZero();
  }

  @Test
  void quotaWindowResetsCountsAfterItEnds() throws Exception {
    sim.faults().quotaPerWindow(3).quotaWindow(Duration.ofMillis(400)).blockWindow(Duration.ofSeconds(60));
    for (int i = 0; i < 3; i++) {
      assertThat(errcode(followers(token))).isZero();
    }
    // the 400 ms quota window passes (simulator time: nothing to poll without spending quota)
    Thread.sleep(450);
    for (int i = 0; i < 3; i++) {
      assertThat(errcode(followers(token))).isZero();
    }
    assertThat(errcode(followers(token))).isEqualTo(45009);
  }

  private List<Integer> parallel(int count, java.util.function.Supplier<JsonObject> call) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(count);
    try {
      List<CompletableFuture<Integer>> futures = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        futures.add(CompletableFuture.supplyAsync(() -> errcode(call.get()), pool));
      }
      List<Integer> codes = new ArrayList<>();
      for (CompletableFuture<Integer> future : futures) {
        codes.add(future.get());
      }
      return codes;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void concurrencyLimitAnswers45033BeyondFiveInFlight() throws Exception {
    sim.faults().latency(Duration.ofMillis(1_000));
    List<Integer> codes = parallel(12, () -> followers(token));
    assertThat(codes.stream().filter(c -> c == 0).count()).isEqualTo(5);
    assertThat(codes.stream().filter(c -> c == 45033).count()).isEqualTo(7);
    assertThat(sim.stats().maxInFlightByApi()).containsEntry("externalcontact/get_follow_user_list", 5);
  }

  @Test
  void concurrencyLimitCanBeRaisedOrSwitchedOff() throws Exception {
    sim.faults().latency(Duration.ofMillis(500)).concurrencyLimit("externalcontact/get_follow_user_list", 8);
    List<Integer> codes = parallel(10, () -> followers(token));
    assertThat(codes.stream().filter(c -> c == 0).count()).isEqualTo(8);
    sim.faults().concurrencyLimit("externalcontact/get_follow_user_list", 0);
    assertThat(parallel(10, () -> followers(token))).containsOnly(0);
  }

  @Test
  void latencyAppliesPerApi() throws Exception {
    sim.faults().latency("externalcontact/get_follow_user_list", Duration.ofSeconds(3));
    CompletableFuture<Integer> slow = CompletableFuture.supplyAsync(() -> errcode(followers(token)));
    await("the delayed call is in flight").atMost(Duration.ofSeconds(3))
        .until(() -> sim.stats().maxInFlightByApi().getOrDefault("externalcontact/get_follow_user_list", 0) == 1);
    // another API answers while the delayed call is still held back
    assertThat(errcode(user(token))).isZero();
    assertThat(slow).as("held back by its latency").isNotDone();
    assertThat(slow.get(10, java.util.concurrent.TimeUnit.SECONDS)).isZero();
  }

  private List<Integer> drawErrors(int calls) {
    List<Integer> codes = new ArrayList<>();
    for (int i = 0; i < calls; i++) {
      codes.add(errcode(user(token)));
    }
    return codes;
  }

  @Test
  void injectedErrorRateIsReproducibleWithASeed() {
    sim.faults().quotaPerWindow(0).seed(7).errorRate("user/get", 0.3, -1);
    List<Integer> first = drawErrors(200);
    sim.faults().seed(7);
    List<Integer> second = drawErrors(200);
    assertThat(second).isEqualTo(first);
    long failures = first.stream().filter(c -> c == -1).count();
    assertThat(failures).isBetween(35L, 85L);
    assertThat(first).containsOnly(0, -1);
    assertThat(sim.stats().injectedErrors(-1)).isEqualTo(2 * failures);
    assertThat(errcode(followers(token))).as("other api untouched").isZero();
  }

  @Test
  void failNextFailsExactlyThatManyCalls() {
    sim.faults().failNext("*", 2, 45033);
    assertThat(errcode(followers(token))).isEqualTo(45033);
    assertThat(errcode(user(token))).isEqualTo(45033);
    assertThat(errcode(followers(token))).isZero();
    assertThat(sim.faults().errorRules()).isEmpty();
  }

  @Test
  void failNextCanTargetOneCorp() {
    String otherToken = client.token(other);
    sim.faults().failNext("externalcontact/get_follow_user_list", "wwother", 1, -1);
    assertThat(errcode(followers(token))).isZero();
    assertThat(errcode(followers(otherToken))).isEqualTo(-1);
    assertThat(errcode(followers(otherToken))).isZero();
  }

  @Test
  void controlCallsAreNotCounted() {
    sim.stats().reset();
    client.send("GET", "/sim/stats", null);
    client.send("GET", "/sim/corps", null);
    assertThat(sim.stats().totalCalls()).isZero();
    followers(token);
    assertThat(sim.stats().totalCalls()).isEqualTo(1);
    assertThat(sim.stats().calls("externalcontact/get_follow_user_list")).isEqualTo(1);
  }

  @Test
  void unknownApisAndBadBodiesGetWeComErrors() {
    assertThat(errcode(client.post("externalcontact/no_such_api", token, "{}"))).isEqualTo(48005);
    assertThat(errcode(client.post("externalcontact/mark_tag", token, "{not json"))).isEqualTo(47001);
    assertThat(errcode(client.get("externalcontact/groupchat/list", token, Map.of()))).isEqualTo(40063);
  }
}
