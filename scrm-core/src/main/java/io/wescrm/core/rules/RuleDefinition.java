package io.wescrm.core.rules;

import java.util.List;

/** A parsed and validated condition with its actions. */
public record RuleDefinition(Condition condition, List<RuleAction> actions) {

  public RuleDefinition {
    actions = List.copyOf(actions);
  }
}
