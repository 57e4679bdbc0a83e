package io.wescrm.core.rules;

import java.util.List;

/** A rule definition was refused; {@link #errors()} says where and why. */
public class InvalidRuleException extends RuntimeException {

  private final List<RuleError> errors;

  public InvalidRuleException(List<RuleError> errors) {
    super("invalid rule: " + errors.stream().map(e -> e.path() + ": " + e.detail()).toList());
    this.errors = List.copyOf(errors);
  }

  public List<RuleError> errors() {
    return errors;
  }
}
