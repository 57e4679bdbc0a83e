package io.wescrm.core.rules;

import java.util.List;
import java.util.Optional;

/**
 * One version of a rule. The subject of a rule is a customer; tag actions apply to each live follow relation of a
 * matching customer (WeCom keeps tags per relation), the stage to the customer.
 *
 * @param priority lower runs first; tag rules run in this order (a later rule sees tags an earlier one set), and
 *     among stage rules the first match wins
 */
public record Rule(long id, String corpId, String name, String description, int priority, boolean enabled,
    int version, String preset, Condition condition, List<RuleAction> actions) {

  public Rule {
    actions = List.copyOf(actions);
  }

  /** {@code ruleId:version}, recorded as the source_ref of every tag the rule adds. */
  public String sourceRef() {
    return id + ":" + version;
  }

  public Optional<LifecycleStage> stage() {
    return actions.stream().filter(a -> a instanceof RuleAction.SetStage).map(a -> ((RuleAction.SetStage) a).stage())
        .findFirst();
  }

  public boolean changesTags() {
    return actions.stream().anyMatch(a -> !(a instanceof RuleAction.SetStage));
  }
}
