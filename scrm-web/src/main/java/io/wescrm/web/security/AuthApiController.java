package io.wescrm.web.security;

import io.wescrm.core.accounts.AccessToken;
import io.wescrm.core.accounts.Account;
import io.wescrm.core.accounts.AccountException;
import io.wescrm.core.accounts.Authenticating;
import io.wescrm.core.accounts.PersonalAccessTokens;
import io.wescrm.core.remote.RemoteCorps;
import io.wescrm.web.api.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Console login and logout (session + CSRF cookie), who am I, and one's own personal access tokens. */
@RestController
@RequestMapping("/api/auth")
class AuthApiController {

  private final Authenticating authenticating;
  private final PersonalAccessTokens tokens;
  private final RemoteCorps corps;
  private final SecuritySettings settings;
  private final CookieCsrfTokenRepository csrfTokens;
  private final java.time.Clock clock;
  private final HttpSessionSecurityContextRepository sessions = new HttpSessionSecurityContextRepository();

  AuthApiController(Authenticating authenticating, PersonalAccessTokens tokens, RemoteCorps corps,
      SecuritySettings settings, CookieCsrfTokenRepository csrfTokens, java.time.Clock clock) {
    this.clock = clock;
    this.authenticating = authenticating;
    this.tokens = tokens;
    this.corps = corps;
    this.settings = settings;
    this.csrfTokens = csrfTokens;
  }

  record Login(String username, String password) {
  }

  /** Who is logged in: roles, corps (every configured corp for an admin) and a store manager's stores. */
  record Me(String username, List<String> roles, List<String> roleLabels, List<String> corps,
      Map<String, Set<Long>> stores, String authenticatedBy) {
  }

  @PostMapping("/login")
  Me login(@RequestBody(required = false) Login login, HttpServletRequest request, HttpServletResponse response) {
    if (login == null) {
      throw ApiException.badRequest("请提供用户名和密码（username、password）", "no body");
    }
    Account account = authenticating.authenticate(login.username(), login.password(), request.getRemoteAddr());
    HttpSession old = request.getSession(false);
    if (old != null) {
      old.invalidate();   // no session fixation: a login always gets a new session id
    }
    HttpSession session = request.getSession(true);
    session.setMaxInactiveInterval((int) Math.max(1, settings.sessionIdle().toSeconds()));
    SecurityContext context = SecurityContextHolder.createEmptyContext();
    AccountAuthentication authentication = new AccountAuthentication(account, AccountAuthentication.Method.SESSION);
    context.setAuthentication(authentication);
    SecurityContextHolder.setContext(context);
    sessions.saveContext(context, request, response);
    CsrfToken csrf = csrfTokens.generateToken(request);
    csrfTokens.saveToken(csrf, request, response);
    return me(authentication);
  }

  @PostMapping("/logout")
  ResponseEntity<Void> logout(HttpServletRequest request, HttpServletResponse response) {
    HttpSession session = request.getSession(false);
    if (session != null) {
      session.invalidate();
    }
    SecurityContextHolder.clearContext();
    csrfTokens.saveToken(null, request, response);
    return ResponseEntity.noContent().build();
  }

  @GetMapping("/me")
  Me me(HttpServletRequest request) {
    // the SPA's first call: make sure it holds a CSRF cookie
    if (request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken csrf) {
      csrf.getToken();
    }
    return me(current());
  }

  record NewToken(String name, Instant expiresAt, Integer expiresInDays) {
  }

  record TokenView(long id, String name, Instant createdAt, Instant expiresAt, Instant lastUsedAt, Instant revokedAt,
      boolean active) {
    static TokenView of(AccessToken t, Instant now) {
      return new TokenView(t.id(), t.name(), t.createdAt(), t.expiresAt(), t.lastUsedAt(), t.revokedAt(),
          t.activeAt(now));
    }
  }

  record IssuedToken(long id, String name, Instant expiresAt, String token, String note) {
  }

  @PostMapping("/tokens")
  ResponseEntity<IssuedToken> createToken(@RequestBody(required = false) NewToken body) {
    AccountAuthentication auth = current();
    if (auth.method() == AccountAuthentication.Method.TOKEN) {
      throw new ApiException(HttpStatus.FORBIDDEN, "TOKEN_FROM_TOKEN", "不能用访问令牌创建新的访问令牌，请登录后创建",
          "token creation with a bearer token");
    }
    if (body == null) {
      throw ApiException.badRequest("请提供令牌名称和过期时间（name、expiresInDays 或 expiresAt）", "no body");
    }
    Instant expiresAt = body.expiresAt();
    if (expiresAt == null && body.expiresInDays() != null) {
      if (body.expiresInDays() < 1 || body.expiresInDays() > 36_500) {
        throw ApiException.badRequest("expiresInDays 应为正整数", "expiresInDays " + body.expiresInDays());
      }
      expiresAt = clock.instant().plus(Duration.ofDays(body.expiresInDays()));
    }
    PersonalAccessTokens.Issued issued = tokens.issue(auth.account(), body.name(), expiresAt);
    return ResponseEntity.status(HttpStatus.CREATED).body(new IssuedToken(issued.token().id(), issued.token().name(),
        issued.token().expiresAt(), issued.secret(), "令牌只显示这一次，请立即妥善保存"));
  }

  @GetMapping("/tokens")
  List<TokenView> tokens() {
    Instant now = clock.instant();
    return tokens.list(current().account()).stream().map(t -> TokenView.of(t, now)).toList();
  }

  @DeleteMapping("/tokens/{id}")
  ResponseEntity<Void> revoke(@PathVariable long id) {
    tokens.revoke(current().account(), id);
    return ResponseEntity.noContent().build();
  }

  private Me me(AccountAuthentication auth) {
    Account a = auth.account();
    List<String> corpIds = a.role() == io.wescrm.core.accounts.Role.ADMIN ? List.copyOf(corps.corpIds())
        : a.corps().stream().sorted().toList();
    return new Me(a.username(), List.of(a.role().name()), List.of(a.role().label()), corpIds,
        new TreeMap<>(a.stores()), auth.method().name());
  }

  private static AccountAuthentication current() {
    if (SecurityContextHolder.getContext().getAuthentication() instanceof AccountAuthentication auth) {
      return auth;
    }
    throw new AccountException(AccountException.Kind.BAD_CREDENTIALS, "UNAUTHENTICATED", "请先登录", "no account");
  }
}
