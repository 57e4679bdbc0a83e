package io.wescrm.web.security;

import io.wescrm.core.accounts.Account;
import io.wescrm.core.accounts.Accounts;
import io.wescrm.core.accounts.PersonalAccessTokens;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Optional;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bearer tokens, and the account behind a console session re-read on every request (a disabled account or a
 * changed role takes effect at once). An {@code Authorization} header of any other kind than Bearer (or Basic where
 * it is enabled) is refused: it must never fall back to a session cookie.
 */
class AccountAuthenticationFilter extends OncePerRequestFilter {

  private final PersonalAccessTokens tokens;
  private final Accounts accounts;
  private final boolean basicAuth;

  AccountAuthenticationFilter(PersonalAccessTokens tokens, Accounts accounts, boolean basicAuth) {
    this.tokens = tokens;
    this.accounts = accounts;
    this.basicAuth = basicAuth;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String header = request.getHeader("Authorization");
    if (header != null) {
      if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
        Optional<Account> account = tokens.authenticate(header.substring(7).trim());
        if (account.isEmpty()) {
          SecurityErrors.write(response, 401, "INVALID_TOKEN", "访问令牌无效、已过期或已撤销", "bearer token refused");
          return;
        }
        setAccount(account.get(), AccountAuthentication.Method.TOKEN);
      } else if (!(basicAuth && header.regionMatches(true, 0, "Basic ", 0, 6))) {
        SecurityErrors.write(response, 401, "UNSUPPORTED_AUTHENTICATION",
            "不支持的认证方式：请使用 Authorization: Bearer <访问令牌>", "authorization scheme refused");
        return;
      }
    } else if (SecurityContextHolder.getContext().getAuthentication() instanceof AccountAuthentication session
        && session.method() == AccountAuthentication.Method.SESSION) {
      Optional<Account> fresh = accounts.byId(session.account().id()).filter(Account::enabled);
      if (fresh.isEmpty()) {
        HttpSession s = request.getSession(false);
        if (s != null) {
          s.invalidate();
        }
        SecurityContextHolder.clearContext();
      } else {
        setAccount(fresh.get(), AccountAuthentication.Method.SESSION);
      }
    }
    chain.doFilter(request, response);
  }

  /** For this request only: nothing is written to a session. */
  private static void setAccount(Account account, AccountAuthentication.Method method) {
    SecurityContext context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(new AccountAuthentication(account, method));
    SecurityContextHolder.setContext(context);
  }
}
