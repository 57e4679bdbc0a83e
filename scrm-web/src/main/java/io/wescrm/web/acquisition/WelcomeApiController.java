package io.wescrm.web.acquisition;

import io.wescrm.core.acquisition.Attributions;
import io.wescrm.core.acquisition.WelcomeLedger;
import io.wescrm.web.api.ApiException;
import io.wescrm.web.api.Paging;
import io.wescrm.web.security.AccessScope;
import io.wescrm.web.security.StoreScopes;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The welcome ledger (what was sent, when, or why not) and first-touch attribution. A store manager sees the rows of
 * their staff and the attribution of their customers (docs/security.md).
 */
@RestController
@RequestMapping("/api/corps/{corpId}")
class WelcomeApiController {

  private final AcquisitionCorps corps;
  private final WelcomeLedger ledger;
  private final Attributions attributions;
  private final Clock clock;
  private final StoreScopes scopes;

  WelcomeApiController(AcquisitionCorps corps, WelcomeLedger ledger, Attributions attributions, Clock clock,
      StoreScopes scopes) {
    this.scopes = scopes;
    this.corps = corps;
    this.ledger = ledger;
    this.attributions = attributions;
    this.clock = clock;
  }

  /** The newest rows; with {@code customer} (an external_userid) that customer's rows only. */
  @GetMapping("/welcomes")
  List<WelcomeLedger.Entry> recent(@PathVariable String corpId,
      @RequestParam(required = false) WelcomeLedger.Status status,
      @RequestParam(required = false) @Size(max = 64) String customer,
      @RequestParam(defaultValue = "50") @Min(1) @Max(Paging.MAX_LIMIT) int limit, AccessScope scope) {
    corps.require(corpId);
    if (limit < 1 || limit > 1000) {
      throw ApiException.badRequest("limit 取值 1 到 1000", "limit " + limit);
    }
    if (customer != null && !customer.isBlank()) {
      scopes.requireCustomer(scope, customer);
      return ledger.forCustomer(corpId, customer, limit, scopes.staff(scope)).stream()
          .filter(e -> status == null || e.status() == status).toList();
    }
    return ledger.recent(corpId, status, limit, scopes.staff(scope));
  }

  /** Outcomes and arrival-to-send latency of welcomes whose callback arrived in [from, to) (default: 24 h). */
  @GetMapping("/welcomes/summary")
  WelcomeLedger.Summary summary(@PathVariable String corpId,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
      AccessScope scope) {
    corps.require(corpId);
    Instant end = to != null ? to : clock.instant().plusSeconds(1);
    Instant start = from != null ? from : end.minus(Duration.ofDays(1));
    if (!start.isBefore(end)) {
      throw ApiException.badRequest("from 必须早于 to", from + " / " + to);
    }
    return ledger.summary(corpId, start, end, scopes.staff(scope));
  }

  @GetMapping("/welcomes/{code}")
  WelcomeLedger.Entry one(@PathVariable String corpId, @PathVariable String code, AccessScope scope) {
    corps.require(corpId);
    return ledger.find(corpId, code, scopes.staff(scope)).orElseThrow(() -> ApiException.notFound("WELCOME_NOT_FOUND",
        "没有这个欢迎语 code 的记录", "welcome code " + code));
  }

  @GetMapping("/customers/{externalUserId}/attribution")
  Attributions.Attribution attribution(@PathVariable String corpId, @PathVariable String externalUserId,
      AccessScope scope) {
    corps.require(corpId);
    scopes.requireCustomer(scope, externalUserId);
    return attributions.find(corpId, externalUserId).orElseThrow(() -> ApiException.notFound(
        "ATTRIBUTION_NOT_FOUND", "该客户还没有归因记录", "customer " + externalUserId));
  }
}
