package io.wescrm.core.campaigns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Presets, labels and validation of campaign schedules (against a fake cron engine). */
class ScheduleTest {

  static final Instant NOW = Instant.parse("2026-12-02T08:00:00Z");
  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  /** Knows a few expressions by heart; records the zones it was asked about. */
  static final class FakeCron implements CronCalendar {
    final List<ZoneId> zones = new ArrayList<>();

    @Override
    public Optional<Instant> next(String cron, ZoneId zone, Instant after) {
      zones.add(zone);
      switch (cron) {
        case "0 0 10 * * ?":
          return Optional.of(after.plus(Duration.ofHours(3)));
        case "0 0 10 1 1 ? 2020":
          return Optional.empty();
        case "0 0 10 29 2 ? 2032":
          return Optional.of(Instant.parse("2032-02-29T02:00:00Z"));
        case "0 0 10 1 1 ? 2031":
          return Optional.of(Instant.parse("2031-01-01T02:00:00Z"));
        default:
          throw new IllegalArgumentException("Illegal characters for this position: '" + cron + "'");
      }
    }
  }

  final FakeCron cron = new FakeCron();

  List<CampaignError> validate(Schedule s) {
    return Schedule.validate(s, cron, NOW);
  }

  // ---------------------------------------------------------------------------------------------- presets

  @Test
  void presetsBecomeQuartzExpressions() {
    LocalTime ten = LocalTime.of(10, 0);
    assertThat(Schedule.presetCron("DAILY", ten)).isEqualTo("0 0 10 * * ?");
    assertThat(Schedule.presetCron("WEEKLY_MONDAY", ten)).isEqualTo("0 0 10 ? * MON");
    assertThat(Schedule.presetCron("WEEKLY_SUNDAY", LocalTime.of(21, 5))).isEqualTo("0 5 21 ? * SUN");
    assertThat(Schedule.presetCron("MONTHLY_FIRST_DAY", ten)).isEqualTo("0 0 10 1 * ?");
    assertThat(Schedule.presetCron("MONTHLY_FIRST_MONDAY", ten)).isEqualTo("0 0 10 ? * MON#1");
    assertThat(Schedule.presetCron("MONTHLY_FIRST_FRIDAY", LocalTime.of(9, 30, 15))).isEqualTo("15 30 9 ? * FRI#1");
    assertThat(Schedule.presetCron("DAILY", LocalTime.MIDNIGHT)).isEqualTo("0 0 0 * * ?");
  }

  @Test
  void presetsHaveChineseLabels() {
    assertThat(Schedule.presetLabel("DAILY")).isEqualTo("每天");
    assertThat(Schedule.presetLabel("WEEKLY_MONDAY")).isEqualTo("每周一");
    assertThat(Schedule.presetLabel("WEEKLY_SATURDAY")).isEqualTo("每周六");
    assertThat(Schedule.presetLabel("WEEKLY_SUNDAY")).isEqualTo("每周日");
    assertThat(Schedule.presetLabel("MONTHLY_FIRST_DAY")).isEqualTo("每月1号");
    assertThat(Schedule.presetLabel("MONTHLY_FIRST_MONDAY")).isEqualTo("每月第一周的周一");
    assertThat(Schedule.presetLabel("MONTHLY_FIRST_WEDNESDAY")).isEqualTo("每月第一周的周三");
    assertThat(Schedule.presetLabel("WEEKLY_MONDAY", LocalTime.of(9, 5))).isEqualTo("每周一 09:05");
    assertThat(Schedule.presetLabel("DAILY", LocalTime.of(9, 5, 7))).isEqualTo("每天 09:05:07");
  }

  @Test
  void unknownPresetsAreRefused() {
    for (String bad : new String[] {null, "HOURLY", "WEEKLY_", "WEEKLY_MON", "MONTHLY_FIRST_", "daily"}) {
      assertThatThrownBy(() -> Schedule.presetCron(bad, LocalTime.NOON)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> Schedule.presetLabel(bad)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void presetsListsAllSixteenInDisplayOrder() {
    assertThat(Schedule.presets()).hasSize(16).startsWith("DAILY", "WEEKLY_MONDAY")
        .contains("WEEKLY_SUNDAY", "MONTHLY_FIRST_DAY", "MONTHLY_FIRST_MONDAY").endsWith("MONTHLY_FIRST_SUNDAY");
    Schedule.presets().forEach(p -> assertThat(Schedule.presetLabel(p)).startsWith("每"));
  }

  // ------------------------------------------------------------------------------------------------- once

  @Test
  void onceInTheFutureOrWithinSixtySecondsIsFine() {
    assertThat(validate(new Schedule.Once(NOW.plusSeconds(3600)))).isEmpty();
    assertThat(validate(new Schedule.Once(NOW))).isEmpty();
    assertThat(validate(new Schedule.Once(NOW.minusSeconds(60)))).isEmpty();
  }

  @Test
  void onceMoreThanSixtySecondsAgoIsInThePast() {
    assertThat(validate(new Schedule.Once(NOW.minusSeconds(61))))
        .containsExactly(new CampaignError("schedule", "发送时间已过去"));
    assertThat(validate(new Schedule.Once(NOW.minusMillis(60_001))))
        .containsExactly(new CampaignError("schedule", "发送时间已过去"));
  }

  @Test
  void missingScheduleOrTimeIsRefused() {
    assertThat(validate(null)).containsExactly(new CampaignError("schedule", "缺少发送时间"));
    assertThat(validate(new Schedule.Once(null))).containsExactly(new CampaignError("schedule", "缺少发送时间"));
  }

  // -------------------------------------------------------------------------------------------- recurring

  @Test
  void aFiringExpressionIsFineAndReadInItsZone() {
    assertThat(validate(new Schedule.Recurring("0 0 10 * * ?", "DAILY", "Asia/Shanghai"))).isEmpty();
    assertThat(cron.zones).containsExactly(SHANGHAI);
  }

  @Test
  void badSyntaxCarriesTheEngineMessage() {
    assertThat(validate(new Schedule.Recurring("0 0 25 * *", null, "Asia/Shanghai"))).containsExactly(
        new CampaignError("schedule", "cron 表达式无效：Illegal characters for this position: '0 0 25 * *'"));
  }

  @Test
  void anExpressionThatNeverFiresIsRefused() {
    assertThat(validate(new Schedule.Recurring("0 0 10 1 1 ? 2020", null, "Asia/Shanghai")))
        .containsExactly(new CampaignError("schedule", "该 cron 表达式永远不会触发"));
  }

  @Test
  void theFirstFireMustComeWithinFiveYears() {
    // 2031-01-01 is within 5 years of 2026-12-02; 2032-02-29 is not
    assertThat(validate(new Schedule.Recurring("0 0 10 1 1 ? 2031", null, "Asia/Shanghai"))).isEmpty();
    assertThat(validate(new Schedule.Recurring("0 0 10 29 2 ? 2032", null, "Asia/Shanghai")))
        .containsExactly(new CampaignError("schedule", "该 cron 表达式永远不会触发"));
  }

  @Test
  void zoneAndCronAreRequiredAndChecked() {
    assertThat(validate(new Schedule.Recurring("0 0 10 * * ?", null, "Mars/Olympus")))
        .containsExactly(new CampaignError("schedule", "时区无效：Mars/Olympus"));
    assertThat(validate(new Schedule.Recurring(" ", null, null))).containsExactly(
        new CampaignError("schedule", "缺少时区"), new CampaignError("schedule", "缺少 cron 表达式"));
    assertThat(cron.zones).isEmpty();
  }

  @Test
  void anUnknownPresetIsRefused() {
    assertThat(validate(new Schedule.Recurring("0 0 10 * * ?", "HOURLY", "Asia/Shanghai")))
        .containsExactly(new CampaignError("schedule", "未知的周期：HOURLY"));
  }
}
