package io.wescrm.core.accounts;

import java.time.Duration;
import java.util.Optional;

/**
 * Use case: a username and password checked under the login throttle. A locked username or address is refused
 * before the password is looked at; an unknown username costs the same hash comparison as a known one.
 */
public class Authenticating {

  private final Accounts accounts;
  private final PasswordHasher hasher;
  private final LoginThrottle throttle;
  private final String dummyHash;

  public Authenticating(Accounts accounts, PasswordHasher hasher, LoginThrottle throttle) {
    this.accounts = accounts;
    this.hasher = hasher;
    this.throttle = throttle;
    this.dummyHash = hasher.hash("not-a-password-of-anyone");
  }

  public Account authenticate(String username, String password, String address) {
    String name = ManagingAccounts.normalize(username);
    if (name == null || name.isEmpty() || password == null || name.length() > 64 || password.length() > 200) {
      throw badCredentials();
    }
    Optional<Duration> locked = throttle.locked(name, address);
    if (locked.isPresent()) {
      long minutes = Math.max(1, (locked.get().toSeconds() + 59) / 60);
      throw new AccountException(AccountException.Kind.LOCKED, "LOGIN_LOCKED",
          "登录失败次数过多，请 " + minutes + " 分钟后再试", "locked for " + locked.get().toSeconds() + " s");
    }
    Optional<Account> account = accounts.byUsername(name);
    boolean matches = hasher.matches(password, account.map(Account::passwordHash).orElse(dummyHash));
    if (account.isEmpty() || !matches) {
      throttle.failed(name, address);
      throw badCredentials();
    }
    if (!account.get().enabled()) {
      throw new AccountException(AccountException.Kind.BAD_CREDENTIALS, "ACCOUNT_DISABLED", "账号已停用",
          "disabled " + name);
    }
    throttle.succeeded(name);
    return account.get();
  }

  private static AccountException badCredentials() {
    return new AccountException(AccountException.Kind.BAD_CREDENTIALS, "BAD_CREDENTIALS", "用户名或密码错误",
        "bad credentials");
  }
}
