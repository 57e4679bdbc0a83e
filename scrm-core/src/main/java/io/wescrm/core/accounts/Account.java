package io.wescrm.core.accounts;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * A local account. An {@link Role#ADMIN} serves every corp of the deployment (account management is deployment-wide,
 * so binding an admin to one corp would be illusory); the others serve the corps in {@code corps}. A store manager's
 * {@code stores} are WeCom department ids per corp, each including its sub-departments.
 *
 * @param username lower case, unique
 * @param passwordHash the {@link PasswordHasher}'s hash, never the password
 */
public record Account(long id, String username, String passwordHash, Role role, Set<String> corps,
    Map<String, Set<Long>> stores, boolean enabled, Instant createdAt, Instant updatedAt) {

  public Account {
    corps = corps == null ? Set.of() : Set.copyOf(corps);
    stores = stores == null ? Map.of() : Map.copyOf(stores);
  }

  /** Whether this account may act in {@code corpId} at all (a deployment's corp; unknown corps are the caller's). */
  public boolean servesCorp(String corpId) {
    return role == Role.ADMIN || corps.contains(corpId);
  }

  /** The store departments of a store manager in {@code corpId}; empty for the other roles (they see every store). */
  public Set<Long> storesIn(String corpId) {
    return stores.getOrDefault(corpId, Set.of());
  }
}
