package io.wescrm.web.api;

import io.wescrm.web.testing.Api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wescrm.core.sync.SyncRun;
import io.wescrm.core.sync.SyncingCorp;
import io.wescrm.web.SimulatedCorps;
import io.wescrm.web.testing.WithSimulator;
import io.wescrm.wecom.simulator.SimCorp;
import io.wescrm.wecom.simulator.SimFollow;
import io.wescrm.wecom.simulator.SimGroupChat;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** The read API over real HTTP, checked against the simulated corp it was synced from. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithSimulator(demoSeed = true)
class CorpApiIT {

  @Autowired
  SimulatedCorps corps;

  static final HttpClient http = HttpClient.newHttpClient();
  static final ObjectMapper json = new ObjectMapper();
  static boolean synced;

  @LocalServerPort
  int port;

  @Autowired
  SyncingCorp fullSync;

  SimCorp corp() {
    return corps.corp(0);
  }

  @org.junit.jupiter.api.BeforeEach
  void syncOnce() {
    if (!synced) {
      assertThat(fullSync.runNow(corp().corpId(), "TEST").orElseThrow().status())
          .isEqualTo(SyncRun.Status.SUCCEEDED);
      synced = true;
    }
  }

  @Test
  void customersOfAStaffMemberAreExactlyTheirFollowersInWeCom() throws Exception {
    String userid = corp().followUserIds().get(0);
    Set<String> expected = corp().followsOf(userid).stream().map(SimFollow::externalUserId)
        .collect(Collectors.toSet());
    JsonNode page = get("/customers?size=200&userid=" + userid, 200);
    assertThat(page.get("total").asLong()).isEqualTo(expected.size());
    Set<String> actual = new java.util.HashSet<>();
    long pages = (page.get("total").asLong() + 199) / 200;
    for (int p = 1; p <= pages; p++) {
      get("/customers?size=200&userid=" + userid + "&page=" + p, 200).get("items")
          .forEach(c -> actual.add(c.get("externalUserId").asText()));
    }
    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void filtersByTagStateAndAddedDateCombine() throws Exception {
    SimFollow sample = corp().follows().stream().filter(f -> f.state() != null && !f.tagIds().isEmpty())
        .findFirst().orElseThrow();
    String tag = sample.tagIds().get(0);
    long byTag = corp().follows().stream().filter(f -> f.tagIds().contains(tag)).map(SimFollow::externalUserId)
        .distinct().count();
    assertThat(get("/customers?tag=" + tag, 200).get("total").asLong()).isEqualTo(byTag);

    long byState = corp().follows().stream().filter(f -> sample.state().equals(f.state()))
        .map(SimFollow::externalUserId).distinct().count();
    assertThat(get("/customers?state=" + enc(sample.state()), 200).get("total").asLong()).isEqualTo(byState);

    Instant from = Instant.ofEpochSecond(sample.createTime()).minusSeconds(86_400 * 30L);
    Instant to = Instant.ofEpochSecond(sample.createTime()).plusSeconds(1);
    long inRange = corp().follows().stream().filter(f -> f.createTime() >= from.getEpochSecond()
        && f.createTime() < to.getEpochSecond()).map(SimFollow::externalUserId).distinct().count();
    assertThat(get("/customers?addedFrom=" + from + "&addedTo=" + to, 200).get("total").asLong())
        .isEqualTo(inRange);
  }

  @Test
  void oneCustomerShowsEveryFollowRelationWithItsTags() throws Exception {
    String ext = corp().follows().stream().collect(Collectors.groupingBy(SimFollow::externalUserId))
        .entrySet().stream().filter(e -> e.getValue().size() > 1).findFirst().orElseThrow().getKey();
    List<SimFollow> follows = corp().followsOfCustomer(ext);
    JsonNode detail = get("/customers/" + ext, 200);
    assertThat(detail.get("name").asText()).isEqualTo(corp().customer(ext).orElseThrow().name());
    assertThat(detail.get("follows")).hasSize(follows.size());
    Map<String, Set<String>> tagsByStaff = follows.stream().collect(Collectors.toMap(SimFollow::userid,
        f -> Set.copyOf(f.tagIds())));
    for (JsonNode f : detail.get("follows")) {
      Set<String> tags = new java.util.HashSet<>();
      f.get("tags").forEach(t -> {
        tags.add(t.get("tagId").asText());
        assertThat(t.get("name").asText()).isNotBlank();
        assertThat(t.get("groupName").asText()).isNotBlank();
      });
      assertThat(tags).isEqualTo(tagsByStaff.get(f.get("userid").asText()));
      assertThat(f.get("staffName").asText()).isNotBlank();
    }
  }

  @Test
  void groupsListAndDetailWithMembers() throws Exception {
    assertThat(get("/groups?size=200", 200).get("total").asLong()).isEqualTo(corp().counts().groups());
    SimGroupChat g = corp().groupChats().get(0);
    JsonNode detail = get("/groups/" + g.chatId(), 200);
    assertThat(detail.get("name").asText()).isEqualTo(g.name());
    assertThat(detail.get("members")).hasSize(g.members().size());
  }

  @Test
  void departmentsAreListedWithTheirStaffCounts() throws Exception {
    JsonNode departments = get("/departments", 200);
    assertThat(departments).hasSize(corp().departments().size());
    long staffed = 0;
    for (JsonNode d : departments) {
      assertThat(d.get("name").asText()).isNotBlank();
      staffed += d.get("staffCount").asLong();
    }
    // every live staff member counts once, under their main department
    assertThat(staffed).isEqualTo(get("/staff?size=1", 200).get("total").asLong());
  }

  @Test
  void staffTagsAndSyncRunsAreListed() throws Exception {
    assertThat(get("/staff?size=200", 200).get("total").asLong()).isEqualTo(corp().counts().staff());
    assertThat(get("/tags", 200)).hasSize(corp().counts().tagGroups());
    JsonNode runs = get("/sync-runs", 200);
    assertThat(runs.get(0).get("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(runs.get(0).get("counts").get("followRelations").asLong())
        .isEqualTo(corp().counts().followRelations());
  }

  @Test
  void badInputGetsAPreciseChineseError() throws Exception {
    JsonNode unknownCorp = getAbsolute("/api/corps/wwnope/customers", 404);
    assertThat(unknownCorp.get("code").asText()).isEqualTo("corp_not_found");
    assertThat(unknownCorp.get("detail").asText()).isEqualTo("企业未配置");
    assertThat(get("/customers?addedFrom=yesterday", 400).get("detail").asText()).contains("addedFrom");
    assertThat(get("/customers?relation=maybe", 400).get("code").asText()).isEqualTo("invalid_request");
    assertThat(get("/customers/wmNoSuchCustomer", 404).get("code").asText()).isEqualTo("customer_not_found");
    assertThat(get("/groups/wrNoSuchGroup", 404).get("code").asText()).isEqualTo("group_not_found");
    assertThat(get("/sync-runs/999999999", 404).get("code").asText()).isEqualTo("sync_run_not_found");
    assertThat(get("/customers?page=abc", 400).get("code").asText()).isEqualTo("invalid_request");
  }

  @Test
  void triggeringASyncOverHttpAnswers202ThenTheRunSucceeds() throws Exception {
    HttpResponse<String> started = http.send(HttpRequest.newBuilder(uri("/api/corps/" + corp().corpId() + "/sync"))
        .header("Authorization", Api.adminAuthorization(uri("/").toString())).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(started.statusCode()).isEqualTo(202);
    long runId = json.readTree(started.body()).get("runId").asLong();
    JsonNode run = await().atMost(Duration.ofSeconds(60)).until(() -> get("/sync-runs/" + runId, 200),
        r -> !"RUNNING".equals(r.get("status").asText()));
    assertThat(run.get("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(run.get("counts").get("rowsChanged").asLong()).isZero();
  }

  @Autowired
  org.quartz.Scheduler scheduler;

  @Test
  void theSchedulerHoldsEveryCronJobWithItsScheduleAndMisfirePolicy() throws Exception {
    // group, name, cron (the defaults), whether a firing missed while no node ran is caught up at start-up
    List<List<String>> jobs = List.of(List.of("sync", "nightly-full-sync", "0 0 3 * * ?", "catch up"),
        List.of("sync", "reconcile", "0 */30 * * * ?", "skip"), List.of("rules", "rule-evaluation", "0 20 * * * ?",
            "skip"), List.of("callback", "inbox-retention", "0 40 * * * ?", "skip"));
    for (List<String> job : jobs) {
      var trigger = (org.quartz.CronTrigger) scheduler.getTrigger(org.quartz.TriggerKey.triggerKey(job.get(1),
          job.get(0)));
      assertThat(trigger).as(job.get(1)).isNotNull();
      assertThat(trigger.getJobKey()).isEqualTo(org.quartz.JobKey.jobKey(job.get(1), job.get(0)));
      assertThat(trigger.getCronExpression()).isEqualTo(job.get(2));
      assertThat(trigger.getMisfireInstruction()).as(job.get(1)).isEqualTo(job.get(3).equals("catch up")
          ? org.quartz.CronTrigger.MISFIRE_INSTRUCTION_FIRE_ONCE_NOW
          : org.quartz.CronTrigger.MISFIRE_INSTRUCTION_DO_NOTHING);
    }
  }

  @Test
  void theNightlyQuartzJobStartsAFullSync() throws Exception {
    scheduler.triggerJob(org.quartz.JobKey.jobKey("nightly-full-sync", "sync"));
    JsonNode scheduled = await("a run started by the Quartz job").atMost(Duration.ofSeconds(60))
        .until(this::finishedScheduledRun, java.util.Optional::isPresent).orElseThrow();
    assertThat(scheduled.get("status").asText()).isEqualTo("SUCCEEDED");
  }

  /** The last finished run the scheduler started. */
  private java.util.Optional<JsonNode> finishedScheduledRun() throws Exception {
    JsonNode scheduled = null;
    for (JsonNode run : get("/sync-runs", 200)) {
      if ("SCHEDULE".equals(run.get("trigger").asText()) && !"RUNNING".equals(run.get("status").asText())) {
        scheduled = run;
      }
    }
    return java.util.Optional.ofNullable(scheduled);
  }

  private JsonNode get(String path, int status) throws Exception {
    return getAbsolute("/api/corps/" + corp().corpId() + path, status);
  }

  private JsonNode getAbsolute(String path, int status) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(path))
        .header("Authorization", Api.adminAuthorization(uri("/").toString())).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path + " -> " + response.body()).isEqualTo(status);
    return json.readTree(response.body());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
