package io.wescrm.core.sync;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** In-process {@link SyncLocks} for a single node. */
public class LocalSyncLocks implements SyncLocks {

  private final ConcurrentMap<String, Object> held = new ConcurrentHashMap<>();

  @Override
  public Optional<Lease> tryAcquire(String name) {
    Object token = new Object();
    if (held.putIfAbsent(name, token) != null) {
      return Optional.empty();
    }
    return Optional.of(new Lease() {
      @Override
      public boolean renew() {
        return held.get(name) == token;
      }

      @Override
      public void close() {
        held.remove(name, token);
      }
    });
  }
}
