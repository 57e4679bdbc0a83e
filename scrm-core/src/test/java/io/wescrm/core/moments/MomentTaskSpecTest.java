package io.wescrm.core.moments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wescrm.core.campaigns.CampaignError;
import io.wescrm.core.campaigns.Schedule;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** What a 朋友圈 task must satisfy before any WeCom call, each refusal with its path and a zh-CN message. */
class MomentTaskSpecTest {

  static final Instant NOW = Instant.parse("2026-12-03T02:00:00Z");
  static final Pattern CHINESE = Pattern.compile("\\p{IsHan}");
  static final ObjectMapper JSON = new ObjectMapper();
  static final Map<Long, String> ASSETS = Map.of(1L, "image", 2L, "video");
  static final MomentTaskSpec.Context CTX = new MomentTaskSpec.Context(Set.of("zhangsan", "lisi")::contains,
      d -> d == 2L, Set.of("etVIP")::contains, id -> Optional.ofNullable(ASSETS.get(id)),
      (cron, zone, after) -> {
        if (cron.contains("bad")) {
          throw new IllegalArgumentException("bad syntax");
        }
        return Optional.of(after.plusSeconds(60));
      }, NOW);
  static final MomentTaskCodec.Defaults DEFAULTS = new MomentTaskCodec.Defaults(Duration.ofHours(24),
      Duration.ofHours(2), ZoneId.of("Asia/Shanghai"));

  static MomentTaskSpec spec(String text, List<MomentTaskSpec.Attachment> attachments, List<String> users,
      List<String> tags) {
    return new MomentTaskSpec("任务", text, attachments, false, users, List.of(), tags, null, Duration.ofHours(24),
        true, Duration.ofHours(2));
  }

  static MomentTaskSpec.Attachment image(long assetId) {
    return new MomentTaskSpec.Attachment("image", assetId, null, null, null);
  }

  static List<String> paths(List<CampaignError> errors) {
    assertThat(errors).allSatisfy(e -> assertThat(CHINESE.matcher(e.message()).find()).as(e.message()).isTrue());
    return errors.stream().map(CampaignError::path).toList();
  }

  @Test
  void aTextToStaffWithALiveTagIsAccepted() {
    assertThat(spec("新品上市", List.of(), List.of("zhangsan"), List.of("etVIP")).validate(CTX)).isEmpty();
  }

  @Test
  void nineImagesAreAcceptedTenAreNot() {
    List<MomentTaskSpec.Attachment> nine = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      nine.add(image(1));
    }
    assertThat(spec(null, nine, List.of("zhangsan"), List.of()).validate(CTX)).isEmpty();
    nine.add(image(1));
    assertThat(paths(spec(null, nine, List.of("zhangsan"), List.of()).validate(CTX))).containsExactly("attachments");
  }

  @Test
  void textHasAtMostTwoThousandCharactersAndContentIsNotEmpty() {
    assertThat(spec("字".repeat(2_000), List.of(), List.of("zhangsan"), List.of()).validate(CTX)).isEmpty();
    assertThat(paths(spec("字".repeat(2_001), List.of(), List.of("zhangsan"), List.of()).validate(CTX)))
        .containsExactly("text");
    assertThat(paths(spec("   ", List.of(), List.of("zhangsan"), List.of()).validate(CTX))).containsExactly("text");
  }

  @Test
  void attachmentsAreOneKindOneVideoOrOneLinkAndNeedTheirAssets() {
    MomentTaskSpec.Attachment link = new MomentTaskSpec.Attachment("link", null, null, "品牌故事",
        "https://example.com");
    MomentTaskSpec.Attachment video = new MomentTaskSpec.Attachment("video", 2L, null, null, null);
    assertThat(spec(null, List.of(link), List.of("zhangsan"), List.of()).validate(CTX)).isEmpty();
    assertThat(spec(null, List.of(video), List.of("zhangsan"), List.of()).validate(CTX)).isEmpty();
    assertThat(paths(spec(null, List.of(image(1), link), List.of("zhangsan"), List.of()).validate(CTX)))
        .containsExactly("attachments");
    assertThat(paths(spec(null, List.of(video, video), List.of("zhangsan"), List.of()).validate(CTX)))
        .containsExactly("attachments");
    assertThat(paths(spec(null, List.of(link, link), List.of("zhangsan"), List.of()).validate(CTX)))
        .containsExactly("attachments");
    assertThat(paths(spec(null, List.of(image(2)), List.of("zhangsan"), List.of()).validate(CTX)))
        .containsExactly("attachments[0].assetId");
    assertThat(paths(spec(null, List.of(image(99)), List.of("zhangsan"), List.of()).validate(CTX)))
        .containsExactly("attachments[0].assetId");
    assertThat(paths(spec(null, List.of(new MomentTaskSpec.Attachment("link", null, null, "", "ftp://x")),
        List.of("zhangsan"), List.of()).validate(CTX))).containsExactly("attachments[0].title",
        "attachments[0].url");
    assertThat(paths(spec(null, List.of(new MomentTaskSpec.Attachment("file", 1L, null, null, null)),
        List.of("zhangsan"), List.of()).validate(CTX))).containsExactly("attachments[0].type");
  }

  @Test
  void theRangeIsNeverEmptyAndAnUnknownTagIsRefusedWhileAnUnknownStaffMemberIsLeftToWeCom() {
    assertThat(paths(spec("x", List.of(), List.of(), List.of()).validate(CTX))).containsExactly("visibleRange");
    assertThat(paths(spec("x", List.of(), List.of("ghost"), List.of()).validate(CTX))).containsExactly("visibleRange");
    assertThat(spec("x", List.of(), List.of("zhangsan", "ghost"), List.of()).validate(CTX))
        .as("one unknown member only narrows the range: WeCom reports it").isEmpty();
    assertThat(paths(spec("x", List.of(), List.of("zhangsan"), List.of("etVIP", "etGone")).validate(CTX)))
        .as("an unknown tag would widen the audience").containsExactly("visibleRange.tags[1]");
    assertThat(new MomentTaskSpec("x", "x", List.of(), true, List.of(), List.of(), List.of(), null,
        Duration.ofHours(1), false, null).validate(CTX)).isEmpty();
    assertThat(paths(new MomentTaskSpec("x", "x", List.of(), true, List.of("zhangsan"), List.of(), List.of(), null,
        Duration.ofHours(1), false, null).validate(CTX))).containsExactly("visibleRange");
    assertThat(new MomentTaskSpec("x", "x", List.of(), false, List.of(), List.of(2L), List.of(), null,
        Duration.ofHours(1), false, null).validate(CTX)).isEmpty();
  }

  @Test
  void theDeadlineIsTenMinutesToThirtyDaysAndTheReminderComesBeforeIt() {
    MomentTaskSpec ok = spec("x", List.of(), List.of("zhangsan"), List.of());
    assertThat(paths(new MomentTaskSpec("x", "x", List.of(), false, List.of("zhangsan"), List.of(), List.of(), null,
        Duration.ofMinutes(5), true, Duration.ofMinutes(1)).validate(CTX))).containsExactly("publishWithin");
    assertThat(paths(new MomentTaskSpec("x", "x", List.of(), false, List.of("zhangsan"), List.of(), List.of(), null,
        Duration.ofDays(31), true, Duration.ofHours(1)).validate(CTX))).containsExactly("publishWithin");
    assertThat(paths(new MomentTaskSpec("x", "x", List.of(), false, List.of("zhangsan"), List.of(), List.of(), null,
        Duration.ofHours(1), true, Duration.ofHours(1)).validate(CTX))).containsExactly("remindBefore");
    assertThat(new MomentTaskSpec("x", "x", List.of(), false, List.of("zhangsan"), List.of(), List.of(), null,
        Duration.ofHours(1), false, Duration.ofHours(1)).validate(CTX)).as("no reminder: no constraint").isEmpty();
    assertThat(ok.validate(CTX)).isEmpty();
  }

  @Test
  void schedulesAreCheckedAsCampaignsAre() {
    assertThat(paths(new MomentTaskSpec("x", "x", List.of(), false, List.of("zhangsan"), List.of(), List.of(),
        new Schedule.Once(NOW.minusSeconds(3_600)), Duration.ofHours(1), false, null).validate(CTX)))
        .containsExactly("schedule");
    assertThat(new MomentTaskSpec("x", "x", List.of(), false, List.of("zhangsan"), List.of(), List.of(),
        new Schedule.Once(NOW.plusSeconds(3_600)), Duration.ofHours(1), false, null).validate(CTX)).isEmpty();
  }

  @Test
  void theCodecReadsDefaultsRefusesWithEveryProblemAndRoundTrips() throws Exception {
    JsonNode body = JSON.readTree("""
        {"name": "双十二", "text": "会员日", "attachments": [{"type": "image", "assetId": 1}],
         "visibleRange": {"userids": ["zhangsan"], "departmentIds": [2], "tags": ["etVIP"]},
         "schedule": {"type": "recurring", "preset": "DAILY", "time": "09:30"}}""");
    MomentTaskSpec spec = MomentTaskCodec.read(body, CTX, DEFAULTS);
    assertThat(spec.publishWithin()).isEqualTo(Duration.ofHours(24));
    assertThat(spec.remindBefore()).isEqualTo(Duration.ofHours(2));
    assertThat(spec.schedule()).isEqualTo(new Schedule.Recurring("0 30 9 * * ?", "DAILY", "Asia/Shanghai"));
    assertThat(MomentTaskCodec.stored(MomentTaskCodec.write(spec))).isEqualTo(spec);

    MomentTaskSpec shortDeadline = MomentTaskCodec.read(JSON.readTree("""
        {"text": "x", "visibleRange": {"userids": ["zhangsan"]}, "publishWithin": "PT1H"}"""), CTX, DEFAULTS);
    assertThat(shortDeadline.remindBefore()).as("the default reminder halves a short deadline")
        .isEqualTo(Duration.ofMinutes(30));

    assertThatThrownBy(() -> MomentTaskCodec.read(JSON.readTree("""
        {"text": "x", "visibleRange": {"userids": ["zhangsan"]},
         "schedule": {"type": "once", "at": "2020-01-01T10:00:00+08:00"}}"""), CTX, DEFAULTS))
        .isInstanceOfSatisfying(InvalidMomentTaskException.class, e -> assertThat(paths(e.errors()))
            .as("a past schedule is reported once").containsExactly("schedule"));
    assertThatThrownBy(() -> MomentTaskCodec.read(JSON.readTree("""
        {"text": "", "visibleRange": {"departmentIds": ["two"], "tags": ["etNo"]}, "publishWithin": "tomorrow",
         "schedule": {"type": "manual"}}"""), CTX, DEFAULTS))
        .isInstanceOfSatisfying(InvalidMomentTaskException.class, e -> assertThat(paths(e.errors()))
            .contains("text", "visibleRange", "visibleRange.departmentIds", "visibleRange.tags[0]", "publishWithin",
                "schedule.type"));
  }
}
