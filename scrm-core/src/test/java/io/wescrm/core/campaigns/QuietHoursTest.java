package io.wescrm.core.campaigns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** 免打扰 windows: membership, wrapping midnight, shifting to the window's end, DST. */
class QuietHoursTest {

  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  final QuietHours night = new QuietHours(LocalTime.of(21, 0), LocalTime.of(9, 0), SHANGHAI);

  static Instant sh(String local) {
    return LocalDateTime.parse(local).atZone(SHANGHAI).toInstant();
  }

  @Test
  void overnightWindowContainsItsStartButNotItsEnd() {
    assertThat(night.contains(sh("2026-12-02T20:59:59"))).isFalse();
    assertThat(night.contains(sh("2026-12-02T21:00"))).isTrue();
    assertThat(night.contains(sh("2026-12-02T23:30"))).isTrue();
    assertThat(night.contains(sh("2026-12-03T00:00"))).isTrue();
    assertThat(night.contains(sh("2026-12-03T00:10"))).isTrue();
    assertThat(night.contains(sh("2026-12-03T08:59:59"))).isTrue();
    assertThat(night.contains(sh("2026-12-03T09:00"))).isFalse();
    assertThat(night.contains(sh("2026-12-03T12:00"))).isFalse();
  }

  @Test
  void overnightWindowShiftsToTheNextNineOClock() {
    assertThat(night.shift(sh("2026-12-02T20:59"))).isEqualTo(sh("2026-12-02T20:59"));
    assertThat(night.shift(sh("2026-12-02T21:00"))).isEqualTo(sh("2026-12-03T09:00"));
    assertThat(night.shift(sh("2026-12-02T23:30"))).isEqualTo(sh("2026-12-03T09:00"));
    assertThat(night.shift(sh("2026-12-03T00:10"))).isEqualTo(sh("2026-12-03T09:00"));
    assertThat(night.shift(sh("2026-12-03T08:59:59"))).isEqualTo(sh("2026-12-03T09:00"));
    assertThat(night.shift(sh("2026-12-03T09:00"))).isEqualTo(sh("2026-12-03T09:00"));
    assertThat(night.shift(sh("2026-12-03T09:00"))).isEqualTo(Instant.parse("2026-12-03T01:00:00Z"));
  }

  @Test
  void daytimeWindowDoesNotWrap() {
    QuietHours lunch = new QuietHours(LocalTime.of(12, 0), LocalTime.of(13, 0), SHANGHAI);

    assertThat(lunch.contains(sh("2026-12-02T11:59:59"))).isFalse();
    assertThat(lunch.contains(sh("2026-12-02T12:00"))).isTrue();
    assertThat(lunch.contains(sh("2026-12-02T12:59:59"))).isTrue();
    assertThat(lunch.contains(sh("2026-12-02T13:00"))).isFalse();
    assertThat(lunch.contains(sh("2026-12-02T00:30"))).isFalse();
    assertThat(lunch.contains(sh("2026-12-02T23:30"))).isFalse();
    assertThat(lunch.shift(sh("2026-12-02T12:15"))).isEqualTo(sh("2026-12-02T13:00"));
    assertThat(lunch.shift(sh("2026-12-02T13:00"))).isEqualTo(sh("2026-12-02T13:00"));
  }

  @Test
  void windowsEndingOrStartingAtMidnight() {
    QuietHours late = new QuietHours(LocalTime.of(22, 0), LocalTime.MIDNIGHT, SHANGHAI);
    assertThat(late.contains(sh("2026-12-02T23:59:59"))).isTrue();
    assertThat(late.contains(sh("2026-12-03T00:00"))).isFalse();
    assertThat(late.shift(sh("2026-12-02T22:00"))).isEqualTo(sh("2026-12-03T00:00"));

    QuietHours early = new QuietHours(LocalTime.MIDNIGHT, LocalTime.of(6, 0), SHANGHAI);
    assertThat(early.contains(sh("2026-12-03T00:00"))).isTrue();
    assertThat(early.contains(sh("2026-12-02T23:59:59"))).isFalse();
    assertThat(early.shift(sh("2026-12-03T05:00"))).isEqualTo(sh("2026-12-03T06:00"));
  }

  @Test
  void equalStartAndEndMeanNoWindow() {
    Instant t = sh("2026-12-02T10:00");
    QuietHours tenToTen = new QuietHours(LocalTime.of(10, 0), LocalTime.of(10, 0), SHANGHAI);
    for (QuietHours none : List.of(QuietHours.none(), tenToTen)) {
      assertThat(none.enabled()).isFalse();
      assertThat(none.contains(t)).isFalse();
      assertThat(none.shift(t)).isEqualTo(t);
    }
    assertThat(night.enabled()).isTrue();
  }

  @Test
  void theZoneDecidesWhatLocalTimeItIs() {
    Instant t = Instant.parse("2026-12-02T14:00:00Z"); // 22:00 in Shanghai, 15:00 in Berlin

    assertThat(night.contains(t)).isTrue();
    assertThat(new QuietHours(LocalTime.of(21, 0), LocalTime.of(9, 0), BERLIN).contains(t)).isFalse();
  }

  @Test
  void berlinNightsAcrossDstChangesEndAtLocalNine() {
    QuietHours berlin = new QuietHours(LocalTime.of(21, 0), LocalTime.of(9, 0), BERLIN);

    // spring forward 2026-03-29 02:00 → 03:00: the night is an hour shorter
    Instant springEve = Instant.parse("2026-03-28T22:00:00Z"); // 23:00 CET
    assertThat(berlin.contains(springEve)).isTrue();
    assertThat(berlin.shift(springEve)).isEqualTo(Instant.parse("2026-03-29T07:00:00Z")); // 09:00 CEST
    assertThat(berlin.contains(Instant.parse("2026-03-29T06:59:59Z"))).isTrue();
    assertThat(berlin.contains(Instant.parse("2026-03-29T07:00:00Z"))).isFalse();

    // fall back 2026-10-25 03:00 → 02:00: an hour longer
    Instant fallEve = Instant.parse("2026-10-24T21:00:00Z"); // 23:00 CEST
    assertThat(berlin.shift(fallEve)).isEqualTo(Instant.parse("2026-10-25T08:00:00Z")); // 09:00 CET
    assertThat(berlin.contains(Instant.parse("2026-10-25T07:30:00Z"))).isTrue(); // 08:30 CET
  }

  @Test
  void windowEndingInTheRepeatedHourUsesTheRightOffset() {
    QuietHours w = new QuietHours(LocalTime.of(1, 0), LocalTime.of(2, 30), BERLIN);

    Instant firstTen = Instant.parse("2026-10-25T00:10:00Z"); // 02:10 CEST
    Instant secondTen = Instant.parse("2026-10-25T01:10:00Z"); // 02:10 CET
    assertThat(w.shift(firstTen)).isEqualTo(Instant.parse("2026-10-25T00:30:00Z")); // 02:30 CEST
    assertThat(w.shift(secondTen)).isEqualTo(Instant.parse("2026-10-25T01:30:00Z")); // 02:30 CET, not tomorrow
  }

  @Test
  void windowEndingInTheSkippedHourEndsJustAfterTheGap() {
    QuietHours w = new QuietHours(LocalTime.of(1, 0), LocalTime.of(2, 30), BERLIN);

    Instant due = Instant.parse("2026-03-29T00:30:00Z"); // 01:30 CET; 02:30 does not exist that night
    assertThat(w.shift(due)).isEqualTo(Instant.parse("2026-03-29T01:30:00Z")); // 03:30 CEST
  }

  @Test
  void aShiftedSendIsNeverInsideTheWindowNorEarlierNorMoreThanADayLater() {
    List<QuietHours> windows = List.of(night, new QuietHours(LocalTime.of(12, 0), LocalTime.of(13, 0), BERLIN),
        new QuietHours(LocalTime.of(21, 0), LocalTime.of(9, 0), BERLIN),
        new QuietHours(LocalTime.of(1, 0), LocalTime.of(2, 30), BERLIN));
    for (QuietHours w : windows) {
      for (Instant t = Instant.parse("2026-03-27T00:00:00Z"); t.isBefore(Instant.parse("2026-03-31T00:00:00Z"));
          t = t.plusSeconds(7 * 60 + 13)) {
        check(w, t);
      }
      for (Instant t = Instant.parse("2026-10-23T00:00:00Z"); t.isBefore(Instant.parse("2026-10-27T00:00:00Z"));
          t = t.plusSeconds(7 * 60 + 13)) {
        check(w, t);
      }
    }
  }

  static void check(QuietHours w, Instant t) {
    Instant s = w.shift(t);
    assertThat(w.contains(s)).as("%s shifted to %s by %s", t, s, w).isFalse();
    assertThat(s).isAfterOrEqualTo(t);
    assertThat(Duration.between(t, s)).isLessThanOrEqualTo(Duration.ofHours(25));
    assertThat(s.equals(t)).isEqualTo(!w.contains(t));
  }

  @Test
  void partsAreRequired() {
    assertThatThrownBy(() -> new QuietHours(null, LocalTime.NOON, SHANGHAI)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new QuietHours(LocalTime.NOON, LocalTime.NOON, null))
        .isInstanceOf(NullPointerException.class);
  }
}
