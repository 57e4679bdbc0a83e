package io.wescrm.web.config;

import io.wescrm.core.sync.SyncLocks;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.redisson.api.RBucket;
import org.redisson.api.RedissonClient;

/**
 * {@link SyncLocks} (sync and inbox leases) shared by every node through Redis: a key set only if absent, with a TTL the holder renews.
 * A node that dies stops renewing and its lock expires after {@code ttl}.
 */
public final class RedissonLocks implements SyncLocks {

  private final RedissonClient redisson;
  private final Duration ttl;

  public RedissonLocks(RedissonClient redisson, Duration ttl) {
    this.redisson = redisson;
    this.ttl = ttl;
  }

  @Override
  public Optional<Lease> tryAcquire(String name) {
    RBucket<String> bucket = redisson.getBucket(name, org.redisson.client.codec.StringCodec.INSTANCE);
    String token = UUID.randomUUID().toString();
    if (!bucket.setIfAbsent(token, ttl)) {
      return Optional.empty();
    }
    return Optional.of(new Lease() {
      @Override
      public boolean renew() {
        if (!token.equals(bucket.get())) {
          return false;
        }
        return bucket.expire(ttl);
      }

      @Override
      public void close() {
        bucket.compareAndSet(token, null);
      }
    });
  }
}
