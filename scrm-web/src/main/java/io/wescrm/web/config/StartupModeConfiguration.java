package io.wescrm.web.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers {@link StartupModeCheck}: it runs before any other bean is created. */
@Configuration(proxyBeanMethods = false)
public class StartupModeConfiguration {

  @Bean
  static StartupModeCheck startupModeCheck() {
    return new StartupModeCheck();
  }
}
