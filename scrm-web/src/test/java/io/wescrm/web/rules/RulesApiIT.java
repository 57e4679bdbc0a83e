package io.wescrm.web.rules;

import io.wescrm.web.testing.Api;
import static org.assertj.core.api.Assertions.assertThat;

import io.wescrm.core.sync.SyncRun;
import io.wescrm.core.sync.SyncingCorp;
import io.wescrm.web.SimulatedCorps;
import io.wescrm.web.testing.WithSimulator;
import io.wescrm.wecom.simulator.SimCorp;
import io.wescrm.wecom.simulator.SimFollow;
import io.wescrm.wecom.simulator.SimScan;
import io.wescrm.wecom.simulator.SimTag;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The rules engine and two-way corp tags over real HTTP against the simulated WeCom: tags created through our API
 * exist in WeCom and here at once; renames and deletes in the WeCom admin arrive through callbacks; rules are
 * validated, previewed, explained, run, and their tags reach WeCom; events evaluate only their customer.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "scrm.callback.coalescing-window=100ms", "scrm.rules.debounce=200ms", "scrm.rules.push-interval=200ms"})
@WithSimulator(seed = {2, 8, 80, 120, 4, 6})
class RulesApiIT {

  @Autowired
  SimulatedCorps corps;

  static final HttpClient http = HttpClient.newHttpClient();
  static final ObjectMapper json = new ObjectMapper();
  static boolean ready;

  @LocalServerPort
  int port;

  @Autowired
  JdbcTemplate jdbc;

  @Autowired
  SyncingCorp fullSync;

  @Autowired
  io.wescrm.core.events.Outbox outbox;

  SimCorp corp() {
    return corps.corp(0);
  }

  String corpId() {
    return corp().corpId();
  }

  @BeforeEach
  void syncAndListen() {
    if (!ready) {
      assertThat(fullSync.runNow(corpId(), "TEST").orElseThrow().status()).isEqualTo(SyncRun.Status.SUCCEEDED);
      corp().callbacks("http://127.0.0.1:" + port + "/wecom/callback/" + corpId(),
          SimulatedCorps.token(corpId()), SimulatedCorps.aesKey(corpId())).callbackRetryInterval(Duration.ofMillis(100));
      ready = true;
    }
  }

  @Test
  void aTagCreatedRenamedAndDeletedThroughOurApiIsInWeComAndHereWithoutASync() throws Exception {
    JsonNode group = call("POST", "/tags", "{\"groupName\":\"接口标签组\",\"tags\":[{\"name\":\"高意向\"},"
        + "{\"name\":\"待回访\",\"order\":2}]}", 201);
    String groupId = group.get("groupId").asString();
    String tagId = group.get("tags").get(0).get("tagId").asString();
    assertThat(corp().tag(tagId)).hasValueSatisfying(t -> assertThat(t.name()).isEqualTo("高意向"));
    assertThat(tagName(tagId)).isEqualTo("高意向");

    call("PATCH", "/tags/" + tagId, "{\"name\":\"高意向客户\",\"order\":9}", 200);
    assertThat(corp().tag(tagId).orElseThrow().name()).isEqualTo("高意向客户");
    assertThat(tagName(tagId)).isEqualTo("高意向客户");
    call("PATCH", "/tag-groups/" + groupId, "{\"name\":\"接口标签组2\"}", 200);
    assertThat(jdbc.queryForObject("SELECT name FROM scrm_tag_group WHERE corp_id = ? AND group_id = ?",
        String.class, corpId(), groupId)).isEqualTo("接口标签组2");

    call("DELETE", "/tags/" + tagId, null, 204);
    assertThat(corp().tag(tagId).map(SimTag::deleted).orElse(true)).isTrue();
    assertThat(live(tagId)).isFalse();
    JsonNode missing = call("PATCH", "/tags/" + tagId, "{\"name\":\"x\"}", 404);
    assertThat(missing.get("code").asString()).isEqualTo("tag_not_found");
  }

  @Test
  void theCorpTagQuotaErrorIsReportedClearly() throws Exception {
    int before = corp().maxCorpTags();
    corp().maxCorpTags((int) corp().tags().stream().filter(t -> !t.deleted()).count());
    try {
      JsonNode error = call("POST", "/tags", "{\"groupName\":\"超额\",\"tags\":[{\"name\":\"多一个\"}]}", 409);
      assertThat(error.get("code").asString()).isEqualTo("corp_tag_quota_exceeded");
      assertThat(error.get("detail").asString()).contains("上限").contains("40126");
    } finally {
      corp().maxCorpTags(before);
    }
  }

  @Test
  void aTagRenamedOrDeletedInTheWeComAdminReachesOurDatabaseThroughItsCallback() throws Exception {
    JsonNode group = call("POST", "/tags", "{\"groupName\":\"管理员改\",\"tags\":[{\"name\":\"改名前\"},"
        + "{\"name\":\"将删除\"}]}", 201);
    String renamed = group.get("tags").get(0).get("tagId").asString();
    String deleted = group.get("tags").get(1).get("tagId").asString();
    corp().renameTag(renamed, "管理员改名");
    corp().deleteTag(deleted);
    await(() -> "管理员改名".equals(tagName(renamed)) && !live(deleted));
  }

  @Test
  void invalidRulesAreRejectedWithPreciseMessages() throws Exception {
    String tag = anyLiveTag();
    JsonNode unknownField = call("POST", "/rules", rule("{\"all\":[{\"field\":\"follow.colour\",\"op\":\"eq\","
        + "\"value\":\"x\"}]}", tag), 400);
    assertThat(unknownField.get("errors").get(0).get("field").asString()).isEqualTo("condition.all[0].field");
    assertThat(unknownField.get("errors").get(0).get("code").asString()).isEqualTo("unknown_field");
    assertThat(unknownField.get("detail").asString()).contains("未知字段 follow.colour");

    JsonNode badOp = call("POST", "/rules", rule("{\"field\":\"gender\",\"op\":\"contains\",\"value\":\"1\"}",
        tag), 400);
    assertThat(badOp.get("errors").get(0).get("code").asString()).isEqualTo("operator_not_allowed");
    assertThat(badOp.get("errors").get(0).get("message").asString()).contains("gender").contains("contains")
        .contains("in");

    JsonNode missing = call("POST", "/rules", rule("{\"not\":{\"field\":\"follow.state\",\"op\":\"in\"}}", tag),
        400);
    assertThat(missing.get("errors").get(0).get("field").asString()).isEqualTo("condition.not.values");
    assertThat(missing.get("errors").get(0).get("code").asString()).isEqualTo("missing_value");

    JsonNode unknownTag = call("POST", "/rules", rule("{\"field\":\"tags\",\"op\":\"hasAny\","
        + "\"values\":[\"etNOSUCHTAG\"]}", tag), 400);
    assertThat(unknownTag.get("errors").get(0).get("code").asString()).isEqualTo("unknown_tag");
    assertThat(unknownTag.get("errors").get(0).get("message").asString()).contains("etNOSUCHTAG");

    JsonNode window = call("POST", "/rules", rule("{\"field\":\"moment.likes\",\"op\":\"gte\",\"value\":2}", tag),
        400);
    assertThat(window.get("errors").get(0).get("field").asString()).isEqualTo("condition.days");

    JsonNode notRelational = call("POST", "/rules", rule("{\"sameFollow\":[{\"field\":\"follow.staff\","
        + "\"op\":\"eq\",\"value\":\"u1\"},{\"field\":\"gender\",\"op\":\"eq\",\"value\":1}]}", tag), 400);
    assertThat(notRelational.get("errors").get(0).get("field").asString())
        .isEqualTo("condition.sameFollow[1].field");
    assertThat(notRelational.get("errors").get(0).get("code").asString()).isEqualTo("not_a_follow_field");
    assertThat(notRelational.get("errors").get(0).get("message").asString()).contains("gender")
        .contains("follow.state");
    JsonNode tagsInside = call("POST", "/rules", rule("{\"sameFollow\":[{\"field\":\"tags\",\"op\":\"hasAny\","
        + "\"values\":[\"etNOSUCHTAG\"]}]}", tag), 400);
    assertThat(tagsInside.get("errors")).hasSize(1);
    assertThat(tagsInside.get("errors").get(0).get("code").asString()).isEqualTo("not_a_follow_field");
    JsonNode nested = call("POST", "/rules", rule("{\"sameFollow\":[{\"any\":[]}]}", tag), 400);
    assertThat(nested.get("errors").get(0).get("code").asString()).isEqualTo("not_a_follow_condition");
    assertThat(call("POST", "/rules", rule("{\"sameFollow\":[]}", tag), 400).get("errors").get(0).get("field")
        .asString()).isEqualTo("condition.sameFollow");
  }

  /** Deleting a rule with takeBackTags removes its tags here and in WeCom; an operator's tag on the same tag stays. */
  @Test
  void deletingARuleWithTakeBackRemovesItsTagsHereAndInWeComButNotAnOperatorsTag() throws Exception {
    String tag = call("POST", "/tags", "{\"groupName\":\"规则测试\",\"tags\":[{\"name\":\"待收回\"}]}", 201)
        .get("tags").get(0).get("tagId").asString();
    // an operator's tag on a customer the rule will not match (no relation through a "sh0" channel)
    SimFollow manual = corp().follows().stream().filter(f -> f.state() == null || !f.state().contains("sh0"))
        .filter(f -> corp().follows().stream().noneMatch(g -> g.externalUserId().equals(f.externalUserId())
            && g.state() != null && g.state().contains("sh0"))).findFirst().orElseThrow();
    call("POST", "/customers/" + manual.externalUserId() + "/tags", "{\"add\":[\"" + tag + "\"],\"userid\":\""
        + manual.userid() + "\",\"operator\":\"店长\"}", 200);
    long id = call("POST", "/rules", "{\"name\":\"收回测试\",\"enabled\":true,\"condition\":{\"field\":"
        + "\"follow.state\",\"op\":\"contains\",\"value\":\"sh0\"},\"actions\":[{\"type\":\"addTags\","
        + "\"tags\":[\"" + tag + "\"]}]}", 201).get("id").asLong();
    call("POST", "/rules/run?push=true", null, 200);
    long byRule = jdbc.queryForObject("SELECT COUNT(*) FROM scrm_follow_tag WHERE corp_id = ? AND tag_id = ? "
        + "AND source = 'RULE' AND source_ref LIKE ?", Long.class, corpId(), tag, id + ":%");
    assertThat(byRule).isPositive();
    await(() -> corp().follows().stream().filter(f -> f.tagIds().contains(tag)).count() == byRule + 1);

    JsonNode deleted = call("DELETE", "/rules/" + id + "?takeBackTags=true", null, 200);
    assertThat(deleted.get("tagsRemoved").asLong()).isEqualTo(byRule);
    assertThat(deleted.get("pushesQueued").asLong()).isEqualTo(byRule);
    assertThat(jdbc.queryForList("SELECT external_userid FROM scrm_follow_tag WHERE corp_id = ? AND tag_id = ?",
        String.class, corpId(), tag)).containsExactly(manual.externalUserId());
    await(() -> corp().follows().stream().filter(f -> f.tagIds().contains(tag)).map(SimFollow::externalUserId)
        .toList().equals(List.of(manual.externalUserId())));
    // repeatable on the deleted rule; an unknown rule is 404; without the flag a deleted rule is 404 as before
    assertThat(call("DELETE", "/rules/" + id + "?takeBackTags=true", null, 200).get("tagsRemoved").asLong())
        .isZero();
    call("DELETE", "/rules/" + id, null, 404);
    assertThat(call("DELETE", "/rules/999999?takeBackTags=true", null, 404).get("code").asString())
        .isEqualTo("rule_not_found");
  }

  /**
   * "Customers staff X added through a store channel": with {@code all} each follow leaf may hold on a different
   * relation of the customer; with {@code sameFollow} one relation must satisfy both. Expected sets from the
   * simulator's own relations.
   */
  @Test
  void sameFollowHoldsOnlyWhereOneRelationSatisfiesEveryItem() throws Exception {
    java.util.function.Predicate<SimFollow> store = f -> f.state() != null && f.state().contains("store_");
    String staff = null;
    Set<String> same = Set.of();
    Set<String> apart = Set.of();
    for (String userid : corp().followUserIds()) {
      Set<String> s = corp().follows().stream().filter(f -> f.userid().equals(userid) && store.test(f))
          .map(SimFollow::externalUserId).collect(Collectors.toSet());
      Set<String> byStaff = corp().follows().stream().filter(f -> f.userid().equals(userid))
          .map(SimFollow::externalUserId).collect(Collectors.toSet());
      Set<String> a = corp().follows().stream().filter(store).map(SimFollow::externalUserId)
          .filter(byStaff::contains).collect(Collectors.toSet());
      if (!s.isEmpty() && a.size() > s.size()) {
        staff = userid;
        same = s;
        apart = a;
        break;
      }
    }
    assertThat(staff).as("the seed has a customer of some staff member who came through a store channel to "
        + "another").isNotNull();
    String leaves = "{\"field\":\"follow.staff\",\"op\":\"eq\",\"value\":\"" + staff + "\"},"
        + "{\"field\":\"follow.state\",\"op\":\"contains\",\"value\":\"store_\"}";
    JsonNode one = call("POST", "/rules/preview?sample=200", "{\"condition\":{\"sameFollow\":[" + leaves + "]}}",
        200);
    JsonNode two = call("POST", "/rules/preview?sample=200", "{\"condition\":{\"all\":[" + leaves + "]}}", 200);
    assertThat(one.get("count").asLong()).isEqualTo(same.size());
    assertThat(two.get("count").asLong()).isEqualTo(apart.size());
    Set<String> sampled = new HashSet<>();
    one.get("sample").forEach(c -> sampled.add(c.get("externalUserId").asString()));
    assertThat(sampled).isEqualTo(same);
    // explain names the relations that satisfy every item
    long rule = call("POST", "/rules", "{\"name\":\"同一关系\",\"enabled\":false,\"condition\":{\"sameFollow\":["
        + leaves + "]},\"actions\":[{\"type\":\"setStage\",\"stage\":\"growing\"}]}", 201).get("id").asLong();
    JsonNode explained = call("GET", "/rules/" + rule + "/explain?customer=" + same.iterator().next(), null, 200);
    assertThat(explained.get("matches").asBoolean()).isTrue();
    assertThat(explained.get("explanation").get("node").asString()).isEqualTo("sameFollow");
    assertThat(explained.get("explanation").get("actual").asString()).contains(staff);
    assertThat(explained.get("explanation").get("children")).hasSize(2);
    Set<String> sameSet = same;
    String apartOnly = apart.stream().filter(c -> !sameSet.contains(c)).findFirst().orElseThrow();
    JsonNode notOne = call("GET", "/rules/" + rule + "/explain?customer=" + apartOnly, null, 200);
    assertThat(notOne.get("matches").asBoolean()).isFalse();
    assertThat(notOne.get("explanation").get("children").get(0).get("held").asBoolean()).isTrue();
    assertThat(notOne.get("explanation").get("children").get(1).get("held").asBoolean()).isTrue();
    call("DELETE", "/rules/" + rule, null, 204);
    // the condition language tells a console which fields the node takes
    JsonNode language = call("GET", "/rule-fields", null, 200);
    Map<String, Boolean> scoped = new java.util.HashMap<>();
    language.get("fields").forEach(f -> scoped.put(f.get("field").asString(), f.get("sameFollow").asBoolean()));
    assertThat(scoped).containsEntry("follow.state", true).containsEntry("follow.addedAt", true)
        .containsEntry("follow.count", false).containsEntry("gender", false);
    assertThat(language.get("nodes").toString()).contains("sameFollow");
  }

  @Test
  void aRuleIsPreviewedExplainedEnabledRunAndItsTagsReachWeCom() throws Exception {
    String store = "store_";
    String tag = call("POST", "/tags", "{\"groupName\":\"规则测试\",\"tags\":[{\"name\":\"门店客户\"}]}", 201)
        .get("tags").get(0).get("tagId").asString();
    String condition = "{\"field\":\"follow.state\",\"op\":\"contains\",\"value\":\"" + store + "\"}";
    JsonNode created = call("POST", "/rules", "{\"name\":\"门店渠道\",\"enabled\":false,\"condition\":" + condition
        + ",\"actions\":[{\"type\":\"addTags\",\"tags\":[\"" + tag + "\"],\"syncToWeCom\":true}]}", 201);
    long id = created.get("id").asLong();
    assertThat(created.get("version").asInt()).isEqualTo(1);

    Set<String> expected = corp().follows().stream().filter(f -> f.state() != null && f.state().contains(store))
        .map(SimFollow::externalUserId).collect(Collectors.toSet());
    JsonNode preview = call("GET", "/rules/" + id + "/preview?sample=5", null, 200);
    assertThat(preview.get("count").asLong()).isEqualTo(expected.size()).isPositive();
    assertThat(preview.get("sample")).hasSize(5);
    String matching = preview.get("sample").get(0).get("externalUserId").asString();
    JsonNode explained = call("GET", "/rules/" + id + "/explain?customer=" + matching, null, 200);
    assertThat(explained.get("matches").asBoolean()).as(explained.toString()).isTrue();
    assertThat(explained.get("explanation").has("actual")).as(explained.toString()).isTrue();
    assertThat(explained.get("explanation").get("actual").asString()).contains(store);

    call("POST", "/rules/" + id + "/enable", null, 200);
    JsonNode run = call("POST", "/rules/run?push=true", null, 200);
    assertThat(run.get("status").asString()).isEqualTo("SUCCEEDED");
    Set<String> tagged = new HashSet<>(jdbc.queryForList("SELECT DISTINCT external_userid FROM scrm_follow_tag "
        + "WHERE corp_id = ? AND tag_id = ? AND source = 'RULE' AND source_ref = ?", String.class, corpId(), tag,
        id + ":1"));
    assertThat(tagged).isEqualTo(expected);
    await(() -> corp().follows().stream().filter(f -> f.tagIds().contains(tag)).map(SimFollow::externalUserId)
        .collect(Collectors.toSet()).equals(expected));
    // a second run changes nothing
    JsonNode again = call("POST", "/rules/run", null, 200);
    assertThat(again.get("tagsAdded").asLong()).isZero();
    assertThat(again.get("tagsRemoved").asLong()).isZero();

    // an event evaluates only its customer: a new customer scans a store QR code
    SimScan scan = corp().scan(corp().followUserIds().get(0), "store_sh09_qr", "规则新客");
    await(() -> hasTag(scan.externalUserId(), tag));
    await(() -> corp().follows().stream().anyMatch(f -> f.externalUserId().equals(scan.externalUserId())
        && f.tagIds().contains(tag)));

    // a new version: the tag follows the new condition, rows of the old version are taken back where it no longer holds
    JsonNode v2 = call("PUT", "/rules/" + id, "{\"condition\":{\"field\":\"follow.state\",\"op\":\"eq\","
        + "\"value\":\"store_sh09_qr\"},\"actions\":[{\"type\":\"addTags\",\"tags\":[\"" + tag + "\"]}]}", 200);
    assertThat(v2.get("version").asInt()).isEqualTo(2);
    call("POST", "/rules/run?push=true", null, 200);
    assertThat(jdbc.queryForList("SELECT DISTINCT external_userid FROM scrm_follow_tag WHERE corp_id = ? "
        + "AND tag_id = ?", String.class, corpId(), tag)).containsExactly(scan.externalUserId());
    await(() -> corp().follows().stream().filter(f -> f.tagIds().contains(tag)).map(SimFollow::externalUserId)
        .collect(Collectors.toSet()).equals(Set.of(scan.externalUserId())));
    assertThat(call("GET", "/rules/" + id + "/versions", null, 200)).hasSize(2);
    call("DELETE", "/rules/" + id, null, 204);
  }

  /**
   * Campaign pushes in rules: send-ledger rows written straight into the database (as the campaign dispatcher does)
   * are previewed and explained; a {@code CampaignPushed} event re-evaluates the customer it names, and only it.
   */
  @Test
  void aRuleOnReceivedCampaignsIsPreviewedAndTriggeredByTheCampaignPushedEvent() throws Exception {
    String tag = call("POST", "/tags", "{\"groupName\":\"群发规则\",\"tags\":[{\"name\":\"收到春节群发\"}]}", 201)
        .get("tags").get(0).get("tagId").asString();
    List<String> customers = jdbc.queryForList("SELECT DISTINCT external_userid FROM scrm_follow_relation "
        + "WHERE corp_id = ? AND deleted_at IS NULL ORDER BY external_userid LIMIT 2", String.class, corpId());
    String earlier = customers.get(0);
    String pushed = customers.get(1);
    long campaign = 970_000 + (System.nanoTime() & 0xffff);
    java.sql.Timestamp now = java.sql.Timestamp.valueOf(java.time.LocalDateTime.now());
    java.sql.Timestamp dayAgo = java.sql.Timestamp.valueOf(java.time.LocalDateTime.now().minusDays(1));
    jdbc.update("INSERT INTO scrm_campaign_run (corp_id, campaign_id, version, occurrence, trigger_source, channel, "
        + "status, due_at, deadline_at, created_at) VALUES (?, ?, 1, 'api:rules-it', 'API', 'SINGLE', 'WAITING', ?, "
        + "?, ?)", corpId(), campaign, now, now, now);
    long run = jdbc.queryForObject("SELECT id FROM scrm_campaign_run WHERE campaign_id = ? AND occurrence = "
        + "'api:rules-it'", Long.class, campaign);
    String insert = "INSERT INTO scrm_campaign_delivery (run_id, corp_id, target, sender, render_key, status, "
        + "counted_at, sent_at, updated_at) VALUES (?, ?, ?, 'u_sender', 'r0', ?, ?, ?, ?)";
    jdbc.update(insert, run, corpId(), earlier, "SENT", now, dayAgo, now);
    jdbc.update(insert, run, corpId(), pushed, "TASK_CREATED", now, null, now);
    String received = "{\"field\":\"campaign.received\",\"op\":\"in\",\"values\":[\"" + campaign + "\"],\"days\":7}";

    JsonNode preview = call("POST", "/rules/preview", "{\"condition\":" + received + "}", 200);
    assertThat(preview.get("count").asLong()).isEqualTo(1);
    assertThat(preview.get("sample").get(0).get("externalUserId").asString()).isEqualTo(earlier);
    JsonNode pushes = call("POST", "/rules/preview", "{\"condition\":{\"field\":\"campaign.pushes\",\"op\":\"gte\","
        + "\"value\":1,\"days\":7}}", 200);
    assertThat(pushes.get("count").asLong()).isEqualTo(1);
    JsonNode invalid = call("POST", "/rules/preview", "{\"condition\":{\"field\":\"campaign.received\",\"op\":\"in\","
        + "\"values\":[\"春节\"]}}", 400);
    assertThat(invalid.get("detail").asString()).contains("群发活动 id");

    JsonNode rule = call("POST", "/rules", "{\"name\":\"收到群发\",\"enabled\":true,\"condition\":" + received
        + ",\"actions\":[{\"type\":\"addTags\",\"tags\":[\"" + tag + "\"],\"syncToWeCom\":false}]}", 201);
    long id = rule.get("id").asLong();
    assertThat(rule.toString()).contains("\"values\":[" + campaign + "]");
    // WeCom reports the second customer's push sent: the ledger says so, then the event
    jdbc.update("UPDATE scrm_campaign_delivery SET status = 'SENT', sent_at = ? WHERE run_id = ? AND target = ?", now,
        run, pushed);
    outbox.append(List.of(new io.wescrm.core.events.Outbox.Entry("rules",
        new io.wescrm.core.events.DomainEvent.CampaignPushed(corpId(), "u_sender", pushed, campaign, run,
            java.time.Instant.now()), java.time.Instant.now())), java.time.Instant.now());
    await(() -> ruleTagged(pushed, tag, id));
    assertThat(ruleTagged(earlier, tag, id)).as("only the pushed customer is evaluated").isFalse();
    JsonNode explained = call("GET", "/rules/" + id + "/explain?customer=" + pushed, null, 200);
    assertThat(explained.get("matches").asBoolean()).isTrue();
    assertThat(explained.get("explanation").get("actual").asString()).contains(campaign + "@");

    JsonNode language = call("GET", "/rule-fields", null, 200);
    Map<String, String> types = new java.util.HashMap<>();
    language.get("fields").forEach(f -> types.put(f.get("field").asString(), f.get("type").asString()));
    assertThat(types).containsEntry("campaign.received", "CAMPAIGN_SET")
        .containsEntry("campaign.pushes", "WINDOW_COUNT");
    call("DELETE", "/rules/" + id + "?takeBackTags=true", null, 200);
  }

  private boolean ruleTagged(String customer, String tag, long ruleId) {
    return jdbc.queryForObject("SELECT COUNT(*) FROM scrm_follow_tag WHERE corp_id = ? AND external_userid = ? "
        + "AND tag_id = ? AND source = 'RULE' AND source_ref LIKE ?", Long.class, corpId(), customer, tag,
        ruleId + ":%") > 0;
  }

  @Test
  void lifecycleDefaultsInstallAndSetStages() throws Exception {
    JsonNode installed = call("POST", "/rules/lifecycle-defaults", null, 200);
    assertThat(installed).hasSize(5);
    call("POST", "/rules/run", null, 200);
    List<String> stages = jdbc.queryForList("SELECT DISTINCT lifecycle_stage FROM scrm_customer WHERE corp_id = ?",
        String.class, corpId());
    assertThat(stages).doesNotContainNull().contains("growing");
    JsonNode search = call("POST", "/customers/search?size=5", "{\"condition\":{\"field\":\"lifecycleStage\","
        + "\"op\":\"eq\",\"value\":\"growing\"}}", 200);
    assertThat(search.get("count").asLong()).isEqualTo(jdbc.queryForObject("SELECT COUNT(*) FROM scrm_customer "
        + "WHERE corp_id = ? AND lifecycle_stage = 'growing'", Long.class, corpId()));
    // installing again adds nothing; the rules stay editable
    assertThat(call("POST", "/rules/lifecycle-defaults", null, 200)).isEmpty();
    for (JsonNode r : installed) {
      call("POST", "/rules/" + r.get("id").asLong() + "/disable", null, 200);
    }
  }

  @Test
  void aSyncedTagRemovedInWeComIsRemovedHereToo() throws Exception {
    String tag = call("POST", "/tags", "{\"groupName\":\"双向\",\"tags\":[{\"name\":\"运营打的\"}]}", 201)
        .get("tags").get(0).get("tagId").asString();
    SimFollow f = corp().follows().get(11);
    call("POST", "/customers/" + f.externalUserId() + "/tags", "{\"userid\":\"" + f.userid() + "\",\"add\":[\""
        + tag + "\"],\"operator\":\"ops01\"}", 200);
    assertThat(corp().follows().stream().filter(x -> x.userid().equals(f.userid())
        && x.externalUserId().equals(f.externalUserId())).findFirst().orElseThrow().tagIds()).contains(tag);
    assertThat(jdbc.queryForObject("SELECT source FROM scrm_follow_tag WHERE corp_id = ? AND userid = ? "
        + "AND external_userid = ? AND tag_id = ?", String.class, corpId(), f.userid(), f.externalUserId(), tag))
        .isEqualTo("OPERATOR");
    // the staff member takes it off in the WeCom client: the callback's re-fetch removes it here
    corp().markTag(f.userid(), f.externalUserId(), List.of(), List.of(tag));
    await(() -> !hasTag(f.externalUserId(), tag));
  }

  private boolean hasTag(String externalUserId, String tag) {
    return jdbc.queryForObject("SELECT COUNT(*) FROM scrm_follow_tag WHERE corp_id = ? AND external_userid = ? "
        + "AND tag_id = ?", Integer.class, corpId(), externalUserId, tag) > 0;
  }

  private String anyLiveTag() {
    return jdbc.queryForList("SELECT tag_id FROM scrm_tag WHERE corp_id = ? AND deleted_at IS NULL", String.class,
        corpId()).get(0);
  }

  private static String rule(String condition, String tag) {
    return "{\"name\":\"坏规则\",\"condition\":" + condition + ",\"actions\":[{\"type\":\"addTags\",\"tags\":[\""
        + tag + "\"]}]}";
  }

  private String tagName(String tagId) {
    return jdbc.queryForList("SELECT name FROM scrm_tag WHERE corp_id = ? AND tag_id = ?", String.class, corpId(),
        tagId).stream().findFirst().orElse(null);
  }

  private boolean live(String tagId) {
    return jdbc.queryForObject("SELECT COUNT(*) FROM scrm_tag WHERE corp_id = ? AND tag_id = ? "
        + "AND deleted_at IS NULL", Integer.class, corpId(), tagId) > 0;
  }

  private static void await(BooleanSupplier condition) {
    Awaitility.await().atMost(Duration.ofSeconds(20)).pollDelay(Duration.ZERO).until(condition::getAsBoolean);
  }

  private JsonNode call(String method, String path, String body, int status) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/corps/"
        + corpId() + path)).header("Content-Type", "application/json")
        .header("Authorization", Api.adminAuthorization("http://127.0.0.1:" + port))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(method + " " + path + " → " + response.body()).isEqualTo(status);
    return response.body().isEmpty() ? json.nullNode() : json.readTree(response.body());
  }
}
