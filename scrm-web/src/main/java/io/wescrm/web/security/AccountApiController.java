package io.wescrm.web.security;

import io.wescrm.core.accounts.Account;
import io.wescrm.core.accounts.AccountException;
import io.wescrm.core.accounts.ManagingAccounts;
import io.wescrm.core.accounts.Role;
import io.wescrm.web.api.ApiException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Account management (admins only, {@link RoleRules}): list, create, change role/corps/stores/enabled, reset. */
@RestController
@RequestMapping("/api/accounts")
class AccountApiController {

  private final ManagingAccounts accounts;

  AccountApiController(ManagingAccounts accounts) {
    this.accounts = accounts;
  }

  record AccountView(long id, String username, String role, String roleLabel, List<String> corps,
      Map<String, Set<Long>> stores, boolean enabled, Instant createdAt, Instant updatedAt) {
    static AccountView of(Account a) {
      return new AccountView(a.id(), a.username(), a.role().name(), a.role().label(),
          a.corps().stream().sorted().toList(), new TreeMap<>(a.stores()), a.enabled(), a.createdAt(), a.updatedAt());
    }
  }

  record NewAccount(String username, String password, String role, Set<String> corps, Map<String, Set<Long>> stores,
      Boolean enabled) {
  }

  record Change(String role, Set<String> corps, Map<String, Set<Long>> stores, Boolean enabled) {
  }

  record Password(String password) {
  }

  @GetMapping
  List<AccountView> list() {
    return accounts.list().stream().map(AccountView::of).toList();
  }

  @GetMapping("/{username}")
  AccountView get(@PathVariable String username) {
    return AccountView.of(accounts.get(username));
  }

  @PostMapping
  ResponseEntity<AccountView> create(@RequestBody(required = false) NewAccount body) {
    if (body == null) {
      throw ApiException.badRequest("请提供账号信息（username、password、role、corps）", "no body");
    }
    Account created = accounts.create(body.username(), body.password(), new ManagingAccounts.Grant(role(body.role()),
        body.corps(), body.stores(), body.enabled() == null || body.enabled()));
    return ResponseEntity.status(HttpStatus.CREATED).body(AccountView.of(created));
  }

  /** Fields left out keep their value. */
  @PatchMapping("/{username}")
  AccountView update(@PathVariable String username, @RequestBody(required = false) Change body) {
    if (body == null) {
      throw ApiException.badRequest("请提供要修改的字段（role、corps、stores、enabled）", "no body");
    }
    Account current = accounts.get(username);
    Role role = body.role() == null ? current.role() : role(body.role());
    Set<String> corps = body.corps() == null ? current.corps() : body.corps();
    Map<String, Set<Long>> stores = body.stores() != null ? body.stores()
        : role == Role.STORE_MANAGER ? current.stores() : Map.of();
    return AccountView.of(accounts.update(username, new ManagingAccounts.Grant(role, corps, stores,
        body.enabled() == null ? current.enabled() : body.enabled())));
  }

  @PostMapping("/{username}/password")
  ResponseEntity<Void> resetPassword(@PathVariable String username, @RequestBody(required = false) Password body) {
    accounts.resetPassword(username, body == null ? null : body.password());
    return ResponseEntity.noContent().build();
  }

  private static Role role(String value) {
    if (value == null) {
      return null;
    }
    try {
      return Role.valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new AccountException(AccountException.Kind.INVALID, "BAD_REQUEST",
          "role 只能是 ADMIN、OPERATOR、STORE_MANAGER 或 VIEWER", "role " + value);
    }
  }
}
