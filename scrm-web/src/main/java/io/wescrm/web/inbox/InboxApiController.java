package io.wescrm.web.inbox;

import io.wescrm.core.corp.Views;
import io.wescrm.core.inbox.Inbox;
import io.wescrm.core.inbox.InboxRetention;
import io.wescrm.core.inbox.RefetchQueue;
import io.wescrm.core.inbox.StoredEvent;
import io.wescrm.web.api.ApiException;
import io.wescrm.web.api.KnownCorps;
import io.wescrm.web.api.Paging;
import io.wescrm.web.security.AccessScope;
import io.wescrm.web.security.Mobiles;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The callback inbox of a corp: depth, lag, parked events and their replay. */
@RestController
@RequestMapping("/api/corps/{corpId}/inbox")
class InboxApiController {

  private final KnownCorps knownCorps;
  private final Inbox inbox;
  private final RefetchQueue refetches;
  private final Clock clock;
  private final InboxRetention retention;
  private final InboxWorker worker;

  InboxApiController(KnownCorps knownCorps, Inbox inbox, RefetchQueue refetches, Clock clock,
      InboxRetention retention, InboxWorker worker) {
    this.worker = worker;
    this.knownCorps = knownCorps;
    this.inbox = inbox;
    this.refetches = refetches;
    this.clock = clock;
    this.retention = retention;
  }

  @GetMapping
  Map<String, Object> status(@PathVariable String corpId) {
    knownCorps.require(corpId);
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("depth", inbox.depth(corpId));
    status.put("parked", inbox.parkedCount(corpId));
    status.put("oldestUnappliedAgeMs", inbox.oldestUnapplied(corpId)
        .map(t -> Duration.between(t, clock.instant()).toMillis()).orElse(0L));
    status.put("refetchBacklog", refetches.backlog(corpId));
    status.put("refetchLagMs", refetches.oldestDue(corpId, clock.instant())
        .map(t -> Duration.between(t, clock.instant()).toMillis()).orElse(0L));
    status.put("retentionHours", retention.retention().toHours());
    // the node applying this corp's inbox (holding its lease), null while no node holds it (e.g. during a takeover)
    status.put("leaseHolder", worker.leaseHolder(corpId).orElse(null));
    return status;
  }

  /** What became of an event an operator acted on. */
  record EventAction(long id, String status, String message) {
  }

  /** What the purge deleted. */
  record Purged(long deleted, String receivedBefore, long tookMs, String message) {
  }

  /** Why an operator gives up on a parked event (optional). */
  record DiscardRequest(@Size(max = 500, message = "不能超过 500 个字符") String reason) {
  }

  /**
   * Closes a parked event without applying it; the reason is kept on the event (optional body
   * {@code {"reason": "..."}}).
   */
  @PostMapping("/{id}/discard")
  EventAction discard(@PathVariable String corpId, @PathVariable long id,
      @Valid @RequestBody(required = false) DiscardRequest body) {
    knownCorps.require(corpId);
    String reason = body == null ? null : body.reason();
    StoredEvent event = inbox.find(corpId, id).orElseThrow(() -> ApiException.notFound("EVENT_NOT_FOUND",
        "回调事件不存在", "inbox event " + id));
    String note = "discarded by operator" + (reason == null || reason.isBlank() ? "" : ": " + reason.strip())
        + (event.lastError() == null ? "" : " (parked: " + event.lastError() + ")");
    if (!inbox.discard(corpId, id, note, clock.instant())) {
      throw new ApiException(org.springframework.http.HttpStatus.CONFLICT, "EVENT_NOT_PARKED",
          "只有已搁置（PARKED）的事件可以放弃", "inbox event " + id + " is " + event.status());
    }
    return new EventAction(id, "DISCARDED", "事件已放弃，不再应用");
  }

  /** Deletes the corp's applied events older than the retention now (the hourly job does the same). */
  @PostMapping("/purge")
  Purged purge(@PathVariable String corpId) {
    knownCorps.require(corpId);
    InboxRetention.Purge purge = retention.purge(corpId);
    return new Purged(purge.deleted(), purge.before().toString(), purge.took().toMillis(),
        "已清理 " + purge.deleted() + " 条超过保留期的已完成（已应用或已放弃）事件");
  }

  @GetMapping("/parked")
  List<StoredEvent> parked(@PathVariable String corpId,
      @RequestParam(defaultValue = "50") @Min(1) @Max(Paging.MAX_LIMIT) int limit, AccessScope scope) {
    knownCorps.require(corpId);
    return inbox.parked(corpId, Math.max(1, Math.min(500, limit))).stream().map(e -> masked(e, scope)).toList();
  }

  /** Statuses an event can have (the list's filter). */
  private static final List<String> STATUSES = List.of("PENDING", "RETRY", "PARKED", "APPLIED", "IGNORED",
      "DISCARDED");

  /**
   * A page of the corp's events, newest first, optionally of one {@code status} and one {@code event} type; payloads
   * and fields masked as {@link #event} masks them.
   */
  @GetMapping("/events")
  Views.Page<StoredEvent> events(@PathVariable String corpId, @RequestParam(required = false) String status,
      @RequestParam(required = false) @Size(max = 64, message = "事件类型不能超过 64 个字符") String event,
      @RequestParam(defaultValue = "1") @Min(1) @Max(Paging.MAX_PAGE) int page,
      @RequestParam(defaultValue = "20") @Min(1) @Max(Paging.MAX_SIZE) int size, AccessScope scope) {
    knownCorps.require(corpId);
    String wanted = status == null || status.isBlank() ? null : status.strip().toUpperCase(java.util.Locale.ROOT);
    if (wanted != null && !STATUSES.contains(wanted)) {
      throw ApiException.badRequest("status 只能是 " + String.join("、", STATUSES), "status " + status);
    }
    Views.Page<StoredEvent> found = inbox.events(corpId, wanted, event == null || event.isBlank() ? null
        : event.strip(), page, size);
    return new Views.Page<>(found.items().stream().map(e -> masked(e, scope)).toList(), found.page(), found.size(),
        found.total());
  }

  @GetMapping("/{id}")
  StoredEvent event(@PathVariable String corpId, @PathVariable long id, AccessScope scope) {
    knownCorps.require(corpId);
    return masked(inbox.find(corpId, id).orElseThrow(() -> ApiException.notFound("EVENT_NOT_FOUND", "回调事件不存在",
        "inbox event " + id)), scope);
  }

  /** A decrypted payload (and its fields) with every mobile masked for the roles that do not see them whole. */
  private static StoredEvent masked(StoredEvent e, AccessScope scope) {
    if (Mobiles.seesWhole(scope.role())) {
      return e;
    }
    Map<String, String> fields = new LinkedHashMap<>();
    if (e.fields() != null) {
      e.fields().forEach((k, v) -> fields.put(k, Mobiles.maskText(v, scope.role())));
    }
    return new StoredEvent(e.id(), e.corpId(), e.event(), e.changeType(), e.orderKey(), e.eventTime(), fields,
        Mobiles.maskText(e.payload(), scope.role()), e.status(), e.attempts(), e.nextAttemptAt(), e.receivedAt(),
        Mobiles.maskText(e.lastError(), scope.role()));
  }

  @PostMapping("/{id}/replay")
  EventAction replay(@PathVariable String corpId, @PathVariable long id) {
    knownCorps.require(corpId);
    if (!inbox.replay(corpId, id, clock.instant())) {
      throw new ApiException(org.springframework.http.HttpStatus.CONFLICT, "EVENT_NOT_PARKED",
          "只有已搁置（PARKED）的事件可以重放", "inbox event " + id + " is not parked");
    }
    return new EventAction(id, "PENDING", "事件已重新排队");
  }
}
