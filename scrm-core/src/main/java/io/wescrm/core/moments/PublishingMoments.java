package io.wescrm.core.moments;

import io.wescrm.core.campaigns.CampaignAssets;
import io.wescrm.core.campaigns.RemoteCampaigns;
import io.wescrm.core.moments.MomentTasks.MomentTask;
import io.wescrm.core.moments.MomentTasks.Publish;
import io.wescrm.core.moments.MomentTasks.Status;
import io.wescrm.core.remote.RemoteCallException;
import io.wescrm.core.remote.WeComErrorCatalogue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * 朋友圈 publishing (企业发表到客户的朋友圈): a task's publish goes PENDING → CREATING (claimed, written before
 * add_moment_task) → JOB_RUNNING (jobid; get_moment_task_result polled until finished) → PUBLISHING (moment_id, the
 * invalid parts of the range stored; get_moment_task followed, staff who have not published reminded once by app
 * message at the reminder time) → DONE at the deadline (who never published is NOT_PUBLISHED) or when everyone
 * published. Cancellation calls cancel_moment_task.
 *
 * <p><b>A lost answer is never created again.</b> add_moment_task is called once per publish. When its answer is
 * lost (timeout, transport error, errcode -1, or a node that died inside the call: CREATING with a lapsed lease) the
 * publish becomes UNKNOWN. WeCom has no call that finds a job without its jobid, so we look for the moment itself:
 * get_moment_list over the attempt's time, a corp moment (create_type 0) with the same text not held by another
 * publish is adopted. If none appears within {@code adoptWindow} the publish FAILS and says so — it is not retried
 * automatically, because a job whose answer was lost may still have created the moment (WeCom omits the creator of
 * API-created moments, so the text is the only key); the operator decides whether to publish again.
 */
public final class PublishingMoments {

  /**
   * @param lease how long a claim holds a publish (a node that dies frees it after this)
   * @param firstPoll the first job-result poll after creation
   * @param minPoll the shortest and {@code maxPoll} the longest interval between polls of one publish
   * @param adoptWindow how long a lost create is looked for before it fails
   * @param retryBackoff the wait after a refusal that created nothing and may pass (rate limit, busy)
   * @param zone the zone of the deadline in reminders
   */
  public record Settings(Duration lease, Duration firstPoll, Duration minPoll, Duration maxPoll, Duration adoptWindow,
      Duration retryBackoff, int duplicateCheckSeconds, ZoneId zone) {
  }

  private static final System.Logger LOG = System.getLogger(PublishingMoments.class.getName());
  private static final Duration JOB_VALIDITY = Duration.ofHours(24);
  private static final Duration LIST_SLACK = Duration.ofMinutes(1);

  private final MomentTasks store;
  private final RemoteMomentPublishing publishing;
  private final RemoteMoments reads;
  private final RemoteCampaigns messages;
  private final CampaignAssets assets;
  private final Clock clock;
  private final Settings settings;
  private final String node;

  public PublishingMoments(MomentTasks store, RemoteMomentPublishing publishing, RemoteMoments reads,
      RemoteCampaigns messages, CampaignAssets assets, Clock clock, Settings settings, String node) {
    this.store = store;
    this.publishing = publishing;
    this.reads = reads;
    this.messages = messages;
    this.assets = assets;
    this.clock = clock;
    this.settings = settings;
    this.node = node;
  }

  /** Stores a validated task; one without a schedule gets its publish at once (occurrence {@code NOW}). */
  public long create(String corpId, MomentTaskSpec spec) {
    Instant now = clock.instant();
    return store.create(corpId, spec, spec.schedule() == null, now);
  }

  /**
   * A scheduled occurrence: its publish unless the task was cancelled or the occurrence already has one (a fire
   * seen twice publishes once).
   */
  public Optional<Long> fire(String corpId, long taskId, String occurrence, Instant due) {
    Optional<MomentTask> task = store.task(corpId, taskId);
    if (task.isEmpty() || !"ACTIVE".equals(task.get().status())) {
      return Optional.empty();
    }
    return store.addPublish(corpId, taskId, occurrence, due, clock.instant());
  }

  /**
   * Cancels a task: no further occurrence; publishes not created yet are cancelled; a created moment is withdrawn
   * (cancel_moment_task) now if it is free, else by the follower on its next pass.
   */
  public void cancel(MomentTask task) {
    Instant now = clock.instant();
    store.taskCancelled(task.id(), now);
    store.cancelRequested(task.id(), now);
    for (Publish p : store.publishes(task.id())) {
      if (Status.PUBLISHING.equals(p.status())) {
        store.claim(p.id(), node, now, now.plus(settings.lease())).ifPresent(claimed -> {
          try {
            withdraw(claimed, now);
          } catch (RemoteCallException e) {
            store.pollLater(claimed.id(), now.plus(settings.minPoll()), e.getMessage(), now);
          }
        });
      }
    }
  }

  /** Creates up to {@code max} due publishes in WeCom; returns how many were handled. */
  public int createSome(int max) {
    Instant now = clock.instant();
    List<Long> due = store.dueToCreate(now, max);
    int handled = 0;
    for (long id : due) {
      Optional<Publish> claimed = store.claim(id, node, now, now.plus(settings.lease()));
      if (claimed.isPresent()) {
        handled++;
        create(claimed.get());
      }
    }
    return handled;
  }

  private void create(Publish p) {
    Instant now = clock.instant();
    MomentTask task = store.task(p.corpId(), p.taskId()).orElse(null);
    if (task == null || !"ACTIVE".equals(task.status()) || p.cancelRequested()) {
      store.closed(p.id(), Status.CANCELLED, "CANCELLED", now);
      return;
    }
    RemoteMomentTasks wecom = publishing.momentTasks(p.corpId());
    RemoteMomentTasks.Request request;
    try {
      request = request(p.corpId(), task.spec(), wecom);
    } catch (RemoteCallException e) {
      refusedOrLater(p, e, now);
      return;
    }
    if (!store.creating(p.id(), node, clock.instant())) {
      // the lease ran out while attachments were uploaded: another node may hold the publish now
      LOG.log(System.Logger.Level.WARNING, "moment publish {0}: lease lost before add_moment_task; not called",
          p.id());
      return;
    }
    String jobid;
    try {
      jobid = wecom.addMomentTask(request);
    } catch (RemoteCallException e) {
      if (e.errcode() == WeComErrorCatalogue.BUSY) {
        store.unknown(p.id(), "创建请求的结果未知（" + e.getMessage() + "），正在企业微信中查找", now.plus(settings.firstPoll()),
            clock.instant());
      } else {
        refusedOrLater(p, e, now);
      }
      return;
    } catch (RuntimeException e) {
      store.unknown(p.id(), "创建请求的结果未知（" + e + "），正在企业微信中查找", now.plus(settings.firstPoll()),
          clock.instant());
      return;
    }
    store.jobCreated(p.id(), jobid, clock.instant().plus(settings.firstPoll()), clock.instant());
  }

  /** A refusal with an answer: nothing was created. Transient ones wait and try again; the rest fail. */
  private void refusedOrLater(Publish p, RemoteCallException e, Instant now) {
    if (e.kind() == RemoteCallException.Kind.TRANSIENT) {
      Duration wait = e.errcode() == WeComErrorCatalogue.RATE_LIMITED || e.errcode() == 41078
          ? Duration.ofSeconds(60) : settings.retryBackoff();
      store.retryLater(p.id(), now.plus(wait), WeComErrorCatalogue.message(e.errcode()), now);
    } else {
      store.failed(p.id(), e.errcode(), WeComErrorCatalogue.message(e.errcode()), now);
    }
  }

  private RemoteMomentTasks.Request request(String corpId, MomentTaskSpec spec, RemoteMomentTasks wecom) {
    List<RemoteMomentTasks.Attachment> attachments = new ArrayList<>();
    for (MomentTaskSpec.Attachment a : spec.attachments()) {
      if (a.type().equals("link")) {
        attachments.add(new RemoteMomentTasks.Attachment("link", a.mediaId(), a.title(), a.url()));
        continue;
      }
      String mediaId = a.mediaId();
      if (a.assetId() != null) {
        CampaignAssets.Asset asset = assets.asset(corpId, a.assetId()).orElseThrow(() -> new RemoteCallException(
            "media/upload_attachment", 40007, RemoteCallException.Kind.REFUSED, "asset " + a.assetId() + " is gone",
            null));
        mediaId = wecom.uploadAttachment(a.type(), asset.fileName(), asset.content());
      }
      attachments.add(new RemoteMomentTasks.Attachment(a.type(), mediaId, null, null));
    }
    return new RemoteMomentTasks.Request(spec.text() == null ? "" : spec.text().strip(), attachments,
        spec.allStaff() ? List.of() : spec.userids(), spec.allStaff() ? List.of() : spec.departmentIds(),
        spec.tags());
  }

  /** Follows up to {@code max} publishes due for a poll; returns how many were handled. */
  public int followSome(int max) {
    Instant now = clock.instant();
    int handled = 0;
    for (long id : store.dueToFollow(now, max)) {
      Optional<Publish> claimed = store.claim(id, node, now, now.plus(settings.lease()));
      if (claimed.isEmpty()) {
        continue;
      }
      handled++;
      Publish p = claimed.get();
      try {
        follow(p);
      } catch (RemoteCallException e) {
        Instant at = clock.instant();
        if (e.kind() == RemoteCallException.Kind.TRANSIENT || e.kind() == RemoteCallException.Kind.CONFIGURATION) {
          store.pollLater(p.id(), at.plus(e.errcode() == WeComErrorCatalogue.RATE_LIMITED ? Duration.ofSeconds(60)
              : settings.minPoll()), WeComErrorCatalogue.message(e.errcode()), at);
        } else {
          store.failed(p.id(), e.errcode(), WeComErrorCatalogue.message(e.errcode()), at);
        }
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "moment publish " + p.id() + " could not be followed", e);
        store.pollLater(p.id(), clock.instant().plus(settings.minPoll()), String.valueOf(e), clock.instant());
      }
    }
    return handled;
  }

  private void follow(Publish p) {
    Instant now = clock.instant();
    MomentTask task = store.task(p.corpId(), p.taskId()).orElseThrow();
    switch (p.status()) {
      case Status.CREATING -> store.unknown(p.id(), "创建时节点中断，结果未知，正在企业微信中查找", now, now);
      case Status.UNKNOWN -> resolve(p, task, now);
      case Status.JOB_RUNNING -> jobResult(p, task, now);
      case Status.PUBLISHING -> staff(p, task, now);
      default -> store.pollLater(p.id(), now.plus(settings.maxPoll()), null, now);
    }
  }

  /** A lost create: the corp moment with the same text that appeared since the attempt, if any. */
  private void resolve(Publish p, MomentTask task, Instant now) {
    Instant attempt = p.attemptAt() == null ? p.createdAt() : p.attemptAt();
    Instant from = attempt.minus(LIST_SLACK);
    Instant to = now.isBefore(attempt.plus(settings.adoptWindow())) ? now : attempt.plus(settings.adoptWindow());
    String text = task.spec().text() == null ? "" : task.spec().text().strip();
    Optional<RemoteMoment.Moment> found = reads.moments(p.corpId()).moments(from, to.plus(LIST_SLACK)).stream()
        .filter(m -> m.createType() == 0 && Objects.equals(text, m.text() == null ? "" : m.text().strip()))
        .filter(m -> !store.momentTaken(p.corpId(), m.momentId()))
        .min(Comparator.comparing(RemoteMoment.Moment::createTime));
    if (found.isPresent()) {
      LOG.log(System.Logger.Level.INFO, "moment publish {0}: lost create adopted as {1}", p.id(),
          found.get().momentId());
      // the deadline counts from when we learn of the moment (never earlier than for a create that answered)
      created(p, task, new MomentTasks.JobOutcome(found.get().momentId(), null, null, null), now, now);
    } else if (!now.isBefore(attempt.plus(settings.adoptWindow()))) {
      store.failed(p.id(), null, "创建请求的结果未知，且在企业微信中未找到对应的朋友圈；为避免重复发表，系统不会自动重试，"
          + "如需发表请重新创建任务", now);
    } else {
      store.pollLater(p.id(), now.plus(settings.minPoll()), null, now);
    }
  }

  private void jobResult(Publish p, MomentTask task, Instant now) {
    Instant attempt = p.attemptAt() == null ? p.createdAt() : p.attemptAt();
    if (now.isAfter(attempt.plus(JOB_VALIDITY))) {
      store.failed(p.id(), null, "发表任务 jobid 已超过 24 小时有效期，未能取得结果", now);
      return;
    }
    RemoteMomentTasks.JobResult r = publishing.momentTasks(p.corpId()).momentTaskResult(p.jobid());
    if (!r.finished()) {
      store.pollLater(p.id(), now.plus(interval(attempt, now)), null, now);
    } else if (r.errcode() != 0 || r.momentId() == null) {
      store.failed(p.id(), r.errcode(), WeComErrorCatalogue.message(r.errcode())
          + (r.errmsg() == null ? "" : "：" + r.errmsg()), now);
    } else {
      created(p, task, new MomentTasks.JobOutcome(r.momentId(), r.invalidUsers(), r.invalidDepartments(),
          r.invalidTags()), now, now);
    }
  }

  private void created(Publish p, MomentTask task, MomentTasks.JobOutcome outcome, Instant createdAt,
      Instant now) {
    MomentTaskSpec spec = task.spec();
    Instant deadline = createdAt.plus(spec.publishWithin());
    Instant remindAt = spec.remind() ? deadline.minus(spec.remindBefore()) : null;
    store.momentCreated(p.id(), outcome, createdAt, deadline, remindAt, now, now);
  }

  private void staff(Publish p, MomentTask task, Instant now) {
    if (p.cancelRequested()) {
      withdraw(p, now);
      return;
    }
    List<RemoteMoment.Task> tasks = reads.moments(p.corpId()).tasks(p.momentId());
    store.staffStatus(p.id(), p.corpId(), tasks, now);
    boolean everyone = !tasks.isEmpty() && tasks.stream().allMatch(t -> t.publishStatus() == 1);
    if (everyone) {
      store.closed(p.id(), Status.DONE, null, now);
      return;
    }
    if (p.deadlineAt() != null && !now.isBefore(p.deadlineAt())) {
      store.closed(p.id(), Status.DONE, "NOT_PUBLISHED", now);
      return;
    }
    if (p.remindAt() != null && !now.isBefore(p.remindAt())) {
      List<String> remind = store.markReminded(p.id(), now);
      if (!remind.isEmpty()) {
        String name = task.spec().name() == null || task.spec().name().isBlank() ? "朋友圈任务" : task.spec().name();
        String text = "【朋友圈待发表】企业为你安排的朋友圈「" + name + "」你还没有发表，请在 "
            + DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(settings.zone()).format(p.deadlineAt())
            + " 前到企业微信「客户朋友圈」中发表。";
        try {
          messages.campaign(p.corpId()).sendAppText(remind, text, settings.duplicateCheckSeconds());
        } catch (RuntimeException e) {
          // marked before the call: a reminder is sent at most once, even if this one was lost
          LOG.log(System.Logger.Level.WARNING, "moment publish " + p.id() + ": reminder to " + remind
              + " failed: " + e.getMessage());
        }
      }
    }
    Instant next = now.plus(interval(p.createdAt(), now));
    if (p.remindAt() != null && now.isBefore(p.remindAt()) && p.remindAt().isBefore(next)) {
      next = p.remindAt();
    }
    if (p.deadlineAt() != null && p.deadlineAt().isBefore(next)) {
      next = p.deadlineAt();
    }
    store.pollLater(p.id(), next, null, now);
  }

  private void withdraw(Publish p, Instant now) {
    try {
      publishing.momentTasks(p.corpId()).cancelMomentTask(p.momentId());
    } catch (RemoteCallException e) {
      if (e.errcode() != 41060) {   // 41060: the moment is gone already
        throw e;
      }
    }
    store.closed(p.id(), Status.CANCELLED, "CANCELLED", now);
  }

  private Duration interval(Instant since, Instant now) {
    Duration next = Duration.between(since == null ? now : since, now).dividedBy(4);
    if (next.compareTo(settings.minPoll()) < 0) {
      return settings.minPoll();
    }
    return next.compareTo(settings.maxPoll()) > 0 ? settings.maxPoll() : next;
  }
}
