package io.wescrm.web.config;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Operations: the background computation of query-backed gauges ({@code scrm.metrics.refresh}, default 10 s). */
@Configuration(proxyBeanMethods = false)
public class OperationsConfiguration {

  @Bean(destroyMethod = "close")
  BackgroundGauges backgroundGauges(@Value("${scrm.metrics.refresh:10s}") Duration refresh) {
    return new BackgroundGauges(refresh);
  }
}
