package io.wescrm.core.campaigns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The hold-out is reproducible, uniform and independent per campaign. */
class ControlGroupTest {

  static final int N = 100_000;

  static String id(int i) {
    return "wmXyZ" + i + "_ext";
  }

  @Test
  void bucketsArePinnedSoEveryJvmAgrees() {
    // SHA-256(8-byte big-endian campaign id ‖ UTF-8 id), first 8 bytes unsigned, mod 1000 (computed outside Java)
    assertThat(ControlGroup.bucket(1, "wmABC")).isEqualTo(675);
    assertThat(ControlGroup.bucket(42, "wm_客户")).isEqualTo(518);
    assertThat(ControlGroup.bucket(-7, "")).isEqualTo(135);
  }

  @Test
  void theSameInputsGiveTheSameAnswer() {
    for (int i = 0; i < 1000; i++) {
      assertThat(ControlGroup.heldBack(9, id(i), 100)).isEqualTo(ControlGroup.heldBack(9, id(i), 100));
    }
  }

  @Test
  void permilleIsABucketThreshold() {
    assertThat(ControlGroup.heldBack(1, "wmABC", 675)).isFalse();
    assertThat(ControlGroup.heldBack(1, "wmABC", 676)).isTrue();
  }

  @Test
  void tenPercentOfAHundredThousandAreHeldBackWithinOnePercent() {
    int held = 0;
    for (int i = 0; i < N; i++) {
      held += ControlGroup.heldBack(2026, id(i), 100) ? 1 : 0;
    }
    assertThat(held).isBetween(9_000, 11_000);
  }

  @Test
  void bucketsAreUniform() {
    int[] tenths = new int[10];
    for (int i = 0; i < N; i++) {
      tenths[ControlGroup.bucket(77, id(i)) / 100]++;
    }
    for (int count : tenths) {
      assertThat(count).isBetween(9_500, 10_500);
    }
  }

  @Test
  void differentCampaignsHoldBackDifferentCustomers() {
    int a = 0;
    int both = 0;
    for (int i = 0; i < N; i++) {
      boolean inA = ControlGroup.heldBack(1, id(i), 100);
      boolean inB = ControlGroup.heldBack(2, id(i), 100);
      a += inA ? 1 : 0;
      both += inA && inB ? 1 : 0;
    }
    // independent: about 10 % of A's hold-out is also in B's (1 % of all), not all of it
    assertThat(both).isBetween(800, 1_200);
    assertThat(both).isLessThan(a / 5);
  }

  @Test
  void zeroHoldsBackNobodyAndAThousandEverybody() {
    for (int i = 0; i < 1000; i++) {
      assertThat(ControlGroup.heldBack(5, id(i), 0)).isFalse();
      assertThat(ControlGroup.heldBack(5, id(i), 1000)).isTrue();
    }
  }

  @Test
  void permilleOutsideRangeIsRefused() {
    assertThatThrownBy(() -> ControlGroup.heldBack(1, "x", -1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ControlGroup.heldBack(1, "x", 1001)).isInstanceOf(IllegalArgumentException.class);
  }
}
