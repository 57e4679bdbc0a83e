package io.wescrm.web.api;

import jakarta.validation.MessageInterpolator;
import java.util.Locale;
import org.hibernate.validator.messageinterpolation.ResourceBundleMessageInterpolator;
import org.springframework.boot.jackson.autoconfigure.JsonFactoryBuilderCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.databind.json.JsonMapper;

/** The admin API's limits: body cap, JSON stream constraints, the bulkhead, previews; zh-CN validation messages. */
@Configuration(proxyBeanMethods = false)
class ApiConfiguration {

  @Bean
  JsonFactoryBuilderCustomizer apiStreamReadConstraints(ApiProperties properties) {
    return builder -> builder.streamReadConstraints(StreamReadConstraints.builder()
        .maxNestingDepth(properties.maxNestingDepth())
        .maxStringLength(properties.maxStringLength())
        .maxNumberLength(properties.maxNumberLength())
        .maxDocumentLength(properties.maxBodyBytes())
        .build());
  }

  /** Validation messages in Chinese whatever the request's or the JVM's locale. */
  @Bean
  static LocalValidatorFactoryBean defaultValidator() {
    LocalValidatorFactoryBean validator = new LocalValidatorFactoryBean();
    MessageInterpolator messages = new ResourceBundleMessageInterpolator();
    validator.setMessageInterpolator(new MessageInterpolator() {
      @Override
      public String interpolate(String template, Context context) {
        return messages.interpolate(template, context, Locale.SIMPLIFIED_CHINESE);
      }

      @Override
      public String interpolate(String template, Context context, Locale locale) {
        return messages.interpolate(template, context, Locale.SIMPLIFIED_CHINESE);
      }
    });
    return validator;
  }

  @Bean
  ProblemWriter apiProblemWriter(JsonMapper json) {
    return new ProblemWriter(json);
  }

  @Bean
  FilterRegistrationBean<ApiBulkhead> apiBulkhead(ApiProperties properties, ProblemWriter problems) {
    FilterRegistrationBean<ApiBulkhead> bean = new FilterRegistrationBean<>(new ApiBulkhead(
        properties.maxConcurrentRequests(), properties.bulkheadWait(), problems));
    bean.addUrlPatterns("/api/*");
    bean.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
    return bean;
  }

  @Bean
  FilterRegistrationBean<BodyLimitFilter> apiBodyLimit(ApiProperties properties, ProblemWriter problems) {
    FilterRegistrationBean<BodyLimitFilter> bean = new FilterRegistrationBean<>(new BodyLimitFilter(
        properties.maxBodyBytes(), problems));
    bean.addUrlPatterns("/api/*");
    bean.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return bean;
  }

  @Bean
  PreviewGate previewGate(ApiProperties properties, PlatformTransactionManager transactions) {
    return new PreviewGate(properties, transactions);
  }
}
