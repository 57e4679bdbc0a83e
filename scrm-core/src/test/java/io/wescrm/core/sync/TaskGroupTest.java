package io.wescrm.core.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The bounded worker pool of a full sync: back-pressure, waiting for all tasks, the first failure. */
@Timeout(30)
class TaskGroupTest {

  final AtomicReference<Throwable> failure = new AtomicReference<>();

  @Test
  void awaitReturnsAfterEverySubmittedTaskRan() throws InterruptedException {
    AtomicInteger ran = new AtomicInteger();
    try (TaskGroup group = new TaskGroup("test", 3, 2, failure)) {
      for (int i = 0; i < 200; i++) {
        group.submit(ran::incrementAndGet);
      }
      group.await();
    }

    assertThat(ran).hasValue(200);
    assertThat(failure).hasNullValue();
  }

  @Test
  void awaitReturnsAtOnceWithoutTasks() throws InterruptedException {
    try (TaskGroup group = new TaskGroup("test", 1, 1, failure)) {
      group.await();
    }

    assertThat(failure).hasNullValue();
  }

  @Test
  void theFirstFailureIsRecordedAndLaterTasksAreSkipped() throws InterruptedException {
    IllegalStateException boom = new IllegalStateException("boom");
    AtomicInteger ranAfter = new AtomicInteger();
    try (TaskGroup group = new TaskGroup("test", 1, 10, failure)) {
      group.submit(() -> {
        throw boom;
      });
      group.await();
      group.submit(() -> {
        throw new IllegalStateException("second");
      });
      group.submit(ranAfter::incrementAndGet);
      group.await();
    }

    assertThat(failure).hasValue(boom);
    assertThat(ranAfter).hasValue(0);
  }

  @Test
  void checkedExceptionsPropagateToo() throws InterruptedException {
    try (TaskGroup group = new TaskGroup("test", 2, 2, failure)) {
      group.submit(() -> {
        throw new java.io.IOException("disk full");
      });
      group.await();
    }

    assertThat(failure.get()).isInstanceOf(java.io.IOException.class).hasMessage("disk full");
  }

  @Test
  void aFailureInOneGroupStopsTheOtherGroupsOfTheRun() throws InterruptedException {
    AtomicInteger ran = new AtomicInteger();
    try (TaskGroup calls = new TaskGroup("calls", 1, 1, failure);
        TaskGroup writers = new TaskGroup("writers", 1, 1, failure)) {
      calls.submit(() -> {
        throw new IllegalStateException("45033");
      });
      calls.await();
      writers.submit(ran::incrementAndGet);
      writers.await();
    }

    assertThat(ran).hasValue(0);
    assertThat(failure.get()).hasMessage("45033");
  }

  @Test
  void submitBlocksWhileTheQueueIsFull() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch running = new CountDownLatch(1);
    AtomicInteger ran = new AtomicInteger();
    AtomicBoolean thirdSubmitted = new AtomicBoolean();
    try (TaskGroup group = new TaskGroup("test", 1, 1, failure)) {
      group.submit(() -> {
        running.countDown();
        release.await();
        ran.incrementAndGet();
      });
      assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
      group.submit(ran::incrementAndGet);   // fills the queue of one
      Thread submitter = new Thread(() -> {
        group.submit(ran::incrementAndGet);
        thirdSubmitted.set(true);
      });
      submitter.start();

      await().atMost(Duration.ofSeconds(10)).until(() -> submitter.getState() == Thread.State.WAITING);
      await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).untilFalse(thirdSubmitted);
      release.countDown();
      submitter.join(10_000);
      group.await();
    }

    assertThat(thirdSubmitted).isTrue();
    assertThat(ran).hasValue(3);
    assertThat(failure).hasNullValue();
  }
}
