package io.wescrm.core.rules;

import java.util.Objects;
import java.util.Set;

/** What a rule does to a matching customer. */
public sealed interface RuleAction {

  /**
   * Adds tags to every live follow relation of a matching customer, and takes them off again (only the rows this
   * rule added) when the customer no longer matches.
   *
   * @param syncToWeCom also write them to WeCom (mark_tag, queued and rate-limited); false keeps them local only
   */
  record AddTags(Set<String> tags, boolean syncToWeCom) implements RuleAction {
    public AddTags {
      tags = Set.copyOf(tags);
    }
  }

  /** Removes tags (whoever added them) from every live follow relation of a matching customer. */
  record RemoveTags(Set<String> tags, boolean syncToWeCom) implements RuleAction {
    public RemoveTags {
      tags = Set.copyOf(tags);
    }
  }

  /** Sets the customer's lifecycle stage; among matching stage rules the one with the lowest priority wins. */
  record SetStage(LifecycleStage stage) implements RuleAction {
    public SetStage {
      Objects.requireNonNull(stage, "stage");
    }
  }
}
