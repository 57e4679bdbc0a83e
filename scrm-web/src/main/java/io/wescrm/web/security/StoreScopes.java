package io.wescrm.web.security;

import io.wescrm.core.corp.StoreStaff;
import io.wescrm.core.corp.jdbc.CorpQueries;
import io.wescrm.web.api.ApiException;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * A request's store scope for the slices' queries (docs/security.md "Store scope"): the staff of a store manager's
 * stores, resolved once per call, and the by-id customer check (another store's customer is 404, as if it did not
 * exist).
 */
@Component
public class StoreScopes {

  private final StoreStaff storeStaff;
  private final CorpQueries queries;

  StoreScopes(StoreStaff storeStaff, CorpQueries queries) {
    this.storeStaff = storeStaff;
    this.queries = queries;
  }

  /** Null (no filter) unless the account is a store manager: then the userids of its stores' staff. */
  public Set<String> staff(AccessScope scope) {
    return scope.allStores() ? null : storeStaff.staffOf(scope.corpId(), scope.stores());
  }

  /** 404 {@code CUSTOMER_NOT_FOUND} when a store manager asks for a customer that is not one of their stores'. */
  public void requireCustomer(AccessScope scope, String externalUserId) {
    if (!scope.allStores() && !queries.visible(scope.corpId(), externalUserId, staff(scope))) {
      throw ApiException.notFound("CUSTOMER_NOT_FOUND", "客户不存在", "external_userid " + externalUserId);
    }
  }
}
