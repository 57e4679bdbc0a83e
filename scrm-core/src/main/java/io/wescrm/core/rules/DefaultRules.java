package io.wescrm.core.rules;

import java.util.List;

/**
 * The lifecycle rule set shipped with the server: installed per corp (in the demo at start-up, elsewhere through the
 * API), then ordinary rules that operators can edit, disable or delete. Stage rules are ordered by priority and
 * the first match wins, so the more urgent stages come first.
 */
public final class DefaultRules {

  private DefaultRules() {
  }

  /** A shipped rule: its preset key, name, priority and JSON definition. */
  public record Preset(String key, String name, String description, int priority, String condition,
      String actions) {
  }

  public static final List<Preset> LIFECYCLE = List.of(
      new Preset("lifecycle.lost", "已流失", "没有任何员工仍在跟进（被删除或删除了所有员工）", 10,
          "{\"field\":\"follow.count\",\"op\":\"eq\",\"value\":0}",
          "[{\"type\":\"setStage\",\"stage\":\"lost\"}]"),
      new Preset("lifecycle.at_risk", "流失预警", "30 天内删除过员工或被员工删除，或 60 天没有任何互动", 20,
          "{\"any\":[{\"field\":\"deletedByCustomer\",\"op\":\"withinDays\",\"value\":30},"
              + "{\"field\":\"deletedByStaff\",\"op\":\"withinDays\",\"value\":30},"
              + "{\"field\":\"interaction\",\"op\":\"notWithinDays\",\"value\":60}]}",
          "[{\"type\":\"setStage\",\"stage\":\"at_risk\"}]"),
      new Preset("lifecycle.new", "引入期", "7 天内新添加", 30,
          "{\"field\":\"follow.addedAt\",\"op\":\"withinDays\",\"value\":7}",
          "[{\"type\":\"setStage\",\"stage\":\"new\"}]"),
      new Preset("lifecycle.mature", "成熟期", "添加超过 30 天且至少在 1 个客户群中", 40,
          "{\"all\":[{\"field\":\"follow.addedAt\",\"op\":\"olderThanDays\",\"value\":30},"
              + "{\"field\":\"group.count\",\"op\":\"gte\",\"value\":1}]}",
          "[{\"type\":\"setStage\",\"stage\":\"mature\"}]"),
      new Preset("lifecycle.growing", "成长期", "其余仍在跟进的客户", 50,
          "{\"field\":\"follow.count\",\"op\":\"gte\",\"value\":1}",
          "[{\"type\":\"setStage\",\"stage\":\"growing\"}]"));
}
