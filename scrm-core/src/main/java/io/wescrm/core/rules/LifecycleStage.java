package io.wescrm.core.rules;

import java.util.Arrays;
import java.util.Optional;

/** Customer lifecycle stages (stored in {@code scrm_customer.lifecycle_stage} by key). */
public enum LifecycleStage {
  NEW("new", "引入期"),
  GROWING("growing", "成长期"),
  MATURE("mature", "成熟期"),
  AT_RISK("at_risk", "流失预警"),
  LOST("lost", "已流失");

  private final String key;
  private final String label;

  LifecycleStage(String key, String label) {
    this.key = key;
    this.label = label;
  }

  public String key() {
    return key;
  }

  public String label() {
    return label;
  }

  public static Optional<LifecycleStage> byKey(String key) {
    return Arrays.stream(values()).filter(s -> s.key.equals(key)).findFirst();
  }
}
