package io.wescrm.web.security;

import io.wescrm.core.accounts.Account;
import io.wescrm.core.accounts.Role;
import java.util.Set;

/**
 * What the current account may see in the corp of a {@code /api/corps/{corpId}/…} request: resolved once by
 * {@link CorpScopeInterceptor} (404 unknown corp, 403 corp not bound) and handed to any controller method that
 * declares a parameter of this type. Queries filter by {@link #stores()} when {@link #allStores()} is false (a store
 * manager): see docs/security.md "Store scope" for the pattern.
 *
 * @param stores the store department ids (each with its sub-departments) of a store manager; empty otherwise
 */
public record AccessScope(Account account, Role role, String corpId, Set<Long> stores) {

  public AccessScope {
    stores = stores == null ? Set.of() : Set.copyOf(stores);
  }

  /** True for every role but the store manager: no store filter applies. */
  public boolean allStores() {
    return role != Role.STORE_MANAGER;
  }

  public String username() {
    return account.username();
  }
}
