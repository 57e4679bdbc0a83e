package io.wescrm.web.acquisition;

import io.wescrm.core.acquisition.AttributingCustomers;
import io.wescrm.core.acquisition.TransferringCustomers;
import io.wescrm.core.acquisition.WelcomeLedger;
import io.wescrm.core.acquisition.WelcomeSender;
import io.wescrm.core.events.DomainEvent;
import io.wescrm.core.remote.RemoteCorps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;

/**
 * Domain events of the applier, handled off its thread: adds get their first-touch attribution in batches and
 * their channel tags on a pool (mark_tag is a WeCom call: the applier's lanes must not wait for it); transfer_fail
 * closes the waiting transfer.
 * Waiting transfers are followed with transfer_result on a timer.
 */
public class AcquisitionEvents implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(AcquisitionEvents.class);

  private final AttributingCustomers attribution;
  private final TransferringCustomers transfers;
  private final WelcomeSender welcomes;
  private final RemoteCorps corps;
  private final ThreadPoolExecutor pool;
  private final ScheduledExecutorService poller;
  private final BlockingQueue<DomainEvent.CustomerAdded> adds = new LinkedBlockingQueue<>(10_000);
  private final Thread attributor;
  private volatile boolean running = true;

  public AcquisitionEvents(AttributingCustomers attribution, TransferringCustomers transfers,
      WelcomeSender welcomes, RemoteCorps corps, AcquisitionProperties properties) {
    this.attribution = attribution;
    this.transfers = transfers;
    this.welcomes = welcomes;
    this.corps = corps;
    AtomicInteger n = new AtomicInteger();
    // caller-runs when full: back-pressure on the applier rather than a lost attribution
    this.pool = new ThreadPoolExecutor(properties.attributionThreads(), properties.attributionThreads(), 60,
        TimeUnit.SECONDS, new ArrayBlockingQueue<>(10_000), r -> {
          Thread t = new Thread(r, "attribution-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        }, new ThreadPoolExecutor.CallerRunsPolicy());
    this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "transfer-poller");
      t.setDaemon(true);
      return t;
    });
    this.attributor = new Thread(this::attributeLoop, "attribution-batch");
    attributor.setDaemon(true);
    attributor.start();
    long every = properties.transferPollInterval().toMillis();
    poller.scheduleWithFixedDelay(this::pollTransfers, every, every, TimeUnit.MILLISECONDS);
  }

  @EventListener
  public void on(DomainEvent.CustomerAdded added) {
    try {
      // blocks when full: back-pressure on the applier rather than a lost attribution
      adds.put(added);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      log.warn("Attribution of {} in corp {} not queued: interrupted", added.externalUserId(), added.corpId());
    }
  }

  /**
   * Takes the adds that have queued up (up to {@value #BATCH}) and records their no-code ledger rows and first touches
   * with one statement each (a statement and a commit per add cost the database more than the applier's own
   * writes at 1,000 adds per second); channel tags go to the pool, side by side.
   */
  private void attributeLoop() {
    List<DomainEvent.CustomerAdded> batch = new ArrayList<>(BATCH);
    while (running) {
      try {
        DomainEvent.CustomerAdded first = adds.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        adds.drainTo(batch, BATCH - 1);
        attribute(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } finally {
        batch.clear();
      }
    }
  }

  private static final int BATCH = 500;

  void attribute(List<DomainEvent.CustomerAdded> batch) {
    try {
      List<WelcomeLedger.Final> noCode = batch.stream().filter(a -> a.welcomeCode() == null).map(a -> {
        // recorded here, with the applier, not on the welcome fast path: no code means nothing to hurry for;
        // one row per add event (a re-delivered event finds its row): a name-based UUID of the event's identity
        String eventKey = java.util.UUID.nameUUIDFromBytes((a.userid() + '\u0000' + a.externalUserId() + '\u0000'
            + (a.at() == null ? 0 : a.at().getEpochSecond())).getBytes(java.nio.charset.StandardCharsets.UTF_8))
            .toString();
        return new WelcomeLedger.Final(a.corpId(), "none:" + eventKey, a.userid(), a.externalUserId(), a.state(),
            WelcomeLedger.Status.NO_CODE, WelcomeSender.NO_CODE_REASON, a.at() == null ? Instant.now() : a.at());
      }).toList();
      if (!noCode.isEmpty()) {
        welcomes.noCodes(noCode);
      }
      attribution.onAdded(batch, task -> pool.execute(() -> {
        try {
          task.run();
        } catch (RuntimeException e) {
          // logged where it failed; the first touch is recorded
        }
      }));
    } catch (RuntimeException e) {
      if (batch.size() == 1) {
        DomainEvent.CustomerAdded a = batch.get(0);
        log.warn("Attribution of {} in corp {} failed: {}", a.externalUserId(), a.corpId(), e.toString());
        return;
      }
      log.warn("Attribution of a batch of {} adds failed ({}); one by one", batch.size(), e.toString());
      for (DomainEvent.CustomerAdded a : batch) {
        attribute(List.of(a));
      }
    }
  }

  @EventListener
  public void on(DomainEvent.CustomerTransferFailed failed) {
    pool.execute(() -> {
      try {
        transfers.onFailed(failed);
      } catch (RuntimeException e) {
        log.warn("transfer_fail of {} in corp {} not recorded: {}", failed.externalUserId(), failed.corpId(),
            e.toString());
      }
    });
  }

  void pollTransfers() {
    for (String corp : corps.corpIds()) {
      try {
        int changed = transfers.refresh(corp);
        if (changed > 0) {
          log.info("Transfers of corp {}: {} became final", corp, changed);
        }
      } catch (RuntimeException e) {
        log.warn("Following transfers of corp {} failed: {}", corp, e.toString());
      }
    }
  }

  @Override
  public void close() {
    running = false;
    attributor.interrupt();
    try {
      attributor.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    List<DomainEvent.CustomerAdded> rest = new ArrayList<>();
    adds.drainTo(rest);
    if (!rest.isEmpty()) {
      attribute(rest);
    }
    poller.shutdownNow();
    pool.shutdown();
  }
}
