package io.wescrm.core.moments;

import io.wescrm.core.remote.RemoteCallException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

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
 *       of young corp moments with copies not published yet are re-read too;</li>
 *   <li>new interactions are stored idempotently with a durable {@code MomentInteracted} event each (rules
 *       re-evaluate the customer).</li>
 * </ol>
 * Every call is counted per API on the pass record.
 */
public final class SyncingMoments {

  /**
   * @param backfillDays how far back a new corp's history is read
   * @param recheckDays moments younger than this have their likes and comments (and pending tasks) re-read each pass
   * @param maxWindows the most 30-day windows one pass lists (the back-fill's share of the quota per pass)
   * @param listOverlap how far before the watermark each pass starts listing
   */
  public record Settings(int backfillDays, int recheckDays, int maxWindows, Duration listOverlap) {

    public Settings {
      if (backfillDays < 0 || recheckDays < 0 || maxWindows < 1 || listOverlap.isNegative()) {
        throw new IllegalArgumentException("invalid moments settings");
      }
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
    try {
      remote = remotes.moments(corpId);
      Set<String> readThisPass = new LinkedHashSet<>();
      while (from.isBefore(now) && counts.windows < settings.maxWindows()) {
        Instant to = from.plus(RemoteMoment.MAX_WINDOW);
        to = to.isAfter(now) ? now : to;
        List<RemoteMoment.Moment> listed = remote.moments(from, to);
        counts.windows++;
        counts.seen += listed.size();
        Set<String> fresh = store.upsertMoments(corpId, listed, now);
        counts.fresh += fresh.size();
        Map<String, Instant> newest = new TreeMap<>();
        for (RemoteMoment.Moment m : listed) {
          if (m.creator() != null && !m.creator().isEmpty()) {
            newest.merge(m.creator(), m.createTime(), (a, b) -> a.isAfter(b) ? a : b);
          }
          // new, or listed before a failed pass stored its copies
          if (fresh.contains(m.momentId()) || store.copies(corpId, m.momentId()).isEmpty()) {
            if (m.createType() == 0) {
              tasks(remote, corpId, m.momentId(), now);
            } else if (m.creator() != null && !m.creator().isEmpty()) {
              store.upsertCopies(corpId, m.momentId(), List.of(new RemoteMoment.Task(m.creator(), 1)), now);
              sentTo(remote, corpId, m.momentId(), m.creator(), now);
            }
          }
        }
        // likes and comments of copies never read (all of a back-filled window's)
        for (MomentStore.CopyRef copy : store.unreadCopies(corpId)) {
          comments(remote, corpId, copy, now, counts);
          readThisPass.add(copy.momentId() + '\u0000' + copy.userid());
        }
        store.listed(corpId, to, newest, now);
        reached = to;
        from = to;
      }
      Instant young = now.minus(Duration.ofDays(settings.recheckDays()));
      for (String momentId : store.youngCorpMomentsPending(corpId, young)) {
        tasks(remote, corpId, momentId, now);
      }
      for (MomentStore.CopyRef copy : store.unreadCopies(corpId)) {
        comments(remote, corpId, copy, now, counts);
        readThisPass.add(copy.momentId() + '\u0000' + copy.userid());
      }
      for (MomentStore.CopyRef copy : store.youngCopies(corpId, young)) {
        if (readThisPass.add(copy.momentId() + '\u0000' + copy.userid())) {
          comments(remote, corpId, copy, now, counts);
        }
      }
    } catch (RuntimeException e) {
      error = e instanceof RemoteCallException r ? r.api() + " errcode " + r.errcode() + ": " + r.getMessage()
          : e.toString();
    }
    Map<String, Long> calls = remote == null ? Map.of() : new TreeMap<>(remote.calls());
    MomentSyncPass pass = new MomentSyncPass(id, corpId, kind, trigger, error == null ? "SUCCEEDED" : "FAILED",
        counts.windows, counts.seen, counts.fresh, counts.interactions, calls, reached, error, now,
        clock.instant());
    store.finishPass(pass);
    return pass;
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
    counts.interactions += store.recordInteractions(corpId, copy.momentId(), copy.userid(), read.likes(),
        read.comments(), now).size();
  }

  /** 41060 unknown (deleted) moment, 41061 / 41062 the member has no published copy. */
  private static boolean gone(RemoteCallException e) {
    return e.errcode() == 41060 || e.errcode() == 41061 || e.errcode() == 41062;
  }

  private static final class Counts {
    int windows;
    int seen;
    int fresh;
    int interactions;
  }
}
