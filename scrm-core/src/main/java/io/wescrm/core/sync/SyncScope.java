package io.wescrm.core.sync;

/**
 * The part of a corp one run covers. A full sync covers everything; a scheduled reconciliation covers one slice of
 * the staff (the customers they follow and the groups they own) so that each pass is small and a full cycle of
 * {@code slices} passes covers the corp. Departments, staff ids and corp tags are small and compared on every pass.
 *
 * <p>A member of staff belongs to slice {@code floorMod(userid.hashCode(), slices)}: stable across nodes and
 * restarts (String.hashCode is specified).
 */
public record SyncScope(int slice, int slices) {

  public static final SyncScope ALL = new SyncScope(0, 1);

  public SyncScope {
    if (slices < 1 || slice < 0 || slice >= slices) {
      throw new IllegalArgumentException("invalid scope " + slice + "/" + slices);
    }
  }

  public boolean all() {
    return slices == 1;
  }

  public boolean covers(String userid) {
    return slices == 1 || Math.floorMod(userid.hashCode(), slices) == slice;
  }

  /** The slice after this one (wrapping), for a corp reconciled with {@code slices} slices. */
  public static SyncScope after(SyncScope previous, int slices) {
    if (slices <= 1) {
      return ALL;
    }
    if (previous == null || previous.slices != slices) {
      return new SyncScope(0, slices);
    }
    return new SyncScope((previous.slice + 1) % slices, slices);
  }

  /** {@code "3/8"}, or {@code "all"}. */
  @Override
  public String toString() {
    return all() ? "all" : slice + "/" + slices;
  }

  /** Parses {@link #toString()}; null or unparsable → null. */
  public static SyncScope parse(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    if (text.equals("all")) {
      return ALL;
    }
    int bar = text.indexOf('/');
    try {
      return new SyncScope(Integer.parseInt(text.substring(0, bar)), Integer.parseInt(text.substring(bar + 1)));
    } catch (RuntimeException e) {
      return null;
    }
  }
}
