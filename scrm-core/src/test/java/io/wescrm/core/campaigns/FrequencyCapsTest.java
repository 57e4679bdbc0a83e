package io.wescrm.core.campaigns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Natural day/week/month windows and the cap check. */
class FrequencyCapsTest {

  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  final FrequencyCaps caps = new FrequencyCaps(1, 2, 4, SHANGHAI);

  @Test
  void windowsStartAtLocalMidnightMondayAndTheFirst() {
    Instant now = Instant.parse("2026-12-02T20:00:00Z"); // Thursday 2026-12-03 04:00 in Shanghai

    assertThat(caps.dayStart(now)).isEqualTo(Instant.parse("2026-12-02T16:00:00Z"));
    assertThat(caps.weekStart(now)).isEqualTo(Instant.parse("2026-11-29T16:00:00Z")); // Mon 11-30 00:00 +08
    assertThat(caps.monthStart(now)).isEqualTo(Instant.parse("2026-11-30T16:00:00Z")); // 12-01 00:00 +08
  }

  @Test
  void windowBoundariesBelongToTheNewWindow() {
    Instant mondayMidnight = Instant.parse("2026-11-29T16:00:00Z"); // Mon 2026-11-30 00:00 +08
    assertThat(caps.dayStart(mondayMidnight)).isEqualTo(mondayMidnight);
    assertThat(caps.weekStart(mondayMidnight)).isEqualTo(mondayMidnight);
    assertThat(caps.weekStart(mondayMidnight.minusNanos(1))).isEqualTo(Instant.parse("2026-11-22T16:00:00Z"));
    assertThat(caps.monthStart(mondayMidnight)).isEqualTo(Instant.parse("2026-10-31T16:00:00Z"));

    Instant first = Instant.parse("2026-11-30T16:00:00Z"); // 12-01 00:00 +08
    assertThat(caps.monthStart(first)).isEqualTo(first);
    assertThat(caps.monthStart(first.minusSeconds(1))).isEqualTo(Instant.parse("2026-10-31T16:00:00Z"));
  }

  @Test
  void sundayBelongsToTheWeekThatStartedOnMonday() {
    Instant sunday = Instant.parse("2026-12-06T15:59:59Z"); // Sun 23:59:59 +08

    assertThat(caps.weekStart(sunday)).isEqualTo(Instant.parse("2026-11-29T16:00:00Z"));
  }

  @Test
  void windowsFollowDstInBerlin() {
    FrequencyCaps berlin = new FrequencyCaps(0, 0, 0, BERLIN);
    Instant afterSpring = Instant.parse("2026-03-30T12:00:00Z"); // Mon 14:00 CEST

    assertThat(berlin.dayStart(afterSpring)).isEqualTo(Instant.parse("2026-03-29T22:00:00Z"));
    assertThat(berlin.weekStart(afterSpring)).isEqualTo(Instant.parse("2026-03-29T22:00:00Z"));
    assertThat(berlin.monthStart(afterSpring)).isEqualTo(Instant.parse("2026-02-28T23:00:00Z")); // 03-01 00:00 CET
    assertThat(berlin.weekStart(Instant.parse("2026-03-29T12:00:00Z"))) // Sun, still the week of Mon 23 (CET)
        .isEqualTo(Instant.parse("2026-03-22T23:00:00Z"));
  }

  @Test
  void oneMorePushThatWouldExceedACapNamesIt() {
    assertThat(caps.exceeded(0, 0, 0)).isEmpty();
    assertThat(caps.exceeded(0, 1, 3)).isEmpty();
    assertThat(caps.exceeded(1, 1, 1)).contains("cap_day");
    assertThat(caps.exceeded(0, 2, 2)).contains("cap_week");
    assertThat(caps.exceeded(0, 1, 4)).contains("cap_month");
    assertThat(caps.exceeded(5, 5, 5)).contains("cap_day");
    assertThat(caps.exceeded(0, 3, 9)).contains("cap_week");
  }

  @Test
  void zeroMeansUnlimited() {
    FrequencyCaps none = FrequencyCaps.unlimited(SHANGHAI);

    assertThat(none.exceeded(1_000, 1_000, 1_000)).isEqualTo(Optional.empty());
    assertThat(new FrequencyCaps(0, 3, 0, SHANGHAI).exceeded(100, 2, 100)).isEmpty();
    assertThat(new FrequencyCaps(0, 3, 0, SHANGHAI).exceeded(100, 3, 100)).contains(FrequencyCaps.CAP_WEEK);
  }

  @Test
  void weComPresets() {
    assertThat(FrequencyCaps.wecomMonthly(SHANGHAI)).isEqualTo(new FrequencyCaps(0, 0, 4, SHANGHAI));
    assertThat(FrequencyCaps.wecomDaily(SHANGHAI)).isEqualTo(new FrequencyCaps(1, 0, 0, SHANGHAI));
    assertThat(FrequencyCaps.wecomMonthly(SHANGHAI).exceeded(9, 9, 3)).isEmpty();
    assertThat(FrequencyCaps.wecomMonthly(SHANGHAI).exceeded(0, 0, 4)).contains("cap_month");
    assertThat(FrequencyCaps.wecomDaily(SHANGHAI).exceeded(1, 0, 0)).contains("cap_day");
  }

  @Test
  void andTakesTheStricterOfEachCap() {
    FrequencyCaps own = new FrequencyCaps(2, 0, 10, SHANGHAI);

    assertThat(own.and(FrequencyCaps.wecomMonthly(BERLIN))).isEqualTo(new FrequencyCaps(2, 0, 4, SHANGHAI));
    assertThat(own.and(FrequencyCaps.wecomDaily(SHANGHAI))).isEqualTo(new FrequencyCaps(1, 0, 10, SHANGHAI));
    assertThat(own.and(new FrequencyCaps(0, 3, 0, SHANGHAI))).isEqualTo(new FrequencyCaps(2, 3, 10, SHANGHAI));
  }

  @Test
  void negativeCapsAndMissingZoneAreRefused() {
    assertThatThrownBy(() -> new FrequencyCaps(-1, 0, 0, SHANGHAI)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new FrequencyCaps(0, 0, 0, null)).isInstanceOf(NullPointerException.class);
  }
}
