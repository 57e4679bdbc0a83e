package io.wescrm.web.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wescrm.core.events.DomainEvent;
import io.wescrm.core.events.EventConsumer;
import io.wescrm.core.events.EventDelivery;
import io.wescrm.core.events.Outbox;
import io.wescrm.core.sync.LocalSyncLocks;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The delivery thread outlives an Error of a pass (a dead thread would stop every consumer for good). */
class EventDeliveryWorkerTest {

  @Test
  void anErrorInADeliveryPassLeavesTheThreadDeliveringTheNextPasses() {
    AtomicInteger passes = new AtomicInteger();
    Outbox outbox = (Outbox) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Outbox.class},
        (p, m, a) -> {
          if (m.getName().equals("due")) {
            if (passes.incrementAndGet() == 1) {
              throw new StackOverflowError("the driver blew its stack");
            }
            return List.of();
          }
          return null;
        });
    EventConsumer consumer = new EventConsumer() {
      @Override
      public String name() {
        return "test";
      }

      @Override
      public boolean accepts(DomainEvent event) {
        return true;
      }

      @Override
      public List<DomainEvent> handle(List<DomainEvent> events) {
        return List.of();
      }
    };
    EventDelivery delivery = new EventDelivery(outbox, List.of(consumer), Clock.systemUTC(),
        new EventDelivery.Settings(10, Duration.ofSeconds(1), Duration.ofSeconds(10), 4));
    EventDeliveryWorker worker = new EventDeliveryWorker(delivery, new LocalSyncLocks(), Duration.ofMillis(20));
    worker.start();
    try {
      await().atMost(Duration.ofSeconds(10)).until(() -> passes.get() >= 3);
      assertThat(worker.passFailures()).isEqualTo(1);
    } finally {
      worker.stop();
    }
  }
}
