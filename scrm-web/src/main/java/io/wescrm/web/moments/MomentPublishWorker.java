package io.wescrm.web.moments;

import io.wescrm.core.moments.PublishingMoments;
import io.wescrm.web.config.Wakeup;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The 朋友圈 publishing workers of this node: one creates due publishes in WeCom, one follows them (job results,
 * staff publish status, reminders, deadlines, lost creates). Every node runs them; work is claimed row by row in the
 * database, so nodes share it and take over what a dead node held.
 */
public class MomentPublishWorker implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(MomentPublishWorker.class);

  private final PublishingMoments publishing;
  private final MomentPublishProperties properties;
  private final Wakeup createWakeup = new Wakeup();
  private final Wakeup followWakeup = new Wakeup();
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean running;

  public MomentPublishWorker(PublishingMoments publishing, MomentPublishProperties properties) {
    this.publishing = publishing;
    this.properties = properties;
  }

  /** A publish is due (a task created, a schedule fired, a cancel requested): work now, not at the next poll. */
  public void wake() {
    createWakeup.wake();
    followWakeup.wake();
  }

  @Override
  public void start() {
    running = true;
    long idle = properties.idle().toMillis();
    start("moment-publish-create", createWakeup, idle, () -> {
      int n = publishing.createSome(5);
      if (n > 0) {
        followWakeup.wake();
      }
      return n;
    });
    start("moment-publish-follow", followWakeup, idle, () -> publishing.followSome(20));
  }

  private void start(String name, Wakeup wakeup, long idleMillis, IntSupplier pass) {
    Thread thread = new Thread(() -> {
      while (running) {
        int n = 0;
        try {
          n = pass.getAsInt();
        } catch (RuntimeException e) {
          log.error("{} pass failed", name, e);
        }
        if (n == 0 && running) {
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
    running = false;
    threads.forEach(Thread::interrupt);
    for (Thread thread : threads) {
      try {
        thread.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    threads.clear();
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return Integer.MAX_VALUE - 1000;
  }
}
