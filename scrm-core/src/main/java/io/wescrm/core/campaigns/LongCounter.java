package io.wescrm.core.campaigns;

import java.util.Arrays;

/** An open-addressing long → int counter: a million keys in ~24 MB, where a HashMap would take ~150 MB. */
public final class LongCounter {

  private long[] keys = new long[1 << 12];
  private int[] counts = new int[1 << 12];
  private boolean[] used = new boolean[1 << 12];
  private int size;

  /** Returns the count before this increment. */
  public int getAndIncrement(long key) {
    if (size * 2 >= keys.length) {
      grow();
    }
    int i = slot(key, keys, used);
    if (!used[i]) {
      used[i] = true;
      keys[i] = key;
      size++;
    }
    return counts[i]++;
  }

  public int size() {
    return size;
  }

  private static int slot(long key, long[] keys, boolean[] used) {
    int mask = keys.length - 1;
    int i = (int) (mix(key) & mask);
    while (used[i] && keys[i] != key) {
      i = (i + 1) & mask;
    }
    return i;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return z ^ (z >>> 33);
  }

  private void grow() {
    long[] oldKeys = keys;
    int[] oldCounts = counts;
    boolean[] oldUsed = used;
    keys = new long[oldKeys.length * 2];
    counts = new int[oldKeys.length * 2];
    used = new boolean[oldKeys.length * 2];
    for (int j = 0; j < oldKeys.length; j++) {
      if (oldUsed[j]) {
        int i = slot(oldKeys[j], keys, used);
        used[i] = true;
        keys[i] = oldKeys[j];
        counts[i] = oldCounts[j];
      }
    }
    Arrays.fill(oldUsed, false);
  }
}
