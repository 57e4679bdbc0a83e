package io.wescrm.core.accounts;

import java.time.Instant;

/** A personal access token as listed: never its secret (only the SHA-256 of it is stored). */
public record AccessToken(long id, long accountId, String name, Instant createdAt, Instant expiresAt,
    Instant lastUsedAt, Instant revokedAt) {

  public boolean activeAt(Instant now) {
    return revokedAt == null && now.isBefore(expiresAt);
  }
}
