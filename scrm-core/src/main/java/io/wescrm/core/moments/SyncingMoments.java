package io.wescrm.core.moments;

import io.wescrm.core.remote.RemoteCallException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The moments poll (WeCom sends no callback for 客户朋友圈), one pass per corp:
 * <ol>
 *   <li>list: {@code get_moment_list} windows of ≤ 30 days from the corp's listing watermark (less
 *       {@code listOverlap}) to now, every page; a new corp starts {@code backfillDays} back, and a pass reads at most
 *       {@code maxWindows} windows (the quota): the watermark moves after each window, so a back-fill resumes where
 *       the last pass stopped;</li>
 *   <li>for each new moment: its tasks ({@code get_moment_task}, corp moments) or its creator's copy (personal), and
 *       for each copy newly published: {@code get_moment_send_result} (how many customers it reached);</li>
 *   <li>likes and comments ({@code get_moment_comments}) of every published copy never read, and again of every
 *       copy of a moment younger than {@code recheckDays} (late interactions: WeCom has no "since" parameter); tasks
 *       of young corp moments with copies not published yet (and not read earlier in the pass) are re-read too;</li>
 *   <li>new interactions are stored idempotently with a durable {@code MomentInteracted} event each (rules
 *       re-evaluate the customer).</li>
 * </ol>
 * Every call is counted per API on the pass record. With {@link Settings#parallelism()} above 1 a pass keeps that
 * many calls in flight: its windows are listed side by side, and the per-moment and per-copy calls of a phase run
 * on a pool of that size (the call gate still bounds each API); the phases and windows keep their order.
 */
public final class SyncingMoments {

  /**
   * @param backfillDays how far back a new corp's history is read
   * @param recheckDays moments younger than this have their likes and comments (and pending tasks) re-read each pass
   * @param maxWindows the most 30-day windows one pass lists (the back-fill's share of the quota per pass)
   * @param listOverlap how far before the watermark each pass starts listing
   * @param parallelism WeCom calls one pass has in flight at most (its windows listed side by side, then the tasks,
   *     send results and comments of many moments at once); 1 makes every call one after another
   */
  public record Settings(int backfillDays, int recheckDays, int maxWindows, Duration listOverlap, int parallelism) {

    public Settings {
      if (backfillDays < 0 || recheckDays < 0 || maxWindows < 1 || listOverlap.isNegative() || parallelism < 1) {
        throw new IllegalArgumentException("invalid moments settings");
      }
    }

    /** One call at a time. */
    public Settings(int backfillDays, int recheckDays, int maxWindows, Duration listOverlap) {
      this(backfillDays, recheckDays, maxWindows, listOverlap, 1);
    }
  }

  private final RemoteMoments remotes;
  private final MomentStore store;
  private final Clock clock;
  private final Settings settings;

  public SyncingMoments(RemoteMoments remotes, MomentStore store, Clock clock, Settings settings) {
    this.remotes = remotes;
    this.store = store;
    this.clock = clock;
    this.settings = settings;
  }

  public Settings settings() {
    return settings;
  }

  /** One pass over {@code corpId}; never throws for WeCom or database failures (the pass records them). */
  public MomentSyncPass run(String corpId, String trigger) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    Instant listedTo = store.listedTo(corpId).orElse(null);
    Instant from;
    if (listedTo == null) {
      from = now.minus(Duration.ofDays(settings.backfillDays()));
      store.startListing(corpId, from, now);
    } else {
      from = listedTo.minus(settings.listOverlap());
    }
    String kind = Duration.between(from, now).compareTo(RemoteMoment.MAX_WINDOW) > 0 ? "BACKFILL" : "INCREMENTAL";
    long id = store.startPass(corpId, kind, trigger, now);
    RemoteMoment remote = null;
    Counts counts = new Counts();
    Instant reached = listedTo;
    String error = null;
    ExecutorService pool = settings.parallelism() > 1 ? pool(corpId) : null;
    try {
      RemoteMoment r = remotes.moments(corpId);
      remote = r;
      Set<String> readThisPass = ConcurrentHashMap.newKeySet();
      Set<String> tasksReadThisPass = ConcurrentHashMap.newKeySet();
      // the pass's windows are listed side by side (a window's pages follow one another: each needs the cursor of
      // the one before), then handled in order so that the watermark only ever moves past completed windows
      List<Instant[]> windows = new ArrayList<>();
      for (Instant f = from; f.isBefore(now) && windows.size() < settings.maxWindows(); ) {
        Instant to = f.plus(RemoteMoment.MAX_WINDOW);
        to = to.isAfter(now) ? now : to;
        windows.add(new Instant[] {f, to});
        f = to;
      }
      List<Supplier<List<RemoteMoment.Moment>>> lists = new ArrayList<>();
      for (Instant[] w : windows) {
        lists.add(pool == null ? () -> r.moments(w[0], w[1]) : joinable(pool.submit(() -> r.moments(w[0], w[1]))));
      }
      for (int i = 0; i < windows.size(); i++) {
        Instant to = windows.get(i)[1];
        List<RemoteMoment.Moment> listed = lists.get(i).get();
        counts.windows++;
        counts.seen += listed.size();
        Set<String> fresh = store.upsertMoments(corpId, listed, now);
        counts.fresh += fresh.size();
        Map<String, Instant> newest = new TreeMap<>();
        List<RemoteMoment.Moment> withoutCopies = new ArrayList<>();
        for (RemoteMoment.Moment m : listed) {
          if (m.creator() != null && !m.creator().isEmpty()) {
            newest.merge(m.creator(), m.createTime(), (a, b) -> a.isAfter(b) ? a : b);
          }
          // new, or listed before a failed pass stored its copies
          if (fresh.contains(m.momentId()) || store.copies(corpId, m.momentId()).isEmpty()) {
            withoutCopies.add(m);
          }
        }
        each(pool, withoutCopies, m -> {
          if (m.createType() == 0) {
            tasksReadThisPass.add(m.momentId());
            tasks(r, corpId, m.momentId(), now);
          } else if (m.creator() != null && !m.creator().isEmpty()) {
            store.upsertCopies(corpId, m.momentId(), List.of(new RemoteMoment.Task(m.creator(), 1)), now);
            sentTo(r, corpId, m.momentId(), m.creator(), now);
          }
        });
        // likes and comments of copies never read (all of a back-filled window's)
        each(pool, store.unreadCopies(corpId), copy -> {
          comments(r, corpId, copy, now, counts);
          readThisPass.add(copy.momentId() + '\u0000' + copy.userid());
        });
        store.listed(corpId, to, newest, now);
        reached = to;
      }
      Instant young = now.minus(Duration.ofDays(settings.recheckDays()));
      // tasks read a moment ago in this pass are not asked again
      each(pool, store.youngCorpMomentsPending(corpId, young).stream().filter(m -> !tasksReadThisPass.contains(m))
          .toList(), momentId -> tasks(r, corpId, momentId, now));
      Set<MomentStore.CopyRef> toRead = new LinkedHashSet<>(store.unreadCopies(corpId));
      for (MomentStore.CopyRef copy : store.youngCopies(corpId, young)) {
        if (!readThisPass.contains(copy.momentId() + '\u0000' + copy.userid())) {
          toRead.add(copy);
        }
      }
      each(pool, List.copyOf(toRead), copy -> comments(r, corpId, copy, now, counts));
    } catch (RuntimeException e) {
      error = e instanceof RemoteCallException rc ? rc.api() + " errcode " + rc.errcode() + ": " + rc.getMessage()
          : e.toString();
    } finally {
      if (pool != null) {
        pool.shutdownNow();
      }
    }
    Map<String, Long> calls = remote == null ? Map.of() : new TreeMap<>(remote.calls());
    MomentSyncPass pass = new MomentSyncPass(id, corpId, kind, trigger, error == null ? "SUCCEEDED" : "FAILED",
        counts.windows, counts.seen, counts.fresh, counts.interactions.get(), calls, reached, error, now,
        clock.instant());
    store.finishPass(pass);
    return pass;
  }

  private ExecutorService pool(String corpId) {
    AtomicInteger seq = new AtomicInteger();
    return Executors.newFixedThreadPool(settings.parallelism(), task -> {
      Thread t = new Thread(task, "moments-" + corpId + "-" + seq.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Runs {@code work} for every item, {@code parallelism} at a time (in this thread without a pool), and waits for
   * all; after a failure the items not started yet are skipped and the first failure is thrown.
   */
  private static <T> void each(ExecutorService pool, List<T> items, Consumer<T> work) {
    if (pool == null || items.size() < 2) {
      items.forEach(work);
      return;
    }
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    List<Future<?>> running = new ArrayList<>(items.size());
    for (T item : items) {
      running.add(pool.submit(() -> {
        if (failure.get() == null) {
          try {
            work.accept(item);
          } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
          }
        }
      }));
    }
    for (Future<?> f : running) {
      joinable(f).get();
    }
    if (failure.get() != null) {
      throw failure.get();
    }
  }

  /** Waits for {@code future}; its runtime failure is thrown as is. */
  private static <V> Supplier<V> joinable(Future<V> future) {
    return () -> {
      try {
        return future.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("moment sync interrupted", e);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException re) {
          throw re;
        }
        throw new IllegalStateException(e.getCause());
      }
    };
  }

  /** Reads a corp moment's tasks; fetches the send result of copies published since the last read. */
  private void tasks(RemoteMoment remote, String corpId, String momentId, Instant now) {
    List<RemoteMoment.Task> tasks;
    try {
      tasks = remote.tasks(momentId);
    } catch (RemoteCallException e) {
      if (gone(e)) {
        return;
      }
      throw e;
    }
    Map<String, Integer> before = store.copies(corpId, momentId);
    store.upsertCopies(corpId, momentId, tasks, now);
    for (RemoteMoment.Task t : tasks) {
      if (t.publishStatus() == 1 && before.getOrDefault(t.userid(), 0) != 1) {
        sentTo(remote, corpId, momentId, t.userid(), now);
      }
    }
  }

  private void sentTo(RemoteMoment remote, String corpId, String momentId, String userid, Instant now) {
    try {
      store.visible(corpId, momentId, userid, remote.sentTo(momentId, userid).size(), now);
    } catch (RemoteCallException e) {
      if (!gone(e)) {
        throw e;
      }
    }
  }

  private void comments(RemoteMoment remote, String corpId, MomentStore.CopyRef copy, Instant now, Counts counts) {
    RemoteMoment.Comments read;
    try {
      read = remote.comments(copy.momentId(), copy.userid());
    } catch (RemoteCallException e) {
      if (gone(e)) {
        // deleted moment or copy: nothing more to read; mark it read so it is not asked again and again
        store.recordInteractions(corpId, copy.momentId(), copy.userid(), List.of(), List.of(), now);
        return;
      }
      throw e;
    }
    counts.interactions.addAndGet(store.recordInteractions(corpId, copy.momentId(), copy.userid(), read.likes(),
        read.comments(), now).size());
  }

  /** 41060 unknown (deleted) moment, 41061 / 41062 the member has no published copy. */
  private static boolean gone(RemoteCallException e) {
    return e.errcode() == 41060 || e.errcode() == 41061 || e.errcode() == 41062;
  }

  private static final class Counts {
    int windows;
    int seen;
    int fresh;
    final AtomicInteger interactions = new AtomicInteger();
  }
}
