package io.wescrm.core.acquisition;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A small time-to-live cache for the reads a burst of adds repeats: the same contact way, staff member and store for
 * every scan of one poster. Bounded: cleared when it outgrows {@code maxEntries}.
 */
final class ShortCache {

  private record Entry(Object value, long until) {
  }

  private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
  private final int maxEntries;

  ShortCache(int maxEntries) {
    this.maxEntries = maxEntries;
  }

  /**
   * The value cached under {@code key} if younger than {@code ttlMs}; otherwise loads and caches it. An empty
   * {@code Optional} is not cached: what is missing now may be written a moment later (a contact way created just
   * after its state was first looked up), and a cached miss would hide it for the whole time-to-live.
   */
  @SuppressWarnings("unchecked")
  <T> T get(String key, long ttlMs, Supplier<T> load) {
    long now = System.currentTimeMillis();
    Entry hit = entries.get(key);
    if (hit != null && hit.until() > now) {
      return (T) hit.value();
    }
    T value = load.get();
    if (value instanceof java.util.Optional<?> optional && optional.isEmpty()) {
      return value;
    }
    if (entries.size() > maxEntries) {
      entries.clear();
    }
    entries.put(key, new Entry(value, now + ttlMs));
    return value;
  }
}
