package io.wescrm.core.campaigns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wescrm.core.rules.LiveTags;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CampaignCodecTest {

  static final Instant NOW = Instant.parse("2026-12-02T02:00:00Z");
  /** A cron engine good enough for the presets used here: "never fires" only for Feb 30th. */
  static final CronCalendar CRON = (cron, zone, after) -> {
    if (cron.contains("30 2")) {
      return Optional.empty();
    }
    if (cron.contains("bad")) {
      throw new IllegalArgumentException("Illegal characters for this position: 'BAD'");
    }
    return Optional.of(after.plusSeconds(3600));
  };
  static final CampaignCodec.Context CTX = new CampaignCodec.Context(LiveTags.each(tag -> tag.startsWith("et")),
      Set.of("会员等级"), Set.of("生日月"), CRON, NOW, ZoneId.of("Asia/Shanghai"));

  static CampaignDefinition read(String json) {
    return CampaignCodec.read(CampaignCodec.parseJson(json), CTX);
  }

  static String firstError(String json) {
    try {
      read(json);
    } catch (InvalidCampaignException e) {
      return e.errors().get(0).path() + " " + e.errors().get(0).message();
    }
    throw new AssertionError("accepted: " + json);
  }

  @Test
  void aFullBroadcastRoundTripsThroughItsStoredText() {
    CampaignDefinition d = read("""
        {"name": " 月度关怀 ", "channel": "single",
         "audience": {"include": {"field": "tags", "op": "hasAny", "values": ["et_high"]},
                      "exclude": {"field": "lifecycleStage", "op": "in", "values": ["lost"]},
                      "stores": [101, 102], "staff": ["zhangsan"]},
         "content": {"text": "{{customer_name|亲爱的顾客}}，{{tag:会员等级|会员}}专享 {{attr:生日月|本月}}",
                     "attachments": [{"type": "link", "title": "会员日", "url": "https://example.com"}]},
         "schedule": {"type": "recurring", "preset": "MONTHLY_FIRST_MONDAY", "time": "10:00"},
         "limits": {"perDay": 1, "perMonth": 4, "confirmHours": 12},
         "controlGroupPercent": 12.5, "goal": {"tags": ["et_repurchased"], "days": 30}}""");
    assertThat(d.name()).isEqualTo("月度关怀");
    assertThat(d.channel()).isEqualTo(CampaignDefinition.Channel.SINGLE);
    assertThat(d.audience().stores()).containsExactly(101L, 102L);
    assertThat(d.schedule()).isEqualTo(new Schedule.Recurring("0 0 10 ? * MON#1", "MONTHLY_FIRST_MONDAY",
        "Asia/Shanghai"));
    assertThat(d.limits().perDay()).isEqualTo(1);
    assertThat(d.limits().perWeek()).isNull();
    assertThat(d.controlPermille()).isEqualTo(125);
    assertThat(d.content().attachments()).hasSize(1);
    CampaignDefinition stored = CampaignCodec.readStored(CampaignCodec.text(d));
    assertThat(stored).isEqualTo(d);
    assertThat(CampaignCodec.text(stored)).isEqualTo(CampaignCodec.text(d));
  }

  @Test
  void anSopReadsItsTriggerStepsAndStopConditions() {
    CampaignDefinition d = read("""
        {"name": "SOP", "kind": "SOP",
         "sop": {"trigger": {"type": "channel", "values": ["store_qr"]},
                 "steps": [{"day": 0, "time": "10:00", "content": {"text": "欢迎"}},
                           {"day": 3, "content": {"text": "{{staff_name}}回访"}}],
                 "stopWhen": {"leftAudience": true, "tags": ["et_replied"]}}}""");
    assertThat(d.kind()).isEqualTo(CampaignDefinition.Kind.SOP);
    assertThat(d.sop().trigger().type()).isEqualTo(CampaignDefinition.TriggerType.CHANNEL);
    assertThat(d.sop().steps()).extracting(CampaignDefinition.SopStep::day).containsExactly(0, 3);
    assertThat(d.sop().steps().get(1).at().toString()).isEqualTo("10:00");
    assertThat(d.sop().stopWhen().tags()).containsExactly("et_replied");
    assertThat(CampaignCodec.readStored(CampaignCodec.text(d))).isEqualTo(d);
  }

  @Test
  void everyProblemIsNamedWithItsPathInChinese() {
    assertThat(firstError("{\"content\": {\"text\": \"你好\"}}")).startsWith("name").contains("活动名称");
    assertThat(firstError("{\"name\": \"x\", \"content\": {\"text\": \"{{nick}}\"}}")).startsWith("content.text")
        .contains("未知变量");
    assertThat(firstError("{\"name\": \"x\", \"content\": {\"text\": \"{{remark}}\"}}")).contains("默认值");
    assertThat(firstError("{\"name\": \"x\", \"content\": {}}")).contains("不能同时为空");
    assertThat(firstError("{\"name\": \"x\", \"channel\": \"SMS\", \"content\": {\"text\": \"a\"}}"))
        .startsWith("channel");
    assertThat(firstError("{\"name\": \"x\", \"content\": {\"text\": \"a\"}, \"schedule\": {\"type\": \"once\", "
        + "\"at\": \"2026-12-01T10:00:00+08:00\"}}")).startsWith("schedule").contains("已过去");
    assertThat(firstError("{\"name\": \"x\", \"content\": {\"text\": \"a\"}, \"schedule\": {\"type\": \"recurring\", "
        + "\"cron\": \"0 0 10 30 2 ?\"}}")).contains("永远不会触发");
    assertThat(firstError("{\"name\": \"x\", \"content\": {\"text\": \"a\"}, \"schedule\": {\"type\": \"recurring\", "
        + "\"preset\": \"HOURLY\"}}")).startsWith("schedule.preset");
    assertThat(firstError("{\"name\": \"x\", \"content\": {\"text\": \"a\"}, \"schedule\": {\"type\": \"once\", "
        + "\"at\": \"明天\"}}")).startsWith("schedule.at");
    assertThat(firstError("{\"name\": \"x\", \"content\": {\"text\": \"a\"}, "
        + "\"audience\": {\"include\": {\"field\": \"nope\", \"op\": \"eq\", \"value\": 1}}}"))
        .startsWith("audience.include");
    assertThat(firstError("{\"name\": \"x\", \"content\": {\"text\": \"a\"}, \"controlGroupPercent\": 80}"))
        .startsWith("controlGroupPercent");
    assertThat(firstError("{\"name\": \"x\", \"content\": {\"text\": \"a\"}, \"limits\": {\"maxReminders\": 5}}"))
        .startsWith("limits.maxReminders");
    assertThat(firstError("{\"name\": \"x\", \"content\": {\"text\": \"a\"}, \"goal\": {\"tags\": [\"gone\"]}}"))
        .startsWith("goal.tags[0]");
    assertThat(firstError("{\"name\": \"x\", \"channel\": \"GROUP\", \"content\": {\"text\": \"{{customer_name}}\"}}"))
        .startsWith("content.text");
    assertThat(firstError("{\"name\": \"x\", \"channel\": \"STAFF_TASK\", \"content\": {\"text\": \""
        + "{{attr:生日月|x}}".repeat(3) + "\"}}")).contains("一客一话术");
    assertThat(firstError("{\"name\": \"x\", \"kind\": \"SOP\", \"sop\": {\"trigger\": {\"type\": \"CHANNEL\"}, "
        + "\"steps\": [{\"day\": 3, \"content\": {\"text\": \"a\"}}, {\"day\": 1, \"content\": {\"text\": \"b\"}}]}}"))
        .startsWith("sop.steps[1].day");
  }

  @Test
  void allProblemsAreListedAtOnce() {
    assertThatThrownBy(() -> read("{\"content\": {\"text\": \"{{nick}}\"}, \"controlGroupPercent\": -1}"))
        .isInstanceOfSatisfying(InvalidCampaignException.class, e -> assertThat(e.errors())
            .extracting(CampaignError::path).contains("name", "content.text", "controlGroupPercent"));
  }
}
