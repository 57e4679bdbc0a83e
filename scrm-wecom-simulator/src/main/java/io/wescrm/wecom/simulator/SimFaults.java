package io.wescrm.wecom.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Limits and fault injection for all {@code /cgi-bin} calls of one simulator. Thread-safe; every setting can change
 * at runtime. API names are paths below {@code /cgi-bin/}, e.g. {@code "externalcontact/batch/get_by_user"}; {@code "*"}
 * means every API.
 *
 * <p>Order of checks for each call: token, per-API per-corp quota (45009 and a block window), per-API per-corp
 * concurrency (45033), injected latency (a sleep inside the handler, so it counts as in-flight time), injected errors,
 * then the real handler.
 */
public final class SimFaults {

  public static final int DEFAULT_QUOTA_PER_WINDOW = 10_000;
  public static final Duration DEFAULT_QUOTA_WINDOW = Duration.ofMinutes(1);
  public static final Duration DEFAULT_BLOCK_WINDOW = Duration.ofMinutes(1);
  public static final int DEFAULT_CONCURRENCY_LIMIT = 5;

  /** A rule that answers matching calls with {@code errcode}: at {@code rate}, or for the next {@code remaining}. */
  public record ErrorRule(String api, String corpId, int errcode, double rate, int remaining) {
  }

  private static final class RuleState {
    final String api;
    final String corpId;
    final int errcode;
    final double rate;
    final AtomicInteger remaining; // null = unlimited

    RuleState(String api, String corpId, int errcode, double rate, Integer remaining) {
      this.api = api;
      this.corpId = corpId;
      this.errcode = errcode;
      this.rate = rate;
      this.remaining = remaining == null ? null : new AtomicInteger(remaining);
    }

    boolean matches(String corp, String apiName) {
      return ("*".equals(api) || api.equals(apiName)) && (corpId == null || corpId.equals(corp));
    }

    ErrorRule view() {
      return new ErrorRule(api, corpId, errcode, rate, remaining == null ? -1 : Math.max(0, remaining.get()));
    }
  }

  private static final class QuotaWindow {
    long windowStart;
    int count;
    long blockedUntil;
  }

  private volatile long latencyMs;
  private final ConcurrentHashMap<String, Long> apiLatencyMs = new ConcurrentHashMap<>();
  private volatile int quotaPerWindow = DEFAULT_QUOTA_PER_WINDOW;
  private final ConcurrentHashMap<String, Integer> apiQuota = new ConcurrentHashMap<>();
  private volatile long quotaWindowMs = DEFAULT_QUOTA_WINDOW.toMillis();
  private volatile long blockWindowMs = DEFAULT_BLOCK_WINDOW.toMillis();
  private volatile int concurrencyLimit = DEFAULT_CONCURRENCY_LIMIT;
  private final ConcurrentHashMap<String, Integer> apiConcurrency = new ConcurrentHashMap<>();
  private final CopyOnWriteArrayList<RuleState> rules = new CopyOnWriteArrayList<>();
  private volatile long randomSeed = 42L;
  private Random random = new Random(randomSeed);

  private final ConcurrentHashMap<String, QuotaWindow> quotas = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();

  SimFaults() {
  }

  // ---------------------------------------------------------------- latency

  /** Latency added to every call (default 0). */
  public SimFaults latency(Duration latency) {
    this.latencyMs = Math.max(0, latency.toMillis());
    return this;
  }

  /** Latency for one API, replacing the global one for it; a negative value removes the override. */
  public SimFaults latency(String api, Duration latency) {
    if (latency.isNegative()) {
      apiLatencyMs.remove(api);
    } else {
      apiLatencyMs.put(api, latency.toMillis());
    }
    return this;
  }

  public Duration latency() {
    return Duration.ofMillis(latencyMs);
  }

  public Map<String, Duration> apiLatencies() {
    Map<String, Duration> copy = new TreeMap<>();
    apiLatencyMs.forEach((api, ms) -> copy.put(api, Duration.ofMillis(ms)));
    return copy;
  }

  long latencyMsFor(String api) {
    Long specific = apiLatencyMs.get(api);
    return specific != null ? specific : latencyMs;
  }

  // ---------------------------------------------------------------- quota

  /** Calls allowed per API per corp per quota window (default 10,000; 0 = unlimited). */
  public SimFaults quotaPerWindow(int calls) {
    if (calls < 0) {
      throw new IllegalArgumentException("quota must not be negative");
    }
    this.quotaPerWindow = calls;
    return this;
  }

  /** Same as {@link #quotaPerWindow(int)}: with the default one-minute window it is WeCom's calls-per-minute quota. */
  public SimFaults quotaPerMinute(int calls) {
    return quotaPerWindow(calls);
  }

  /** Quota for one API, replacing the global one for it; a negative value removes the override. */
  public SimFaults quotaPerWindow(String api, int calls) {
    if (calls < 0) {
      apiQuota.remove(api);
    } else {
      apiQuota.put(api, calls);
    }
    return this;
  }

  public int quotaPerWindow() {
    return quotaPerWindow;
  }

  public Map<String, Integer> apiQuotas() {
    return new TreeMap<>(apiQuota);
  }

  /** Length of the quota window (default one minute). */
  public SimFaults quotaWindow(Duration window) {
    if (window.toMillis() < 1) {
      throw new IllegalArgumentException("quota window must be positive");
    }
    this.quotaWindowMs = window.toMillis();
    return this;
  }

  public Duration quotaWindow() {
    return Duration.ofMillis(quotaWindowMs);
  }

  /** How long an API stays blocked (45009) once its quota is exceeded (default one minute, as WeCom). */
  public SimFaults blockWindow(Duration window) {
    if (window.isNegative()) {
      throw new IllegalArgumentException("block window must not be negative");
    }
    this.blockWindowMs = window.toMillis();
    return this;
  }

  public Duration blockWindow() {
    return Duration.ofMillis(blockWindowMs);
  }

  /** Forgets all quota windows and blocks. */
  public SimFaults resetQuotaCounters() {
    quotas.clear();
    return this;
  }

  /** False when the call must be answered 45009. Counts the call otherwise. */
  boolean tryConsumeQuota(String corpId, String api, long nowMillis) {
    Integer specific = apiQuota.get(api);
    int limit = specific != null ? specific : quotaPerWindow;
    if (limit <= 0) {
      return true;
    }
    QuotaWindow window = quotas.computeIfAbsent(corpId + '|' + api, k -> new QuotaWindow());
    synchronized (window) {
      if (window.blockedUntil != 0) {
        if (nowMillis < window.blockedUntil) {
          return false;
        }
        window.blockedUntil = 0;
        window.windowStart = nowMillis;
        window.count = 0;
      }
      if (window.count == 0 || nowMillis - window.windowStart >= quotaWindowMs) {
        window.windowStart = nowMillis;
        window.count = 0;
      }
      if (window.count >= limit) {
        window.blockedUntil = nowMillis + blockWindowMs;
        return false;
      }
      window.count++;
      return true;
    }
  }

  // ---------------------------------------------------------------- concurrency

  /** In-flight calls allowed per API per corp (default 5; 0 = unlimited); 45033 beyond it. */
  public SimFaults concurrencyLimit(int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("concurrency limit must not be negative");
    }
    this.concurrencyLimit = limit;
    return this;
  }

  /** Concurrency limit for one API, replacing the global one for it; a negative value removes the override. */
  public SimFaults concurrencyLimit(String api, int limit) {
    if (limit < 0) {
      apiConcurrency.remove(api);
    } else {
      apiConcurrency.put(api, limit);
    }
    return this;
  }

  public int concurrencyLimit() {
    return concurrencyLimit;
  }

  public Map<String, Integer> apiConcurrencyLimits() {
    return new TreeMap<>(apiConcurrency);
  }

  /** Enters a call; returns the in-flight count including this call, or -1 when over the limit (not entered). */
  int tryEnter(String corpId, String api) {
    Integer specific = apiConcurrency.get(api);
    int limit = specific != null ? specific : concurrencyLimit;
    AtomicInteger counter = inFlight.computeIfAbsent(corpId + '|' + api, k -> new AtomicInteger());
    int now = counter.incrementAndGet();
    if (limit > 0 && now > limit) {
      counter.decrementAndGet();
      return -1;
    }
    return now;
  }

  void exit(String corpId, String api) {
    AtomicInteger counter = inFlight.get(corpId + '|' + api);
    if (counter != null) {
      counter.decrementAndGet();
    }
  }

  // ---------------------------------------------------------------- injected errors

  /** Answers a share of the calls of {@code api} ("*" = all) with {@code errcode}, drawn from the seeded random. */
  public SimFaults errorRate(String api, double rate, int errcode) {
    return errorRate(api, null, rate, errcode);
  }

  /** As {@link #errorRate(String, double, int)}, limited to one corp (null = any corp). */
  public SimFaults errorRate(String api, String corpId, double rate, int errcode) {
    if (rate < 0 || rate > 1) {
      throw new IllegalArgumentException("rate must be within [0, 1]");
    }
    rules.add(new RuleState(requireApi(api), corpId, errcode, rate, null));
    return this;
  }

  /** Answers the next {@code count} calls of {@code api} ("*" = all) with {@code errcode}. */
  public SimFaults failNext(String api, int count, int errcode) {
    return failNext(api, null, count, errcode);
  }

  /** As {@link #failNext(String, int, int)}, limited to one corp (null = any corp). */
  public SimFaults failNext(String api, String corpId, int count, int errcode) {
    if (count < 1) {
      throw new IllegalArgumentException("count must be positive");
    }
    rules.add(new RuleState(requireApi(api), corpId, errcode, 1.0, count));
    return this;
  }

  /** Removes every error rule. */
  public SimFaults clearErrors() {
    rules.clear();
    return this;
  }

  public List<ErrorRule> errorRules() {
    List<ErrorRule> views = new ArrayList<>();
    for (RuleState rule : rules) {
      views.add(rule.view());
    }
    return views;
  }

  /** Restarts the random source of rate rules from {@code seed}, making injected errors reproducible. */
  public SimFaults seed(long seed) {
    synchronized (this) {
      this.randomSeed = seed;
      this.random = new Random(seed);
    }
    return this;
  }

  public long seed() {
    return randomSeed;
  }

  /** The errcode to inject into this call, or 0. "Next N" rules are consumed first-come first-served. */
  int pickInjectedError(String corpId, String api) {
    for (RuleState rule : rules) {
      if (!rule.matches(corpId, api)) {
        continue;
      }
      if (rule.remaining != null) {
        int left = rule.remaining.getAndDecrement();
        if (left > 0) {
          if (left == 1) {
            rules.remove(rule);
          }
          return rule.errcode;
        }
        rules.remove(rule);
        continue;
      }
      double draw;
      synchronized (this) {
        draw = random.nextDouble();
      }
      if (draw < rule.rate) {
        return rule.errcode;
      }
    }
    return 0;
  }

  private static String requireApi(String api) {
    if (api == null || api.isBlank()) {
      throw new IllegalArgumentException("api is required (\"*\" for all)");
    }
    String trimmed = api.startsWith("/cgi-bin/") ? api.substring("/cgi-bin/".length()) : api;
    return trimmed.startsWith("/") ? trimmed.substring(1) : trimmed;
  }

  // ---------------------------------------------------------------- reset

  /** Back to defaults: no latency, no error rules, default quota, window, block and concurrency; counters cleared. */
  public SimFaults reset() {
    latencyMs = 0;
    apiLatencyMs.clear();
    quotaPerWindow = DEFAULT_QUOTA_PER_WINDOW;
    apiQuota.clear();
    quotaWindowMs = DEFAULT_QUOTA_WINDOW.toMillis();
    blockWindowMs = DEFAULT_BLOCK_WINDOW.toMillis();
    concurrencyLimit = DEFAULT_CONCURRENCY_LIMIT;
    apiConcurrency.clear();
    rules.clear();
    quotas.clear();
    seed(42L);
    return this;
  }
}
