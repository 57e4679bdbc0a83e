package io.wescrm.core.campaigns;

import io.wescrm.core.campaigns.RemoteCampaign.Attachment;
import io.wescrm.core.campaigns.RemoteCampaign.ChatType;
import io.wescrm.core.campaigns.SendLedger.Task;
import io.wescrm.core.remote.RemoteCallException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * Creates the WeCom tasks of planned runs, one claimed task at a time, and never twice: the task row is SENDING
 * before add_msg_template is called, a timeout or -1 leaves it UNKNOWN, and an UNKNOWN task (or a SENDING one whose
 * node died) is first looked for in get_groupmsg_list_v2 — same text, same sender, one of its recipients — and its
 * msgid adopted; only when WeCom has no such message after a grace period is it sent again.
 */
public final class DispatchingCampaigns {

  /** Timings of the dispatch and its resolution. */
  public record Settings(Duration lease, Duration adoptGrace, Duration firstPoll, Duration rateLimitBackoff,
      Duration retryBackoff, int appMessageDuplicateSeconds) {
  }

  private static final System.Logger LOG = System.getLogger(DispatchingCampaigns.class.getName());

  private final SendLedger ledger;
  private final RemoteCampaigns remote;
  private final CampaignStore campaigns;
  private final CampaignAssets assets;
  private final Clock clock;
  private final Settings settings;
  private final String owner;
  private final Predicate<Instant> quiet;
  private final BiFunction<String, List<String>, Map<String, String>> customerNames;

  /**
   * @param quiet whether an instant lies in the corp's quiet hours (免打扰): no task is created then
   * @param customerNames (corp, external_userids) → names, for the scripts of 一客一话术 app messages
   */
  public DispatchingCampaigns(SendLedger ledger, RemoteCampaigns remote, CampaignStore campaigns,
      CampaignAssets assets, Clock clock, Settings settings, String owner, Predicate<Instant> quiet,
      BiFunction<String, List<String>, Map<String, String>> customerNames) {
    this.ledger = ledger;
    this.remote = remote;
    this.campaigns = campaigns;
    this.assets = assets;
    this.clock = clock;
    this.settings = settings;
    this.owner = owner;
    this.quiet = quiet;
    this.customerNames = customerNames;
  }

  /** Resolves the tasks whose outcome is unknown, then creates up to {@code max} due tasks. */
  public int dispatchSome(int max) {
    Instant now = clock.instant();
    resolveUnknown(now);
    if (quiet.test(now)) {
      return 0;
    }
    int done = 0;
    for (Task task : ledger.dueTasks(now, max)) {
      Instant leaseUntil = now.plus(settings.lease()).truncatedTo(ChronoUnit.MILLIS);
      if (ledger.claimTask(task.id(), owner, now, leaseUntil)) {
        dispatch(task, leaseUntil);
        done++;
      }
    }
    ledger.advanceRuns(clock.instant());
    return done;
  }

  /**
   * One claimed task (SENDING, under this worker's lease until {@code leaseUntil}): creates it in WeCom and records
   * the answer. The lease is extended right before the call leaves, once the call gate admitted it: if it ran out
   * while the call waited (the quota is per minute: a wait can outlast the lease) and another worker took the task
   * over, nothing is sent — that worker may already have found no message in WeCom and sent it again.
   */
  public void dispatch(Task task, Instant leaseUntil) {
    List<String> recipients = ledger.recipients(task);
    Instant now = clock.instant();
    if (recipients.isEmpty()) {
      ledger.taskClosed(task, "DONE", Delivery.CANCELLED, now);
      return;
    }
    String text = ledger.renderText(task.runId(), task.renderKey());
    RemoteCampaign wecom = remote.campaign(task.corpId());
    try {
      if (task.channel() == CampaignDefinition.Channel.STAFF_TASK) {
        sendStaffTask(wecom, task, recipients, text);
        return;
      }
      List<Attachment> attachments = attachments(wecom, task);
      ChatType type = task.channel() == CampaignDefinition.Channel.GROUP ? ChatType.GROUP : ChatType.SINGLE;
      RemoteCampaign.CreatedTask created = wecom.addMsgTemplate(new RemoteCampaign.MsgTemplate(type, task.sender(),
          type == ChatType.SINGLE ? recipients : List.of(), type == ChatType.GROUP ? recipients : List.of(), text,
          attachments), () -> {
            Instant at = clock.instant();
            return ledger.holdTask(task.id(), "SENDING", owner, leaseUntil, at, at.plus(settings.lease()));
          });
      Instant at = clock.instant();
      ledger.taskCreated(task, created.msgId(), created.failList(), at, at.plus(settings.firstPoll()));
    } catch (NotSentException e) {
      LOG.log(System.Logger.Level.WARNING, "campaign task {0}: the lease ran out while add_msg_template waited for "
          + "the call gate and the task was taken over; not sent", task.id());
    } catch (RemoteCallException e) {
      failed(task, e);
    } catch (RuntimeException e) {
      // our own failure before or after the call: whether WeCom acted is unknown
      LOG.log(System.Logger.Level.WARNING, "campaign task " + task.id() + " failed: " + e, e);
      ledger.taskUnknown(task, clock.instant(), clock.instant().plus(settings.adoptGrace()), e.toString());
    }
  }

  /**
   * What a failed call means: WeCom refused before acting (rate or concurrency limit: try again later), refused for
   * good (the task fails with the errcode as reason), or may have acted (a timeout, -1, any other transient answer:
   * look before anything is sent again).
   */
  private void failed(Task task, RemoteCallException e) {
    Instant now = clock.instant();
    int code = e.errcode();
    if (code == 45009 || code == 45033) {
      ledger.taskRetryLater(task, now.plus(code == 45009 ? settings.rateLimitBackoff() : settings.retryBackoff()),
          e.getMessage());
    } else if (code == -1 || e.kind() == RemoteCallException.Kind.TRANSIENT) {
      if (task.channel() == CampaignDefinition.Channel.STAFF_TASK) {
        // message/send carries enable_duplicate_check: a repeat inside the interval is dropped by WeCom itself
        ledger.taskRetryLater(task, now.plus(settings.retryBackoff()), e.getMessage());
      } else {
        ledger.taskUnknown(task, now, now.plus(settings.adoptGrace()), e.getMessage());
      }
    } else if (code == 41048 || code == 81013) {
      ledger.taskFailed(task, Delivery.NOT_FRIEND, "wecom_" + code, now);
    } else {
      ledger.taskFailed(task, Delivery.FAILED, "wecom_" + code, now);
    }
  }

  private void sendStaffTask(RemoteCampaign wecom, Task task, List<String> recipients, String text) {
    Map<String, String> names = customerNames.apply(task.corpId(), recipients);
    List<String> shown = recipients.stream().map(r -> names.getOrDefault(r, r)).limit(20).toList();
    String message = "【一客一话术】请将下面的话术发给客户：" + String.join("、", shown)
        + (recipients.size() > shown.size() ? " 等 " + recipients.size() + " 位" : "") + "\n\n" + text;
    RemoteCampaign.AppMessageResult result = wecom.sendAppText(List.of(task.sender()), message,
        settings.appMessageDuplicateSeconds());
    Instant now = clock.instant();
    if (result.invalidUsers().contains(task.sender())) {
      ledger.taskFailed(task, Delivery.FAILED, "staff_unreachable", now);
      return;
    }
    ledger.taskCreated(task, "app:" + (result.msgId() == null ? task.id() : result.msgId()), List.of(), now, now);
    // WeCom cannot tell whether staff forwarded the script: delivered to the staff's task list is the final state
    Map<String, Integer> all = new HashMap<>();
    recipients.forEach(r -> all.put(r, 1));
    ledger.applyResults(task, true, now, all, Map.of(), now, now);
  }

  private List<Attachment> attachments(RemoteCampaign wecom, Task task) {
    Optional<CampaignDefinition> definition = campaigns.definition(task.campaignId(), versionOf(task));
    if (definition.isEmpty()) {
      return List.of();
    }
    CampaignDefinition.Content content = contentOf(definition.get(), task);
    List<Attachment> out = new ArrayList<>();
    for (AttachmentSpec spec : content.attachments()) {
      out.add(toWeCom(wecom, task.corpId(), spec));
    }
    return out;
  }

  private int versionOf(Task task) {
    return ledger.run(task.runId()).map(CampaignRun::version).orElse(1);
  }

  private CampaignDefinition.Content contentOf(CampaignDefinition definition, Task task) {
    if (definition.sop() != null) {
      Integer step = ledger.run(task.runId()).map(CampaignRun::sopStep).orElse(null);
      if (step != null && step < definition.sop().steps().size()) {
        return definition.sop().steps().get(step).content();
      }
    }
    return definition.content();
  }

  private Attachment toWeCom(RemoteCampaign wecom, String corpId, AttachmentSpec spec) {
    Map<String, String> f = spec.fields();
    Map<String, Object> body = new LinkedHashMap<>();
    switch (spec.type()) {
      case "image" -> {
        if (f.get("assetId") != null) {
          body.put("media_id", media(wecom, corpId, f.get("assetId"), "image"));
        } else {
          body.put("pic_url", f.get("picUrl"));
        }
      }
      case "link" -> {
        body.put("title", f.get("title"));
        body.put("url", f.get("url"));
        if (f.get("picUrl") != null) {
          body.put("picurl", f.get("picUrl"));
        }
        if (f.get("desc") != null) {
          body.put("desc", f.get("desc"));
        }
      }
      case "miniprogram" -> {
        body.put("title", f.get("title"));
        body.put("pic_media_id", f.get("picAssetId") != null ? media(wecom, corpId, f.get("picAssetId"), "image")
            : f.get("picMediaId"));
        body.put("appid", f.get("appId"));
        body.put("page", f.get("page"));
      }
      default -> body.put("media_id", f.get("assetId") != null
          ? media(wecom, corpId, f.get("assetId"), spec.type()) : f.get("mediaId"));
    }
    return new Attachment(spec.type(), body);
  }

  /** The asset's media id, uploaded again when the last one is older than 3 days minus an hour. */
  private String media(RemoteCampaign wecom, String corpId, String assetId, String type) {
    CampaignAssets.Asset asset = assets.asset(corpId, Long.parseLong(assetId))
        .orElseThrow(() -> new IllegalStateException("asset " + assetId + " is gone"));
    Instant now = clock.instant();
    if (asset.mediaId() != null && asset.mediaExpiresAt() != null && asset.mediaExpiresAt().isAfter(now)) {
      return asset.mediaId();
    }
    String mediaId = wecom.uploadMedia(type, asset.fileName(), asset.content());
    assets.mediaUploaded(asset.id(), mediaId, now.plus(Duration.ofDays(3)).minus(Duration.ofHours(1)));
    return mediaId;
  }

  /**
   * Resolves UNKNOWN tasks and SENDING tasks whose lease expired: adopts the message WeCom holds for it, or sends it
   * again (PENDING) once WeCom has had {@code adoptGrace} to list it and still does not.
   */
  public void resolveUnknown(Instant now) {
    for (Task task : ledger.tasksToResolve(now, 20)) {
      Instant leaseUntil = now.plus(settings.lease()).truncatedTo(ChronoUnit.MILLIS);
      if (!ledger.claimResolution(task, owner, now, leaseUntil)) {
        continue;
      }
      try {
        resolve(task, now, leaseUntil);
      } catch (RemoteCallException e) {
        ledger.resolveLater(task, now.plus(e.errcode() == 45009 ? settings.rateLimitBackoff()
            : Duration.ofSeconds(5)));
      }
    }
  }

  private void resolve(Task task, Instant now, Instant leaseUntil) {
    Instant started = task.attemptAt() == null ? now : task.attemptAt();
    if (task.channel() == CampaignDefinition.Channel.STAFF_TASK) {
      ledger.taskRetryLater(task, now, "resolved: app messages are de-duplicated by WeCom");
      return;
    }
    RemoteCampaign wecom = remote.campaign(task.corpId());
    ChatType type = task.channel() == CampaignDefinition.Channel.GROUP ? ChatType.GROUP : ChatType.SINGLE;
    String text = ledger.renderText(task.runId(), task.renderKey());
    List<String> recipients = ledger.recipients(task);
    Set<String> mine = new HashSet<>(recipients);
    List<RemoteCampaign.GroupMsg> candidates = wecom.groupMsgs(type, started.minus(Duration.ofMinutes(2)),
        now.plus(Duration.ofMinutes(1)));
    for (RemoteCampaign.GroupMsg msg : candidates) {
      if (!sameText(text, msg.text()) || ledger.msgIdTaken(task.corpId(), msg.msgId())) {
        continue;
      }
      List<RemoteCampaign.SenderTask> senders = wecom.senderTasks(msg.msgId());
      if (senders.stream().noneMatch(s -> s.userId().equals(task.sender()))) {
        continue;
      }
      List<RemoteCampaign.SendResult> results = wecom.sendResults(msg.msgId(), task.sender());
      boolean ours = mine.isEmpty() || results.stream().anyMatch(r -> mine.contains(
          type == ChatType.GROUP ? r.chatId() : r.externalUserId()));
      if (!ours) {
        continue;
      }
      LOG.log(System.Logger.Level.INFO, "campaign task {0}: adopted WeCom message {1} after an unknown outcome",
          task.id(), msg.msgId());
      Set<String> listed = new HashSet<>();
      results.forEach(r -> listed.add(type == ChatType.GROUP ? r.chatId() : r.externalUserId()));
      List<String> failList = type == ChatType.GROUP ? List.of()
          : recipients.stream().filter(r -> !listed.contains(r)).toList();
      ledger.taskCreated(task, msg.msgId(), failList.size() == recipients.size() ? List.of() : failList, now, now);
      return;
    }
    if (Duration.between(started, now).compareTo(settings.adoptGrace()) < 0) {
      ledger.resolveLater(task, started.plus(settings.adoptGrace()));
      return;
    }
    if ("CANCELLED".equals(task.runStatus())) {
      ledger.taskClosed(task, "CANCELLED", Delivery.CANCELLED, now);
      return;
    }
    Instant at = clock.instant();
    if (!ledger.holdTask(task.id(), "RESOLVING", owner, leaseUntil, at, at.plus(settings.lease()))) {
      // the resolution outlasted its lease (its calls wait for the gate too) and another worker took it over
      return;
    }
    LOG.log(System.Logger.Level.INFO, "campaign task {0}: WeCom holds no message for it, sending again", task.id());
    ledger.taskRetryLater(task, now, "not found in get_groupmsg_list_v2: sent again");
  }

  private static boolean sameText(String ours, String theirs) {
    String a = ours == null ? "" : ours;
    String b = theirs == null ? "" : theirs;
    return a.equals(b);
  }
}
