package io.wescrm.core.acquisition;

import java.time.Instant;

/**
 * An add event that carries a WelcomeCode, handed to the welcome path as soon as it is stored.
 *
 * @param receivedAt when the callback arrived: the 20 s window is counted from here
 */
public record WelcomeJob(String corpId, String welcomeCode, String userid, String externalUserId, String state,
    Instant receivedAt) {
}
