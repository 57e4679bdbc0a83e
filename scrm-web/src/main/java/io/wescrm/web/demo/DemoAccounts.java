package io.wescrm.web.demo;

import io.wescrm.core.accounts.ManagingAccounts;
import io.wescrm.core.accounts.Role;
import io.wescrm.core.remote.RemoteCorps;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * Demo mode's fixed accounts, so that scripts and newcomers can rely on them (HTTP Basic is on in the demo profile:
 * {@code curl -u operator:demo-operator …}): admin/demo-admin, operator/demo-operator, and store-sh01/demo-store,
 * the store manager of store A (上海南京西路店, department 101) of the demo corp. Existing accounts are left as they
 * are (application-demo.yml makes the bootstrap admin {@code admin}/{@code demo-admin} too).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "scrm.simulator.enabled", havingValue = "true")
class DemoAccounts {

  private static final Logger log = LoggerFactory.getLogger(DemoAccounts.class);

  /** Store A of the demo corp (the simulator's department of store sh01). */
  static final long STORE_SH01 = 101;

  @Bean
  @Order(1)
  ApplicationRunner demoAccountsAtStart(ManagingAccounts accounts, RemoteCorps corps) {
    return args -> {
      Set<String> all = Set.copyOf(corps.corpIds());
      String first = corps.corpIds().get(0);
      accounts.ensure("admin", "demo-admin", new ManagingAccounts.Grant(Role.ADMIN, Set.of(), Map.of(), true));
      accounts.ensure("operator", "demo-operator", new ManagingAccounts.Grant(Role.OPERATOR, all, Map.of(), true));
      accounts.ensure("store-sh01", "demo-store", new ManagingAccounts.Grant(Role.STORE_MANAGER, Set.of(first),
          Map.of(first, Set.of(STORE_SH01)), true));
      log.info("Demo accounts (demo mode only; HTTP Basic allowed): admin/demo-admin (管理员), "
          + "operator/demo-operator (运营), store-sh01/demo-store (店长 of department {} in {}). "
          + "Example: curl -u operator:demo-operator http://localhost:8080/api/corps", STORE_SH01, first);
    };
  }
}
