package io.wescrm.web.campaigns;

import io.wescrm.core.campaigns.DispatchingCampaigns;
import io.wescrm.core.campaigns.FollowingResults;
import io.wescrm.core.campaigns.RunningCampaigns;
import io.wescrm.core.campaigns.SequencingSops;
import io.wescrm.core.sync.SyncLocks;
import io.wescrm.web.config.HeldLease;
import io.wescrm.web.config.Wakeup;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The campaign workers of this node. Every node runs them: work is claimed row by row in the database (runs under a
 * planning lease, tasks PENDING → SENDING), so nodes share it and take over what a dead node held. One thread plans
 * runs, {@code dispatchThreads} create WeCom tasks (each waits for the call gate, which holds the quota across
 * nodes), one follows results, one turns due SOP steps into runs.
 */
public class CampaignWorker implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(CampaignWorker.class);

  private final RunningCampaigns running;
  private final DispatchingCampaigns dispatching;
  private final FollowingResults results;
  private final SequencingSops sops;
  private final CampaignsProperties properties;
  private final Wakeup planWakeup = new Wakeup();
  private final List<Wakeup> dispatchWakeups = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();
  private final HeldLease sopLease;
  private volatile boolean running0;

  /**
   * @param locks the SOP tick runs on one node at a time (lease {@code scrm:campaigns:sop}): two ticks at once
   *     could plan the same enrolments into two runs
   */
  public CampaignWorker(RunningCampaigns running, DispatchingCampaigns dispatching, FollowingResults results,
      SequencingSops sops, CampaignsProperties properties, SyncLocks locks) {
    this.sopLease = new HeldLease(locks, "scrm:campaigns:sop", 5_000, "the SOP tick");
    this.running = running;
    this.dispatching = dispatching;
    this.results = results;
    this.sops = sops;
    this.properties = properties;
  }

  /** A run was created (fire, run now, resume): plan and dispatch now rather than at the next poll. */
  public void wake() {
    planWakeup.wake();
    dispatchWakeups.forEach(Wakeup::wake);
  }

  @Override
  public void start() {
    running0 = true;
    long idle = properties.idle().toMillis();
    start("campaign-plan", planWakeup, idle, () -> {
      boolean planned = running.planNext();
      if (planned) {
        dispatchWakeups.forEach(Wakeup::wake);
      }
      return planned ? 1 : 0;
    });
    for (int i = 0; i < properties.dispatchThreads(); i++) {
      Wakeup wakeup = new Wakeup();
      dispatchWakeups.add(wakeup);
      start("campaign-dispatch-" + i, wakeup, idle, () -> dispatching.dispatchSome(1));
    }
    start("campaign-results", new Wakeup(), idle, () -> results.pollSome(50));
    start("campaign-sop", new Wakeup(), properties.sopTick().toMillis(), () -> {
      if (sopLease.held()) {
        sops.tick();
      }
      return 0;
    });
  }

  private void start(String name, Wakeup wakeup, long idleMillis, IntSupplier pass) {
    Thread thread = new Thread(() -> {
      while (running0) {
        int n = 0;
        try {
          n = pass.getAsInt();
        } catch (RuntimeException | Error e) {
          // the thread outlives an Error of one pass
          log.error("{} pass failed", name, e);
        }
        if (n == 0 && running0) {
          wakeup.await(idleMillis);
        }
      }
    }, name);
    thread.setDaemon(true);
    threads.add(thread);
    thread.start();
  }

  @Override
  public void stop() {
    running0 = false;
    threads.forEach(Thread::interrupt);
    for (Thread thread : threads) {
      try {
        thread.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    threads.clear();
    dispatchWakeups.clear();
    sopLease.close();
  }

  @Override
  public boolean isRunning() {
    return running0;
  }

  @Override
  public int getPhase() {
    return Integer.MAX_VALUE - 1000;
  }
}
