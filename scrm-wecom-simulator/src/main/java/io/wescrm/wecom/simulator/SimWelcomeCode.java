package io.wescrm.wecom.simulator;

import java.time.Instant;

/**
 * A WelcomeCode issued with an add_external_contact / add_half_external_contact event: valid 20 s, single use
 * (send_welcome_msg). {@link SimCorp#welcomeCode(String)} finds it until a minute after it expired.
 *
 * @param used true once consumed
 */
public record SimWelcomeCode(String code, String userid, String externalUserId, Instant issuedAt, Instant expiresAt,
    boolean used) {

  /** Not used and not expired at {@code now}. */
  public boolean usableAt(Instant now) {
    return !used && now.isBefore(expiresAt);
  }
}
