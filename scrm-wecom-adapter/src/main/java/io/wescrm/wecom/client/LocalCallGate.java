package io.wescrm.wecom.client;

import com.google.common.util.concurrent.RateLimiter;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;

/** {@link CallGate} for a single node: a fair semaphore and a smooth rate limiter per corp and API. */
@SuppressWarnings("UnstableApiUsage")
public class LocalCallGate implements CallGate {

  private final int concurrency;
  private final double perSecond;
  private final ConcurrentMap<String, Semaphore> slots = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, RateLimiter> rates = new ConcurrentHashMap<>();

  public LocalCallGate(int concurrency, int callsPerMinute) {
    this.concurrency = concurrency;
    this.perSecond = callsPerMinute / 60.0;
  }

  @Override
  public Permit enter(String corpId, String api) throws InterruptedException {
    String key = corpId + ' ' + api;
    Semaphore slot = slots.computeIfAbsent(key, k -> new Semaphore(concurrency, true));
    slot.acquire();
    try {
      rates.computeIfAbsent(key, k -> RateLimiter.create(perSecond)).acquire();
    } catch (RuntimeException e) {
      slot.release();
      throw e;
    }
    return slot::release;
  }
}
