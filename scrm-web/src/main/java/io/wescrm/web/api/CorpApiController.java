package io.wescrm.web.api;

import io.wescrm.core.query.CorpQueries;
import io.wescrm.core.query.CustomerFilter;
import io.wescrm.core.query.Views;
import io.wescrm.core.sync.FullSync;
import io.wescrm.core.sync.RemoteCorps;
import io.wescrm.core.sync.SyncRun;
import io.wescrm.core.sync.SyncRuns;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Read API over the synced corp, and sync control. Documented in the README. */
@RestController
@RequestMapping("/api/corps")
class CorpApiController {

  private final RemoteCorps corps;
  private final CorpQueries queries;
  private final FullSync fullSync;
  private final SyncRuns syncRuns;
  private final KnownCorps knownCorps;

  CorpApiController(RemoteCorps corps, CorpQueries queries, FullSync fullSync, SyncRuns syncRuns,
      KnownCorps knownCorps) {
    this.corps = corps;
    this.knownCorps = knownCorps;
    this.queries = queries;
    this.fullSync = fullSync;
    this.syncRuns = syncRuns;
  }

  @GetMapping
  List<Map<String, String>> corps() {
    return corps.corpIds().stream().map(id -> Map.of("corpId", id, "name", corps.corpName(id))).toList();
  }

  @PostMapping("/{corpId}/sync")
  ResponseEntity<Map<String, Object>> sync(@PathVariable String corpId) {
    knownCorps.require(corpId);
    FullSync.Start start = fullSync.start(corpId, "API");
    if (start instanceof FullSync.Started started) {
      return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("runId", started.runId(), "status", "RUNNING",
          "message", "全量同步已开始"));
    }
    throw new ApiException(HttpStatus.CONFLICT, "SYNC_ALREADY_RUNNING", "该企业的全量同步正在进行中，请稍后再试",
        "a full sync of " + corpId + " is already running");
  }

  @GetMapping("/{corpId}/sync-runs")
  List<SyncRun> syncRuns(@PathVariable String corpId, @RequestParam(defaultValue = "20") int limit) {
    knownCorps.require(corpId);
    return syncRuns.recent(corpId, Math.max(1, Math.min(200, limit)));
  }

  /** Reconciliation runs with their drift: rows they had to repair (changed + marked deleted). */
  @GetMapping("/{corpId}/reconciliation")
  List<Map<String, Object>> reconciliation(@PathVariable String corpId, @RequestParam(defaultValue = "20") int limit) {
    knownCorps.require(corpId);
    return syncRuns.recent(corpId, 500).stream().filter(r -> FullSync.RECONCILE.equals(r.kind()))
        .limit(Math.max(1, Math.min(200, limit)))
        .map(r -> Map.<String, Object>of("runId", r.id(), "scope", String.valueOf(r.scope()), "status",
            r.status().name(), "startedAt", r.startedAt(),
            "drift", r.counts().rowsChanged() + r.counts().markedDeleted(), "rowsChanged", r.counts().rowsChanged(),
            "markedDeleted", r.counts().markedDeleted()))
        .toList();
  }

  /**
   * Starts a reconciliation: over the whole corp ({@code scope=all}, the default), or over the next slice of the
   * staff as the scheduled incremental passes do ({@code scope=next}).
   */
  @PostMapping("/{corpId}/reconciliation")
  ResponseEntity<Map<String, Object>> reconcile(@PathVariable String corpId,
      @RequestParam(defaultValue = "all") String scope) {
    knownCorps.require(corpId);
    if (!scope.equals("all") && !scope.equals("next")) {
      throw new ApiException(HttpStatus.BAD_REQUEST, "INVALID_SCOPE", "scope 只能是 all 或 next",
          "scope must be all or next, not " + scope);
    }
    FullSync.Start start = fullSync.start(corpId, FullSync.RECONCILE, "API", scope.equals("next"));
    if (start instanceof FullSync.Started started) {
      return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("runId", started.runId(), "status", "RUNNING",
          "message", "对账已开始"));
    }
    throw new ApiException(HttpStatus.CONFLICT, "SYNC_ALREADY_RUNNING", "该企业的同步或对账正在进行中，请稍后再试",
        "a run of " + corpId + " is already in progress");
  }

  @GetMapping("/{corpId}/sync-runs/{runId}")
  SyncRun syncRun(@PathVariable String corpId, @PathVariable long runId) {
    knownCorps.require(corpId);
    return syncRuns.find(runId).filter(r -> r.corpId().equals(corpId))
        .orElseThrow(() -> ApiException.notFound("SYNC_RUN_NOT_FOUND", "同步记录不存在", "run " + runId));
  }

  @GetMapping("/{corpId}/customers")
  Views.Page<Views.CustomerSummary> customers(@PathVariable String corpId,
      @RequestParam(required = false) String userid, @RequestParam(required = false) List<String> tag,
      @RequestParam(required = false) String state, @RequestParam(required = false) String addedFrom,
      @RequestParam(required = false) String addedTo, @RequestParam(defaultValue = "active") String relation,
      @RequestParam(required = false) String keyword, @RequestParam(defaultValue = "1") long page,
      @RequestParam(defaultValue = "20") long size) {
    knownCorps.require(corpId);
    CustomerFilter.Relation rel;
    try {
      rel = CustomerFilter.Relation.valueOf(relation.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("relation 只能是 active、deleted 或 any", "relation=" + relation);
    }
    CustomerFilter filter = new CustomerFilter(userid, tag, state, time("addedFrom", addedFrom, false),
        time("addedTo", addedTo, true), rel, keyword);
    return queries.customers(corpId, filter, Math.max(1, page), size);
  }

  @GetMapping("/{corpId}/customers/{externalUserId}")
  Views.CustomerDetail customer(@PathVariable String corpId, @PathVariable String externalUserId) {
    knownCorps.require(corpId);
    return queries.customer(corpId, externalUserId).orElseThrow(() -> ApiException.notFound("CUSTOMER_NOT_FOUND",
        "客户不存在", "external_userid " + externalUserId));
  }

  @GetMapping("/{corpId}/groups")
  Views.Page<Views.GroupSummary> groups(@PathVariable String corpId, @RequestParam(required = false) String owner,
      @RequestParam(defaultValue = "false") boolean includeDismissed, @RequestParam(defaultValue = "1") long page,
      @RequestParam(defaultValue = "20") long size) {
    knownCorps.require(corpId);
    return queries.groups(corpId, owner, includeDismissed, Math.max(1, page), size);
  }

  @GetMapping("/{corpId}/groups/{chatId}")
  Views.GroupDetail group(@PathVariable String corpId, @PathVariable String chatId,
      @RequestParam(defaultValue = "false") boolean includeLeft) {
    knownCorps.require(corpId);
    return queries.group(corpId, chatId, includeLeft).orElseThrow(() -> ApiException.notFound("GROUP_NOT_FOUND",
        "客户群不存在", "chat_id " + chatId));
  }

  @GetMapping("/{corpId}/staff")
  Views.Page<Views.StaffView> staff(@PathVariable String corpId, @RequestParam(required = false) Long department,
      @RequestParam(defaultValue = "1") long page, @RequestParam(defaultValue = "50") long size) {
    knownCorps.require(corpId);
    return queries.staff(corpId, department, Math.max(1, page), size);
  }

  @GetMapping("/{corpId}/tags")
  List<Map<String, Object>> tags(@PathVariable String corpId) {
    knownCorps.require(corpId);
    return queries.tagGroups(corpId);
  }



  /** Accepts an ISO instant (2026-11-01T00:00:00Z) or a date (2026-11-01, server zone; an end date is inclusive). */
  private static Instant time(String name, String value, boolean endOfDay) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException notInstant) {
      try {
        LocalDate date = LocalDate.parse(value);
        return (endOfDay ? date.plusDays(1) : date).atStartOfDay(ZoneId.systemDefault()).toInstant();
      } catch (DateTimeParseException e) {
        throw ApiException.badRequest(name + " 应为日期（2026-11-01）或 ISO 时间（2026-11-01T00:00:00Z）",
            name + "=" + value);
      }
    }
  }
}
