package io.wescrm.web.security;

import io.wescrm.core.accounts.Account;
import java.util.Optional;
import org.springframework.security.core.context.SecurityContextHolder;

/** The account of the current request, for handlers outside {@code /api/corps/{corpId}} (use {@link AccessScope} there). */
public final class CurrentAccount {

  private CurrentAccount() {
  }

  public static Optional<Account> get() {
    return SecurityContextHolder.getContext().getAuthentication() instanceof AccountAuthentication auth
        ? Optional.of(auth.account()) : Optional.empty();
  }
}
