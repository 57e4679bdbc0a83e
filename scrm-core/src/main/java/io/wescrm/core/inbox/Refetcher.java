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
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Works off the coalesced re-fetch queue: one WeCom call per object however many events named it, under the same
 * call gate (rate and concurrency limits) as everything else, then an idempotent upsert of the details.
 */
public final class Refetcher implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Refetcher.class);

  private final RefetchQueue queue;
  private final RemoteCorps remote;
  private final CorpMirror mirror;
  private final Clock clock;
  private final ExecutorService workers;
  private final int batch;

  public Refetcher(RefetchQueue queue, RemoteCorps remote, CorpMirror mirror, Clock clock, int parallel, int batch) {
    this.queue = queue;
    this.remote = remote;
    this.mirror = mirror;
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
    List<Future<?>> running = due.stream().map(e -> workers.submit(() -> refetch(corp, e))).<Future<?>>map(f -> f)
        .toList();
    for (Future<?> f : running) {
      try {
        f.get();
      } catch (java.util.concurrent.ExecutionException e) {
        log.error("Re-fetch failed", e.getCause());
      }
    }
    return due.size();
  }

  private void refetch(RemoteCorp corp, Entry e) {
    Instant started = clock.instant();
    try {
      switch (e.kind()) {
        case CUSTOMER -> customer(corp, e.refId());
        case GROUP -> group(corp, e.refId());
        case STAFF -> staff(corp, e.refId());
        case TAGS -> tags(corp);
        default -> throw new IllegalStateException("unknown kind " + e.kind());
      }
      queue.done(e, started);
    } catch (RuntimeException failure) {
      boolean configuration = failure instanceof RemoteCallException r
          && r.kind() == RemoteCallException.Kind.CONFIGURATION;
      Duration wait = configuration ? Duration.ofMinutes(5)
          : Duration.ofSeconds(Math.min(300, 1L << Math.min(8, e.attempts())));
      queue.failed(e, clock.instant().plus(wait), failure.toString());
      log.warn("Re-fetch of {} {} (corp {}) failed, next try in {}: {}", e.kind(), e.refId(), e.corpId(), wait,
          failure.toString());
    }
  }

  private void customer(RemoteCorp corp, String externalUserId) {
    Instant now = clock.instant();
    Optional<List<CustomerFollow>> follows = corp.customer(externalUserId);
    List<CustomerFollow> items = follows.orElse(List.of());
    if (!items.isEmpty()) {
      mirror.upsertCustomerPage(corp.corpId(), null, items, now, now);
    }
    mirror.closeMissingFollows(corp.corpId(), externalUserId,
        items.stream().map(i -> i.follow().userid()).toList(), now);
  }

  private void group(RemoteCorp corp, String chatId) {
    Instant now = clock.instant();
    Optional<GroupChat> chat = corp.groupChat(chatId);
    if (chat.isEmpty()) {
      mirror.closeMissingMembers(corp.corpId(), chatId, List.of(), now);
      return;
    }
    mirror.upsertGroupChats(corp.corpId(), null, List.of(chat.get()), now);
    mirror.closeMissingMembers(corp.corpId(), chatId, chat.get().members().stream().map(GroupMember::memberId)
        .toList(), now);
  }

  private void staff(RemoteCorp corp, String userid) {
    Optional<StaffMember> member = corp.staff(userid);
    if (member.isPresent()) {
      mirror.upsertStaff(corp.corpId(), null, List.of(member.get()), new HashSet<>(corp.followUserIds()),
          clock.instant());
    }
  }

  private void tags(RemoteCorp corp) {
    Instant now = clock.instant();
    List<TagGroup> groups = corp.corpTags();
    mirror.upsertTagGroups(corp.corpId(), null, groups, now);
    mirror.closeMissingTags(corp.corpId(), groups.stream().flatMap(g -> g.tags().stream()).map(Tag::tagId).toList(),
        groups.stream().map(TagGroup::groupId).toList(), now);
  }

  @Override
  public void close() {
    workers.shutdownNow();
  }
}
