package io.wescrm.web.corp;

import io.wescrm.core.corp.CustomerFilter;
import io.wescrm.core.corp.StoreStaff;
import io.wescrm.core.corp.Views;
import io.wescrm.core.corp.jdbc.CorpQueries;
import io.wescrm.core.remote.RemoteCorps;
import io.wescrm.core.rules.LifecycleStage;
import io.wescrm.web.api.ApiException;
import io.wescrm.web.api.KnownCorps;
import io.wescrm.web.api.Paging;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import io.wescrm.web.security.AccessScope;
import io.wescrm.web.security.CurrentAccount;
import io.wescrm.web.security.Mobiles;
import io.wescrm.web.security.StoreScopes;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Read API over the synced corp (customers, groups, staff, tags). Documented in the README. Customers are the model
 * of store scope (docs/security.md): a store manager's lists, counts and by-id reads see only the customers with a
 * relation to their stores' staff (and of those relations only their own), the groups their staff own and their
 * staff; remark mobiles are masked for roles that do not see them whole ({@link Mobiles}).
 */
@RestController
@RequestMapping("/api/corps")
class CorpApiController {

  private final RemoteCorps corps;
  private final CorpQueries queries;
  private final KnownCorps knownCorps;
  private final StoreScopes scopes;
  private final StoreStaff storeStaffOf;

  CorpApiController(RemoteCorps corps, CorpQueries queries, KnownCorps knownCorps, StoreScopes scopes,
      StoreStaff storeStaffOf) {
    this.storeStaffOf = storeStaffOf;
    this.corps = corps;
    this.scopes = scopes;
    this.knownCorps = knownCorps;
    this.queries = queries;
  }

  /** The corps the account serves. */
  @GetMapping
  List<Map<String, String>> corps() {
    return corps.corpIds().stream().filter(id -> CurrentAccount.get().map(a -> a.servesCorp(id)).orElse(false))
        .map(id -> Map.of("corpId", id, "name", corps.corpName(id))).toList();
  }

  @GetMapping("/{corpId}/customers")
  Views.Page<Views.CustomerSummary> customers(@PathVariable String corpId,
      @RequestParam(required = false) @Size(max = 64) String userid,
      @RequestParam(required = false) @Size(max = 50) List<@Size(max = 64) String> tag,
      @RequestParam(required = false) @Size(max = 64) String state,
      @RequestParam(required = false) @Size(max = 40) String addedFrom,
      @RequestParam(required = false) @Size(max = 40) String addedTo,
      @RequestParam(defaultValue = "active") String relation,
      @RequestParam(required = false) @Size(max = 64) String keyword,
      @RequestParam(required = false) Long department,
      @RequestParam(required = false) @Size(max = 16) String stage,
      @RequestParam(defaultValue = "1") @Min(1) @Max(Paging.MAX_PAGE) long page,
      @RequestParam(defaultValue = "20") @Min(1) @Max(Paging.MAX_SIZE) long size, AccessScope scope) {
    knownCorps.require(corpId);
    if (stage != null && !stage.isBlank() && !CustomerFilter.NO_STAGE.equals(stage)
        && Arrays.stream(LifecycleStage.values()).noneMatch(s -> s.key().equals(stage))) {
      throw ApiException.invalidField("stage", "生命周期阶段只能是 new、growing、mature、at_risk、lost 或 none（未分层）");
    }
    CustomerFilter.Relation rel;
    try {
      rel = CustomerFilter.Relation.valueOf(relation.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("relation 只能是 active、deleted 或 any", "relation=" + relation);
    }
    // a store (department) filter: relations with that store's staff; a store manager's own scope still applies
    Set<String> storeStaff = department == null ? null : storeStaffOf.staffOf(corpId, Set.of(department));
    CustomerFilter filter = new CustomerFilter(userid, tag, state, time("addedFrom", addedFrom, false),
        time("addedTo", addedTo, true), rel, keyword, scopes.staff(scope), stage, storeStaff);
    return queries.customers(corpId, filter, Math.max(1, page), size);
  }

  @GetMapping("/{corpId}/customers/{externalUserId}")
  Views.CustomerDetail customer(@PathVariable String corpId, @PathVariable String externalUserId,
      AccessScope scope) {
    knownCorps.require(corpId);
    Views.CustomerDetail c = queries.customer(corpId, externalUserId, scopes.staff(scope)).orElseThrow(
        () -> ApiException.notFound("CUSTOMER_NOT_FOUND", "客户不存在", "external_userid " + externalUserId));
    if (Mobiles.seesWhole(scope.role())) {
      return c;
    }
    return new Views.CustomerDetail(c.externalUserId(), c.name(), c.type(), c.gender(), c.unionid(), c.avatar(),
        c.position(), c.corpName(), c.corpFullName(), c.lifecycleStage(), c.updatedAt(), c.follows().stream()
            .map(f -> new Views.FollowView(f.userid(), f.staffName(), f.remark(), f.description(),
                f.remarkCorpName(), Mobiles.mask(f.remarkMobiles(), scope.role()), f.addWay(), f.state(),
                f.operUserid(), f.addedAt(), f.deletedAt(), f.deletedBy(), f.tags())).toList());
  }

  @GetMapping("/{corpId}/groups")
  Views.Page<Views.GroupSummary> groups(@PathVariable String corpId, @RequestParam(required = false) String owner,
      @RequestParam(defaultValue = "false") boolean includeDismissed,
      @RequestParam(defaultValue = "1") @Min(1) @Max(Paging.MAX_PAGE) long page,
      @RequestParam(defaultValue = "20") @Min(1) @Max(Paging.MAX_SIZE) long size, AccessScope scope) {
    knownCorps.require(corpId);
    return queries.groups(corpId, owner, includeDismissed, Math.max(1, page), size, scopes.staff(scope));
  }

  @GetMapping("/{corpId}/groups/{chatId}")
  Views.GroupDetail group(@PathVariable String corpId, @PathVariable String chatId,
      @RequestParam(defaultValue = "false") boolean includeLeft, AccessScope scope) {
    knownCorps.require(corpId);
    return queries.group(corpId, chatId, includeLeft, scopes.staff(scope)).orElseThrow(() -> ApiException.notFound("GROUP_NOT_FOUND",
        "客户群不存在", "chat_id " + chatId));
  }

  @GetMapping("/{corpId}/staff")
  Views.Page<Views.StaffView> staff(@PathVariable String corpId, @RequestParam(required = false) Long department,
      @RequestParam(defaultValue = "1") @Min(1) @Max(Paging.MAX_PAGE) long page,
      @RequestParam(defaultValue = "50") @Min(1) @Max(Paging.MAX_SIZE) long size, AccessScope scope) {
    knownCorps.require(corpId);
    return queries.staff(corpId, department, Math.max(1, page), size, scopes.staff(scope));
  }

  /** Departments (stores are departments) with their staff counts; a store manager sees its stores only. */
  @GetMapping("/{corpId}/departments")
  List<Views.DepartmentView> departments(@PathVariable String corpId, AccessScope scope) {
    return queries.departments(corpId, scope.allStores() ? null : scope.stores());
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
