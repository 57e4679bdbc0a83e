package io.wescrm.wecom.simulator;

import java.time.Duration;

/**
 * A corp's callback settings ({@link SimCorp#callbackConfig()}).
 *
 * @param url            the receiver URL; the simulator appends {@code msg_signature}, {@code timestamp}, {@code nonce}
 * @param token          the callback Token
 * @param encodingAesKey the 43-character EncodingAESKey
 * @param enabled        false after {@link SimCorp#disableCallbacks()} (or before the first configuration)
 * @param timeout        an attempt fails without an HTTP 200 within it (default 5 s)
 * @param retryInterval  wait between attempts (default 5 s)
 * @param maxRetries     retries after the first attempt (default 3: 4 attempts in all)
 * @param maxInFlight    deliveries of this corp in flight at once; 1 (default) is strictly sequential
 * @param journalLimit   journal entries kept (default 100,000; the oldest are dropped)
 */
public record SimCallbackConfig(String url, String token, String encodingAesKey, boolean enabled, Duration timeout,
    Duration retryInterval, int maxRetries, int maxInFlight, int journalLimit) {
}
