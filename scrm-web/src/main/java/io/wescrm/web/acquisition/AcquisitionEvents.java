package io.wescrm.web.acquisition;

import io.wescrm.core.acquisition.AttributingCustomers;
import io.wescrm.core.acquisition.TransferringCustomers;
import io.wescrm.core.acquisition.WelcomeSender;
import io.wescrm.core.events.DomainEvent;
import io.wescrm.core.sync.RemoteCorps;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;

/**
 * Domain events of the applier, handled off its thread: an add gets its first-touch attribution and channel tags
 * (mark_tag is a WeCom call: the applier's lanes must not wait for it); transfer_fail closes the waiting transfer.
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
    long every = properties.transferPollInterval().toMillis();
    poller.scheduleWithFixedDelay(this::pollTransfers, every, every, TimeUnit.MILLISECONDS);
  }

  @EventListener
  public void on(DomainEvent.CustomerAdded added) {
    pool.execute(() -> {
      try {
        if (added.welcomeCode() == null) {
          // recorded here, with the applier, not on the welcome fast path: no code means nothing to hurry for
          // one row per add event (a re-delivered event finds its row): a name-based UUID of the event's identity
          String eventKey = java.util.UUID.nameUUIDFromBytes((added.userid() + '\u0000' + added.externalUserId()
              + '\u0000' + (added.at() == null ? 0 : added.at().getEpochSecond()))
              .getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
          welcomes.noCode(added.corpId(), eventKey, added.userid(), added.externalUserId(), added.state(),
              added.at() == null ? java.time.Instant.now() : added.at());
        }
        attribution.onAdded(added);
      } catch (RuntimeException e) {
        log.warn("Attribution of {} in corp {} failed: {}", added.externalUserId(), added.corpId(), e.toString());
      }
    });
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
    poller.shutdownNow();
    pool.shutdown();
  }
}
