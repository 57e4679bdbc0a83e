package io.wescrm.core.campaigns;

import io.wescrm.core.campaigns.SendLedger.Task;
import io.wescrm.core.remote.RemoteCallException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Follows created WeCom tasks to their results: get_groupmsg_task (did the sender confirm?) and
 * get_groupmsg_send_result (what happened to each recipient), every page, backing off on 41063 ("still being
 * dispatched"). Unconfirmed senders are reminded (remind_groupmsg_send, at most 3 in 24 h); at the run's deadline an
 * unconfirmed task is cancelled (cancel_groupmsg_send) and its recipients become NOT_CONFIRMED.
 */
public final class FollowingResults {

  /** Poll cadence: the first polls come quickly, later ones slow down to {@code maxInterval}. */
  public record Settings(Duration minInterval, Duration maxInterval, Duration dispatchingBackoff,
      Duration remindAfter, int maxReminders) {
  }

  private static final System.Logger LOG = System.getLogger(FollowingResults.class.getName());

  private final SendLedger ledger;
  private final RemoteCampaigns remote;
  private final CampaignStore campaigns;
  private final Clock clock;
  private final Settings settings;

  public FollowingResults(SendLedger ledger, RemoteCampaigns remote, CampaignStore campaigns, Clock clock,
      Settings settings) {
    this.ledger = ledger;
    this.remote = remote;
    this.campaigns = campaigns;
    this.clock = clock;
    this.settings = settings;
  }

  /** Polls up to {@code max} due tasks; returns how many were polled. */
  public int pollSome(int max) {
    List<Task> due = ledger.tasksToPoll(clock.instant(), max);
    for (Task task : due) {
      try {
        poll(task);
      } catch (RemoteCallException e) {
        Instant now = clock.instant();
        ledger.pollLater(task, now.plus(e.errcode() == 41063 ? settings.dispatchingBackoff()
            : e.errcode() == 45009 ? Duration.ofSeconds(60) : settings.minInterval()), e.getMessage());
      }
    }
    ledger.advanceRuns(clock.instant());
    return due.size();
  }

  void poll(Task task) {
    RemoteCampaign wecom = remote.campaign(task.corpId());
    Instant now = clock.instant();
    if ("CANCELLED".equals(task.runStatus())) {
      cancelCreated(List.of(task));
      return;
    }
    boolean confirmed = false;
    Instant confirmedAt = null;
    for (RemoteCampaign.SenderTask s : wecom.senderTasks(task.msgId())) {
      if (s.userId().equals(task.sender()) && s.status() == 2) {
        confirmed = true;
        confirmedAt = s.sendTime();
      }
    }
    Map<String, Integer> status = new HashMap<>();
    Map<String, Instant> times = new HashMap<>();
    if (confirmed) {
      boolean group = task.channel() == CampaignDefinition.Channel.GROUP;
      for (RemoteCampaign.SendResult r : wecom.sendResults(task.msgId(), task.sender())) {
        String target = group ? r.chatId() : r.externalUserId();
        if (target != null) {
          status.put(target, r.status());
          times.put(target, r.sendTime());
        }
      }
    }
    Instant deadline = task.deadlineAt();
    boolean pastDeadline = deadline != null && !now.isBefore(deadline);
    ledger.applyResults(task, confirmed, confirmedAt, status, times, now, now.plus(interval(task, now)));
    if (pastDeadline) {
      close(wecom, task, confirmed, now);
    } else if (!confirmed) {
      remind(wecom, task, now);
    }
  }

  private Duration interval(Task task, Instant now) {
    Instant since = task.createdAt() == null ? now : task.createdAt();
    Duration age = Duration.between(since, now);
    Duration next = age.dividedBy(4);
    if (next.compareTo(settings.minInterval()) < 0) {
      return settings.minInterval();
    }
    return next.compareTo(settings.maxInterval()) > 0 ? settings.maxInterval() : next;
  }

  /** The deadline passed: cancel what the sender never confirmed; confirmed leftovers (status 0) failed. */
  private void close(RemoteCampaign wecom, Task task, boolean confirmed, Instant now) {
    if (!confirmed) {
      try {
        wecom.cancel(task.msgId());
      } catch (RemoteCallException e) {
        if (e.errcode() != 41093) {
          throw e;
        }
      }
      ledger.taskClosed(task, "CANCELLED", Delivery.NOT_CONFIRMED, now);
    } else {
      ledger.taskClosed(task, "DONE", Delivery.NOT_CONFIRMED, now);
    }
  }

  private void remind(RemoteCampaign wecom, Task task, Instant now) {
    int max = maxReminders(task);
    if (task.reminders() >= max || task.createdAt() == null) {
      return;
    }
    Instant last = task.lastRemindAt() == null ? task.createdAt() : task.lastRemindAt();
    if (Duration.between(last, now).compareTo(remindAfter(task)) < 0) {
      return;
    }
    try {
      wecom.remind(task.msgId());
      ledger.reminded(task, now);
    } catch (RemoteCallException e) {
      if (e.errcode() == 41094) {
        LOG.log(System.Logger.Level.INFO, "campaign task {0}: WeCom refuses more reminders today", task.id());
        ledger.reminded(task, now);
      } else {
        throw e;
      }
    }
  }

  private int maxReminders(Task task) {
    return limits(task).map(l -> Math.min(3, l.maxReminders())).orElse(settings.maxReminders());
  }

  private Duration remindAfter(Task task) {
    return limits(task).filter(l -> l.remindAfterMinutes() > 0).map(l -> Duration.ofMinutes(l.remindAfterMinutes()))
        .orElse(settings.remindAfter());
  }

  private Optional<CampaignDefinition.Limits> limits(Task task) {
    return ledger.run(task.runId()).flatMap(r -> campaigns.definition(r.campaignId(), r.version()))
        .map(CampaignDefinition::limits);
  }

  /** What an operator's reminder did: tasks reminded, and tasks WeCom refused to remind again today (41094). */
  public record Reminded(int reminded, int refused) {
  }

  /**
   * Reminds now the senders of {@code tasks} who have not confirmed their WeCom task yet ({@code remind_groupmsg_send};
   * the operator's "提醒员工"), only {@code senders} when given. A task already reminded as often as WeCom allows (3)
   * is left alone; app messages (一客一话术) have nothing to confirm. Each reminder counts against the task's
   * automatic ones (WeCom's limit is per task and 24 h).
   */
  public Reminded remindNow(List<Task> tasks, Collection<String> senders) {
    Instant now = clock.instant();
    int reminded = 0;
    int refused = 0;
    for (Task task : tasks) {
      if (!"CREATED".equals(task.status()) || task.confirmedAt() != null || task.msgId() == null
          || task.msgId().startsWith("app:") || task.reminders() >= 3
          || (senders != null && !senders.isEmpty() && !senders.contains(task.sender()))) {
        continue;
      }
      try {
        remote.campaign(task.corpId()).remind(task.msgId());
        ledger.reminded(task, now);
        reminded++;
      } catch (RemoteCallException e) {
        if (e.errcode() != 41094) {
          throw e;
        }
        ledger.reminded(task, now);
        refused++;
      }
    }
    return new Reminded(reminded, refused);
  }

  /** Cancels a run's created tasks in WeCom (the operator cancelled the run). */
  public void cancelCreated(List<Task> tasks) {
    Instant now = clock.instant();
    for (Task task : tasks) {
      if (task.msgId() == null || task.msgId().startsWith("app:")) {
        if (List.of("SENDING", "UNKNOWN", "RESOLVING").contains(task.status())) {
          continue; // resolution finds it (and cancels) or closes it
        }
        ledger.taskClosed(task, "CANCELLED", Delivery.CANCELLED, now);
        continue;
      }
      try {
        remote.campaign(task.corpId()).cancel(task.msgId());
      } catch (RemoteCallException e) {
        if (e.errcode() != 41093) {
          LOG.log(System.Logger.Level.WARNING, "cancel of WeCom task " + task.msgId() + " failed: " + e.getMessage());
          continue;
        }
      }
      ledger.taskClosed(task, "CANCELLED", Delivery.CANCELLED, now);
    }
  }
}
