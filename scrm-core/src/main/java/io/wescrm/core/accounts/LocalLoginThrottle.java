package io.wescrm.core.accounts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link LoginThrottle} of one node: failures and locks in memory (a restart forgets them). */
public final class LocalLoginThrottle implements LoginThrottle {

  private final Limits limits;
  private final Clock clock;
  private final Map<String, Failures> failures = new ConcurrentHashMap<>();

  public LocalLoginThrottle(Limits limits, Clock clock) {
    this.limits = limits;
    this.clock = clock;
  }

  @Override
  public Optional<Duration> locked(String username, String address) {
    Instant now = clock.instant();
    Duration user = remaining("u:" + username, now);
    Duration ip = remaining("a:" + address, now);
    Duration longer = user.compareTo(ip) >= 0 ? user : ip;
    return longer.isZero() ? Optional.empty() : Optional.of(longer);
  }

  @Override
  public void failed(String username, String address) {
    Instant now = clock.instant();
    count("u:" + username, limits.perUsername(), now);
    count("a:" + address, limits.perAddress(), now);
    if (failures.size() > 100_000) {
      failures.values().removeIf(f -> f.expired(now, limits));
    }
  }

  @Override
  public void succeeded(String username) {
    failures.remove("u:" + username);
  }

  private Duration remaining(String key, Instant now) {
    Failures f = failures.get(key);
    if (f == null || f.lockedUntil == null || !now.isBefore(f.lockedUntil)) {
      return Duration.ZERO;
    }
    return Duration.between(now, f.lockedUntil);
  }

  private void count(String key, int limit, Instant now) {
    failures.compute(key, (k, f) -> {
      Failures next = f == null || f.expired(now, limits) ? new Failures(now, 0, null) : f;
      if (next.lockedUntil != null && now.isBefore(next.lockedUntil)) {
        return next;
      }
      int count = next.count + 1;
      return count >= limit ? new Failures(now, 0, now.plus(limits.lockFor())) : new Failures(next.since, count, null);
    });
  }

  private record Failures(Instant since, int count, Instant lockedUntil) {
    boolean expired(Instant now, Limits limits) {
      return lockedUntil != null ? !now.isBefore(lockedUntil) : !now.isBefore(since.plus(limits.window()));
    }
  }
}
