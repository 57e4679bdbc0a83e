package io.wescrm.wecom.client;

import java.util.concurrent.atomic.AtomicLong;

/** Calls and retries made through one handle. */
public final class CallCounter {

  final AtomicLong calls = new AtomicLong();
  final AtomicLong retries = new AtomicLong();

  public long calls() {
    return calls.get();
  }

  public long retries() {
    return retries.get();
  }
}
