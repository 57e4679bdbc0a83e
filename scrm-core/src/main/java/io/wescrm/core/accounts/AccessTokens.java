package io.wescrm.core.accounts;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Port: personal access tokens, found by the SHA-256 of their secret. */
public interface AccessTokens {

  long insert(long accountId, String name, String secretHash, Instant createdAt, Instant expiresAt);

  Optional<AccessToken> byHash(String secretHash);

  List<AccessToken> ofAccount(long accountId);

  /** Revokes one of the account's tokens; false when it has no such (unrevoked) token. */
  boolean revoke(long accountId, long tokenId, Instant at);

  void touch(long tokenId, Instant at);
}
