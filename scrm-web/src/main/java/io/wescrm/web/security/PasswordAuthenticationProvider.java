package io.wescrm.web.security;

import io.wescrm.core.accounts.AccountException;
import io.wescrm.core.accounts.Authenticating;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/** HTTP Basic (where enabled) through the same throttled password check as the console login. */
class PasswordAuthenticationProvider implements AuthenticationProvider {

  private final Authenticating authenticating;

  PasswordAuthenticationProvider(Authenticating authenticating) {
    this.authenticating = authenticating;
  }

  @Override
  public Authentication authenticate(Authentication authentication) throws AuthenticationException {
    String address = authentication.getDetails() instanceof WebAuthenticationDetails d ? d.getRemoteAddress() : "";
    try {
      return new AccountAuthentication(authenticating.authenticate(authentication.getName(),
          String.valueOf(authentication.getCredentials()), address), AccountAuthentication.Method.BASIC);
    } catch (AccountException e) {
      throw e.kind() == AccountException.Kind.LOCKED ? new LockedException(e.getMessage())
          : new BadCredentialsException(e.getMessage());
    }
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }
}
