package io.wescrm.core.campaigns.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.wescrm.core.TestDatabases;
import io.wescrm.core.campaigns.CampaignDefinition;
import io.wescrm.core.campaigns.CampaignRun;
import io.wescrm.core.campaigns.FrequencyCaps;
import io.wescrm.core.campaigns.MessageTemplate;
import io.wescrm.core.campaigns.RunPlanner;
import io.wescrm.core.campaigns.TemplateContext;
import io.wescrm.core.jdbc.JdbcTime;
import io.wescrm.core.rules.LiveTags;
import io.wescrm.core.rules.RuleCodec;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** The planner on H2 (MySQL mode): sender choice, caps, tasks per sender × render × chunk. */
class JdbcRunPlannerTest {

  static final String CORP = "wwplan";
  static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  @Test
  void plansTheAudienceFromTheEarliestAddedRelationWithCapsAndChunks() {
    JdbcTemplate jdbc = new JdbcTemplate(TestDatabases.migratedH2());
    Instant due = Instant.parse("2026-12-02T02:00:00Z");
    jdbc.update("INSERT INTO scrm_department (corp_id, dept_id, name) VALUES (?, 1, '静安店'), (?, 2, '徐汇店')", CORP,
        CORP);
    jdbc.update("INSERT INTO scrm_staff (corp_id, userid, name, main_department) VALUES (?, 'a', '小安', 1), "
        + "(?, 'b', '小徐', 2), (?, 'gone', '离职', 2)", CORP, CORP, CORP);
    jdbc.update("UPDATE scrm_staff SET deleted_at = ? WHERE userid = 'gone'", JdbcTime.ts(due));
    for (int i = 1; i <= 7; i++) {
      jdbc.update("INSERT INTO scrm_customer (corp_id, external_userid, name, gender) VALUES (?, ?, ?, ?)", CORP,
          "wm" + i, "客户" + i, i == 7 ? 0 : 1);
    }
    // wm1: a (day 10), b (day 5) → b; wm2: b then a (same time) → b (older row); wm3: a only; wm4: b deleted, a → a;
    // wm5: only the deleted staff member → not in the audience; wm6: a, pushed today → over limit; wm7: gender 0
    relation(jdbc, "a", "wm1", "2026-11-10T00:00:00Z", null);
    relation(jdbc, "b", "wm1", "2026-11-05T00:00:00Z", null);
    relation(jdbc, "b", "wm2", "2026-11-05T00:00:00Z", null);
    relation(jdbc, "a", "wm2", "2026-11-05T00:00:00Z", null);
    relation(jdbc, "a", "wm3", "2026-11-01T00:00:00Z", null);
    relation(jdbc, "b", "wm4", "2026-10-01T00:00:00Z", "2026-11-01T00:00:00Z");
    relation(jdbc, "a", "wm4", "2026-11-20T00:00:00Z", null);
    relation(jdbc, "gone", "wm5", "2026-11-20T00:00:00Z", null);
    relation(jdbc, "a", "wm6", "2026-11-20T00:00:00Z", null);
    relation(jdbc, "a", "wm7", "2026-11-20T00:00:00Z", null);
    jdbc.update("INSERT INTO scrm_campaign_run (corp_id, campaign_id, version, occurrence, trigger_source, channel, "
        + "status, due_at, deadline_at, created_at) VALUES (?, 9, 1, 'earlier', 'API', 'SINGLE', 'DONE', ?, ?, ?)",
        CORP, JdbcTime.ts(due.minusSeconds(3600)), JdbcTime.ts(due), JdbcTime.ts(due));
    long earlier = jdbc.queryForObject("SELECT id FROM scrm_campaign_run WHERE occurrence = 'earlier'", Long.class);
    jdbc.update("INSERT INTO scrm_campaign_delivery (run_id, corp_id, target, sender, render_key, status, counted_at, "
        + "updated_at) VALUES (?, ?, 'wm6', 'a', '0000000000000000', 'SENT', ?, ?)", earlier, CORP,
        JdbcTime.ts(due.minusSeconds(3600)), JdbcTime.ts(due));
    jdbc.update("INSERT INTO scrm_campaign_run (corp_id, campaign_id, version, occurrence, trigger_source, channel, "
        + "status, due_at, deadline_at, created_at) VALUES (?, 10, 1, 'now', 'API', 'SINGLE', 'PLANNING', ?, ?, ?)",
        CORP, JdbcTime.ts(due), JdbcTime.ts(due), JdbcTime.ts(due));
    long runId = jdbc.queryForObject("SELECT id FROM scrm_campaign_run WHERE occurrence = 'now'", Long.class);
    CampaignRun run = new CampaignRun(runId, CORP, 10, 1, "now", "API", CampaignDefinition.Channel.SINGLE,
        CampaignRun.Status.PLANNING, null, due, due, 0, 0, 0, null, due, null, null);
    CampaignDefinition.Content content = new CampaignDefinition.Content("{{store_name|门店}}的{{staff_name}}邀请您",
        List.of());
    CampaignDefinition def = new CampaignDefinition("t", CampaignDefinition.Kind.BROADCAST,
        new CampaignDefinition.Audience(new RuleCodec(LiveTags.each(t -> true)).readCondition(RuleCodec.parseJson(
            "{\"field\":\"gender\",\"op\":\"in\",\"values\":[1,2]}")), null, List.of(), List.of(), List.of()),
        content, CampaignDefinition.Channel.SINGLE, null, null,
        new CampaignDefinition.Limits(1, null, 4, 24, 120, 3), 0, null);
    MessageTemplate template = MessageTemplate.parse(content.text(), TemplateContext.customers(Set.of(), Set.of()));
    RunPlanner.Plan plan = new JdbcRunPlanner(jdbc, ZONE).plan(run, new RunPlanner.Policy(def, content,
        template::render, template.variables(), new FrequencyCaps(1, 0, 4, ZONE), 0, 1, due));

    assertEquals(new RunPlanner.Plan(5, 4, 0, 1, 4, 2), plan);
    Map<String, String> senders = new TreeMap<>();
    jdbc.query("SELECT target, sender, status FROM scrm_campaign_delivery WHERE run_id = ?",
        rs -> {
          senders.put(rs.getString(1), rs.getString(2) + " " + rs.getString(3));
        }, runId);
    assertEquals(Map.of("wm1", "b PLANNED", "wm2", "b PLANNED", "wm3", "a PLANNED", "wm4", "a PLANNED",
        "wm6", "a OVER_LIMIT"), senders);
    // chunks of 1: one task per planned delivery, numbered 0, 1 per sender and render
    assertEquals(List.of("a 0 1", "a 1 1", "b 0 1", "b 1 1"), jdbc.queryForList("SELECT CONCAT(sender, ' ', "
        + "chunk_no, ' ', recipients) FROM scrm_campaign_task WHERE run_id = ? ORDER BY sender, chunk_no",
        String.class, runId));
  }

  private static void relation(JdbcTemplate jdbc, String staff, String customer, String addedAt, String deletedAt) {
    jdbc.update("INSERT INTO scrm_follow_relation (corp_id, userid, external_userid, added_at, deleted_at) "
        + "VALUES (?, ?, ?, ?, ?)", CORP, staff, customer, JdbcTime.ts(Instant.parse(addedAt)),
        deletedAt == null ? null : JdbcTime.ts(Instant.parse(deletedAt)));
  }
}
