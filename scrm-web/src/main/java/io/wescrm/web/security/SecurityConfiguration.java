package io.wescrm.web.security;

import io.wescrm.core.accounts.Accounts;
import io.wescrm.core.accounts.PersonalAccessTokens;
import jakarta.servlet.DispatcherType;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The filter chain (docs/security.md). Anonymous: {@code POST /api/auth/login} and {@code /actuator/health}; the
 * WeCom callback path {@code /wecom/callback/**} does not pass this chain at all (its signature is its
 * authentication, and it keeps its own throughput). Everything else needs an account: a console session (cookie,
 * with CSRF protection: cookie XSRF-TOKEN, header X-XSRF-TOKEN), a personal access token ({@code Bearer}), or HTTP
 * Basic where {@code scrm.security.basic-auth} allows it (the demo). Roles by method and path: {@link RoleRules}.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class SecurityConfiguration {

  static final String CALLBACK_PATHS = "/wecom/callback/**";

  @Bean
  CookieCsrfTokenRepository csrfTokenRepository() {
    CookieCsrfTokenRepository repository = CookieCsrfTokenRepository.withHttpOnlyFalse();
    repository.setCookieCustomizer(cookie -> cookie.sameSite("Lax").path("/"));
    return repository;
  }

  @Bean
  WebSecurityCustomizer callbacksOutsideTheChain() {
    return web -> web.ignoring().requestMatchers(PathPatternRequestMatcher.pathPattern(CALLBACK_PATHS));
  }

  @Bean
  SecurityFilterChain apiChain(HttpSecurity http, SecuritySettings settings, PersonalAccessTokens tokens,
      Accounts accounts, CookieCsrfTokenRepository csrfTokens, PasswordAuthenticationProvider passwords)
      throws Exception {
    boolean basic = settings.basicAuth();
    RequestMatcher withCredentialsHeader = request -> {
      String header = request.getHeader("Authorization");
      return header != null && (header.regionMatches(true, 0, "Bearer ", 0, 7)
          || basic && header.regionMatches(true, 0, "Basic ", 0, 6));
    };
    AuthenticationEntryPoint entryPoint = (request, response, ex) -> {
      if (ex instanceof LockedException) {
        SecurityErrors.write(response, 429, "LOGIN_LOCKED", ex.getMessage(), "locked");
      } else if (request.getHeader("Authorization") != null) {
        SecurityErrors.write(response, 401, "BAD_CREDENTIALS", "用户名或密码错误", ex.getMessage());
      } else {
        SecurityErrors.unauthenticated(response, ex.getMessage());
      }
    };
    // CSRF guards what a cookie authorises: only requests that carry a live session need the token (an anonymous
    // request has nothing to forge and gets its 401)
    RequestMatcher sessionMutation = request -> !Set.of("GET", "HEAD", "OPTIONS", "TRACE").contains(
        request.getMethod()) && request.getSession(false) != null;
    http.csrf(csrf -> csrf.spa().csrfTokenRepository(csrfTokens)
            .requireCsrfProtectionMatcher(sessionMutation)
            .ignoringRequestMatchers(withCredentialsHeader)
            .ignoringRequestMatchers(PathPatternRequestMatcher.pathPattern(HttpMethod.POST, "/api/auth/login")))
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED))
        .requestCache(c -> c.disable())
        // the console page: only our own origin (its libraries are WebJars here); Vue compiles the pages' templates
        // in the browser (unsafe-eval) and Ant Design Vue injects its styles (unsafe-inline styles)
        .headers(h -> h.addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
            PathPatternRequestMatcher.pathPattern("/console/**"), new StaticHeadersWriter("Content-Security-Policy",
                "default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
                    + "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; "
                    + "frame-ancestors 'none'; base-uri 'self'; form-action 'self'"))))
        .formLogin(AbstractHttpConfigurer::disable)
        .logout(AbstractHttpConfigurer::disable)
        .anonymous(a -> { })
        .authenticationProvider(passwords)
        .addFilterBefore(new AccountAuthenticationFilter(tokens, accounts, basic), BasicAuthenticationFilter.class)
        .exceptionHandling(e -> e
            .authenticationEntryPoint(entryPoint)
            .accessDeniedHandler((request, response, ex) -> {
              if (ex instanceof CsrfException) {
                SecurityErrors.write(response, 403, "CSRF_REJECTED",
                    "缺少或错误的 CSRF 令牌：请在请求头 X-XSRF-TOKEN 中带上 Cookie XSRF-TOKEN 的值", ex.getMessage());
              } else {
                SecurityErrors.write(response, 403, "FORBIDDEN", "当前账号的角色无权执行此操作", ex.getMessage());
              }
            }))
        .authorizeHttpRequests(authorize -> {
          authorize.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll();
          authorize.requestMatchers(PathPatternRequestMatcher.pathPattern(HttpMethod.POST, "/api/auth/login"))
              .permitAll();
          // the console's static page and its WebJars: no data in them (everything comes from /api after login)
          authorize.requestMatchers(PathPatternRequestMatcher.pathPattern(HttpMethod.GET, "/"),
              PathPatternRequestMatcher.pathPattern(HttpMethod.GET, "/console"),
              PathPatternRequestMatcher.pathPattern(HttpMethod.GET, "/console/**"),
              PathPatternRequestMatcher.pathPattern(HttpMethod.GET, "/webjars/**")).permitAll();
          authorize.requestMatchers(PathPatternRequestMatcher.pathPattern("/actuator/health"),
              PathPatternRequestMatcher.pathPattern("/actuator/health/**")).permitAll();
          for (RoleRules.Rule rule : RoleRules.TABLE) {
            authorize.requestMatchers(PathPatternRequestMatcher.pathPattern(rule.method(), rule.pattern()))
                .hasAnyRole(rule.roles().stream().map(Enum::name).toArray(String[]::new));
          }
          // anything else (e.g. the OpenAPI document and Swagger UI): any account
          authorize.anyRequest().authenticated();
        });
    if (basic) {
      http.httpBasic(b -> b.realmName("wescrm").authenticationEntryPoint(entryPoint));
    }
    return http.build();
  }
}
