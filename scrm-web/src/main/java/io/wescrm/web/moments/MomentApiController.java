package io.wescrm.web.moments;

import io.wescrm.core.corp.StoreStaff;
import io.wescrm.core.moments.MomentSyncPass;
import io.wescrm.core.moments.jdbc.JdbcMomentQueries;
import io.wescrm.core.moments.jdbc.JdbcMomentStore;
import io.wescrm.web.api.ApiException;
import io.wescrm.web.api.KnownCorps;
import io.wescrm.web.api.Paging;
import io.wescrm.web.security.AccessScope;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Customer moments (客户朋友圈) and their interactions, polled from WeCom. Documented in docs/moments.md. */
@RestController
@RequestMapping("/api/corps")
class MomentApiController {

  private final JdbcMomentQueries queries;
  private final JdbcMomentStore store;
  private final MomentSyncs syncs;
  private final KnownCorps knownCorps;
  private final StoreStaff storeStaff;

  MomentApiController(JdbcMomentQueries queries, JdbcMomentStore store, MomentSyncs syncs, KnownCorps knownCorps,
      StoreStaff storeStaff) {
    this.storeStaff = storeStaff;
    this.queries = queries;
    this.store = store;
    this.syncs = syncs;
    this.knownCorps = knownCorps;
  }

  @GetMapping("/{corpId}/moments")
  Map<String, Object> moments(@PathVariable String corpId, @RequestParam(required = false) String from,
      @RequestParam(required = false) String to, @RequestParam(required = false) String creator,
      @RequestParam(defaultValue = "1") @Min(1) @Max(Paging.MAX_PAGE) int page,
      @RequestParam(defaultValue = "20") @Min(1) @Max(Paging.MAX_SIZE) int size, AccessScope scope) {
    knownCorps.require(corpId);
    if (page < 1 || size < 1 || size > 200) {
      throw ApiException.badRequest("分页参数无效：page 从 1 开始，size 为 1–200", "page=" + page + ", size=" + size);
    }
    return queries.moments(corpId, time("from", from), time("to", to), creator, page, size, staffScope(scope));
  }

  @GetMapping("/{corpId}/moments/{momentId}")
  Map<String, Object> moment(@PathVariable String corpId, @PathVariable String momentId, AccessScope scope) {
    knownCorps.require(corpId);
    return queries.moment(corpId, momentId, staffScope(scope)).orElseThrow(() -> ApiException.notFound(
        "MOMENT_NOT_FOUND", "朋友圈不存在（或尚未同步）", "no moment " + momentId + " in corp " + corpId));
  }

  @GetMapping("/{corpId}/customers/{externalUserId}/interactions")
  List<Map<String, Object>> interactions(@PathVariable String corpId, @PathVariable String externalUserId,
      @RequestParam(defaultValue = "100") @Min(1) @Max(Paging.MAX_LIMIT) int limit, AccessScope scope) {
    knownCorps.require(corpId);
    Set<String> staff = staffScope(scope);
    if (!queries.customerKnown(corpId, externalUserId, staff)) {
      throw ApiException.notFound("CUSTOMER_NOT_FOUND", "客户不存在", "no customer " + externalUserId + " in corp "
          + corpId);
    }
    return queries.interactions(corpId, externalUserId, Math.max(1, Math.min(1000, limit)), staff);
  }

  @PostMapping("/{corpId}/moments/sync")
  ResponseEntity<Map<String, Object>> sync(@PathVariable String corpId) {
    knownCorps.require(corpId);
    if (!syncs.start(corpId, "API")) {
      throw new ApiException(HttpStatus.CONFLICT, "MOMENT_SYNC_RUNNING", "该企业的朋友圈同步正在进行中，请稍后再试",
          "a moment sync of " + corpId + " is already running");
    }
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("status", "RUNNING", "message", "朋友圈同步已开始"));
  }

  @GetMapping("/{corpId}/moment-syncs")
  List<MomentSyncPass> syncRuns(@PathVariable String corpId,
      @RequestParam(defaultValue = "20") @Min(1) @Max(Paging.MAX_LIMIT) int limit) {
    knownCorps.require(corpId);
    return store.recentPasses(corpId, Math.max(1, Math.min(200, limit)));
  }

  /** Null (every moment) unless the account is a store manager: then its stores' staff. */
  private Set<String> staffScope(AccessScope scope) {
    return scope.allStores() ? null : storeStaff.staffOf(scope.corpId(), scope.stores());
  }

  private static Instant time(String name, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      try {
        return java.time.LocalDate.parse(value).atStartOfDay(java.time.ZoneId.systemDefault()).toInstant();
      } catch (DateTimeParseException e2) {
        throw ApiException.badRequest("时间格式无效：" + name + " 应为 ISO-8601（如 2026-12-01 或 2026-12-01T00:00:00Z）",
            name + "=" + value);
      }
    }
  }
}
