package io.wescrm.web.config;

import io.wescrm.core.sync.SyncLocks;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.redisson.api.RBucket;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * {@link SyncLocks} (sync and inbox leases) shared by every node through Redis: a key set only if absent, with a TTL
 * the holder renews. A node that dies stops renewing and its lock expires after {@code ttl}. The key's value is
 * {@code <node> <random token>}: the holder is named (the inbox API shows it), and a renewal extends the TTL only
 * if the value is still this lease's (compare-and-extend in one Lua script: a get-then-expire could extend a lock
 * that expired and was taken by another node in between).
 */
public final class RedissonLocks implements SyncLocks {

  /** KEYS[1] the lock, ARGV[1] the holder's value, ARGV[2] the TTL in ms: 1 when extended, 0 when not ours. */
  static final String RENEW = "if redis.call('get', KEYS[1]) == ARGV[1] then "
      + "return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";

  private final RedissonClient redisson;
  private final Duration ttl;
  private final String node;

  public RedissonLocks(RedissonClient redisson, Duration ttl, String node) {
    this.redisson = redisson;
    this.ttl = ttl;
    this.node = node == null || node.isBlank() ? "unknown" : node.replace(' ', '_');
  }

  @Override
  public Optional<Lease> tryAcquire(String name) {
    RBucket<String> bucket = redisson.getBucket(name, StringCodec.INSTANCE);
    String token = node + " " + UUID.randomUUID();
    if (!bucket.setIfAbsent(token, ttl)) {
      return Optional.empty();
    }
    RScript script = redisson.getScript(StringCodec.INSTANCE);
    return Optional.of(new Lease() {
      @Override
      public boolean renew() {
        Long extended = script.eval(name, RScript.Mode.READ_WRITE, RENEW, RScript.ReturnType.LONG,
            List.<Object>of(name), token, String.valueOf(ttl.toMillis()));
        return extended != null && extended == 1L;
      }

      @Override
      public void close() {
        bucket.compareAndSet(token, null);
      }
    });
  }

  @Override
  public Optional<String> holder(String name) {
    String value = redisson.<String>getBucket(name, StringCodec.INSTANCE).get();
    if (value == null) {
      return Optional.empty();
    }
    int space = value.indexOf(' ');
    return Optional.of(space < 0 ? value : value.substring(0, space));
  }
}
