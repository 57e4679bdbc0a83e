package io.wescrm.web.config;

/** The configured profiles and settings must not start: {@link #getMessage()} says why, {@link #action()} how. */
public class StartupModeException extends RuntimeException {

  private final String action;

  public StartupModeException(String description, String action) {
    super(description);
    this.action = action;
  }

  public String action() {
    return action;
  }
}
