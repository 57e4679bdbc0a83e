package io.wescrm.core.rules;

import static io.wescrm.core.rules.CustomerSnapshotFixture.customerAt;
import static org.assertj.core.api.Assertions.assertThat;

import io.wescrm.core.tags.TagChange;
import io.wescrm.core.tags.TagSource;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The rules pipeline on one customer: tag rules in order, taking back their own tags, then the stage. */
class RulePlanTest {

  final Clock clock = Clock.fixed(Instant.parse("2026-06-01T08:00:00Z"), ZoneOffset.UTC);
  final RuleCodec codec = new RuleCodec(LiveTags.each(tag -> true));

  static final String MEN = "{\"field\": \"gender\", \"op\": \"eq\", \"value\": 1}";
  static final String WOMEN = "{\"field\": \"gender\", \"op\": \"eq\", \"value\": 2}";

  @Test
  void aMatchingRuleAddsItsTagsToEveryLiveRelation() {
    CustomerSnapshot c = customerAt(clock.instant()).gender(1).followedBy("u1", 7, "s", 3)
        .followedBy("u2", 7, "s", 3, "etA").ended("u3", "STAFF", 1).build();
    Rule rule = rule(1, 3, MEN, new RuleAction.AddTags(Set.of("etA", "etB"), true));

    RulePlan plan = plan(c, Map.of(), rule);

    assertThat(plan.matched()).containsExactly(1L);
    assertThat(plan.changes()).containsExactly(
        new TagChange(CustomerSnapshotFixture.CORP, "u1", "wmcustomer", Set.of("etA", "etB"), Set.of(),
            TagSource.RULE, "1:3", true),
        new TagChange(CustomerSnapshotFixture.CORP, "u2", "wmcustomer", Set.of("etB"), Set.of(), TagSource.RULE,
            "1:3", true));
    assertThat(plan.stage()).isNull();
  }

  @Test
  void localOnlyTagsBecomeLocalChanges() {
    CustomerSnapshot c = customerAt(clock.instant()).gender(1).followedBy("u1", 7, "s", 3).build();

    RulePlan plan = plan(c, Map.of(), rule(1, 1, MEN, new RuleAction.AddTags(Set.of("etSync"), true),
        new RuleAction.AddTags(Set.of("etLocal"), false)));

    assertThat(plan.changes()).extracting(TagChange::add, TagChange::syncToWeCom).containsExactly(
        org.assertj.core.api.Assertions.tuple(Set.of("etSync"), true),
        org.assertj.core.api.Assertions.tuple(Set.of("etLocal"), false));
  }

  @Test
  void aNonMatchingRuleChangesNothingItDidNotAdd() {
    CustomerSnapshot c = customerAt(clock.instant()).gender(2).followedBy("u1", 7, "s", 3, "etA").build();

    RulePlan plan = plan(c, Map.of("u1", Map.of("etA", "9:1")), rule(1, 1, MEN,
        new RuleAction.AddTags(Set.of("etA"), true)));

    assertThat(plan.matched()).isEmpty();
    assertThat(plan.changes()).as("etA belongs to rule 9").isEmpty();
  }

  @Test
  void aRuleTakesBackItsTagsOnceTheCustomerStopsMatching() {
    CustomerSnapshot c = customerAt(clock.instant()).gender(2).followedBy("u1", 7, "s", 3, "etA", "etB").build();

    RulePlan plan = plan(c, Map.of("u1", Map.of("etA", "1:1", "etB", "2:1")), rule(1, 2, MEN,
        new RuleAction.AddTags(Set.of("etA"), false)));

    // taken back in WeCom too: the tag may have reached it under an earlier version that synced
    assertThat(plan.changes()).containsExactly(new TagChange(CustomerSnapshotFixture.CORP, "u1", "wmcustomer",
        Set.of(), Set.of("etA"), TagSource.RULE, "1:2", true));
  }

  @Test
  void aRuleTakesBackTagsItNoLongerAdds() {
    CustomerSnapshot c = customerAt(clock.instant()).gender(1).followedBy("u1", 7, "s", 3, "etOld").build();

    RulePlan plan = plan(c, Map.of("u1", Map.of("etOld", "1:1")), rule(1, 2, MEN,
        new RuleAction.AddTags(Set.of("etNew"), true)));

    assertThat(plan.changes()).singleElement().satisfies(change -> {
      assertThat(change.add()).containsExactly("etNew");
      assertThat(change.remove()).containsExactly("etOld");
    });
  }

  @Test
  void removeTagsRemovesWhoeverAddedThem() {
    CustomerSnapshot c = customerAt(clock.instant()).gender(1).followedBy("u1", 7, "s", 3, "etA", "etB").build();

    RulePlan plan = plan(c, Map.of(), rule(1, 1, MEN, new RuleAction.RemoveTags(Set.of("etA", "etZ"), true)));

    assertThat(plan.changes()).singleElement().satisfies(change -> {
      assertThat(change.remove()).containsExactly("etA");
      assertThat(change.add()).isEmpty();
    });
  }

  @Test
  void laterRulesSeeTheTagsEarlierRulesSet() {
    CustomerSnapshot c = customerAt(clock.instant()).gender(1).followedBy("u1", 7, "s", 3).build();
    Rule first = rule(1, 1, MEN, new RuleAction.AddTags(Set.of("etA"), true));
    Rule second = rule(2, 1, "{\"field\": \"tags\", \"op\": \"hasAny\", \"values\": [\"etA\"]}",
        new RuleAction.AddTags(Set.of("etB"), true));

    assertThat(plan(c, Map.of(), first, second).changes()).extracting(TagChange::add)
        .containsExactly(Set.of("etA"), Set.of("etB"));
    assertThat(plan(c, Map.of(), second, first).changes()).as("in the other order the second sees nothing yet")
        .extracting(TagChange::add).containsExactly(Set.of("etA"));
  }

  @Test
  void theFirstMatchingStageRuleWins() {
    CustomerSnapshot c = customerAt(clock.instant()).gender(1).stage("new").build();

    RulePlan plan = plan(c, Map.of(), rule(1, 1, WOMEN, new RuleAction.SetStage(LifecycleStage.LOST)),
        rule(2, 1, MEN, new RuleAction.SetStage(LifecycleStage.GROWING)),
        rule(3, 1, MEN, new RuleAction.SetStage(LifecycleStage.MATURE)));

    assertThat(plan.stage()).isEqualTo("growing");
    assertThat(plan.matched()).containsExactly(2L, 3L);
    assertThat(plan.changes()).isEmpty();
  }

  @Test
  void anUnchangedStageIsNoChange() {
    CustomerSnapshot c = customerAt(clock.instant()).gender(1).stage("growing").build();

    assertThat(plan(c, Map.of(), rule(1, 1, MEN, new RuleAction.SetStage(LifecycleStage.GROWING))).stage())
        .isNull();
  }

  @Test
  void stageRulesSeeTheTagsOfTagRules() {
    CustomerSnapshot c = customerAt(clock.instant()).gender(1).followedBy("u1", 7, "s", 3).build();

    RulePlan plan = plan(c, Map.of(),
        rule(1, 1, "{\"field\": \"tags\", \"op\": \"hasAny\", \"values\": [\"etVip\"]}",
            new RuleAction.SetStage(LifecycleStage.MATURE)),
        rule(2, 1, MEN, new RuleAction.AddTags(Set.of("etVip"), true)));

    assertThat(plan.stage()).isEqualTo("mature");
  }

  @Test
  void windowsOfAPlanEndAtTheGivenTime() {
    CustomerSnapshot c = customerAt(clock.instant()).followedBy("u1", 7, "s", 6).build();
    Rule newcomers = rule(1, 1, "{\"field\": \"follow.addedAt\", \"op\": \"withinDays\", \"value\": 7}",
        new RuleAction.SetStage(LifecycleStage.NEW));

    assertThat(RulePlan.of(List.of(newcomers), c, Map.of(), clock.instant()).stage()).isEqualTo("new");
    assertThat(RulePlan.of(List.of(newcomers), c, Map.of(), clock.instant().plus(java.time.Duration.ofDays(2)))
        .stage()).isNull();
  }

  // ------------------------------------------------------------------------------------------------ helpers

  RulePlan plan(CustomerSnapshot c, Map<String, Map<String, String>> ruleTags, Rule... rules) {
    return RulePlan.of(List.of(rules), c, ruleTags, clock.instant());
  }

  Rule rule(long id, int version, String condition, RuleAction... actions) {
    return new Rule(id, CustomerSnapshotFixture.CORP, "rule " + id, null, (int) id, true, version, null,
        codec.readCondition(RuleCodec.parseJson(condition)), List.of(actions));
  }
}
