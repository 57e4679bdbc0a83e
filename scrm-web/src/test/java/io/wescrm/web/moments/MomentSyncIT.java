package io.wescrm.web.moments;

import static org.assertj.core.api.Assertions.assertThat;

import io.wescrm.core.events.DomainEvent;
import io.wescrm.core.moments.MomentSyncPass;
import io.wescrm.core.moments.RemoteMoment;
import io.wescrm.core.moments.SyncingMoments;
import io.wescrm.core.moments.jdbc.JdbcMomentStore;
import io.wescrm.core.remote.RemoteCallException;
import io.wescrm.web.rules.TestDataSources;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link SyncingMoments} over the real store (H2, or MariaDB with -Pmariadb) and a scripted WeCom: a deep back-fill
 * in windows of ≤ 30 days spread over passes by the quota and resumed after a failure; re-polls store nothing twice
 * and record one event per new interaction; late likes on young moments are found; calls are counted per API.
 */
class MomentSyncIT {

  static final DataSource DATA = TestDataSources.migrated();
  static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
  static final long DAY = 86_400L;

  final JdbcTemplate jdbc = new JdbcTemplate(DATA);
  final List<DomainEvent> events = new CopyOnWriteArrayList<>();
  final JdbcMomentStore store = new JdbcMomentStore(jdbc, new TransactionTemplate(
      new DataSourceTransactionManager(DATA)), () -> events::addAll);
  final String corp = "wwmom" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);

  /** A scripted WeCom: moments by creation time, copies, interactions; checks windows; can fail on a window. */
  static final class Scripted implements RemoteMoment {
    final List<Moment> moments = new ArrayList<>();
    final Map<String, List<Task>> tasks = new TreeMap<>();
    final Map<String, List<Interaction>> likes = new TreeMap<>();
    final Map<String, Integer> calls = new TreeMap<>();
    final List<Duration> windows = new CopyOnWriteArrayList<>();
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();
    /** When set, each send-result call waits (up to 5 s) until this many are in flight together. */
    CountDownLatch together;
    Instant failFrom;

    @Override
    public List<Moment> moments(Instant from, Instant to) {
      count("externalcontact/get_moment_list");
      windows.add(Duration.between(from, to));
      assertThat(Duration.between(from, to)).isLessThanOrEqualTo(MAX_WINDOW);
      if (failFrom != null && !from.isBefore(failFrom)) {
        throw new RemoteCallException("externalcontact/get_moment_list", -1, RemoteCallException.Kind.TRANSIENT,
            "system busy", null);
      }
      return moments.stream().filter(m -> !m.createTime().isBefore(from) && !m.createTime().isAfter(to)).toList();
    }

    @Override
    public List<Task> tasks(String momentId) {
      count("externalcontact/get_moment_task");
      return tasks.getOrDefault(momentId, List.of());
    }

    @Override
    public List<String> visibleRange(String momentId, String userid) {
      count("externalcontact/get_moment_customer_list");
      return List.of("wmA", "wmB");
    }

    @Override
    public List<String> sentTo(String momentId, String userid) {
      count("externalcontact/get_moment_send_result");
      maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      try {
        if (together != null) {
          together.countDown();
          together.await(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        inFlight.decrementAndGet();
      }
      return List.of("wmA", "wmB");
    }

    @Override
    public Comments comments(String momentId, String userid) {
      count("externalcontact/get_moment_comments");
      return new Comments(List.of(new Interaction(null, userid, NOW.minusSeconds(5))),
          likes.getOrDefault(momentId + "/" + userid, List.of()));
    }

    @Override
    public synchronized Map<String, Long> calls() {
      Map<String, Long> out = new TreeMap<>();
      calls.forEach((k, v) -> out.put(k, (long) v));
      return out;
    }

    synchronized void count(String api) {
      calls.merge(api, 1, Integer::sum);
    }
  }

  private SyncingMoments syncing(Scripted remote, int backfillDays, int maxWindows) {
    return syncing(remote, backfillDays, maxWindows, 1);
  }

  private SyncingMoments syncing(Scripted remote, int backfillDays, int maxWindows, int parallelism) {
    return new SyncingMoments(corpId -> {
      synchronized (remote) {
        remote.calls.clear();
      }
      return remote;
    }, store, Clock.fixed(NOW, ZoneOffset.UTC), new SyncingMoments.Settings(backfillDays, 7, maxWindows,
        Duration.ofMinutes(10), parallelism));
  }

  @Test
  void aDeepBackfillSpreadsOverPassesResumesAfterAFailureAndThenRunsIncrementally() {
    Scripted remote = new Scripted();
    // one personal moment every 10 days over a year, each liked by wmA a day later
    for (int d = 5; d < 365; d += 10) {
      String id = "mom" + d;
      Instant created = NOW.minusSeconds(d * DAY);
      remote.moments.add(new RemoteMoment.Moment(id, "u1", created, 1, 1, "第 " + d + " 天", null));
      remote.likes.put(id + "/u1", List.of(new RemoteMoment.Interaction("wmA", null, created.plusSeconds(DAY))));
    }
    SyncingMoments sync = syncing(remote, 365, 4, 5);
    remote.failFrom = NOW.minusSeconds(365 * DAY).plus(Duration.ofDays(60));
    MomentSyncPass failed = sync.run(corp, "TEST");
    assertThat(failed.status()).isEqualTo("FAILED");
    assertThat(failed.kind()).isEqualTo("BACKFILL");
    assertThat(failed.windows()).isEqualTo(2);
    assertThat(failed.listedTo()).isEqualTo(NOW.minusSeconds(365 * DAY).plus(Duration.ofDays(60)));
    remote.failFrom = null;
    List<MomentSyncPass> passes = new ArrayList<>();
    do {
      passes.add(sync.run(corp, "TEST"));
    } while (passes.get(passes.size() - 1).kind().equals("BACKFILL"));
    assertThat(passes).allMatch(p -> p.status().equals("SUCCEEDED")).allMatch(p -> p.windows() <= 4);
    assertThat(passes.get(passes.size() - 1).listedTo()).isEqualTo(NOW);
    assertThat(remote.windows).allMatch(w -> w.compareTo(RemoteMoment.MAX_WINDOW) <= 0);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM scrm_moment WHERE corp_id = ?", Integer.class, corp))
        .isEqualTo(remote.moments.size());
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM scrm_moment_interaction WHERE corp_id = ?", Integer.class,
        corp)).isEqualTo(remote.moments.size());
    assertThat(events).hasSize(remote.moments.size()).allMatch(e -> e instanceof DomainEvent.MomentInteracted m
        && m.externalUserId().equals("wmA") && m.kind().equals("LIKE") && m.userid().equals("u1"));
    assertThat(passes.stream().mapToInt(MomentSyncPass::interactionsNew).sum()
        + failed.interactionsNew()).isEqualTo(remote.moments.size());
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM scrm_moment_watermark WHERE corp_id = ? AND creator = 'u1'",
        Integer.class, corp)).isEqualTo(1);

    // nothing new: one list call, the comments of the one young copy, nothing stored, no event
    events.clear();
    MomentSyncPass quiet = sync.run(corp, "TEST");
    assertThat(quiet.kind()).isEqualTo("INCREMENTAL");
    assertThat(quiet.calls()).isEqualTo(Map.of("externalcontact/get_moment_list", 1L,
        "externalcontact/get_moment_comments", 1L));
    assertThat(quiet.interactionsNew()).isZero();
    assertThat(events).isEmpty();

    // a late like on the young moment (5 days old) is found; one on an old moment is not re-read
    remote.likes.put("mom5/u1", List.of(remote.likes.get("mom5/u1").get(0),
        new RemoteMoment.Interaction("wmB", null, NOW.minusSeconds(60))));
    remote.likes.put("mom105/u1", List.of(new RemoteMoment.Interaction("wmB", null, NOW.minusSeconds(60))));
    MomentSyncPass late = sync.run(corp, "TEST");
    assertThat(late.interactionsNew()).isEqualTo(1);
    assertThat(events).singleElement().satisfies(e -> assertThat(((DomainEvent.MomentInteracted) e).momentId())
        .isEqualTo("mom5"));
    assertThat(store.recentPasses(corp, 50)).hasSize(passes.size() + 3)
        .first().satisfies(p -> assertThat(p.calls()).containsEntry("externalcontact/get_moment_list", 1L));
  }

  @Test
  void corpMomentsReadTasksAndSendResultsOnceAndPendingCopiesWhenTheyPublish() {
    Scripted remote = new Scripted();
    remote.moments.add(new RemoteMoment.Moment("momCorp", "admin", NOW.minusSeconds(2 * DAY), 0, 1, "会员日", null));
    remote.tasks.put("momCorp", List.of(new RemoteMoment.Task("u1", 1), new RemoteMoment.Task("u2", 0)));
    remote.likes.put("momCorp/u1", List.of(new RemoteMoment.Interaction("wmA", null, NOW.minusSeconds(DAY))));
    SyncingMoments sync = syncing(remote, 30, 4);
    MomentSyncPass first = sync.run(corp, "TEST");
    // once: a pending task just read is not re-read in the same pass
    assertThat(first.calls()).containsEntry("externalcontact/get_moment_task", 1L)
        .containsEntry("externalcontact/get_moment_send_result", 1L)
        .containsEntry("externalcontact/get_moment_comments", 1L);
    assertThat(first.interactionsNew()).isEqualTo(1);
    // u2 publishes and a customer likes its copy
    remote.tasks.put("momCorp", List.of(new RemoteMoment.Task("u1", 1), new RemoteMoment.Task("u2", 1)));
    remote.likes.put("momCorp/u2", List.of(new RemoteMoment.Interaction("wmB", null, NOW.minusSeconds(30))));
    MomentSyncPass second = sync.run(corp, "TEST");
    assertThat(second.calls()).containsEntry("externalcontact/get_moment_task", 1L)
        .containsEntry("externalcontact/get_moment_send_result", 1L)
        .containsEntry("externalcontact/get_moment_comments", 2L);
    assertThat(second.interactionsNew()).isEqualTo(1);
    MomentSyncPass third = sync.run(corp, "TEST");
    assertThat(third.calls()).doesNotContainKeys("externalcontact/get_moment_task",
        "externalcontact/get_moment_send_result");
    assertThat(jdbc.queryForList("SELECT userid FROM scrm_moment_copy WHERE corp_id = ? AND publish_status = 1 "
        + "AND visible_count = 2 ORDER BY userid", String.class, corp)).containsExactly("u1", "u2");
  }

  @Test
  void aPassKeepsItsParallelismInFlightAndStoresWhatASequentialPassWould() {
    Scripted remote = new Scripted();
    for (int i = 0; i < 12; i++) {
      String id = "momPar" + i;
      Instant created = NOW.minusSeconds((i + 1) * 3_600L);
      remote.moments.add(new RemoteMoment.Moment(id, "u" + (i % 3), created, 1, 1, "并行 " + i, null));
      remote.likes.put(id + "/u" + (i % 3), List.of(new RemoteMoment.Interaction("wm" + i, null,
          created.plusSeconds(60))));
    }
    remote.together = new CountDownLatch(5);
    MomentSyncPass pass = syncing(remote, 30, 4, 5).run(corp, "TEST");
    assertThat(pass.status()).isEqualTo("SUCCEEDED");
    // five send-result calls were in flight together (a sequential pass would wait 5 s on the first and see 1)
    assertThat(remote.maxInFlight.get()).isEqualTo(5);
    assertThat(pass.calls()).isEqualTo(Map.of("externalcontact/get_moment_list", 1L,
        "externalcontact/get_moment_send_result", 12L, "externalcontact/get_moment_comments", 12L));
    assertThat(pass.interactionsNew()).isEqualTo(12);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM scrm_moment_copy WHERE corp_id = ? AND visible_count = 2 "
        + "AND comments_read_at IS NOT NULL", Integer.class, corp)).isEqualTo(12);
    assertThat(jdbc.queryForList("SELECT external_userid FROM scrm_moment_interaction WHERE corp_id = ? ORDER BY 1",
        String.class, corp)).hasSize(12).doesNotHaveDuplicates();
    assertThat(events).hasSize(12);
  }
}
