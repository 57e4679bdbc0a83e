package io.wescrm.core.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Account rules: validation, password rules, the last admin, bootstrap; the in-process login throttle. */
class ManagingAccountsTest {

  static final String PW = "Correct-Horse-42";

  /** Accounts in a list; the hash is the password reversed (the rules are what is tested, not BCrypt). */
  static final class InMemoryAccounts implements Accounts {
    final List<Account> rows = new ArrayList<>();

    public long count() {
      return rows.size();
    }

    public Optional<Account> byUsername(String username) {
      return rows.stream().filter(a -> a.username().equals(username)).findFirst();
    }

    public Optional<Account> byId(long id) {
      return rows.stream().filter(a -> a.id() == id).findFirst();
    }

    public List<Account> list() {
      return List.copyOf(rows);
    }

    public long insert(Account a) {
      if (byUsername(a.username()).isPresent()) {
        throw new AccountException(AccountException.Kind.CONFLICT, "USERNAME_TAKEN", "用户名已被使用", a.username());
      }
      long id = rows.size() + 1;
      rows.add(new Account(id, a.username(), a.passwordHash(), a.role(), a.corps(), a.stores(), a.enabled(),
          a.createdAt(), a.updatedAt()));
      return id;
    }

    public void update(Account a) {
      rows.replaceAll(r -> r.id() == a.id() ? a : r);
    }

    public void setPassword(long id, String hash, Instant at) {
      rows.replaceAll(r -> r.id() == id ? new Account(r.id(), r.username(), hash, r.role(), r.corps(), r.stores(),
          r.enabled(), r.createdAt(), at) : r);
    }
  }

  static final PasswordHasher REVERSED = new PasswordHasher() {
    public String hash(String password) {
      return new StringBuilder(password).reverse().toString();
    }

    public boolean matches(String password, String hash) {
      return hash(password).equals(hash);
    }
  };

  final InMemoryAccounts store = new InMemoryAccounts();
  final ManagingAccounts accounts = new ManagingAccounts(store, REVERSED, () -> Set.of("wwa", "wwb"),
      Clock.systemUTC());

  static ManagingAccounts.Grant grant(Role role, Set<String> corps, Map<String, Set<Long>> stores) {
    return new ManagingAccounts.Grant(role, corps, stores, true);
  }

  @Test
  void thePasswordRulesSpeakChinese() {
    assertThatThrownBy(() -> PasswordRules.check("alice", "short1")).hasMessage("密码至少需要 10 个字符");
    assertThatThrownBy(() -> PasswordRules.check("alice-long", "ALICE-LONG")).hasMessage("密码不能与用户名相同");
    assertThatThrownBy(() -> PasswordRules.check("alice", "Password123")).hasMessageContaining("过于常见");
    assertThatThrownBy(() -> PasswordRules.check("alice", "aaaaaaaaaaaa")).hasMessageContaining("过于常见");
    assertThatThrownBy(() -> PasswordRules.check("alice", "密".repeat(25))).hasMessageContaining("72 字节");
    PasswordRules.check("alice", PW);
  }

  @Test
  void bindingsAreValidatedByRole() {
    Account admin = accounts.create("Root-Admin", PW, grant(Role.ADMIN, Set.of("wwa"), Map.of()));
    assertThat(admin.username()).isEqualTo("root-admin");
    assertThat(admin.corps()).isEmpty();
    assertThat(admin.servesCorp("wwb")).isTrue();
    assertThatThrownBy(() -> accounts.create("viewer-1", PW, grant(Role.VIEWER, Set.of(), Map.of())))
        .hasMessageContaining("至少要绑定一个企业");
    assertThatThrownBy(() -> accounts.create("viewer-x", PW, grant(Role.VIEWER, Set.of("wwz"), Map.of())))
        .hasMessageContaining("企业未配置");
    assertThatThrownBy(() -> accounts.create("sm1", PW, grant(Role.STORE_MANAGER, Set.of("wwa"), Map.of())))
        .hasMessageContaining("门店");
    assertThatThrownBy(() -> accounts.create("sm2", PW, grant(Role.STORE_MANAGER, Set.of("wwa"),
        Map.of("wwb", Set.of(1L))))).hasMessageContaining("门店所在企业");
    assertThatThrownBy(() -> accounts.create("op1", PW, grant(Role.OPERATOR, Set.of("wwa"),
        Map.of("wwa", Set.of(1L))))).hasMessageContaining("只有店长");
    assertThatThrownBy(() -> accounts.create("x", PW, grant(Role.VIEWER, Set.of("wwa"), Map.of())))
        .hasMessageContaining("用户名");
    Account sm = accounts.create("sm3", PW, grant(Role.STORE_MANAGER, Set.of("wwa"), Map.of("wwa", Set.of(101L))));
    assertThat(sm.storesIn("wwa")).containsExactly(101L);
    assertThat(sm.servesCorp("wwb")).isFalse();
    assertThatThrownBy(() -> accounts.create("SM3", PW, grant(Role.VIEWER, Set.of("wwa"), Map.of())))
        .isInstanceOfSatisfying(AccountException.class, e -> assertThat(e.kind())
            .isEqualTo(AccountException.Kind.CONFLICT));
  }

  @Test
  void theLastEnabledAdminCannotBeDisabledOrDemoted() {
    accounts.create("admin1", PW, grant(Role.ADMIN, Set.of(), Map.of()));
    assertThatThrownBy(() -> accounts.update("admin1", grant(Role.VIEWER, Set.of("wwa"), Map.of())))
        .hasMessageContaining("最后一个");
    assertThatThrownBy(() -> accounts.update("admin1", new ManagingAccounts.Grant(Role.ADMIN, Set.of(), Map.of(),
        false))).hasMessageContaining("最后一个");
    accounts.create("admin2", PW, grant(Role.ADMIN, Set.of(), Map.of()));
    assertThat(accounts.update("admin1", grant(Role.VIEWER, Set.of("wwa"), Map.of())).role()).isEqualTo(Role.VIEWER);
  }

  @Test
  void theBootstrapAdminIsCreatedOnlyIntoAnEmptyStore() {
    assertThat(accounts.bootstrapAdmin("admin", PW)).isTrue();
    assertThat(accounts.bootstrapAdmin("admin", PW)).isFalse();
    assertThat(accounts.bootstrapAdmin("other", PW)).isFalse();
    assertThat(store.count()).isEqualTo(1);
  }

  @Test
  void theLocalThrottleLocksAfterTheLimitAndForgetsAfterTheLock() {
    MutableClock clock = new MutableClock();
    LoginThrottle throttle = new LocalLoginThrottle(new LoginThrottle.Limits(3, 5, Duration.ofMinutes(15),
        Duration.ofMinutes(10)), clock);
    Authenticating auth = new Authenticating(store, REVERSED, throttle);
    accounts.create("bob-user", PW, grant(Role.VIEWER, Set.of("wwa"), Map.of()));
    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> auth.authenticate("bob-user", "wrong-one-1", "10.0.0.1")).hasMessage("用户名或密码错误");
    }
    assertThatThrownBy(() -> auth.authenticate("bob-user", PW, "10.0.0.2")).hasMessageContaining("10 分钟后再试");
    clock.now = clock.now.plus(Duration.ofMinutes(10));
    assertThat(auth.authenticate("bob-user", PW, "10.0.0.2").username()).isEqualTo("bob-user");
    // failures outside the window do not add up
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> auth.authenticate("bob-user", "wrong-one-1", "10.0.0.3"));
    }
    clock.now = clock.now.plus(Duration.ofMinutes(16));
    assertThatThrownBy(() -> auth.authenticate("bob-user", "wrong-one-1", "10.0.0.3"));
    assertThat(auth.authenticate("bob-user", PW, "10.0.0.3").username()).isEqualTo("bob-user");
  }

  static final class MutableClock extends Clock {
    Instant now = Instant.parse("2026-12-01T00:00:00Z");

    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    public Instant instant() {
      return now;
    }
  }
}
