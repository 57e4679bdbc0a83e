package io.wescrm.web.security;

import io.wescrm.core.accounts.AccessTokens;
import io.wescrm.core.accounts.Accounts;
import io.wescrm.core.accounts.Authenticating;
import io.wescrm.core.accounts.LocalLoginThrottle;
import io.wescrm.core.accounts.LoginThrottle;
import io.wescrm.core.accounts.ManagingAccounts;
import io.wescrm.core.accounts.PasswordHasher;
import io.wescrm.core.accounts.PersonalAccessTokens;
import io.wescrm.core.accounts.jdbc.JdbcAccessTokens;
import io.wescrm.core.accounts.jdbc.JdbcAccounts;
import io.wescrm.core.corp.StoreStaff;
import io.wescrm.core.corp.jdbc.JdbcStoreStaff;
import io.wescrm.core.remote.RemoteCorps;
import io.wescrm.web.config.RedissonLoginThrottle;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Set;
import org.redisson.api.RedissonClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Wires the accounts slice: stores, BCrypt, the login throttle (local, or Redis when configured), the corp scope. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecuritySettings.class)
class AccountsConfiguration implements WebMvcConfigurer {

  private static final Logger log = LoggerFactory.getLogger(AccountsConfiguration.class);

  private final RemoteCorps corps;

  AccountsConfiguration(RemoteCorps corps) {
    this.corps = corps;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(new CorpScopeInterceptor(corps)).addPathPatterns("/api/corps/*/**");
  }

  @Override
  public void addArgumentResolvers(java.util.List<HandlerMethodArgumentResolver> resolvers) {
    resolvers.add(new AccessScopeArgumentResolver());
  }

  @Bean
  JdbcAccounts accounts(JdbcTemplate jdbc, TransactionTemplate tx) {
    return new JdbcAccounts(jdbc, tx);
  }

  @Bean
  JdbcAccessTokens accessTokens(JdbcTemplate jdbc) {
    return new JdbcAccessTokens(jdbc);
  }

  @Bean
  StoreStaff storeStaff(JdbcTemplate jdbc) {
    return new JdbcStoreStaff(jdbc);
  }

  @Bean
  PasswordHasher passwordHasher(SecuritySettings settings) {
    BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(settings.bcryptStrength());
    return new PasswordHasher() {
      @Override
      public String hash(String password) {
        return bcrypt.encode(password);
      }

      @Override
      public boolean matches(String password, String hash) {
        return hash != null && bcrypt.matches(password, hash);
      }
    };
  }

  @Bean
  LoginThrottle loginThrottle(SecuritySettings settings, ObjectProvider<RedissonClient> redisson, Clock clock) {
    LoginThrottle.Limits limits = new LoginThrottle.Limits(settings.login().maxFailuresPerUsername(),
        settings.login().maxFailuresPerAddress(), settings.login().window(), settings.login().lockFor());
    RedissonClient client = redisson.getIfAvailable();
    return client == null ? new LocalLoginThrottle(limits, clock) : new RedissonLoginThrottle(client, limits);
  }

  @Bean
  ManagingAccounts managingAccounts(Accounts accounts, PasswordHasher hasher, Clock clock) {
    return new ManagingAccounts(accounts, hasher, () -> Set.copyOf(corps.corpIds()), clock);
  }

  @Bean
  PersonalAccessTokens personalAccessTokens(AccessTokens tokens, Accounts accounts, SecuritySettings settings,
      Clock clock) {
    return new PersonalAccessTokens(tokens, accounts, settings.tokenMaxLifetime(), clock);
  }

  @Bean
  Authenticating authenticating(Accounts accounts, PasswordHasher hasher, LoginThrottle throttle) {
    return new Authenticating(accounts, hasher, throttle);
  }

  @Bean
  PasswordAuthenticationProvider passwordAuthenticationProvider(Authenticating authenticating) {
    return new PasswordAuthenticationProvider(authenticating);
  }

  /** With no account in the database, the first admin: from the settings, or with a random password logged once. */
  @Bean
  @Order(0)
  ApplicationRunner bootstrapAdmin(ManagingAccounts accounts, SecuritySettings settings) {
    return args -> {
      String username = settings.bootstrapAdmin().username();
      String password = settings.bootstrapAdmin().password();
      boolean generated = password == null || password.isBlank();
      if (generated) {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
      }
      if (accounts.bootstrapAdmin(username, password)) {
        if (generated) {
          log.warn("No account existed: created admin '{}' with the password {} (shown once; change it with "
              + "POST /api/accounts/{}/password, or set SCRM_SECURITY_BOOTSTRAP_ADMIN_PASSWORD)", username, password,
              username);
        } else {
          log.info("No account existed: created admin '{}' from scrm.security.bootstrap-admin", username);
        }
      }
    };
  }
}
