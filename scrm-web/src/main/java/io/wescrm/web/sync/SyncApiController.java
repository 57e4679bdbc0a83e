package io.wescrm.web.sync;

import io.wescrm.core.sync.SyncRun;
import io.wescrm.core.sync.SyncRuns;
import io.wescrm.core.sync.SyncingCorp;
import io.wescrm.web.api.ApiException;
import io.wescrm.web.api.KnownCorps;
import io.wescrm.web.api.Paging;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Sync control: full syncs, reconciliation passes and their run records. Documented in the README. */
@RestController
@RequestMapping("/api/corps")
class SyncApiController {

  private final SyncingCorp syncingCorp;
  private final SyncRuns syncRuns;
  private final KnownCorps knownCorps;

  SyncApiController(SyncingCorp syncingCorp, SyncRuns syncRuns, KnownCorps knownCorps) {
    this.syncingCorp = syncingCorp;
    this.syncRuns = syncRuns;
    this.knownCorps = knownCorps;
  }

  @PostMapping("/{corpId}/sync")
  ResponseEntity<RunStarted> sync(@PathVariable String corpId) {
    knownCorps.require(corpId);
    SyncingCorp.Start start = syncingCorp.start(corpId, "API");
    if (start instanceof SyncingCorp.Started started) {
      return ResponseEntity.status(HttpStatus.ACCEPTED).body(new RunStarted(started.runId(), "RUNNING",
          "全量同步已开始"));
    }
    throw new ApiException(HttpStatus.CONFLICT, "SYNC_ALREADY_RUNNING", "该企业的全量同步正在进行中，请稍后再试",
        "a full sync of " + corpId + " is already running");
  }

  /** A run the API started (202). */
  record RunStarted(long runId, String status, String message) {
  }

  /** A reconciliation run with its drift: rows it had to repair (changed + marked deleted). */
  record ReconciliationRun(long runId, String scope, String status, Instant startedAt, long drift, long rowsChanged,
      long markedDeleted) {
  }

  @GetMapping("/{corpId}/sync-runs")
  List<SyncRun> syncRuns(@PathVariable String corpId,
      @RequestParam(defaultValue = "20") @Min(1) @Max(Paging.MAX_LIMIT) int limit) {
    knownCorps.require(corpId);
    return syncRuns.recent(corpId, Math.max(1, Math.min(200, limit)));
  }

  /** Reconciliation runs with their drift: rows they had to repair (changed + marked deleted). */
  @GetMapping("/{corpId}/reconciliation")
  List<ReconciliationRun> reconciliation(@PathVariable String corpId,
      @RequestParam(defaultValue = "20") @Min(1) @Max(Paging.MAX_LIMIT) int limit) {
    knownCorps.require(corpId);
    return syncRuns.recent(corpId, 500).stream().filter(r -> SyncingCorp.RECONCILE.equals(r.kind()))
        .limit(Math.max(1, Math.min(200, limit)))
        .map(r -> new ReconciliationRun(r.id(), String.valueOf(r.scope()), r.status().name(), r.startedAt(),
            r.counts().rowsChanged() + r.counts().markedDeleted(), r.counts().rowsChanged(),
            r.counts().markedDeleted()))
        .toList();
  }

  /**
   * Starts a reconciliation: over the whole corp ({@code scope=all}, the default), or over the next slice of the
   * staff as the scheduled incremental passes do ({@code scope=next}).
   */
  @PostMapping("/{corpId}/reconciliation")
  ResponseEntity<RunStarted> reconcile(@PathVariable String corpId,
      @RequestParam(defaultValue = "all") String scope) {
    knownCorps.require(corpId);
    if (!scope.equals("all") && !scope.equals("next")) {
      throw new ApiException(HttpStatus.BAD_REQUEST, "INVALID_SCOPE", "scope 只能是 all 或 next",
          "scope must be all or next, not " + scope);
    }
    SyncingCorp.Start start = syncingCorp.start(corpId, SyncingCorp.RECONCILE, "API", scope.equals("next"));
    if (start instanceof SyncingCorp.Started started) {
      return ResponseEntity.status(HttpStatus.ACCEPTED).body(new RunStarted(started.runId(), "RUNNING", "对账已开始"));
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
}
