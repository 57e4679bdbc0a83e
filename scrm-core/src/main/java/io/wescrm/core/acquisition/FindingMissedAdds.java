package io.wescrm.core.acquisition;

import io.wescrm.core.events.DomainEvent;
import io.wescrm.core.events.DomainEvents;
import io.wescrm.core.sync.SyncRun;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After a successful sync or reconciliation pass: the relations it wrote that no add callback announced (WeCom gives
 * up after about 30 s of failed deliveries) become {@link DomainEvent.CustomerFound} events, so that they are
 * attributed, tagged by their channel and seen by the rules like any add. Only adds of the last {@code lookBack}: the
 * first sync of a corp does not turn its whole history into events.
 */
public class FindingMissedAdds {

  private static final Logger log = LoggerFactory.getLogger(FindingMissedAdds.class);
  private static final int BATCH = 1_000;

  private final Attributions attributions;
  private final DomainEvents events;
  private final Clock clock;
  private final Duration lookBack;

  public FindingMissedAdds(Attributions attributions, DomainEvents events, Clock clock, Duration lookBack) {
    this.attributions = attributions;
    this.events = events;
    this.clock = clock;
    this.lookBack = lookBack;
  }

  /** Records the missed adds of a finished run; returns how many. Runs that did not succeed are skipped. */
  public int afterRun(SyncRun run) {
    if (run.status() != SyncRun.Status.SUCCEEDED || run.startedAt() == null) {
      return 0;
    }
    int total = 0;
    long after = 0;
    java.time.Instant addedSince = clock.instant().minus(lookBack);
    while (true) {
      // pages in relation id order: the events are delivered later, so "not attributed yet" cannot be the cursor
      List<Attributions.Unattributed> found = attributions.unattributed(run.corpId(), run.startedAt(), addedSince,
          after, BATCH);
      if (found.isEmpty()) {
        break;
      }
      events.record(found.stream().map(u -> (DomainEvent) new DomainEvent.CustomerFound(run.corpId(), u.userid(),
          u.externalUserId(), u.state(), u.addedAt())).toList());
      total += found.size();
      after = found.get(found.size() - 1).id();
      if (found.size() < BATCH) {
        break;
      }
    }
    if (total > 0) {
      log.info("Sync run {} of corp {} found {} add(s) no callback announced; attributing them", run.id(),
          run.corpId(), total);
    }
    return total;
  }
}
