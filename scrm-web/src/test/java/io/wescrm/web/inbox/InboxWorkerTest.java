package io.wescrm.web.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wescrm.core.inbox.EventApplication;
import io.wescrm.core.inbox.Inbox;
import io.wescrm.core.inbox.InboxApplier;
import io.wescrm.core.inbox.RefetchQueue;
import io.wescrm.core.inbox.Refetcher;
import io.wescrm.core.remote.RemoteCorps;
import io.wescrm.core.sync.CorpMirror;
import io.wescrm.core.sync.LocalSyncLocks;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The inbox worker's threads outlive an Error of a pass, and the worker names the node holding a corp's lease. */
class InboxWorkerTest {

  @SuppressWarnings("unchecked")
  static <T> T stub(Class<T> type, java.lang.reflect.InvocationHandler handler) {
    return (T) Proxy.newProxyInstance(InboxWorkerTest.class.getClassLoader(), new Class<?>[] {type}, handler);
  }

  @Test
  void anErrorInAnApplyOrRefetchPassLeavesBothThreadsRunningAndTheNodeNamedAsLeaseHolder() {
    AtomicInteger duePasses = new AtomicInteger();
    AtomicInteger refetchPasses = new AtomicInteger();
    Inbox inbox = stub(Inbox.class, (p, m, a) -> {
      if (m.getName().equals("due")) {
        if (duePasses.incrementAndGet() == 1) {
          throw new StackOverflowError("the driver blew its stack");
        }
        return List.of();
      }
      return null;
    });
    RefetchQueue queue = stub(RefetchQueue.class, (p, m, a) -> {
      if (m.getName().equals("due")) {
        if (refetchPasses.incrementAndGet() == 1) {
          throw new NoClassDefFoundError("io/wescrm/Missing");
        }
        return List.of();
      }
      return null;
    });
    RemoteCorps corps = stub(RemoteCorps.class, (p, m, a) -> m.getName().equals("corpIds") ? List.of("wwone") : null);
    Clock clock = Clock.systemUTC();
    InboxApplier applier = new InboxApplier(inbox, new EventApplication(null, null, clock, Duration.ZERO),
        Runnable::run, events -> { }, clock, InboxApplier.Settings.defaults(), null);
    Refetcher refetcher = new Refetcher(queue, corps, stub(CorpMirror.class, (p, m, a) -> null), Runnable::run,
        clock, 1, 10);
    InboxWorker worker = new InboxWorker(applier, refetcher, corps, new LocalSyncLocks(), () -> 0,
        10, Duration.ZERO, "node-test-1");
    worker.start();
    try {
      await().atMost(Duration.ofSeconds(10)).until(() -> duePasses.get() >= 3 && refetchPasses.get() >= 3);
      assertThat(worker.alive()).isTrue();
      assertThat(worker.passFailures()).isEqualTo(2);
      assertThat(worker.leaseHolder("wwone")).contains("node-test-1");
      assertThat(worker.leaseHolder("wwother")).isEmpty();
    } finally {
      worker.stop();
      applier.close();
      refetcher.close();
    }
  }
}
