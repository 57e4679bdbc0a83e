package io.wescrm.core.rules;

import java.util.List;

/** The rule store, as the engine reads it. */
public interface Rules {

  /** A corp's enabled rules, in priority order. */
  List<Rule> enabled(String corpId);
}
