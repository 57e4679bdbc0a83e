package io.wescrm.core.accounts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Use case: personal access tokens for API clients. The secret ({@code wst_} + 256 random bits) is shown once; only
 * its SHA-256 is stored. Each token has a name and an expiry (required, at most {@code maxLifetime}); it can be
 * revoked; its last use is recorded (at most once a minute, so a busy client does not write per request).
 */
public class PersonalAccessTokens {

  public static final String PREFIX = "wst_";
  private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

  private final AccessTokens tokens;
  private final Accounts accounts;
  private final Duration maxLifetime;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public PersonalAccessTokens(AccessTokens tokens, Accounts accounts, Duration maxLifetime, Clock clock) {
    this.tokens = tokens;
    this.accounts = accounts;
    this.maxLifetime = maxLifetime;
    this.clock = clock;
  }

  /** A new token and its secret, which is never available again. */
  public record Issued(AccessToken token, String secret) {
  }

  public Issued issue(Account account, String name, Instant expiresAt) {
    String n = name == null ? "" : name.trim();
    if (n.isEmpty() || n.length() > 64) {
      throw AccountException.invalid("令牌名称必填，最多 64 个字符", "name " + name);
    }
    Instant now = clock.instant();
    if (expiresAt == null) {
      throw AccountException.invalid("必须设置令牌的过期时间（expiresAt 或 expiresInDays）", "no expiry");
    }
    if (!expiresAt.isAfter(now)) {
      throw AccountException.invalid("过期时间必须晚于现在", "expiresAt " + expiresAt);
    }
    if (expiresAt.isAfter(now.plus(maxLifetime))) {
      throw AccountException.invalid("令牌有效期最长 " + maxLifetime.toDays() + " 天", "expiresAt " + expiresAt);
    }
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    long id = tokens.insert(account.id(), n, hash(secret), now, expiresAt);
    return new Issued(new AccessToken(id, account.id(), n, now, expiresAt, null, null), secret);
  }

  /** The enabled account behind an active token's secret. */
  public Optional<Account> authenticate(String secret) {
    if (secret == null || !secret.startsWith(PREFIX) || secret.length() > 100) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    Optional<AccessToken> token = tokens.byHash(hash(secret)).filter(t -> t.activeAt(now));
    if (token.isEmpty()) {
      return Optional.empty();
    }
    AccessToken t = token.get();
    if (t.lastUsedAt() == null || t.lastUsedAt().plus(TOUCH_EVERY).isBefore(now)) {
      tokens.touch(t.id(), now);
    }
    return accounts.byId(t.accountId()).filter(Account::enabled);
  }

  public List<AccessToken> list(Account account) {
    return tokens.ofAccount(account.id());
  }

  public void revoke(Account account, long tokenId) {
    if (!tokens.revoke(account.id(), tokenId, clock.instant())) {
      throw new AccountException(AccountException.Kind.NOT_FOUND, "TOKEN_NOT_FOUND", "令牌不存在或已撤销",
          "token " + tokenId);
    }
  }

  static String hash(String secret) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
