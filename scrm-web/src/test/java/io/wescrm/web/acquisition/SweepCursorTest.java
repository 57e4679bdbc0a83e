package io.wescrm.web.acquisition;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SweepCursorTest {

  private final Instant t0 = Instant.parse("2026-12-01T08:00:00Z");
  private final SweepCursor cursor = new SweepCursor(Duration.ofSeconds(5), Duration.ofSeconds(20));

  private long sweep(int atSecond, long inboxMax, long... unclaimed) {
    SweepCursor.Sweep s = cursor.begin(t0.plusSeconds(atSecond));
    long after = cursor.after(s, "corp");
    cursor.read(s, "corp", after, unclaimed);
    cursor.end(s, inboxMax, true);
    return after;
  }

  private long next(int atSecond) {
    return cursor.after(cursor.begin(t0.plusSeconds(atSecond)), "corp");
  }

  @Test
  void theCursorPassesOnlyEventsStoredAtLeastTheSettleTimeAgo() {
    assertThat(sweep(0, 100)).isZero();           // the first sweep reads the whole window
    assertThat(sweep(3, 150)).isZero();           // 100, the highest id at 0 s, has not settled yet
    assertThat(sweep(6, 180)).isZero();           // now it has: this read moves the cursor to 100
    assertThat(sweep(9, 190)).isEqualTo(100);     // and this one to 150, the highest id at 3 s
    assertThat(next(12)).isEqualTo(150);
  }

  @Test
  void anUnclaimedCodeHoldsTheCursorBeforeItUntilItIsClaimed() {
    sweep(0, 100);
    sweep(6, 200, 40, 90);                          // 100 settled, but 40 and 90 not claimed yet
    assertThat(next(9)).isEqualTo(39);
    sweep(9, 210, 90);
    assertThat(next(12)).isEqualTo(89);
    sweep(12, 220);                                 // all claimed: 200 (seen at 6 s) has settled
    assertThat(next(15)).isEqualTo(200);
  }

  @Test
  void everyWindowOneSweepReadsTheWholeWindowAgainForACommitSlowerThanTheSettleTime() {
    sweep(0, 100);
    sweep(6, 200);
    sweep(12, 300);
    assertThat(next(18)).isEqualTo(200);
    assertThat(next(20)).isZero();
    assertThat(sweep(20, 400)).isZero();
    assertThat(next(23)).isEqualTo(300);           // the full sweep left the cursor where it was settled
  }

  @Test
  void aFullSweepThatFailedIsRepeatedAndCorpsHaveTheirOwnCursor() {
    SweepCursor.Sweep s = cursor.begin(t0);
    cursor.read(s, "a", 0);
    cursor.end(s, 100, false);                      // corp b's read failed
    s = cursor.begin(t0.plusSeconds(6));
    assertThat(s.full()).isTrue();
    cursor.read(s, "a", 0, 70);
    cursor.read(s, "b", 0);
    cursor.end(s, 120, true);
    s = cursor.begin(t0.plusSeconds(9));
    assertThat(s.full()).isFalse();
    assertThat(cursor.after(s, "a")).isEqualTo(69);
    assertThat(cursor.after(s, "b")).isEqualTo(100);
    assertThat(cursor.after(s, "c")).isZero();      // a corp configured since: its whole window
  }
}
