package io.wescrm.core.rules;

import java.util.List;

/**
 * What evaluating the rules on one customer changed.
 *
 * @param matchedRules ids of the enabled rules whose condition held
 */
public record CustomerEvaluation(String externalUserId, List<Long> matchedRules, int tagsAdded, int tagsRemoved,
    String stageBefore, String stageAfter) {

  public CustomerEvaluation {
    matchedRules = List.copyOf(matchedRules);
  }

  public boolean changed() {
    return tagsAdded > 0 || tagsRemoved > 0 || !java.util.Objects.equals(stageBefore, stageAfter);
  }
}
