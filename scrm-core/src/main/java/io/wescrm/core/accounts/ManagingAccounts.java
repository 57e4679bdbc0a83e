package io.wescrm.core.accounts;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/** Use case: create, change, disable accounts and reset passwords; the bootstrap admin and fixed demo accounts. */
public class ManagingAccounts {

  private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{2,63}");

  private final Accounts accounts;
  private final PasswordHasher hasher;
  private final Supplier<Set<String>> knownCorps;
  private final Clock clock;

  public ManagingAccounts(Accounts accounts, PasswordHasher hasher, Supplier<Set<String>> knownCorps, Clock clock) {
    this.accounts = accounts;
    this.hasher = hasher;
    this.knownCorps = knownCorps;
    this.clock = clock;
  }

  /** What an account is bound to and whether it may log in. */
  public record Grant(Role role, Set<String> corps, Map<String, Set<Long>> stores, boolean enabled) {
  }

  public List<Account> list() {
    return accounts.list();
  }

  public Account get(String username) {
    return accounts.byUsername(normalize(username)).orElseThrow(() -> new AccountException(
        AccountException.Kind.NOT_FOUND, "ACCOUNT_NOT_FOUND", "账号不存在", "username " + username));
  }

  public Account create(String username, String password, Grant grant) {
    String name = normalize(username);
    if (name == null || !USERNAME.matcher(name).matches()) {
      throw AccountException.invalid("用户名须为 3–64 个字母、数字或 . _ -，以字母或数字开头", "username " + username);
    }
    PasswordRules.check(name, password);
    Grant g = validate(grant);
    var now = clock.instant();
    long id = accounts.insert(new Account(0, name, hasher.hash(password), g.role(), g.corps(), g.stores(),
        g.enabled(), now, now));
    return accounts.byId(id).orElseThrow();
  }

  public Account update(String username, Grant grant) {
    Account current = get(username);
    Grant g = validate(grant);
    if (current.role() == Role.ADMIN && current.enabled() && (g.role() != Role.ADMIN || !g.enabled())
        && enabledAdmins() <= 1) {
      throw new AccountException(AccountException.Kind.CONFLICT, "LAST_ADMIN",
          "不能停用或降级最后一个可用的管理员账号", "username " + current.username());
    }
    accounts.update(new Account(current.id(), current.username(), current.passwordHash(), g.role(), g.corps(),
        g.stores(), g.enabled(), current.createdAt(), clock.instant()));
    return accounts.byId(current.id()).orElseThrow();
  }

  public void resetPassword(String username, String password) {
    Account current = get(username);
    PasswordRules.check(current.username(), password);
    accounts.setPassword(current.id(), hasher.hash(password), clock.instant());
  }

  /** With no account at all, creates the first admin; returns whether it did. */
  public boolean bootstrapAdmin(String username, String password) {
    if (accounts.count() > 0) {
      return false;
    }
    try {
      create(username, password, new Grant(Role.ADMIN, Set.of(), Map.of(), true));
      return true;
    } catch (AccountException e) {
      if (e.kind() == AccountException.Kind.CONFLICT) {
        return false;   // another node starting at the same time created it
      }
      throw e;
    }
  }

  /** Creates the account unless it exists (the demo's fixed accounts); returns it either way. */
  public Account ensure(String username, String password, Grant grant) {
    Optional<Account> existing = accounts.byUsername(normalize(username));
    if (existing.isPresent()) {
      return existing.get();
    }
    try {
      return create(username, password, grant);
    } catch (AccountException e) {
      if (e.kind() == AccountException.Kind.CONFLICT) {
        return get(username);   // another node starting at the same time created it
      }
      throw e;
    }
  }

  private long enabledAdmins() {
    return accounts.list().stream().filter(a -> a.role() == Role.ADMIN && a.enabled()).count();
  }

  private Grant validate(Grant grant) {
    if (grant == null || grant.role() == null) {
      throw AccountException.invalid("role 必填：ADMIN、OPERATOR、STORE_MANAGER 或 VIEWER", "role missing");
    }
    if (grant.role() == Role.ADMIN) {
      return new Grant(Role.ADMIN, Set.of(), Map.of(), grant.enabled());
    }
    Set<String> corps = grant.corps() == null ? Set.of() : Set.copyOf(grant.corps());
    if (corps.isEmpty()) {
      throw AccountException.invalid("非管理员账号至少要绑定一个企业（corps）", "no corps");
    }
    Set<String> known = knownCorps.get();
    for (String corp : corps) {
      if (!known.contains(corp)) {
        throw AccountException.invalid("企业未配置：" + corp, "unknown corp " + corp);
      }
    }
    Map<String, Set<Long>> stores = new HashMap<>();
    if (grant.stores() != null) {
      grant.stores().forEach((corp, depts) -> {
        if (depts != null && !depts.isEmpty()) {
          stores.put(corp, Set.copyOf(depts));
        }
      });
    }
    if (grant.role() == Role.STORE_MANAGER) {
      if (stores.isEmpty()) {
        throw AccountException.invalid("店长账号至少要绑定一个门店（stores：企业 → 部门 id）", "no stores");
      }
      for (String corp : stores.keySet()) {
        if (!corps.contains(corp)) {
          throw AccountException.invalid("门店所在企业须在 corps 中：" + corp, "store corp " + corp + " not bound");
        }
      }
    } else if (!stores.isEmpty()) {
      throw AccountException.invalid("只有店长账号绑定门店", "stores for role " + grant.role());
    }
    return new Grant(grant.role(), corps, stores, grant.enabled());
  }

  static String normalize(String username) {
    return username == null ? null : username.trim().toLowerCase(Locale.ROOT);
  }
}
