package io.wescrm.web.config;

import io.wescrm.core.accounts.LoginThrottle;
import java.time.Duration;
import java.util.Optional;
import org.redisson.api.RAtomicLong;
import org.redisson.api.RBucket;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * {@link LoginThrottle} shared by every node through Redis: a failure counter per username and per address that
 * lives for the window, and a lock key with the lock's TTL once a counter reaches its limit.
 */
public final class RedissonLoginThrottle implements LoginThrottle {

  private static final String PREFIX = "scrm:login:";

  private final RedissonClient redisson;
  private final Limits limits;

  public RedissonLoginThrottle(RedissonClient redisson, Limits limits) {
    this.redisson = redisson;
    this.limits = limits;
  }

  @Override
  public Optional<Duration> locked(String username, String address) {
    long user = lock("u:" + username).remainTimeToLive();
    long ip = lock("a:" + address).remainTimeToLive();
    long longer = Math.max(user, ip);
    return longer > 0 ? Optional.of(Duration.ofMillis(longer)) : Optional.empty();
  }

  @Override
  public void failed(String username, String address) {
    count("u:" + username, limits.perUsername());
    count("a:" + address, limits.perAddress());
  }

  @Override
  public void succeeded(String username) {
    redisson.getAtomicLong(PREFIX + "fail:u:" + username).delete();
  }

  private void count(String key, int limit) {
    RAtomicLong failures = redisson.getAtomicLong(PREFIX + "fail:" + key);
    long n = failures.incrementAndGet();
    if (n == 1) {
      failures.expire(limits.window());
    }
    if (n >= limit) {
      lock(key).set("1", limits.lockFor());
      failures.delete();
    }
  }

  private RBucket<String> lock(String key) {
    return redisson.getBucket(PREFIX + "lock:" + key, StringCodec.INSTANCE);
  }
}
