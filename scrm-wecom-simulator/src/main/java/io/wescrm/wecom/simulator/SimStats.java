package io.wescrm.wecom.simulator;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters over all {@code /cgi-bin} calls of one simulator (control-API calls are not counted), and over all callback
 * deliveries. API names are paths below {@code /cgi-bin/}.
 */
public final class SimStats {

  private final LongAdder total = new LongAdder();
  private final ConcurrentHashMap<String, LongAdder> calls = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Integer, LongAdder> errors = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Integer, LongAdder> injected = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, AtomicInteger> maxInFlight = new ConcurrentHashMap<>();
  private final LongAdder callbacksEmitted = new LongAdder();
  private final LongAdder callbacksSent = new LongAdder();
  private final LongAdder callbacksAcked = new LongAdder();
  private final LongAdder callbacksRetried = new LongAdder();
  private final LongAdder callbacksFailed = new LongAdder();
  private final LongAdder callbacksLost = new LongAdder();
  private final LongAdder callbacksDuplicated = new LongAdder();
  private final LongAdder callbacksReordered = new LongAdder();

  /** Calendar minutes (UTC epoch minutes) kept for {@link #perMinute}. */
  public static final int KEPT_MINUTES = 120;

  /** Calls (all, errors included) and calls refused by a limit (45009 quota, 45033 concurrency) in one minute. */
  public record MinuteCounts(long epochMinute, Map<String, Long> calls, Map<String, Long> limited) {
  }

  private static final class Minute {
    final ConcurrentHashMap<String, LongAdder> calls = new ConcurrentHashMap<>();
    final ConcurrentHashMap<String, LongAdder> limited = new ConcurrentHashMap<>();
  }

  private final ConcurrentHashMap<Long, Minute> minutes = new ConcurrentHashMap<>();

  SimStats() {
  }

  void recordCall(String api) {
    total.increment();
    calls.computeIfAbsent(api, k -> new LongAdder()).increment();
    minute().calls.computeIfAbsent(api, k -> new LongAdder()).increment();
  }

  /** A call answered 45009 or 45033 (already counted by {@link #recordCall}). */
  void recordLimited(String api) {
    minute().limited.computeIfAbsent(api, k -> new LongAdder()).increment();
  }

  private Minute minute() {
    long epochMinute = System.currentTimeMillis() / 60_000;
    Minute m = minutes.get(epochMinute);
    if (m == null) {
      m = minutes.computeIfAbsent(epochMinute, k -> new Minute());
      minutes.keySet().removeIf(k -> k <= epochMinute - KEPT_MINUTES);
    }
    return m;
  }

  /**
   * Per-API counts of the last {@code lastMinutes} calendar minutes (UTC, at most {@link #KEPT_MINUTES}), oldest first;
   * minutes without calls are left out. The current minute is still filling.
   */
  public java.util.List<MinuteCounts> perMinute(int lastMinutes) {
    long current = System.currentTimeMillis() / 60_000;
    long from = current - Math.max(1, Math.min(lastMinutes, KEPT_MINUTES)) + 1;
    java.util.List<MinuteCounts> result = new java.util.ArrayList<>();
    new TreeMap<>(minutes).forEach((minute, m) -> {
      if (minute >= from) {
        result.add(new MinuteCounts(minute, snapshot(m.calls), snapshot(m.limited)));
      }
    });
    return result;
  }

  /** The highest calls-per-calendar-minute of each API over the kept minutes (errors included). */
  public Map<String, Long> maxCallsPerMinute() {
    Map<String, Long> max = new TreeMap<>();
    for (Minute m : minutes.values()) {
      m.calls.forEach((api, adder) -> max.merge(api, adder.sum(), Math::max));
    }
    return max;
  }

  void recordError(int errcode, boolean wasInjected) {
    errors.computeIfAbsent(errcode, k -> new LongAdder()).increment();
    if (wasInjected) {
      injected.computeIfAbsent(errcode, k -> new LongAdder()).increment();
    }
  }

  void recordInFlight(String api, int current) {
    maxInFlight.computeIfAbsent(api, k -> new AtomicInteger()).accumulateAndGet(current, Math::max);
  }

  /** All calls, errors included. */
  public long totalCalls() {
    return total.sum();
  }

  /** Calls of one API, errors included. */
  public long calls(String api) {
    LongAdder adder = calls.get(api);
    return adder == null ? 0 : adder.sum();
  }

  public Map<String, Long> callsByApi() {
    return snapshot(calls);
  }

  /** Every non-zero errcode answered, injected or not. */
  public Map<Integer, Long> errorsByCode() {
    return snapshot(errors);
  }

  public long errors(int errcode) {
    LongAdder adder = errors.get(errcode);
    return adder == null ? 0 : adder.sum();
  }

  /** Errcodes answered by injection rules (a subset of {@link #errorsByCode()}). */
  public Map<Integer, Long> injectedErrorsByCode() {
    return snapshot(injected);
  }

  public long injectedErrors(int errcode) {
    LongAdder adder = injected.get(errcode);
    return adder == null ? 0 : adder.sum();
  }

  /** Highest number of simultaneous in-flight calls seen per API (for one corp at a time). */
  public Map<String, Integer> maxInFlightByApi() {
    Map<String, Integer> copy = new TreeMap<>();
    maxInFlight.forEach((api, max) -> copy.put(api, max.get()));
    return copy;
  }

  void callbackEmitted() {
    callbacksEmitted.increment();
  }

  void callbackSent() {
    callbacksSent.increment();
  }

  void callbackAcked() {
    callbacksAcked.increment();
  }

  void callbackRetried() {
    callbacksRetried.increment();
  }

  void callbackFailed() {
    callbacksFailed.increment();
  }

  void callbackLost() {
    callbacksLost.increment();
  }

  void callbackDuplicated() {
    callbacksDuplicated.increment();
  }

  void callbackReordered() {
    callbacksReordered.increment();
  }

  /** Callback events queued (one per event, lost ones included, duplicate copies not). */
  public long callbacksEmitted() {
    return callbacksEmitted.sum();
  }

  /** HTTP attempts made (first attempts and retries). */
  public long callbacksSent() {
    return callbacksSent.sum();
  }

  /** Deliveries acknowledged with HTTP 200 within the timeout. */
  public long callbacksAcked() {
    return callbacksAcked.sum();
  }

  /** Attempts after the first one of a delivery. */
  public long callbacksRetried() {
    return callbacksRetried.sum();
  }

  /** Deliveries dropped after their last attempt failed. */
  public long callbacksFailed() {
    return callbacksFailed.sum();
  }

  /** Events dropped by the loss fault (never sent). */
  public long callbacksLost() {
    return callbacksLost.sum();
  }

  /** Extra deliveries made by the duplicate fault. */
  public long callbacksDuplicated() {
    return callbacksDuplicated.sum();
  }

  /** Events held back by the reorder fault. */
  public long callbacksReordered() {
    return callbacksReordered.sum();
  }

  /** All callback counters by name: emitted, sent, acked, retried, failed, lost, duplicated, reordered. */
  public Map<String, Long> callbackCounters() {
    Map<String, Long> counters = new java.util.LinkedHashMap<>();
    counters.put("emitted", callbacksEmitted());
    counters.put("sent", callbacksSent());
    counters.put("acked", callbacksAcked());
    counters.put("retried", callbacksRetried());
    counters.put("failed", callbacksFailed());
    counters.put("lost", callbacksLost());
    counters.put("duplicated", callbacksDuplicated());
    counters.put("reordered", callbacksReordered());
    return counters;
  }

  /** Resets all counters, call and callback ones. */
  public void reset() {
    callbacksEmitted.reset();
    callbacksSent.reset();
    callbacksAcked.reset();
    callbacksRetried.reset();
    callbacksFailed.reset();
    callbacksLost.reset();
    callbacksDuplicated.reset();
    callbacksReordered.reset();
    total.reset();
    calls.clear();
    errors.clear();
    injected.clear();
    maxInFlight.clear();
    minutes.clear();
  }

  private static <K extends Comparable<K>> Map<K, Long> snapshot(Map<K, LongAdder> source) {
    Map<K, Long> copy = new TreeMap<>();
    source.forEach((key, adder) -> copy.put(key, adder.sum()));
    return copy;
  }
}
