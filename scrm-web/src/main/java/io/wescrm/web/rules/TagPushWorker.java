package io.wescrm.web.rules;

import io.wescrm.core.remote.RemoteCorps;
import io.wescrm.core.sync.SyncLocks;
import io.wescrm.core.tags.jdbc.JdbcTagPushes;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Drains the WeCom tag push queue of every configured corp: one node per corp at a time (lease
 * {@code scrm:tagpush:<corp>}), one mark_tag per relation, under the WeCom call gate's rate and concurrency limits.
 */
@Component
public class TagPushWorker implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(TagPushWorker.class);

  private final JdbcTagPushes pushes;
  private final RemoteCorps corps;
  private final SyncLocks locks;
  private final RulesProperties properties;
  private ScheduledExecutorService executor;

  TagPushWorker(JdbcTagPushes pushes, RemoteCorps corps, SyncLocks locks, RulesProperties properties) {
    this.pushes = pushes;
    this.corps = corps;
    this.locks = locks;
    this.properties = properties;
  }

  /** Drains every corp until nothing is due (tests and run-now call it directly). */
  public void drainNow() {
    for (String corpId : corps.corpIds()) {
      Optional<SyncLocks.Lease> lease = locks.tryAcquire("scrm:tagpush:" + corpId);
      if (lease.isEmpty()) {
        continue;
      }
      try (SyncLocks.Lease held = lease.get()) {
        // renewed (and checked) between batches: a node whose lease ran out stops rather than push beside another
        for (int i = 0; i < 100 && pushes.drain(corpId, properties.pushBatch()) > 0; i++) {
          if (!held.renew()) {
            log.warn("Tag push of corp {}: lease lost, stopping", corpId);
            break;
          }
        }
      } catch (RuntimeException | Error e) {
        // an Error too: escaping the scheduled task would cancel every later push
        log.warn("Tag push of corp {} failed: {}", corpId, e.toString());
      }
    }
  }

  @Override
  public void start() {
    executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "tag-push");
      t.setDaemon(true);
      return t;
    });
    long every = properties.pushInterval().toMillis();
    executor.scheduleWithFixedDelay(this::drainNow, every, every, TimeUnit.MILLISECONDS);
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
