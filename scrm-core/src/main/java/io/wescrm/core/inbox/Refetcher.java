package io.wescrm.core.inbox;

import io.wescrm.core.corp.CustomerFollow;
import io.wescrm.core.corp.GroupChat;
import io.wescrm.core.corp.GroupMember;
import io.wescrm.core.corp.StaffMember;
import io.wescrm.core.corp.Tag;
import io.wescrm.core.corp.TagGroup;
import io.wescrm.core.inbox.RefetchQueue.Entry;
import io.wescrm.core.remote.RemoteCallException;
import io.wescrm.core.remote.RemoteCorp;
import io.wescrm.core.remote.RemoteCorps;
import io.wescrm.core.sync.CorpMirror;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Works off the coalesced re-fetch queue: one WeCom call per object however many events named it, under the same
 * call gate (rate and concurrency limits) as everything else, then an idempotent upsert of the details. A pass makes
 * its calls in parallel, then writes what they returned in a few transactions ({@value #WRITE_CHUNK} objects and their
 * queue rows each) instead of a commit per statement: at 1,000 callbacks/s that was most of the database's commits
 * beside the inbox's own. A chunk that fails is written again one object per transaction, so that one bad object
 * is retried alone.
 */
public final class Refetcher implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Refetcher.class);
  /** Objects written per transaction: short enough that the applier's lanes seldom wait for its row locks. */
  static final int WRITE_CHUNK = 50;

  private final RefetchQueue queue;
  private final RemoteCorps remote;
  private final CorpMirror mirror;
  private final Clock clock;
  private final ExecutorService workers;
  private final int batch;
  private final Transactions transactions;

  /** What one fetch returned: written later, in a transaction with others. */
  private record Fetched(Entry entry, Instant started, Runnable write) {
  }

  public Refetcher(RefetchQueue queue, RemoteCorps remote, CorpMirror mirror, Transactions transactions, Clock clock,
      int parallel, int batch) {
    this.queue = queue;
    this.remote = remote;
    this.mirror = mirror;
    this.transactions = transactions;
    this.clock = clock;
    this.batch = batch;
    this.workers = Executors.newFixedThreadPool(parallel, r -> {
      Thread t = new Thread(r, "refetch");
      t.setDaemon(true);
      return t;
    });
  }

  /** One pass over the due re-fetches of a corp. */
  public int refetchDue(String corpId) throws InterruptedException {
    return refetchDue(corpId, batch);
  }

  /** One pass over at most {@code limit} due re-fetches of a corp. */
  public int refetchDue(String corpId, int limit) throws InterruptedException {
    List<Entry> due = queue.due(corpId, clock.instant(), Math.max(1, Math.min(limit, batch)));
    if (due.isEmpty()) {
      return 0;
    }
    RemoteCorp corp = remote.open(corpId);
    List<Future<Fetched>> running = due.stream().map(e -> workers.submit(() -> fetch(corp, e))).toList();
    List<Fetched> fetched = new ArrayList<>();
    for (Future<Fetched> f : running) {
      try {
        Fetched one = f.get();
        if (one != null) {
          fetched.add(one);
        }
      } catch (java.util.concurrent.ExecutionException e) {
        log.error("Re-fetch failed", e.getCause());
      }
    }
    // a stable lock order within a chunk; a deadlock with the applier's chunks rolls the chunk back, and it is
    // written again one object per transaction
    fetched.sort(Comparator.comparing((Fetched f) -> f.entry().kind()).thenComparing(f -> f.entry().refId()));
    for (int i = 0; i < fetched.size(); i += WRITE_CHUNK) {
      write(fetched.subList(i, Math.min(fetched.size(), i + WRITE_CHUNK)));
    }
    return due.size();
  }

  /** The WeCom call(s) of one entry; null when it failed (the entry is rescheduled). */
  private Fetched fetch(RemoteCorp corp, Entry e) {
    Instant started = clock.instant();
    try {
      Runnable write = switch (e.kind()) {
        case CUSTOMER -> customer(corp, e.refId(), started);
        case GROUP -> group(corp, e.refId());
        case STAFF -> staff(corp, e.refId());
        case TAGS -> tags(corp);
      };
      return new Fetched(e, started, write);
    } catch (RuntimeException failure) {
      failed(e, failure);
      return null;
    }
  }

  private void write(List<Fetched> chunk) {
    try {
      transactions.inTransaction(() -> chunk.forEach(this::writeOne));
    } catch (RuntimeException chunkFailed) {
      log.debug("Re-fetch write of {} objects failed, writing them one by one", chunk.size(), chunkFailed);
      for (Fetched f : chunk) {
        try {
          transactions.inTransaction(() -> writeOne(f));
        } catch (RuntimeException failure) {
          try {
            failed(f.entry(), failure);
          } catch (RuntimeException unrecorded) {
            // the database is gone: this and the chunk's remaining rows stay due for a later pass
            log.warn("Re-fetch of {} {} failed and could not be rescheduled: {}", f.entry().kind(),
                f.entry().refId(), unrecorded.toString());
            return;
          }
        }
      }
    }
  }

  /** The object's rows and the removal of its queue row (unless requested again since the fetch began). */
  private void writeOne(Fetched f) {
    f.write().run();
    queue.done(f.entry(), f.started());
  }

  private void failed(Entry e, RuntimeException failure) {
    boolean configuration = failure instanceof RemoteCallException r
        && r.kind() == RemoteCallException.Kind.CONFIGURATION;
    Duration wait = configuration ? Duration.ofMinutes(5)
        : Duration.ofSeconds(Math.min(300, 1L << Math.min(8, e.attempts())));
    queue.failed(e, clock.instant().plus(wait), failure.toString());
    log.warn("Re-fetch of {} {} (corp {}) failed, next try in {}: {}", e.kind(), e.refId(), e.corpId(), wait,
        failure.toString());
  }

  private Runnable customer(RemoteCorp corp, String externalUserId, Instant fetchedAt) {
    Optional<List<CustomerFollow>> follows = corp.customer(externalUserId);
    List<CustomerFollow> items = follows.orElse(List.of());
    return () -> {
      Instant now = clock.instant();
      if (!items.isEmpty()) {
        mirror.upsertCustomerPage(corp.corpId(), null, items, fetchedAt, now);
      }
      mirror.closeMissingFollows(corp.corpId(), externalUserId,
          items.stream().map(i -> i.follow().userid()).toList(), now);
    };
  }

  private Runnable group(RemoteCorp corp, String chatId) {
    Optional<GroupChat> chat = corp.groupChat(chatId);
    return () -> {
      Instant now = clock.instant();
      if (chat.isEmpty()) {
        mirror.closeMissingMembers(corp.corpId(), chatId, List.of(), now);
        return;
      }
      mirror.upsertGroupChats(corp.corpId(), null, List.of(chat.get()), now);
      mirror.closeMissingMembers(corp.corpId(), chatId, chat.get().members().stream().map(GroupMember::memberId)
          .toList(), now);
    };
  }

  private Runnable staff(RemoteCorp corp, String userid) {
    Optional<StaffMember> member = corp.staff(userid);
    if (member.isEmpty()) {
      return () -> { };
    }
    Set<String> contactEnabled = new HashSet<>(corp.followUserIds());
    return () -> mirror.upsertStaff(corp.corpId(), null, List.of(member.get()), contactEnabled, clock.instant());
  }

  private Runnable tags(RemoteCorp corp) {
    List<TagGroup> groups = corp.corpTags();
    return () -> {
      Instant now = clock.instant();
      mirror.upsertTagGroups(corp.corpId(), null, groups, now);
      mirror.closeMissingTags(corp.corpId(), groups.stream().flatMap(g -> g.tags().stream()).map(Tag::tagId)
          .toList(), groups.stream().map(TagGroup::groupId).toList(), now);
    };
  }

  @Override
  public void close() {
    workers.shutdownNow();
  }
}
