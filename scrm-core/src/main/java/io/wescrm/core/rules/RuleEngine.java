package io.wescrm.core.rules;

import io.wescrm.core.tags.TagChange;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a corp's enabled rules: for one customer (on a domain event: a snapshot in memory, a plan, the writes), or
 * for the whole corp (chunked in memory, or set-based SQL per rule), and records full runs; explains a condition for
 * one customer, counts audiences and takes a rule's tags back. Every mode follows {@link RulePlan}'s order and
 * semantics. The SQL is behind the ports ({@link CustomerSnapshots}, {@link RuleWrites}, {@link SetBasedRules},
 * {@link RuleRunRecords}).
 */
public class RuleEngine {

  private static final Logger log = LoggerFactory.getLogger(RuleEngine.class);
  /** Enabled rules per corp; a change on another node reaches this one within {@link #RULES_TTL_MS}. */
  static final long RULES_TTL_MS = 30_000;
  static final int CUSTOMERS_PER_CHUNK = 1000;

  private final Rules rules;
  private final CustomerSnapshots snapshots;
  private final RuleWrites writes;
  private final SetBasedRules sets;
  private final RuleRunRecords records;
  private final Clock clock;
  private final Map<String, Cached> enabled = new ConcurrentHashMap<>();
  private volatile boolean setBased;
  private volatile int threads = 2;

  private record Cached(List<Rule> rules, long loadedAt) {
  }

  public RuleEngine(Rules rules, CustomerSnapshots snapshots, RuleWrites writes, SetBasedRules sets,
      RuleRunRecords records, Clock clock) {
    this.rules = rules;
    this.snapshots = snapshots;
    this.writes = writes;
    this.sets = sets;
    this.records = records;
    this.clock = clock;
  }

  /**
   * How the full re-evaluation runs. Chunked (default): customers in key order, 1,000 at a time, loaded with five
   * IN-list queries and planned in memory with every rule at once ({@link RulePlan}, as for one customer), on
   * {@code threads} workers. Set-based: per rule, SQL statements compiled by {@link SqlRuleCompiler} select the
   * relations to change. Both give the same result (the evaluators agree); chunked costs one pass however many
   * rules there are, which is what keeps a 1M-customer corp within a minute (docs/performance.md).
   */
  public RuleEngine mode(boolean setBased, int threads) {
    this.setBased = setBased;
    this.threads = Math.max(1, threads);
    return this;
  }

  /** Forget cached rules of a corp (after any change to them). */
  public void rulesChanged(String corpId) {
    enabled.remove(corpId);
  }

  public List<Rule> enabledRules(String corpId) {
    long now = System.currentTimeMillis();
    Cached cached = enabled.get(corpId);
    if (cached == null || now - cached.loadedAt() > RULES_TTL_MS) {
      cached = new Cached(rules.enabled(corpId), now);
      enabled.put(corpId, cached);
    }
    return cached.rules();
  }

  // ------------------------------------------------------------------------------------------ one customer

  /** Evaluates every enabled rule on one customer and writes what changes. Empty if the customer is unknown. */
  public Optional<CustomerEvaluation> evaluateCustomer(String corpId, String externalUserId) {
    List<Rule> active = enabledRules(corpId);
    if (active.isEmpty()) {
      return Optional.empty();
    }
    return writes.retryingLockRaces("Rule evaluation", () -> evaluateOnce(corpId, externalUserId, active));
  }

  private Optional<CustomerEvaluation> evaluateOnce(String corpId, String externalUserId, List<Rule> active) {
    Instant now = clock.instant();
    return snapshots.load(corpId, externalUserId).map(loaded -> {
      RulePlan plan = RulePlan.of(active, loaded.snapshot(), loaded.ruleTags(), now);
      RuleCounts counts = RuleCounts.NONE;
      if (!plan.changes().isEmpty() || plan.stage() != null) {
        counts = writes.write(corpId, plan.changes(), loaded.currentTags(),
            plan.stage() == null ? Map.of() : Map.of(plan.stage(), List.of(externalUserId)), now);
      }
      String before = loaded.snapshot().lifecycleStage();
      return new CustomerEvaluation(externalUserId, plan.matched(), (int) counts.tagsAdded(),
          (int) counts.tagsRemoved(), before, plan.stage() == null ? before : plan.stage());
    });
  }

  /** Which conditions held and which failed for one customer. */
  public Optional<InMemoryEvaluator.Explanation> explain(String corpId, Condition condition, String externalUserId) {
    Instant now = clock.instant();
    return snapshots.find(corpId, externalUserId).map(s -> InMemoryEvaluator.explain(condition, s, now));
  }

  /** For tests: the plan for one customer, without writing it. */
  public Optional<RulePlan> plan(String corpId, String externalUserId) {
    return snapshots.load(corpId, externalUserId).map(l -> RulePlan.of(enabledRules(corpId), l.snapshot(),
        l.ruleTags(), clock.instant()));
  }

  // ------------------------------------------------------------------------------------------ audiences

  /** Customers matching a condition: the count and a page of them (external id, name, stage). */
  public record Audience(long count, List<Map<String, Object>> sample) {
  }

  /** {@code pace} may sleep between the parts of the scan (SetBasedRules#audience). */
  public Audience audience(String corpId, Condition condition, long offset, int limit, LongConsumer pace) {
    return sets.audience(corpId, condition, clock.instant(), offset, limit, pace);
  }

  // ------------------------------------------------------------------------------------------ take-back

  /** What {@link #takeBack} removed. */
  public record TakeBack(long tagsRemoved, long pushesQueued) {
  }

  /**
   * Removes every tag the rule (any version) added on a live relation, and queues the removals of synced ones for
   * WeCom: what an operator asks for when deleting a rule whose tags should go with it. Tags someone else put on
   * stay; tags on ended relations are history and stay too.
   */
  public TakeBack takeBack(String corpId, long ruleId) {
    RuleCounts counts = sets.takeBack(corpId, ruleId);
    return new TakeBack(counts.tagsRemoved(), counts.pushesQueued());
  }

  // ------------------------------------------------------------------------------------------ the whole corp

  /** Re-evaluates every enabled rule of a corp (chunked or set-based, see {@link #mode}) and records the run. */
  public RuleRun runAll(String corpId, String trigger) {
    return runAll(corpId, trigger, () -> true);
  }

  /**
   * As {@link #runAll(String, String)}, under a lease: {@code held} is asked before every chunk is written (inside its
   * transaction on the set-based path), and a lost lease stops the run (recorded FAILED with what it had done).
   */
  public RuleRun runAll(String corpId, String trigger, java.util.function.BooleanSupplier held) {
    Instant started = clock.instant();
    List<Rule> active = rules.enabled(corpId);
    enabled.put(corpId, new Cached(active, System.currentTimeMillis()));
    long runId = records.start(corpId, trigger, active.size(), started);
    Tally tally = new Tally();
    String error = null;
    try {
      if (setBased) {
        sets.applyAll(corpId, active, started, tally::add, held);
      } else {
        runChunked(corpId, active, started, tally, held);
      }
    } catch (RuntimeException e) {
      error = e.toString();
      log.warn("Rule run {} of corp {} failed", runId, corpId, e);
    }
    records.finish(runId, tally.get(), started, clock.instant(), error);
    return run(runId).orElseThrow();
  }

  public Optional<RuleRun> run(long id) {
    return records.find(id);
  }

  public List<RuleRun> runs(String corpId, int limit) {
    return records.recent(corpId, limit);
  }

  /** Counts summed across worker threads. */
  private static final class Tally {
    private RuleCounts counts = RuleCounts.NONE;

    synchronized void add(RuleCounts c) {
      counts = counts.plus(c);
    }

    synchronized RuleCounts get() {
      return counts;
    }
  }

  private void runChunked(String corpId, List<Rule> active, Instant now, Tally tally,
      java.util.function.BooleanSupplier held) {
    ExecutorService workers = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "rule-run-" + corpId);
      t.setDaemon(true);
      return t;
    });
    Semaphore inFlight = new Semaphore(threads * 2);
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    try {
      String last = "";
      while (failure.get() == null) {
        List<String> ids = snapshots.idsAfter(corpId, last, CUSTOMERS_PER_CHUNK);
        if (ids.isEmpty()) {
          break;
        }
        last = ids.get(ids.size() - 1);
        inFlight.acquireUninterruptibly();
        workers.execute(() -> {
          try {
            tally.add(writes.retryingLockRaces("Rule run chunk", () -> chunk(corpId, active, ids, now, held)));
          } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
          } finally {
            inFlight.release();
          }
        });
      }
      inFlight.acquireUninterruptibly(threads * 2);
    } finally {
      workers.shutdownNow();
    }
    if (failure.get() != null) {
      throw failure.get();
    }
  }

  /** Plans and writes one chunk of customers. */
  private RuleCounts chunk(String corpId, List<Rule> active, List<String> ids, Instant now,
      java.util.function.BooleanSupplier held) {
    List<TagChange> changes = new ArrayList<>();
    Map<String, Map<String, Boolean>> current = new HashMap<>();
    Map<String, List<String>> byStage = new HashMap<>();
    for (CustomerSnapshots.Loaded l : snapshots.loadRange(corpId, ids.get(0), ids.get(ids.size() - 1)).values()) {
      RulePlan plan = RulePlan.of(active, l.snapshot(), l.ruleTags(), now);
      if (!plan.changes().isEmpty()) {
        changes.addAll(plan.changes());
        current.putAll(l.currentTags());
      }
      if (plan.stage() != null) {
        byStage.computeIfAbsent(plan.stage(), k -> new ArrayList<>()).add(l.snapshot().externalUserId());
      }
    }
    if (changes.isEmpty() && byStage.isEmpty()) {
      return RuleCounts.NONE;
    }
    LeaseLostException.check(held, corpId);
    return writes.write(corpId, changes, current, byStage, now);
  }
}
