package io.wescrm.core.campaigns;

/**
 * Sent group versus held-back {@link ControlGroup}: the difference in conversion rates with a 95 % Wald interval.
 */
public final class Uplift {

  /** The two-sided 95 % normal quantile. */
  public static final double Z95 = 1.959964;

  private Uplift() {
  }

  /**
   * A conversion rate.
   *
   * @param n customers in the group (≥ 0)
   * @param hits of them, how many converted (0..n)
   */
  public record Rate(long n, long hits) {

    public Rate {
      if (n < 0 || hits < 0 || hits > n) {
        throw new IllegalArgumentException("need 0 ≤ hits ≤ n: " + hits + "/" + n);
      }
    }

    /** hits / n, and 0 for an empty group. */
    public double value() {
      return n == 0 ? 0 : (double) hits / n;
    }
  }

  /**
   * The comparison; every number is finite.
   *
   * @param difference sentRate − heldRate
   * @param ciLow lower end of the 95 % interval of the difference
   * @param ciHigh upper end
   * @param significant the interval excludes 0
   */
  public record Comparison(double sentRate, double heldRate, double difference, double ciLow, double ciHigh,
      boolean significant) {
  }

  /**
   * difference ± z·√(p₁(1−p₁)/n₁ + p₂(1−p₂)/n₂). If either group is empty there is nothing to compare: the rates are
   * reported ({@link Rate#value()}, 0 for the empty one) with difference 0, interval 0..0, not significant.
   */
  public static Comparison compare(Rate sent, Rate held) {
    double p1 = sent.value();
    double p2 = held.value();
    if (sent.n() == 0 || held.n() == 0) {
      return new Comparison(p1, p2, 0, 0, 0, false);
    }
    double diff = p1 - p2;
    double se = Math.sqrt(p1 * (1 - p1) / sent.n() + p2 * (1 - p2) / held.n());
    double low = diff - Z95 * se;
    double high = diff + Z95 * se;
    return new Comparison(p1, p2, diff, low, high, low > 0 || high < 0);
  }
}
