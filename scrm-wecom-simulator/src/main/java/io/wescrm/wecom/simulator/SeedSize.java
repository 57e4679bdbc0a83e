package io.wescrm.wecom.simulator;

/**
 * How much data the seed generator puts into a simulated corp.
 *
 * <p>{@code customers} counts customers that get at least one follow relation; when {@code followRelations} is larger,
 * the extra relations go to customers that are followed by two or three staff. {@code avgGroupMembers} is the mean
 * member count of a seeded customer group (staff and customers together).
 */
public record SeedSize(int stores, int staff, int customers, int followRelations, int groups, int avgGroupMembers) {

  public SeedSize {
    if (stores < 0 || staff < 0 || customers < 0 || followRelations < 0 || groups < 0 || avgGroupMembers < 0) {
      throw new IllegalArgumentException("seed sizes must not be negative");
    }
    if (staff == 0 && (customers > 0 || followRelations > 0 || groups > 0)) {
      throw new IllegalArgumentException("customers, follow relations and groups need at least one staff member");
    }
    if (followRelations > 0 && customers == 0) {
      throw new IllegalArgumentException("follow relations need customers");
    }
  }

  /** 3 stores, 30 staff, 2,000 customers, 3,000 follow relations, 50 groups of about 30 members. */
  public static SeedSize demo() {
    return new SeedSize(3, 30, 2_000, 3_000, 50, 30);
  }

  /** 50 stores, 500 staff, 100,000 customers, 150,000 follow relations, 2,000 groups of about 40 members. */
  public static SeedSize benchmark() {
    return new SeedSize(50, 500, 100_000, 150_000, 2_000, 40);
  }

  /** No data at all: tests build their own state through the {@link SimCorp} mutators. */
  public static SeedSize empty() {
    return new SeedSize(0, 0, 0, 0, 0, 0);
  }

  public static SeedSize of(int stores, int staff, int customers, int followRelations, int groups,
      int avgGroupMembers) {
    return new SeedSize(stores, staff, customers, followRelations, groups, avgGroupMembers);
  }

  /** True when nothing (not even the department tree or the tag library) is seeded. */
  public boolean isEmpty() {
    return stores == 0 && staff == 0 && customers == 0 && followRelations == 0 && groups == 0;
  }
}
