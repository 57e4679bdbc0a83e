package io.wescrm.web.audit;

import io.wescrm.core.audit.AuditLog;
import io.wescrm.core.audit.jdbc.JdbcAuditLog;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** Wires the audit log: the store, the body-keeping filter and the interceptor on every mutating API request. */
@Configuration(proxyBeanMethods = false)
public class AuditConfiguration implements WebMvcConfigurer {

  private final ObjectProvider<AuditInterceptor> interceptor;

  AuditConfiguration(@Lazy ObjectProvider<AuditInterceptor> interceptor) {
    this.interceptor = interceptor;
  }

  @Bean
  JdbcAuditLog auditLog(JdbcTemplate jdbc) {
    return new JdbcAuditLog(jdbc);
  }

  @Bean
  AuditInterceptor auditInterceptor(AuditLog audit, ApplicationContext context, Clock clock,
      AuditProperties properties) {
    Snapshots snapshots = new Snapshots(
        () -> context.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class),
        () -> context.getBean(RequestMappingHandlerAdapter.class));
    return new AuditInterceptor(audit, snapshots, clock, properties.snapshots());
  }

  @Bean
  FilterRegistrationBean<AuditBodyFilter> auditBodyFilter() {
    FilterRegistrationBean<AuditBodyFilter> registration = new FilterRegistrationBean<>(new AuditBodyFilter());
    registration.addUrlPatterns("/api/*");
    // After the security filters (order -100): what reaches us is authenticated or refused already.
    registration.setOrder(Ordered.LOWEST_PRECEDENCE - 100);
    return registration;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(interceptor.getObject()).addPathPatterns("/api/**");
  }
}
