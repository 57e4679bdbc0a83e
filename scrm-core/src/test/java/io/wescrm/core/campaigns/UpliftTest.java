package io.wescrm.core.campaigns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Difference in proportions with a 95 % Wald interval. */
class UpliftTest {

  @Test
  void rateValue() {
    assertThat(new Uplift.Rate(1000, 120).value()).isEqualTo(0.12);
    assertThat(new Uplift.Rate(0, 0).value()).isZero();
    assertThat(new Uplift.Rate(3, 3).value()).isEqualTo(1.0);
  }

  @Test
  void workedExampleIsSignificant() {
    // p1 = 120/1000 = 0.12, p2 = 40/500 = 0.08, d = 0.04
    // var = 0.12·0.88/1000 + 0.08·0.92/500 = 0.0001056 + 0.0001472 = 0.0002528, se = 0.0158997
    // margin = 1.959964 · 0.0158997 = 0.0311628 → [0.0088372, 0.0711628]
    Uplift.Comparison c = Uplift.compare(new Uplift.Rate(1000, 120), new Uplift.Rate(500, 40));

    assertThat(c.sentRate()).isEqualTo(0.12);
    assertThat(c.heldRate()).isEqualTo(0.08);
    assertThat(c.difference()).isCloseTo(0.04, within(1e-12));
    assertThat(c.ciLow()).isCloseTo(0.0088372, within(1e-7));
    assertThat(c.ciHigh()).isCloseTo(0.0711628, within(1e-7));
    assertThat(c.significant()).isTrue();
  }

  @Test
  void workedExampleIsNotSignificant() {
    // p1 = 0.10, p2 = 0.08, var = 0.0009 + 0.000736 = 0.001636, se = 0.0404475, margin = 0.0792756
    Uplift.Comparison c = Uplift.compare(new Uplift.Rate(100, 10), new Uplift.Rate(100, 8));

    assertThat(c.difference()).isCloseTo(0.02, within(1e-12));
    assertThat(c.ciLow()).isCloseTo(-0.0592756, within(1e-7));
    assertThat(c.ciHigh()).isCloseTo(0.0992756, within(1e-7));
    assertThat(c.significant()).isFalse();
  }

  @Test
  void aNegativeEffectIsSignificantToo() {
    Uplift.Comparison c = Uplift.compare(new Uplift.Rate(500, 40), new Uplift.Rate(1000, 120));

    assertThat(c.difference()).isCloseTo(-0.04, within(1e-12));
    assertThat(c.ciLow()).isCloseTo(-0.0711628, within(1e-7));
    assertThat(c.ciHigh()).isCloseTo(-0.0088372, within(1e-7));
    assertThat(c.significant()).isTrue();
  }

  @Test
  void emptyGroupsGiveFiniteNumbersAndNoSignificance() {
    Uplift.Comparison none = Uplift.compare(new Uplift.Rate(0, 0), new Uplift.Rate(0, 0));
    assertThat(none).isEqualTo(new Uplift.Comparison(0, 0, 0, 0, 0, false));

    Uplift.Comparison noHoldOut = Uplift.compare(new Uplift.Rate(200, 50), new Uplift.Rate(0, 0));
    assertThat(noHoldOut).isEqualTo(new Uplift.Comparison(0.25, 0, 0, 0, 0, false));
  }

  @Test
  void degenerateRatesGiveAZeroWidthInterval() {
    Uplift.Comparison same = Uplift.compare(new Uplift.Rate(50, 0), new Uplift.Rate(50, 0));
    assertThat(same).isEqualTo(new Uplift.Comparison(0, 0, 0, 0, 0, false));

    Uplift.Comparison all = Uplift.compare(new Uplift.Rate(50, 50), new Uplift.Rate(50, 0));
    assertThat(all).isEqualTo(new Uplift.Comparison(1, 0, 1, 1, 1, true));
  }

  @Test
  void impossibleRatesAreRefused() {
    assertThatThrownBy(() -> new Uplift.Rate(5, 6)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Uplift.Rate(-1, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Uplift.Rate(5, -1)).isInstanceOf(IllegalArgumentException.class);
  }
}
