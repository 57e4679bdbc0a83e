package io.wescrm.web.moments;

import static org.assertj.core.api.Assertions.assertThat;

import io.wescrm.core.moments.MomentSyncPass;
import io.wescrm.core.moments.SyncingMoments;
import io.wescrm.core.sync.SyncRun;
import io.wescrm.core.sync.SyncingCorp;
import io.wescrm.web.SimulatedCorps;
import io.wescrm.web.testing.Api;
import io.wescrm.web.testing.OffsetClock;
import io.wescrm.web.testing.WithSimulator;
import io.wescrm.wecom.simulator.SimCorp;
import io.wescrm.wecom.simulator.SimFollow;
import io.wescrm.wecom.simulator.SimGroupMsgs;
import io.wescrm.wecom.simulator.SimMoments;
import io.wescrm.wecom.simulator.SimStaff;
import io.wescrm.wecom.simulator.SimTagGroup;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import tools.jackson.databind.JsonNode;

/**
 * 朋友圈 publishing end to end against the simulator over real HTTP: every refused input is a 400 in Chinese with
 * nothing sent to WeCom; a create whose answer was lost is found and adopted, never created twice, and one WeCom
 * never acted on fails after the adopt window without a retry; a once schedule
 * fires through Quartz; cancel withdraws the moment and removes a recurring trigger; and the whole path — a partly
 * invalid range (an unknown staff member, a tag WeCom deleted after our sync) reported, one member publishes, the
 * other never does and is reminded once by app message and reported NOT_PUBLISHED at the deadline (an injected clock
 * moves the hours), the published moment appears after a moment sync. The clock only moves in the last two tests.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "scrm.moments.publish.idle=100ms", "scrm.moments.publish.first-poll=100ms",
    "scrm.moments.publish.min-poll=200ms", "scrm.moments.publish.max-poll=500ms",
    "scrm.moments.publish.adopt-window=PT1M", "scrm.moments.cron=0 0 0 1 1 ? 2099"})
@WithSimulator(seed = {2, 4, 20, 24, 0, 0})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MomentPublishIT {

  static final Pattern CHINESE = Pattern.compile("\\p{IsHan}");

  @TestConfiguration
  static class Clocks {
    @Bean
    @Primary
    OffsetClock offsetClock() {
      return new OffsetClock();
    }
  }

  @Autowired
  SimulatedCorps corps;

  @Autowired
  OffsetClock clock;

  @Autowired
  Clock injected;

  @Autowired
  SyncingCorp sync;

  @Autowired
  SyncingMoments momentSync;

  @LocalServerPort
  int port;

  static boolean ready;
  static String liveTag;
  static String deletedTag;
  Api api;

  SimCorp corp() {
    return corps.corp(0);
  }

  @BeforeEach
  void setUp() {
    api = new Api("http://127.0.0.1:" + port + "/api/corps/" + corp().corpId());
    corp().moments().publishSettings(new SimMoments.PublishSettings(400, 10));
    if (!ready) {
      assertThat(injected).isSameAs(clock);
      SimTagGroup group = corp().addTagGroup("朋友圈人群", 0, "高净值", "即将停用");
      liveTag = group.tags().stream().filter(t -> t.name().equals("高净值")).findFirst().orElseThrow().id();
      deletedTag = group.tags().stream().filter(t -> t.name().equals("即将停用")).findFirst().orElseThrow().id();
      SimFollow follow = corp().followsOf(staffA()).get(0);
      corp().markTag(staffA(), follow.externalUserId(), List.of(liveTag), List.of());
      assertThat(sync.runNow(corp().corpId(), "TEST").orElseThrow().status()).isEqualTo(SyncRun.Status.SUCCEEDED);
      ready = true;
    }
  }

  /** The first two members with customer contact and customers: A publishes, B never does. */
  List<String> staffWithCustomers() {
    return corp().staff().stream().filter(SimStaff::customerContactEnabled).map(SimStaff::userid)
        .filter(u -> !corp().followsOf(u).isEmpty()).sorted().limit(2).toList();
  }

  String staffA() {
    return staffWithCustomers().get(0);
  }

  String staffB() {
    return staffWithCustomers().get(1);
  }

  JsonNode publish(long id) {
    JsonNode publishes = api.get("/moment-tasks/" + id, 200).get("publishes");
    return publishes.isEmpty() ? null : publishes.get(0);
  }

  String publishStatus(long id) {
    JsonNode p = publish(id);
    return p == null ? null : p.get("status").asString();
  }

  @Test
  @Order(1)
  void everyRefusedInputIsA400InChineseAndNothingReachesWeCom() {
    int jobs = corp().moments().jobs().size();
    String a = staffA();
    String longText = "字".repeat(2_001);
    StringBuilder tenImages = new StringBuilder();
    for (int i = 0; i < 10; i++) {
      tenImages.append(i == 0 ? "" : ",").append("{\"type\": \"image\", \"mediaId\": \"m").append(i).append("\"}");
    }
    List<String[]> cases = new ArrayList<>();
    cases.add(new String[] {"{\"text\": \"  \", \"visibleRange\": {\"userids\": [\"" + a + "\"]}}", "text"});
    cases.add(new String[] {"{\"text\": \"" + longText + "\", \"visibleRange\": {\"userids\": [\"" + a + "\"]}}",
        "text"});
    cases.add(new String[] {"{\"text\": \"九张以上\", \"attachments\": [" + tenImages
        + "], \"visibleRange\": {\"userids\": [\"" + a + "\"]}}", "attachments"});
    cases.add(new String[] {"{\"attachments\": [{\"type\": \"image\", \"mediaId\": \"m1\"}, {\"type\": \"link\", "
        + "\"title\": \"新品\", \"url\": \"https://example.com\"}], \"visibleRange\": {\"userids\": [\"" + a + "\"]}}",
        "attachments"});
    cases.add(new String[] {"{\"attachments\": [{\"type\": \"video\", \"mediaId\": \"v1\"}, {\"type\": \"video\", "
        + "\"mediaId\": \"v2\"}], \"visibleRange\": {\"userids\": [\"" + a + "\"]}}", "attachments"});
    cases.add(new String[] {"{\"attachments\": [{\"type\": \"link\", \"title\": \"新品\", \"url\": "
        + "\"ftp://example.com\"}], \"visibleRange\": {\"userids\": [\"" + a + "\"]}}", "attachments[0].url"});
    cases.add(new String[] {"{\"attachments\": [{\"type\": \"image\", \"assetId\": 987654321}], "
        + "\"visibleRange\": {\"userids\": [\"" + a + "\"]}}", "attachments[0].assetId"});
    cases.add(new String[] {"{\"text\": \"没有范围\"}", "visibleRange"});
    cases.add(new String[] {"{\"text\": \"没人\", \"visibleRange\": {\"userids\": [\"ghost_a\", \"ghost_b\"]}}",
        "visibleRange"});
    cases.add(new String[] {"{\"text\": \"未知标签\", \"visibleRange\": {\"userids\": [\"" + a + "\"], \"tags\": "
        + "[\"etNoSuchTag\"]}}", "visibleRange.tags[0]"});
    cases.add(new String[] {"{\"text\": \"过去\", \"visibleRange\": {\"userids\": [\"" + a + "\"]}, \"schedule\": "
        + "{\"type\": \"once\", \"at\": \"2020-01-01T10:00:00+08:00\"}}", "schedule"});
    cases.add(new String[] {"{\"text\": \"坏 cron\", \"visibleRange\": {\"userids\": [\"" + a + "\"]}, "
        + "\"schedule\": {\"type\": \"recurring\", \"cron\": \"not a cron\"}}", "schedule"});
    cases.add(new String[] {"{\"text\": \"期限\", \"visibleRange\": {\"userids\": [\"" + a + "\"]}, "
        + "\"publishWithin\": \"明天\"}", "publishWithin"});
    cases.add(new String[] {"{\"text\": \"提醒\", \"visibleRange\": {\"userids\": [\"" + a + "\"]}, "
        + "\"publishWithin\": \"PT1H\", \"remindBefore\": \"PT2H\"}", "remindBefore"});
    for (String[] c : cases) {
      JsonNode error = api.post("/moment-tasks", c[0], 400);
      assertThat(error.get("code").asString()).as(c[0]).isEqualTo("invalid_moment_task");
      assertThat(CHINESE.matcher(error.get("detail").asString()).find()).as(error.toString()).isTrue();
      List<String> paths = new ArrayList<>();
      error.get("errors").forEach(e -> paths.add(e.get("field").asString()));
      assertThat(paths).as(error.toString()).contains(c[1]);
    }
    JsonNode unreadable = api.post("/moment-tasks", "{\"text\": ", 400);
    assertThat(CHINESE.matcher(unreadable.get("detail").asString()).find()).isTrue();
    JsonNode typo = api.post("/moment-tasks", "{\"text\": \"拼错\", \"visibleRang\": {\"allStaff\": true}}", 400);
    assertThat(typo.toString()).as("an unknown field is named, not ignored").contains("visibleRang");
    assertThat(api.get("/moment-tasks", 200)).isEmpty();
    assertThat(corp().moments().jobs()).as("nothing was sent to WeCom").hasSize(jobs);
  }

  @Test
  @Order(2)
  void aCreateWhoseAnswerWasLostIsFoundAndAdoptedNeverCreatedTwice() {
    int jobs = corp().moments().jobs().size();
    corp().moments().loseNextAnswers(1);
    String text = "答复丢失 " + UUID.randomUUID();
    long id = api.post("/moment-tasks", """
        {"name": "答复丢失", "text": "%s", "visibleRange": {"userids": ["%s"]}}""".formatted(text, staffA()), 201)
        .get("id").asLong();
    Api.await(30_000, () -> "PUBLISHING".equals(publishStatus(id)), "the lost create is adopted");
    List<SimMoments.Job> created = corp().moments().jobs().subList(jobs, corp().moments().jobs().size());
    assertThat(created).as("add_moment_task called once").hasSize(1);
    assertThat(publish(id).get("momentId").asString()).isEqualTo(created.get(0).momentId());
    assertThat(publish(id).get("jobid").isNull()).isTrue();
  }

  @Test
  @Order(3)
  void aOnceScheduleFiresThroughQuartzAndPublishesOnce() {
    Instant at = Instant.now().plusSeconds(8).truncatedTo(ChronoUnit.SECONDS);
    JsonNode created = api.post("/moment-tasks", """
        {"name": "定时发表", "text": "定时的朋友圈 %s", "visibleRange": {"userids": ["%s"]},
         "schedule": {"type": "once", "at": "%s"}}""".formatted(UUID.randomUUID(), staffA(), at), 201);
    long id = created.get("id").asLong();
    assertThat(created.get("nextFireAt").asString()).isEqualTo(at.toString());
    assertThat(created.get("publishes")).isEmpty();
    Api.await(30_000, () -> "PUBLISHING".equals(publishStatus(id)), "the scheduled publish is created");
    JsonNode p = publish(id);
    assertThat(Instant.parse(p.get("occurrence").asString())).isEqualTo(at);
    assertThat(api.get("/moment-tasks/" + id, 200).get("publishes")).hasSize(1);
    assertThat(corp().moments().moment(p.get("momentId").asString())).isPresent();
  }

  @Test
  @Order(4)
  void cancelWithdrawsThePublishedMomentAndRemovesARecurringTrigger() {
    long id = api.post("/moment-tasks", """
        {"name": "将被撤回", "text": "撤回 %s", "visibleRange": {"userids": ["%s"]}}""".formatted(UUID.randomUUID(),
        staffA()), 201).get("id").asLong();
    Api.await(30_000, () -> "PUBLISHING".equals(publishStatus(id)), "the moment is created");
    String momentId = publish(id).get("momentId").asString();
    JsonNode cancelled = api.post("/moment-tasks/" + id + "/cancel", null, 200);
    assertThat(cancelled.get("status").asString()).isEqualTo("CANCELLED");
    Api.await(30_000, () -> "CANCELLED".equals(publishStatus(id)), "the publish is cancelled");
    assertThat(corp().moments().cancelled(momentId)).as("cancel_moment_task reached WeCom").isTrue();
    assertThat(corp().moments().moment(momentId)).isEmpty();

    long recurring = api.post("/moment-tasks", """
        {"name": "每日一发", "text": "每天的朋友圈", "visibleRange": {"userids": ["%s"]},
         "schedule": {"type": "recurring", "preset": "DAILY", "time": "10:00"}}""".formatted(staffA()), 201)
        .get("id").asLong();
    assertThat(api.get("/moment-tasks/" + recurring, 200).get("nextFireAt").isNull()).isFalse();
    JsonNode stopped = api.post("/moment-tasks/" + recurring + "/cancel", null, 200);
    assertThat(stopped.get("status").asString()).isEqualTo("CANCELLED");
    assertThat(stopped.get("nextFireAt").isNull()).isTrue();
    assertThat(stopped.get("publishes")).isEmpty();
  }

  @Test
  @Order(5)
  void aLostCreateThatWeComNeverActedOnFailsAfterTheAdoptWindowAndIsNotRetried() {
    int jobs = corp().moments().jobs().size();
    corp().moments().dropNextRequests(1);
    long id = api.post("/moment-tasks", """
        {"name": "请求丢失", "text": "请求丢失 %s", "visibleRange": {"userids": ["%s"]}}""".formatted(UUID.randomUUID(),
        staffA()), 201).get("id").asLong();
    Api.await(30_000, () -> "UNKNOWN".equals(publishStatus(id)), "the create's result is unknown");
    clock.advance(Duration.ofMinutes(2));   // past the adopt window (1 min here)
    Api.await(30_000, () -> "FAILED".equals(publishStatus(id)), "the publish fails");
    assertThat(publish(id).get("error").asString()).contains("不会自动重试");
    assertThat(corp().moments().jobs()).as("never created, never retried").hasSize(jobs);
  }

  @Test
  @Order(6)
  void aPartlyInvalidRangeIsReportedTheSilentMemberIsRemindedOnceAndReportedAtTheDeadline() throws Exception {
    String a = staffA();
    String b = staffB();
    corp().deleteTag(deletedTag);   // WeCom deleted it after our sync: our mirror still has it
    long asset = uploadImage();
    String name = "双十二预热 " + UUID.randomUUID().toString().substring(0, 8);
    JsonNode created = api.post("/moment-tasks", """
        {"name": "%s", "text": "双十二会员专享，欢迎到店",
         "attachments": [{"type": "image", "assetId": %d}],
         "visibleRange": {"userids": ["%s", "%s", "ghost_userid"], "tags": ["%s", "%s"]},
         "publishWithin": "PT2H", "remindBefore": "PT1H"}""".formatted(name, asset, a, b, liveTag, deletedTag), 201);
    long id = created.get("id").asLong();
    assertThat(created.get("status").asString()).isEqualTo("ACTIVE");

    Api.await(30_000, () -> "PUBLISHING".equals(publishStatus(id)), "the job finishes after its delay");
    JsonNode p = publish(id);
    String momentId = p.get("momentId").asString();
    assertThat(p.get("jobid").asString()).isNotEmpty();
    assertThat(strings(p.get("invalidUserids"))).containsExactly("ghost_userid");
    assertThat(strings(p.get("invalidTags"))).containsExactly(deletedTag);
    assertThat(strings(p.get("invalidDepartments"))).isEmpty();
    SimMoments.Job job = corp().moments().jobs().stream().filter(j -> momentId.equals(j.momentId())).findFirst()
        .orElseThrow();
    assertThat(job.attachments()).hasSize(1);
    assertThat(job.attachments().get(0).mediaId()).startsWith("att");
    Api.await(30_000, () -> publish(id).get("staff").size() == 2, "the staff of the moment are followed");

    // A publishes; only A's customers with the live tag see it
    corp().moments().publishTask(momentId, a, Instant.now().getEpochSecond());
    Api.await(30_000, () -> staffRow(id, a).get("publishStatus").asInt() == 1, "A's publish is seen");
    assertThat(corp().moments().copies(momentId).stream().filter(c -> c.userid().equals(a)).findFirst()
        .orElseThrow().visibleCustomers()).allMatch(c -> corp().follow(a, c).orElseThrow().tagIds()
        .contains(liveTag)).isNotEmpty();
    assertThat(reminders(b, name)).isEmpty();

    // one hour before the deadline: B (and only B) is reminded, once (not a repeat WeCom's duplicate check drops)
    long duplicatesDropped = corp().groupMsgs().appDuplicatesDropped();
    clock.advance(Duration.ofHours(1).plusSeconds(1));
    Api.await(30_000, () -> reminders(b, name).size() == 1, "B is reminded");
    assertThat(reminders(a, name)).isEmpty();
    assertThat(publish(id).get("remindersSent").asInt()).isEqualTo(1);
    assertThat(staffRow(id, b).get("remindedAt").isNull()).isFalse();
    clock.advance(Duration.ofMinutes(20));
    Thread.sleep(1_000);   // several polls (≤ 500 ms apart) after the reminder time: still one reminder
    assertThat(reminders(b, name)).hasSize(1);
    assertThat(publish(id).get("remindersSent").asInt()).isEqualTo(1);
    assertThat(corp().groupMsgs().appDuplicatesDropped()).as("no second send").isEqualTo(duplicatesDropped);

    // the deadline: B is reported not published, the publish is done
    clock.advance(Duration.ofMinutes(41));
    Api.await(30_000, () -> "DONE".equals(publishStatus(id)), "the publish closes at the deadline");
    assertThat(staffRow(id, b).get("outcome").asString()).isEqualTo("NOT_PUBLISHED");
    assertThat(staffRow(id, a).get("outcome").asString()).isEqualTo("PUBLISHED");
    assertThat(publish(id).get("notPublished").asInt()).isEqualTo(1);
    assertThat(publish(id).get("published").asInt()).isEqualTo(1);
    assertThat(reminders(b, name)).hasSize(1);
    assertThat(publish(id).get("remindersSent").asInt()).isEqualTo(1);
    assertThat(corp().groupMsgs().appDuplicatesDropped()).isEqualTo(duplicatesDropped);

    // the moment sync picks the published moment up
    MomentSyncPass pass = momentSync.run(corp().corpId(), "TEST");
    assertThat(pass.status()).isEqualTo("SUCCEEDED");
    JsonNode moment = api.get("/moments/" + momentId, 200);
    assertThat(moment.toString()).contains("双十二会员专享");
  }

  JsonNode staffRow(long id, String userid) {
    for (JsonNode s : publish(id).get("staff")) {
      if (s.get("userid").asString().equals(userid)) {
        return s;
      }
    }
    throw new AssertionError("no staff row for " + userid);
  }

  List<SimGroupMsgs.AppMessage> reminders(String userid, String name) {
    return corp().groupMsgs().appMessages().stream().filter(m -> m.userid().equals(userid)
        && m.text().contains(name)).toList();
  }

  static Set<String> strings(JsonNode array) {
    Set<String> out = new java.util.TreeSet<>();
    if (array != null && array.isArray()) {
      array.forEach(v -> out.add(v.asString()));
    }
    return out;
  }

  long uploadImage() throws Exception {
    String boundary = "----wescrm" + System.nanoTime();
    byte[] png = java.util.Base64.getDecoder().decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
    java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
    body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"poster.png\"\r\n"
        + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    body.write(png);
    body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    java.net.URI uri = java.net.URI.create("http://127.0.0.1:" + port + "/api/corps/" + corp().corpId()
        + "/campaign-assets?kind=image");
    java.net.http.HttpResponse<String> upload = Api.HTTP.send(Api.authorized(java.net.http.HttpRequest.newBuilder(uri),
            uri)
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(upload.statusCode()).as(upload.body()).isEqualTo(201);
    return Api.JSON.readTree(upload.body()).get("assetId").asLong();
  }
}
