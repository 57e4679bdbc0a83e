package io.wescrm.web.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of accounts and authentication ({@code scrm.security.*}; docs/security.md).
 *
 * @param sessionIdle a console session ends after this long without a request (default 30 min)
 * @param basicAuth whether HTTP Basic with an account's password is accepted (on in the demo profile only)
 * @param bcryptStrength BCrypt's cost (default 10; tests use 4)
 * @param tokenMaxLifetime the longest expiry a personal access token may have (default 365 days)
 * @param login failed-login limits: per username, per client address, the window they are counted in, the lock
 * @param bootstrapAdmin the first admin, created when the database has no account (no password: a random one is
 *     logged once)
 */
@ConfigurationProperties("scrm.security")
public record SecuritySettings(Duration sessionIdle, Boolean basicAuth, Integer bcryptStrength,
    Duration tokenMaxLifetime, Login login, BootstrapAdmin bootstrapAdmin) {

  public SecuritySettings {
    sessionIdle = sessionIdle == null ? Duration.ofMinutes(30) : sessionIdle;
    basicAuth = basicAuth != null && basicAuth;
    bcryptStrength = bcryptStrength == null ? 10 : bcryptStrength;
    tokenMaxLifetime = tokenMaxLifetime == null ? Duration.ofDays(365) : tokenMaxLifetime;
    login = login == null ? new Login(null, null, null, null) : login;
    bootstrapAdmin = bootstrapAdmin == null ? new BootstrapAdmin(null, null) : bootstrapAdmin;
  }

  /** Failed-login limits. */
  public record Login(Integer maxFailuresPerUsername, Integer maxFailuresPerAddress, Duration window,
      Duration lockFor) {
    public Login {
      maxFailuresPerUsername = maxFailuresPerUsername == null ? 5 : maxFailuresPerUsername;
      maxFailuresPerAddress = maxFailuresPerAddress == null ? 50 : maxFailuresPerAddress;
      window = window == null ? Duration.ofMinutes(15) : window;
      lockFor = lockFor == null ? Duration.ofMinutes(15) : lockFor;
    }
  }

  /** The first admin's credentials (from the environment). */
  public record BootstrapAdmin(String username, String password) {
    public BootstrapAdmin {
      username = username == null || username.isBlank() ? "admin" : username;
    }
  }
}
