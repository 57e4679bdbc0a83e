package io.wescrm.web.community;

import io.wescrm.core.community.GroupAnalytics;
import io.wescrm.core.community.GroupStatsQueries;
import io.wescrm.core.community.PullingGroupStats;
import io.wescrm.web.api.ApiException;
import io.wescrm.core.corp.StoreStaff;
import io.wescrm.web.api.KnownCorps;
import io.wescrm.web.security.AccessScope;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Group analytics: {@code GET group-stats?from=&to=&by=day|store|owner} from our own member events, and
 * {@code GET group-stats/wecom?from=&to=} WeCom's daily statistics as pulled ({@code POST group-stats/wecom/pull}).
 */
@RestController
@RequestMapping("/api/corps/{corpId}/group-stats")
class GroupStatsApiController {

  private final KnownCorps corps;
  private final GroupAnalytics analytics;
  private final PullingGroupStats pulls;
  private final StoreStaff storeStaff;

  GroupStatsApiController(KnownCorps corps, GroupAnalytics analytics, PullingGroupStats pulls, StoreStaff storeStaff) {
    this.storeStaff = storeStaff;
    this.corps = corps;
    this.analytics = analytics;
    this.pulls = pulls;
  }

  @GetMapping
  Map<String, Object> stats(@PathVariable String corpId,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
      @RequestParam(defaultValue = "day") String by, AccessScope scope) {
    corps.require(corpId);
    Set<String> owners = owners(scope);
    LocalDate end = to != null ? to : analytics.today();
    LocalDate start = from != null ? from : end.minusDays(6);
    List<?> rows = switch (by) {
      case "day" -> analytics.byDay(corpId, start, end, owners);
      case "store" -> analytics.byStore(corpId, start, end, owners);
      case "owner" -> analytics.byOwner(corpId, start, end, owners);
      default -> throw ApiException.badRequest("by 只能是 day、store 或 owner", "by=" + by);
    };
    return Map.of("from", start, "to", end, "by", by, "zone", analytics.zone().getId(), "rows", rows);
  }

  @GetMapping("/wecom")
  Map<String, Object> wecom(@PathVariable String corpId,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
      AccessScope scope) {
    corps.require(corpId);
    LocalDate end = to != null ? to : analytics.today().minusDays(1);
    LocalDate start = from != null ? from : end.minusDays(6);
    List<GroupStatsQueries.OwnerDayStat> rows = pulls.stored(corpId, start, end, owners(scope));
    return Map.of("from", start, "to", end, "rows", rows);
  }

  /** Null (every group) unless the account is a store manager: then its stores' staff, whose groups count. */
  private Set<String> owners(AccessScope scope) {
    return scope.allStores() ? null : storeStaff.staffOf(scope.corpId(), scope.stores());
  }

  /** Pulls WeCom's statistics of the days now (the daily job does it for the last days). */
  @PostMapping("/wecom/pull")
  PullingGroupStats.Pull pull(@PathVariable String corpId,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
    corps.require(corpId);
    LocalDate end = to != null ? to : analytics.today().minusDays(1);
    LocalDate start = from != null ? from : end;
    return pulls.pull(corpId, start, end);
  }
}
