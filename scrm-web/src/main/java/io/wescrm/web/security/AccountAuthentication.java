package io.wescrm.web.security;

import io.wescrm.core.accounts.Account;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** An authenticated account and how it proved itself; its one authority is {@code ROLE_<role>}. */
public final class AccountAuthentication extends AbstractAuthenticationToken {

  /** How the request authenticated. */
  public enum Method { SESSION, TOKEN, BASIC }

  private final Account account;
  private final Method method;

  public AccountAuthentication(Account account, Method method) {
    super(List.of(new SimpleGrantedAuthority("ROLE_" + account.role().name())));
    this.account = account;
    this.method = method;
    setAuthenticated(true);
  }

  public Account account() {
    return account;
  }

  public Method method() {
    return method;
  }

  @Override
  public Object getCredentials() {
    return "";
  }

  @Override
  public Object getPrincipal() {
    return account.username();
  }
}
