package io.wescrm.wecom.client;

/**
 * Admission to WeCom calls per corp and API: at most N concurrent calls (WeCom answers 45033 beyond about 5) and at
 * most M calls per minute (WeCom's quota, 45009 beyond). In-process by default; cluster-wide through Redis.
 */
public interface CallGate {

  /** Blocks until a call to {@code api} of {@code corpId} may start. Close the permit when the call ends. */
  Permit enter(String corpId, String api) throws InterruptedException;

  /** An admitted call. */
  interface Permit extends AutoCloseable {
    @Override
    void close();
  }
}
