package io.wescrm.core.campaigns;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The hold-out of a campaign: customers who are deliberately not sent to, so {@link Uplift} can compare. Membership
 * is a pure function of (campaign, customer): the same on every JVM and every run, independent per campaign.
 */
public final class ControlGroup {

  private ControlGroup() {
  }

  /**
   * Whether {@code externalUserId} is held back from {@code campaignId}: true for about {@code permille} in 1000
   * customers ({@code 0} holds back nobody, {@code 1000} everybody).
   *
   * @throws IllegalArgumentException if {@code permille} is outside 0..1000
   */
  public static boolean heldBack(long campaignId, String externalUserId, int permille) {
    if (permille < 0 || permille > 1000) {
      throw new IllegalArgumentException("permille must be 0..1000: " + permille);
    }
    return bucket(campaignId, externalUserId) < permille;
  }

  /**
   * The customer's bucket 0..999 in this campaign: the first 8 bytes of SHA-256(campaignId as 8 big-endian bytes ‖
   * UTF-8 of externalUserId), read as an unsigned big-endian long, modulo 1000.
   */
  public static int bucket(long campaignId, String externalUserId) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
    sha.update(ByteBuffer.allocate(Long.BYTES).putLong(campaignId).array());
    sha.update(externalUserId.getBytes(StandardCharsets.UTF_8));
    long h = ByteBuffer.wrap(sha.digest(), 0, Long.BYTES).getLong();
    return (int) Long.remainderUnsigned(h, 1000);
  }
}
