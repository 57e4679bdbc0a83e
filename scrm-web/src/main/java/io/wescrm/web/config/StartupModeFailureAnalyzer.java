package io.wescrm.web.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints a refused start-up ({@link StartupModeCheck}) as Spring Boot's "APPLICATION FAILED TO START" block. */
public class StartupModeFailureAnalyzer extends AbstractFailureAnalyzer<StartupModeException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, StartupModeException cause) {
    return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
  }
}
