package io.wescrm.core.campaigns;

/** STUB: replaced by the content branch. */
public final class ControlGroup {
  private ControlGroup() {
  }

  public static boolean heldBack(long campaignId, String externalUserId, int permille) {
    return permille > 0 && Math.floorMod((campaignId + ":" + externalUserId).hashCode(), 1000) < permille;
  }
}
