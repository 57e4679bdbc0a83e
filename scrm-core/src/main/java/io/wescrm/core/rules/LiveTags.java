package io.wescrm.core.rules;

import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** Which of some corp tag ids exist and are not deleted: one question for a whole rule or audience (one query). */
@FunctionalInterface
public interface LiveTags {

  Set<String> live(Set<String> tagIds);

  /** Asks one id at a time (tests, benchmarks, stored definitions). */
  static LiveTags each(Predicate<String> liveTag) {
    return ids -> ids.stream().filter(liveTag).collect(Collectors.toSet());
  }
}
