package io.wescrm.core.sync;

import io.wescrm.core.corp.CustomerFollow;
import io.wescrm.core.corp.CustomerPage;
import io.wescrm.core.corp.Department;
import io.wescrm.core.corp.GroupChatPage;
import io.wescrm.core.corp.GroupChatRef;
import io.wescrm.core.corp.StaffIdPage;
import io.wescrm.core.corp.StaffMember;
import io.wescrm.core.corp.TagGroup;
import io.wescrm.core.remote.RemoteCorp;
import io.wescrm.core.remote.RemoteCorps;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Syncs one corp from WeCom into our database, as a full sync ({@link #FULL}) or a reconciliation pass
 * ({@link #RECONCILE}: the same compare-and-repair, possibly over one slice of the staff): departments and staff,
 * corp tags, customers with their follow
 * relations and tags, group chats with members.
 *
 * <p>Page by page into batched upserts: nothing holds the whole corp in memory. Calls run in parallel, at most
 * {@link SyncSettings#apiConcurrency()} at a time per API; the customer and group phases run side by side. One run per
 * corp at a time (single-flight through {@link SyncLocks}). What a complete run did not see is soft-deleted at the
 * end; a failed or killed run sweeps nothing, and the next run converges to the same state.
 */
public final class SyncingCorp {

  private static final Logger log = LoggerFactory.getLogger(SyncingCorp.class);
  /** A full sync. */
  public static final String FULL = "FULL";
  /**
   * A reconciliation: the same compare-and-repair pass; what it changes is drift callbacks missed. Scheduled passes
   * are incremental: each covers the next slice of the staff ({@link SyncScope}).
   */
  public static final String RECONCILE = "RECONCILE";

  /** The answer to a start request. */
  public sealed interface Start permits Started, AlreadyRunning {
  }

  /** A run was started; it continues in the background. */
  public record Started(long runId) implements Start {
  }

  /** Another run of this corp holds the lock (on this node or another). */
  public record AlreadyRunning(String corpId) implements Start {
  }

  private final RemoteCorps remote;
  private final CorpMirror mirror;
  private final SyncRuns runs;
  private final SyncLocks locks;
  private final Clock clock;
  private final SyncSettings settings;
  private final String node;
  private final Executor background;

  public SyncingCorp(RemoteCorps remote, CorpMirror mirror, SyncRuns runs, SyncLocks locks, Clock clock,
      SyncSettings settings, String node, Executor background) {
    this.remote = remote;
    this.mirror = mirror;
    this.runs = runs;
    this.locks = locks;
    this.clock = clock;
    this.settings = settings;
    this.node = node;
    this.background = background;
  }

  /**
   * After this node (re)starts none of its runs can still be alive: a run cut off by a crash or kill -9 is marked
   * ABORTED at once rather than after its heartbeat goes stale. Its partial writes are harmless: it swept nothing,
   * and the next run converges.
   */
  public int recoverAfterRestart() {
    int aborted = runs.abortRunningOf(node, clock.instant());
    if (aborted > 0) {
      log.warn("Marked {} sync run(s) of this node ({}) as ABORTED after a restart", aborted, node);
    }
    return aborted;
  }

  /** Starts a run in the background, or reports that one is already running. */
  public Start start(String corpId, String trigger) {
    return start(corpId, FULL, trigger);
  }

  /**
   * Starts a run of {@code kind} over the whole corp in the background, or reports that one is already running.
   */
  public Start start(String corpId, String kind, String trigger) {
    return start(corpId, kind, trigger, false);
  }

  /**
   * Starts a run of {@code kind} (FULL or RECONCILE) in the background, or reports that one is already running.
   * With {@code nextSlice}, a reconciliation covers only the slice after the one its previous pass covered.
   */
  public Start start(String corpId, String kind, String trigger, boolean nextSlice) {
    requireKnown(corpId);
    Optional<SyncLocks.Lease> lease = locks.tryAcquire(lockName(corpId));
    if (lease.isEmpty()) {
      return new AlreadyRunning(corpId);
    }
    long runId;
    SyncScope scope;
    try {
      scope = nextSlice && RECONCILE.equals(kind)
          ? SyncScope.after(runs.lastScope(corpId, RECONCILE).orElse(null), settings.reconcileSlices())
          : SyncScope.ALL;
      runId = begin(corpId, kind, scope, trigger);
    } catch (RuntimeException e) {
      lease.get().close();
      throw e;
    }
    background.execute(() -> execute(lease.get(), corpId, kind, runId, scope));
    return new Started(runId);
  }

  /** Runs to the end in the calling thread; empty when another run holds the lock. */
  public Optional<SyncRun> runNow(String corpId, String trigger) {
    requireKnown(corpId);
    Optional<SyncLocks.Lease> lease = locks.tryAcquire(lockName(corpId));
    if (lease.isEmpty()) {
      return Optional.empty();
    }
    long runId;
    try {
      runId = begin(corpId, FULL, SyncScope.ALL, trigger);
    } catch (RuntimeException e) {
      lease.get().close();
      throw e;
    }
    execute(lease.get(), corpId, FULL, runId, SyncScope.ALL);
    return runs.find(runId);
  }

  private void requireKnown(String corpId) {
    if (!remote.corpIds().contains(corpId)) {
      throw new IllegalArgumentException("unknown corp: " + corpId);
    }
  }

  private long begin(String corpId, String kind, SyncScope scope, String trigger) {
    Instant now = clock.instant();
    int aborted = runs.abortStale(corpId, now.minus(settings.staleAfter()), now);
    if (aborted > 0) {
      log.warn("Marked {} stale sync run(s) of corp {} as ABORTED", aborted, corpId);
    }
    return runs.start(corpId, kind, scope, trigger, node, now);
  }

  /** What the log calls a pass of {@code kind}. */
  private static String label(String kind) {
    return RECONCILE.equals(kind) ? "Reconciliation" : "Full sync";
  }

  private static String lockName(String corpId) {
    return "scrm:sync:full:" + corpId;
  }

  private volatile java.util.function.Consumer<SyncRun> finished = run -> { };

  /** Told of every run that ended (succeeded or failed), after its record was written. */
  public void onFinished(java.util.function.Consumer<SyncRun> listener) {
    this.finished = java.util.Objects.requireNonNull(listener);
  }

  private void execute(SyncLocks.Lease lease, String corpId, String kind, long runId, SyncScope scope) {
    String pass = label(kind);
    Instant startedAt = runs.find(runId).map(SyncRun::startedAt).orElse(clock.instant());
    RemoteCorp corp = remote.open(corpId);
    Run run = new Run(corp, runId, scope);
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "sync-heartbeat-" + corpId);
      t.setDaemon(true);
      return t;
    });
    try (lease) {
      ticker.scheduleWithFixedDelay(() -> {
        try {
          if (!lease.renew()) {
            run.failure.compareAndSet(null, new IllegalStateException("sync lock lost"));
          }
          runs.heartbeat(runId, run.counts(0, 0), clock.instant());
        } catch (RuntimeException e) {
          log.warn("Sync heartbeat failed for run {}: {}", runId, e.toString());
        }
      }, settings.heartbeat().toMillis(), settings.heartbeat().toMillis(), TimeUnit.MILLISECONDS);
      log.info("{} of corp {} started (run {}, scope {})", pass, corpId, runId, scope);
      mirror.ensureCorp(corpId, remote.corpName(corpId));
      run.execute();
      Throwable failure = run.failure.get();
      if (failure != null) {
        throw failure;
      }
      int verified = scope.all() ? 0 : run.verifyUnseenGroups(startedAt);
      run.customers = mirror.customersSeen(corpId, runId);
      long fetched = System.nanoTime();
      int swept = verified + mirror.sweepUnseen(corpId, runId, startedAt, run.unlicensed, scope, clock.instant());
      long sweptAt = System.nanoTime();
      long changed = mirror.changedSince(corpId, runId, startedAt);
      SyncCounts counts = run.counts(swept, changed);
      runs.finish(runId, SyncRun.Status.SUCCEEDED, counts, null, clock.instant());
      log.info("{} of corp {} succeeded (run {}): fetch+write {} ms, sweep {} ms, change count {} ms; {}",
          pass, corpId, runId, (fetched - run.began) / 1_000_000, (sweptAt - fetched) / 1_000_000,
          (System.nanoTime() - sweptAt) / 1_000_000, counts);
    } catch (Throwable e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      log.error("{} of corp {} failed (run {})", pass, corpId, runId, e);
      runs.finish(runId, SyncRun.Status.FAILED, run.counts(0, 0), describe(e), clock.instant());
    } finally {
      ticker.shutdownNow();
    }
    try {
      runs.find(runId).ifPresent(finished);
    } catch (RuntimeException e) {
      log.warn("After sync run {} of corp {}: {}", runId, corpId, e.toString());
    }
  }

  private static String describe(Throwable e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  /** The state of one run. */
  private final class Run {

    final RemoteCorp corp;
    final long runId;
    final SyncScope scope;
    final long began = System.nanoTime();
    final AtomicReference<Throwable> failure = new AtomicReference<>();
    final Set<String> unlicensed = ConcurrentHashMap.newKeySet();
    final AtomicInteger departments = new AtomicInteger();
    final AtomicInteger staff = new AtomicInteger();
    final AtomicInteger tags = new AtomicInteger();
    final AtomicInteger followRelations = new AtomicInteger();
    final AtomicInteger followTags = new AtomicInteger();
    final AtomicInteger groups = new AtomicInteger();
    final AtomicInteger groupMembers = new AtomicInteger();
    volatile long customers;

    Run(RemoteCorp corp, long runId, SyncScope scope) {
      this.corp = corp;
      this.runId = runId;
      this.scope = scope;
    }

    SyncCounts counts(int markedDeleted, long changed) {
      return new SyncCounts(departments.get(), staff.get(), tags.get(), (int) customers, followRelations.get(),
          followTags.get(), groups.get(), groupMembers.get(), markedDeleted, changed, corp.callCount(),
          corp.retryCount());
    }

    void execute() throws InterruptedException {
      String corpId = corp.corpId();
      int apis = settings.apiConcurrency();
      try (TaskGroup listers = new TaskGroup("sync-list", 2, 4, failure);
          TaskGroup staffCalls = new TaskGroup("sync-staff", apis, apis * 4, failure);
          TaskGroup customerCalls = new TaskGroup("sync-customers", apis, 1 << 16, failure);
          TaskGroup groupCalls = new TaskGroup("sync-groups", apis, apis * 4, failure);
          TaskGroup writers = new TaskGroup("sync-write", settings.writerThreads(), settings.writerThreads() * 4,
              failure)) {
        List<String> followUsers = corp.followUserIds();
        Set<String> contactEnabled = new HashSet<>(followUsers);
        List<String> covered = followUsers.stream().filter(scope::covers).toList();
        // groups first: groupchat/get (one call per group) is usually the longest chain of calls
        listers.submit(() -> {
          if (scope.all()) {
            syncGroups(null, groupCalls, writers);
          } else {
            for (int i = 0; i < covered.size(); i += 100) {
              syncGroups(covered.subList(i, Math.min(covered.size(), i + 100)), groupCalls, writers);
            }
          }
        });
        List<Department> depts = corp.departments();
        mirror.upsertDepartments(corpId, runId, depts, clock.instant());
        departments.set(depts.size());
        List<TagGroup> tagGroups = corp.corpTags();
        mirror.upsertTagGroups(corpId, runId, tagGroups, clock.instant());
        tags.set(tagGroups.stream().mapToInt(g -> g.tags().size()).sum());
        for (List<String> chunk : chunks(covered)) {
          customerCalls.submit(() -> syncCustomers(chunk, writers));
        }
        listers.submit(() -> syncStaff(contactEnabled, staffCalls, writers));
        listers.await();
        staffCalls.await();
        customerCalls.await();
        groupCalls.await();
        writers.await();
      }
    }

    /** Chunks of staff for batch/get_by_user: ≤ 100 each, small enough that every parallel slot has work. */
    private List<List<String>> chunks(List<String> userids) {
      int parallel = settings.apiConcurrency() * 4;
      int size = Math.max(1, Math.min(settings.staffPerCustomerCall(),
          (userids.size() + parallel - 1) / Math.max(1, parallel)));
      List<List<String>> chunks = new ArrayList<>();
      for (int i = 0; i < userids.size(); i += size) {
        chunks.add(List.copyOf(userids.subList(i, Math.min(userids.size(), i + size))));
      }
      return chunks;
    }

    private void syncCustomers(List<String> userids, TaskGroup writers) {
      String cursor = null;
      do {
        Instant fetchedAt = clock.instant();
        CustomerPage page = corp.customersOf(userids, cursor);
        unlicensed.addAll(page.unlicensedUserids());
        List<CustomerFollow> items = page.items();
        writers.submit(() -> {
          mirror.upsertCustomerPage(corp.corpId(), runId, items, fetchedAt, clock.instant());
          followRelations.addAndGet(items.size());
          followTags.addAndGet(items.stream().mapToInt(i -> i.follow().tagIds().size()).sum());
        });
        cursor = page.nextCursor();
      } while (cursor != null && failure.get() == null);
    }

    private void syncStaff(Set<String> contactEnabled, TaskGroup calls, TaskGroup writers) {
      String cursor = null;
      Set<String> seen = new LinkedHashSet<>();
      do {
        StaffIdPage page = corp.staffIds(cursor);
        List<String> fresh = page.userids().stream().filter(seen::add).filter(scope::covers).toList();
        for (int i = 0; i < fresh.size(); i += 100) {
          List<String> batch = fresh.subList(i, Math.min(fresh.size(), i + 100));
          List<StaffMember> members = java.util.Collections.synchronizedList(new ArrayList<>());
          AtomicInteger left = new AtomicInteger(batch.size());
          for (String userid : batch) {
            calls.submit(() -> {
              corp.staff(userid).ifPresent(members::add);
              if (left.decrementAndGet() == 0) {
                List<StaffMember> done = List.copyOf(members);
                writers.submit(() -> {
                  mirror.upsertStaff(corp.corpId(), runId, done, contactEnabled, clock.instant());
                  staff.addAndGet(done.size());
                });
              }
            });
          }
        }
        cursor = page.nextCursor();
      } while (cursor != null && failure.get() == null);
    }

    /** Every group chat ({@code owners} null) or those of ≤ 100 owners. */
    private void syncGroups(List<String> owners, TaskGroup calls, TaskGroup writers) {
      String cursor = null;
      do {
        GroupChatPage page = owners == null ? corp.groupChats(cursor) : corp.groupChatsOwnedBy(owners, cursor);
        for (GroupChatRef ref : page.items()) {
          calls.submit(() -> corp.groupChat(ref.chatId()).ifPresent(chat -> writers.submit(() -> {
            mirror.upsertGroupChats(corp.corpId(), runId, List.of(chat.withStatus(ref.status())), clock.instant());
            groups.incrementAndGet();
            groupMembers.addAndGet(chat.members().size());
          })));
        }
        cursor = page.nextCursor();
      } while (cursor != null && failure.get() == null);
    }

    /**
     * A slice's groups the listing did not return (dismissed, or given to an owner outside the slice) are checked
     * one by one: present → upserted as seen, gone → dismissed.
     *
     * @return groups marked dismissed
     */
    int verifyUnseenGroups(Instant startedAt) {
      int dismissed = 0;
      for (String chatId : mirror.unseenGroupsOwnedBy(corp.corpId(), runId, startedAt, scope)) {
        Optional<io.wescrm.core.corp.GroupChat> chat = corp.groupChat(chatId);
        if (chat.isPresent()) {
          mirror.upsertGroupChats(corp.corpId(), runId, List.of(chat.get()), clock.instant());
          groups.incrementAndGet();
          groupMembers.addAndGet(chat.get().members().size());
        } else {
          dismissed += mirror.dismissGroup(corp.corpId(), chatId, clock.instant()) > 0 ? 1 : 0;
        }
      }
      return dismissed;
    }
  }
}
