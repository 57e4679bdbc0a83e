package io.wescrm.wecom.simulator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A rush of customers scanning one contact way, produced inside the simulator: {@code count} scans evenly paced over
 * {@code millis} (a poster campaign's opening minute). Each scan is what {@link SimAcquisition#scan} does: a new
 * customer, a relation with the way's state and an add event carrying a WelcomeCode.
 *
 * <p>Real WeCom needs no HTTP request per customer to produce these events, so neither does the simulator: a few
 * lanes fire the scans on time and record the codes they issued; {@link #report} later joins them with the welcome
 * messages accepted by send_welcome_msg (the simulator refuses a code after its 20 s, so "accepted" means "inside the
 * window").
 */
final class SimScanBurst {

  /** Scans are fired by this many threads (each takes every LANES-th scan), so one slow scan delays no other. */
  static final int LANES = 8;
  static final int MAX_COUNT = 100_000;

  private final long id;
  private final String configId;
  private final String state;
  private final int count;
  private final long millis;
  private final String namePrefix;
  private final long startedAtMillis;
  private final long startNanos;
  private final AtomicReferenceArray<String> codes;
  private final AtomicInteger fired = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();
  private final AtomicLong lastDoneNanos = new AtomicLong();
  private final AtomicLong maxBehindNanos = new AtomicLong();
  private final Map<String, Integer> errors = Collections.synchronizedMap(new TreeMap<>());

  SimScanBurst(long id, String configId, String state, int count, long millis, String namePrefix) {
    if (count < 1 || count > MAX_COUNT) {
      throw new IllegalArgumentException("count must be 1.." + MAX_COUNT + ", was " + count);
    }
    if (millis < 0 || millis > 3_600_000) {
      throw new IllegalArgumentException("seconds must be 0..3600");
    }
    this.id = id;
    this.configId = configId;
    this.state = state;
    this.count = count;
    this.millis = millis;
    this.namePrefix = namePrefix == null || namePrefix.isBlank() ? "扫码客户" : namePrefix;
    this.codes = new AtomicReferenceArray<>(count);
    this.startedAtMillis = System.currentTimeMillis();
    this.startNanos = System.nanoTime();
  }

  long id() {
    return id;
  }

  /** Starts the lanes; returns at once. */
  void start(SimAcquisition acquisition) {
    for (int lane = 0; lane < Math.min(LANES, count); lane++) {
      int first = lane;
      Thread thread = new Thread(() -> runLane(acquisition, first), "sim-scan-burst-" + id + "-" + lane);
      thread.setDaemon(true);
      thread.start();
    }
  }

  private void runLane(SimAcquisition acquisition, int first) {
    for (int i = first; i < count; i += LANES) {
      long due = startNanos + millis * 1_000_000L * i / count;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        try {
          Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      long behind = System.nanoTime() - due;
      maxBehindNanos.accumulateAndGet(behind, Math::max);
      try {
        SimScan scan = acquisition.scan(configId, namePrefix + (i + 1), false);
        codes.set(i, scan.welcomeCode());
        fired.incrementAndGet();
      } catch (RuntimeException e) {
        failed.incrementAndGet();
        errors.merge(String.valueOf(e.getMessage()), 1, Integer::sum);
      }
      lastDoneNanos.accumulateAndGet(System.nanoTime(), Math::max);
    }
  }

  /** The burst so far, joined with the welcome messages accepted for its codes. */
  Report report(List<SimAcquisition.Welcome> welcomes) {
    int done = fired.get() + failed.get();
    Map<String, SimAcquisition.Welcome> byCode = new java.util.HashMap<>();
    for (SimAcquisition.Welcome w : welcomes) {
      byCode.put(w.code(), w);
    }
    List<Long> issueToAccept = new ArrayList<>();
    int withCode = 0;
    for (int i = 0; i < count; i++) {
      String code = codes.get(i);
      if (code == null) {
        continue;
      }
      withCode++;
      SimAcquisition.Welcome w = byCode.get(code);
      if (w != null) {
        issueToAccept.add(w.sentAtMillis() - w.issuedAtMillis());
      }
    }
    Collections.sort(issueToAccept);
    long last = lastDoneNanos.get();
    return new Report(id, configId, state, count, millis, fired.get(), failed.get(), done == count,
        startedAtMillis, last == 0 ? 0 : (last - startNanos) / 1_000_000, maxBehindNanos.get() / 1_000_000,
        withCode, issueToAccept.size(), pct(issueToAccept, 0.5), pct(issueToAccept, 0.99),
        issueToAccept.isEmpty() ? 0 : issueToAccept.get(issueToAccept.size() - 1), Map.copyOf(errors));
  }

  private static long pct(List<Long> sorted, double p) {
    if (sorted.isEmpty()) {
      return 0;
    }
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1)));
  }

  /**
   * What a burst did.
   *
   * @param firedInMillis start → last scan done
   * @param maxBehindMillis how late the latest scan started against its paced time (the simulator's own lag)
   * @param welcomeCodes scans whose add event carried a WelcomeCode
   * @param welcomesAccepted those codes consumed by send_welcome_msg (inside the 20 s window by construction)
   */
  record Report(long id, String configId, String state, int count, long millis, int fired, int failed, boolean done,
      long startedAtMillis, long firedInMillis, long maxBehindMillis, int welcomeCodes, int welcomesAccepted,
      long issueToAcceptP50Ms, long issueToAcceptP99Ms, long issueToAcceptMaxMs, Map<String, Integer> errors) {
  }
}
