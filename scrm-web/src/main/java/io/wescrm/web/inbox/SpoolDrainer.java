package io.wescrm.web.inbox;

import io.wescrm.core.inbox.Inbox;
import io.wescrm.core.inbox.InboxSpool;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Moves spooled callbacks into the inbox every second while there are any (at start too: what a crashed or stopped
 * server left in its spool). While the database is still away the drain fails and is tried again; nothing is lost.
 */
public class SpoolDrainer implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(SpoolDrainer.class);

  private final InboxSpool spool;
  private final Inbox inbox;
  private final InboxWorker worker;
  private ScheduledExecutorService executor;

  SpoolDrainer(InboxSpool spool, Inbox inbox, InboxWorker worker) {
    this.spool = spool;
    this.inbox = inbox;
    this.worker = worker;
  }

  void drain() {
    if (spool == null || !spool.pending()) {
      return;
    }
    try {
      int n = spool.drainInto(inbox, 500);
      if (n > 0) {
        log.info("{} spooled callback(s) moved into the inbox from {}", n, spool.directory());
        worker.wake();
      }
    } catch (RuntimeException | Error e) {
      // an Error too: escaping a scheduled task would cancel every later drain
      log.warn("Spooled callbacks not moved into the inbox yet ({}); trying again", e.toString());
    }
  }

  @Override
  public void start() {
    executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "inbox-spool");
      t.setDaemon(true);
      return t;
    });
    executor.scheduleWithFixedDelay(this::drain, 0, 1, TimeUnit.SECONDS);
  }

  @Override
  public void stop() {
    if (executor != null) {
      executor.shutdownNow();
      executor = null;
    }
  }

  @Override
  public boolean isRunning() {
    return executor != null;
  }
}
