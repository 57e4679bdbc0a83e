package io.wescrm.web.acquisition;

import io.wescrm.core.acquisition.DedupingLeads;
import io.wescrm.core.acquisition.LeadMerges;
import io.wescrm.web.api.ApiException;
import io.wescrm.web.api.Paging;
import io.wescrm.web.security.AccessScope;
import io.wescrm.web.security.Mobiles;
import io.wescrm.web.security.StoreScopes;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Lead dedupe: merge suggestions (shared remark mobile, same unionid) and the operator's decision. */
@RestController
@RequestMapping("/api/corps/{corpId}/lead-merges")
class LeadApiController {

  record Decision(@Size(max = 64, message = "不能超过 64 个字符") String operator) {
  }

  private final AcquisitionCorps corps;
  private final DedupingLeads leads;
  private final StoreScopes scopes;

  LeadApiController(AcquisitionCorps corps, DedupingLeads leads, StoreScopes scopes) {
    this.corps = corps;
    this.leads = leads;
    this.scopes = scopes;
  }

  @PostMapping("/scan")
  DedupingLeads.ScanResult scan(@PathVariable String corpId) {
    corps.require(corpId);
    return leads.scan(corpId);
  }

  @GetMapping
  List<LeadMerges.Suggestion> list(@PathVariable String corpId,
      @RequestParam(required = false) LeadMerges.Status status,
      @RequestParam(defaultValue = "100") @Min(1) @Max(Paging.MAX_LIMIT) int limit, AccessScope scope) {
    corps.require(corpId);
    if (limit < 1 || limit > 1000) {
      throw ApiException.badRequest("limit 取值 1 到 1000", "limit " + limit);
    }
    return leads.list(corpId, status, limit, scopes.staff(scope)).stream().map(s -> masked(s, scope)).toList();
  }

  /** A shared remark mobile is the suggestion's match value: masked for the roles that do not see it whole. */
  private static LeadMerges.Suggestion masked(LeadMerges.Suggestion s, AccessScope scope) {
    if (!"MOBILE".equals(s.matchKind()) || Mobiles.seesWhole(scope.role())) {
      return s;
    }
    return new LeadMerges.Suggestion(s.id(), s.corpId(), s.a(), s.b(), s.matchKind(),
        Mobiles.mask(s.matchValue(), scope.role()), s.status(), s.decidedBy(), s.decidedAt(), s.createdAt());
  }

  @PostMapping("/{id}/accept")
  LeadMerges.Suggestion accept(@PathVariable String corpId, @PathVariable long id, @Valid @RequestBody Decision decision) {
    corps.require(corpId);
    return leads.decide(corpId, id, true, decision.operator());
  }

  @PostMapping("/{id}/reject")
  LeadMerges.Suggestion reject(@PathVariable String corpId, @PathVariable long id, @Valid @RequestBody Decision decision) {
    corps.require(corpId);
    return leads.decide(corpId, id, false, decision.operator());
  }
}
