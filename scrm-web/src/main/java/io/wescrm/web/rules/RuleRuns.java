package io.wescrm.web.rules;

import io.wescrm.core.rules.RuleEngine;
import io.wescrm.core.rules.RuleRun;
import io.wescrm.core.sync.SyncLocks;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Single-flight full re-evaluations: one per corp across the cluster (lease {@code scrm:rules:<corp>}). */
@Component
public class RuleRuns {

  private final RuleEngine engine;
  private final SyncLocks locks;
  private final TagPushWorker pushWorker;

  RuleRuns(RuleEngine engine, SyncLocks locks, TagPushWorker pushWorker) {
    this.engine = engine;
    this.locks = locks;
    this.pushWorker = pushWorker;
  }

  /** Runs every enabled rule of a corp now; empty when a run of that corp is already in progress. */
  public Optional<RuleRun> runNow(String corpId, String trigger) {
    Optional<SyncLocks.Lease> lease = locks.tryAcquire("scrm:rules:" + corpId);
    if (lease.isEmpty()) {
      return Optional.empty();
    }
    // renewed every 20 s while the run lasts (the Redis lease's TTL is 60 s: a long run must not lose it)
    try (io.wescrm.web.config.RenewedLease held = new io.wescrm.web.config.RenewedLease(lease.get(), 20_000,
        "the rule run of corp " + corpId)) {
      // asked before every chunk is written: a run whose lease went to another node stops instead of racing it
      return Optional.of(engine.runAll(corpId, trigger, held::held));
    }
  }

  /** Sends queued tag changes to WeCom now instead of at the next drain tick. */
  public void pushNow() {
    pushWorker.drainNow();
  }
}
