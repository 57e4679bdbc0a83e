package io.wescrm.web.moments;

import io.wescrm.web.testing.Api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wescrm.core.moments.MomentSyncPass;
import io.wescrm.core.moments.jdbc.JdbcMomentStore;
import io.wescrm.wecom.simulator.SimCorp;
import io.wescrm.wecom.simulator.SimFollow;
import io.wescrm.wecom.simulator.SimMoments;
import io.wescrm.wecom.simulator.WeComSimulator;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Demo mode with the seeded moments: the start-up pass back-fills them with their likes and comments, the shipped
 * rule "近 30 天点赞或评论 ≥ 2 条朋友圈 → 高互动" tags exactly the customers the simulator's oracle names, a second
 * pass with nothing new makes only the calls it must (measured), a new like reaches the rule through the durable
 * domain event, and the API shows moments, their interactions and a customer's.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.profiles.include=demo", "scrm.simulator.enabled=true", "scrm.simulator.persist=false",
    "scrm.sync.on-startup=true", "scrm.rules.push-interval=200ms", "scrm.moments.cron=0 0 0 1 1 ? 2099"})
class MomentsDemoIT {

  static final String CORP = "wwdemo0000000001";
  static final int SIMULATOR_PORT = freePort();
  static final Instant STARTED = Instant.now();

  @DynamicPropertySource
  static void simulatorPort(DynamicPropertyRegistry registry) {
    registry.add("scrm.simulator.port", () -> SIMULATOR_PORT);
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @LocalServerPort
  int port;

  @Autowired
  WeComSimulator simulator;

  @Autowired
  JdbcTemplate jdbc;

  @Autowired
  MomentSyncs syncs;

  @Autowired
  JdbcMomentStore store;

  @Test
  void seededMomentsAreSyncedTheInteractionRuleMatchesTheOracleAndASecondPassIsCheap() throws Exception {
    await("a demo rule run of this JVM succeeded").atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(500))
        .until(() -> StreamSupport.stream(json("/rule-runs").spliterator(), false)
            .anyMatch(r -> "SUCCEEDED".equals(r.get("status").asString())
                && Instant.parse(r.get("startedAt").asString()).isAfter(STARTED)));
    List<MomentSyncPass> passes = store.recentPasses(CORP, 10);
    MomentSyncPass first = passes.get(passes.size() - 1);
    assertThat(first.status()).as(String.valueOf(first)).isEqualTo("SUCCEEDED");
    assertThat(first.kind()).isEqualTo("BACKFILL");
    assertThat(first.interactionsNew()).isPositive();
    SimCorp corp = simulator.corp(CORP);
    assertThat(first.momentsNew()).isEqualTo(corp.moments().count());
    System.out.println("moments first pass (back-fill at start-up): " + first.calls() + " total " + first.totalCalls());

    // the shipped rule tags exactly the customers the oracle names (≥ 2 distinct moments in 30 days)
    String tagId = jdbc.queryForObject("SELECT t.tag_id FROM scrm_tag t JOIN scrm_tag_group g ON g.corp_id = "
        + "t.corp_id AND g.group_id = t.group_id WHERE t.corp_id = ? AND t.name = '高互动' AND g.name = ? "
        + "AND t.deleted_at IS NULL ORDER BY t.id DESC LIMIT 1", String.class, CORP, "互动（规则自动）");
    long now = System.currentTimeMillis() / 1000;
    Set<String> oracle = atLeastTwo(corp, now);
    assertThat(oracle).hasSizeGreaterThan(10);
    await("the rule's tags match the oracle").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
        .untilAsserted(() -> assertThat(tagged(tagId)).isEqualTo(atLeastTwo(corp, System.currentTimeMillis()
            / 1000)));

    // a second pass with nothing new: one list call, no send results, comments only of young copies
    MomentSyncPass second = syncs.runNow(CORP, "TEST").orElseThrow();
    System.out.println("moments second pass (nothing new): " + second.calls() + " total " + second.totalCalls());
    assertThat(second.status()).isEqualTo("SUCCEEDED");
    assertThat(second.kind()).isEqualTo("INCREMENTAL");
    assertThat(second.momentsNew()).isZero();
    assertThat(second.interactionsNew()).isZero();
    assertThat(second.calls()).containsEntry("externalcontact/get_moment_list", 1L)
        .doesNotContainKey("externalcontact/get_moment_send_result");
    long young = now - 7 * 86_400L;
    long youngCopies = corp.moments().moments().stream().filter(m -> m.createTime() >= young)
        .mapToLong(m -> corp.moments().copies(m.momentId()).stream().filter(c -> c.publishStatus() == 1).count())
        .sum();
    assertThat(second.calls().getOrDefault("externalcontact/get_moment_comments", 0L)).isEqualTo(youngCopies);
    long pendingCorp = corp.moments().moments().stream().filter(m -> m.createType() == 0 && m.createTime() >= young
        && corp.moments().copies(m.momentId()).stream().anyMatch(c -> c.publishStatus() == 0)).count();
    assertThat(second.calls().getOrDefault("externalcontact/get_moment_task", 0L)).isEqualTo(pendingCorp);
    MomentSyncPass third = syncs.runNow(CORP, "TEST").orElseThrow();
    assertThat(third.calls()).isEqualTo(second.calls());

    // a customer with no interaction likes two new moments → the pass finds them → the event → the rule tags it
    String userid = corp.followUserIds().stream().filter(u -> corp.followsOf(u).stream()
        .anyMatch(f -> !oracle.contains(f.externalUserId()))).findFirst().orElseThrow();
    String quiet = corp.followsOf(userid).stream().map(SimFollow::externalUserId)
        .filter(c -> !corp.moments().interactionCounts(0).containsKey(c)).findFirst().orElseThrow();
    SimMoments.Moment a = corp.moments().publish(userid, 1, "新品上市 A", List.of(), List.of(), true, now);
    SimMoments.Moment b = corp.moments().publish(userid, 1, "新品上市 B", List.of(), List.of(), true, now);
    corp.moments().interact(a.momentId(), quiet, null, "LIKE", now);
    corp.moments().interact(b.momentId(), quiet, null, "COMMENT", now);
    MomentSyncPass fourth = syncs.runNow(CORP, "TEST").orElseThrow();
    assertThat(fourth.momentsNew()).isEqualTo(2);
    assertThat(fourth.interactionsNew()).isEqualTo(2);
    assertThat(fourth.calls()).containsEntry("externalcontact/get_moment_send_result", 2L);
    await("the new interactions tag the customer").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(300))
        .until(() -> tagged(tagId).contains(quiet));
    assertThat(tagged(tagId)).isEqualTo(atLeastTwo(corp, System.currentTimeMillis() / 1000));

    // the API
    JsonNode page = json("/moments?size=5&creator=" + userid);
    assertThat(page.get("total").asLong()).isGreaterThanOrEqualTo(2);
    assertThat(page.get("items").get(0).get("momentId").asString()).isIn(a.momentId(), b.momentId());
    JsonNode moment = json("/moments/" + a.momentId());
    assertThat(moment.get("tasks").get(0).get("userid").asString()).isEqualTo(userid);
    assertThat(moment.get("interactions").get(0).get("externalUserId").asString()).isEqualTo(quiet);
    assertThat(moment.get("likes").asLong()).isEqualTo(1);
    JsonNode mine = json("/customers/" + quiet + "/interactions");
    assertThat(StreamSupport.stream(mine.spliterator(), false).map(i -> i.get("kind").asString()).toList())
        .containsExactlyInAnyOrder("LIKE", "COMMENT");
    assertThat(json("/moment-syncs").size()).isGreaterThanOrEqualTo(4);
    assertThat(status("/moments/momNOSUCH", "GET")).isEqualTo(404);
    assertThat(status("/moments?from=yesterday", "GET")).isEqualTo(400);
    assertThat(status("/moments/sync", "POST")).isEqualTo(202);
  }

  private static Set<String> atLeastTwo(SimCorp corp, long nowSeconds) {
    Map<String, Integer> counts = corp.moments().interactionCounts(nowSeconds - 30 * 86_400L);
    return counts.entrySet().stream().filter(e -> e.getValue() >= 2).map(Map.Entry::getKey)
        .collect(Collectors.toSet());
  }

  private Set<String> tagged(String tagId) {
    return new HashSet<>(jdbc.queryForList("SELECT DISTINCT external_userid FROM scrm_follow_tag WHERE corp_id = ? "
        + "AND tag_id = ? AND source = 'RULE'", String.class, CORP, tagId));
  }

  private int status(String path, String method) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
        + "/api/corps/" + CORP + path)).header("Authorization", Api.adminAuthorization("http://127.0.0.1:" + port))
        .method(method, HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  private JsonNode json(String path) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
        "http://127.0.0.1:" + port + "/api/corps/" + CORP + path))
        .header("Authorization", Api.adminAuthorization("http://127.0.0.1:" + port)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(200);
    return new ObjectMapper().readTree(response.body());
  }
}
