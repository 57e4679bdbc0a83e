package io.wescrm.wecom.client;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.redisson.api.RPermitExpirableSemaphore;
import org.redisson.api.RRateLimiter;
import org.redisson.api.RateType;
import org.redisson.api.RedissonClient;

/**
 * {@link CallGate} shared by every node through Redis: an expirable semaphore (a crashed node's permits expire after
 * the lease) and a cluster-wide rate limiter per corp and API.
 */
public class RedissonCallGate implements CallGate {

  private final RedissonClient redisson;
  private final int concurrency;
  private final int callsPerMinute;
  private final Duration lease;

  public RedissonCallGate(RedissonClient redisson, int concurrency, int callsPerMinute, Duration lease) {
    this.redisson = redisson;
    this.concurrency = concurrency;
    this.callsPerMinute = callsPerMinute;
    this.lease = lease;
  }

  @Override
  public Permit enter(String corpId, String api) throws InterruptedException {
    String key = "scrm:wecom:gate:" + corpId + ":" + api;
    RPermitExpirableSemaphore slots = redisson.getPermitExpirableSemaphore(key + ":slots");
    slots.trySetPermits(concurrency);
    String permit = slots.acquire(lease.toMillis(), TimeUnit.MILLISECONDS);
    try {
      RRateLimiter rate = redisson.getRateLimiter(key + ":rate");
      rate.trySetRate(RateType.OVERALL, callsPerMinute, Duration.ofMinutes(1));
      rate.acquire();
    } catch (RuntimeException e) {
      slots.release(permit);
      throw e;
    }
    return () -> slots.tryRelease(permit);
  }
}
