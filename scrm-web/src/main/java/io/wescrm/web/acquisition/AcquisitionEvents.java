package io.wescrm.web.acquisition;

import io.wescrm.core.acquisition.AttributingCustomers;
import io.wescrm.core.acquisition.TransferringCustomers;
import io.wescrm.core.acquisition.WelcomeLedger;
import io.wescrm.core.acquisition.WelcomeSender;
import io.wescrm.core.events.DomainEvent;
import io.wescrm.core.events.EventConsumer;
import io.wescrm.core.remote.RemoteCorps;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What acquisition does with durable domain events: adds get their first-touch attribution, their no-code ledger
 * rows and their channel tags (locally and through the tag push queue), in batches ({@link #attribution()});
 * {@code transfer_fail} closes the waiting transfer ({@link #transfers()}). Both are idempotent: an event handed over
 * again after a crash changes nothing twice. Waiting transfers are followed with {@code transfer_result} on a timer.
 */
public class AcquisitionEvents implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(AcquisitionEvents.class);

  private final AttributingCustomers attribution;
  private final TransferringCustomers transfers;
  private final WelcomeSender welcomes;
  private final RemoteCorps corps;
  private final ScheduledExecutorService poller;

  public AcquisitionEvents(AttributingCustomers attribution, TransferringCustomers transfers,
      WelcomeSender welcomes, RemoteCorps corps, AcquisitionProperties properties) {
    this.attribution = attribution;
    this.transfers = transfers;
    this.welcomes = welcomes;
    this.corps = corps;
    this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "transfer-poller");
      t.setDaemon(true);
      return t;
    });
    long every = properties.transferPollInterval().toMillis();
    poller.scheduleWithFixedDelay(this::pollTransfers, every, every, TimeUnit.MILLISECONDS);
  }

  /** Consumer {@code attribution}: first touches, no-code ledger rows and channel tags of adds. */
  public EventConsumer attribution() {
    return new EventConsumer() {
      @Override
      public String name() {
        return "attribution";
      }

      @Override
      public boolean accepts(DomainEvent event) {
        return event instanceof DomainEvent.CustomerAdded || event instanceof DomainEvent.CustomerFound;
      }

      @Override
      public List<DomainEvent> handle(List<DomainEvent> events) {
        // a relation found by a sync pass is attributed as an add, but has no welcome code to record
        attribute(events.stream().map(e -> e instanceof DomainEvent.CustomerFound f
            ? new DomainEvent.CustomerAdded(f.corpId(), f.userid(), f.externalUserId(), f.state(), null, false, f.at())
            : (DomainEvent.CustomerAdded) e).toList(), events.stream()
            .filter(DomainEvent.CustomerAdded.class::isInstance).map(DomainEvent.CustomerAdded.class::cast).toList());
        return List.of();
      }
    };
  }

  /** Consumer {@code transfers}: a failed transfer closes the transfer that waited for it. */
  public EventConsumer transfers() {
    return new EventConsumer() {
      @Override
      public String name() {
        return "transfers";
      }

      @Override
      public boolean accepts(DomainEvent event) {
        return event instanceof DomainEvent.CustomerTransferFailed;
      }

      @Override
      public List<DomainEvent> handle(List<DomainEvent> events) {
        events.forEach(e -> transfers.onFailed((DomainEvent.CustomerTransferFailed) e));
        return List.of();
      }
    };
  }

  /**
   * The no-code ledger rows (of the adds WeCom announced) and first touches of a batch of adds with one statement each (a statement and a commit
   * per add cost the database more than the applier's own writes at 1,000 adds per second), then their channel tags.
   */
  void attribute(List<DomainEvent.CustomerAdded> batch, List<DomainEvent.CustomerAdded> announced) {
    List<WelcomeLedger.Final> noCode = announced.stream().filter(a -> a.welcomeCode() == null).map(a -> {
      // recorded here, not on the welcome fast path: no code means nothing to hurry for; one row per add event (a
      // re-delivered event finds its row): a name-based UUID of the event's identity
      String eventKey = UUID.nameUUIDFromBytes((a.userid() + '\u0000' + a.externalUserId() + '\u0000'
          + (a.at() == null ? 0 : a.at().getEpochSecond())).getBytes(StandardCharsets.UTF_8)).toString();
      return new WelcomeLedger.Final(a.corpId(), "none:" + eventKey, a.userid(), a.externalUserId(), a.state(),
          WelcomeLedger.Status.NO_CODE, WelcomeSender.NO_CODE_REASON, a.at() == null ? Instant.now() : a.at());
    }).toList();
    if (!noCode.isEmpty()) {
      welcomes.noCodes(noCode);
    }
    attribution.onAdded(batch);
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
  }
}
