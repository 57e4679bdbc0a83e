package io.wescrm.wecom.simulator;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters over all {@code /cgi-bin} calls of one simulator (control-API calls are not counted). API names are paths
 * below {@code /cgi-bin/}.
 */
public final class SimStats {

  private final LongAdder total = new LongAdder();
  private final ConcurrentHashMap<String, LongAdder> calls = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Integer, LongAdder> errors = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Integer, LongAdder> injected = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, AtomicInteger> maxInFlight = new ConcurrentHashMap<>();

  SimStats() {
  }

  void recordCall(String api) {
    total.increment();
    calls.computeIfAbsent(api, k -> new LongAdder()).increment();
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

  public void reset() {
    total.reset();
    calls.clear();
    errors.clear();
    injected.clear();
    maxInFlight.clear();
  }

  private static <K extends Comparable<K>> Map<K, Long> snapshot(Map<K, LongAdder> source) {
    Map<K, Long> copy = new TreeMap<>();
    source.forEach((key, adder) -> copy.put(key, adder.sum()));
    return copy;
  }
}
