package io.wescrm.core.rules;

import static io.wescrm.core.rules.CustomerSnapshotFixture.customerAt;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The in-memory evaluation of conditions on hand-built customers, at a fixed clock. */
class InMemoryEvaluatorTest {

  final Clock clock = Clock.fixed(Instant.parse("2026-06-01T08:00:00Z"), ZoneOffset.UTC);
  final RuleCodec codec = new RuleCodec(LiveTags.each(tag -> true));

  @Test
  void textComparisonsIgnoreCase() {
    CustomerSnapshot acme = customerAt(clock.instant()).corpName("Acme Trading").build();

    assertThat(holds("{\"field\": \"corpName\", \"op\": \"eq\", \"value\": \"ACME trading\"}", acme)).isTrue();
    assertThat(holds("{\"field\": \"corpName\", \"op\": \"in\", \"values\": [\"x\", \"acme TRADING\"]}", acme))
        .isTrue();
    assertThat(holds("{\"field\": \"corpName\", \"op\": \"contains\", \"value\": \"TRAD\"}", acme)).isTrue();
    assertThat(holds("{\"field\": \"corpName\", \"op\": \"notContains\", \"value\": \"trad\"}", acme)).isFalse();
    assertThat(holds("{\"field\": \"corpName\", \"op\": \"ne\", \"value\": \"acme trading\"}", acme)).isFalse();
  }

  @Test
  void aMissingValueEqualsNothingAndIsEmpty() {
    CustomerSnapshot nameless = customerAt(clock.instant()).build();

    assertThat(holds("{\"field\": \"corpName\", \"op\": \"eq\", \"value\": \"x\"}", nameless)).isFalse();
    assertThat(holds("{\"field\": \"corpName\", \"op\": \"contains\", \"value\": \"x\"}", nameless)).isFalse();
    assertThat(holds("{\"field\": \"corpName\", \"op\": \"ne\", \"value\": \"x\"}", nameless)).isTrue();
    assertThat(holds("{\"field\": \"corpName\", \"op\": \"notContains\", \"value\": \"x\"}", nameless)).isTrue();
    assertThat(holds("{\"field\": \"corpName\", \"op\": \"isEmpty\"}", nameless)).isTrue();
    assertThat(holds("{\"field\": \"gender\", \"op\": \"in\", \"values\": [0, 1, 2]}", nameless)).isFalse();
    assertThat(holds("{\"field\": \"gender\", \"op\": \"notIn\", \"values\": [0, 1, 2]}", nameless)).isTrue();
  }

  @Test
  void onlySpacesCountAsBlank() {
    assertThat(holds("{\"field\": \"corpName\", \"op\": \"isEmpty\"}",
        customerAt(clock.instant()).corpName("   ").build())).isTrue();
    assertThat(holds("{\"field\": \"corpName\", \"op\": \"isNotEmpty\"}",
        customerAt(clock.instant()).corpName(" \t ").build())).isTrue();
  }

  @Test
  void integerAndStageFieldsCompareTheirValues() {
    CustomerSnapshot c = customerAt(clock.instant()).gender(2).type(1).stage("growing").build();

    assertThat(holds("{\"field\": \"gender\", \"op\": \"eq\", \"value\": 2}", c)).isTrue();
    assertThat(holds("{\"field\": \"gender\", \"op\": \"ne\", \"value\": 2}", c)).isFalse();
    assertThat(holds("{\"field\": \"customerType\", \"op\": \"notIn\", \"values\": [2]}", c)).isTrue();
    assertThat(holds("{\"field\": \"lifecycleStage\", \"op\": \"in\", \"values\": [\"new\", \"growing\"]}", c))
        .isTrue();
    assertThat(holds("{\"field\": \"lifecycleStage\", \"op\": \"isNotEmpty\"}", c)).isTrue();
  }

  @Test
  void aFollowLeafHoldsWhenSomeLiveRelationSatisfiesIt() {
    CustomerSnapshot c = customerAt(clock.instant()).followedBy("u1", 7, "ad_summer", 3)
        .followedWithRemark("u2", "VIP 老客", 202).ended("u3", "CUSTOMER", 1).build();

    assertThat(holds("{\"field\": \"follow.staff\", \"op\": \"eq\", \"value\": \"U2\"}", c)).isTrue();
    assertThat(holds("{\"field\": \"follow.state\", \"op\": \"eq\", \"value\": \"ad_summer\"}", c)).isTrue();
    assertThat(holds("{\"field\": \"follow.remark\", \"op\": \"contains\", \"value\": \"vip\"}", c)).isTrue();
    assertThat(holds("{\"field\": \"follow.addWay\", \"op\": \"eq\", \"value\": 202}", c)).isTrue();
    assertThat(holds("{\"field\": \"follow.department\", \"op\": \"in\", \"values\": [7]}", c)).isTrue();
    // the ended relation counts for nothing
    assertThat(holds("{\"field\": \"follow.staff\", \"op\": \"eq\", \"value\": \"u3\"}", c)).isFalse();
    assertThat(holds("{\"field\": \"follow.state\", \"op\": \"eq\", \"value\": \"ended_state\"}", c)).isFalse();
    // "some relation is not u1" holds: u2 is not
    assertThat(holds("{\"field\": \"follow.staff\", \"op\": \"ne\", \"value\": \"u1\"}", c)).isTrue();
  }

  @Test
  void sameFollowNeedsOneRelationSatisfyingEveryItem() {
    CustomerSnapshot c = customerAt(clock.instant()).followedBy("u1", 7, "ad_summer", 3)
        .followedBy("u2", 8, "store_sh01", 40).build();
    String u1 = "{\"field\": \"follow.staff\", \"op\": \"eq\", \"value\": \"u1\"}";
    String store = "{\"field\": \"follow.state\", \"op\": \"eq\", \"value\": \"store_sh01\"}";
    String recent = "{\"field\": \"follow.addedAt\", \"op\": \"withinDays\", \"value\": 7}";

    assertThat(holds("{\"all\": [" + u1 + ", " + store + "]}", c)).as("different relations may satisfy all")
        .isTrue();
    assertThat(holds("{\"sameFollow\": [" + u1 + ", " + store + "]}", c)).isFalse();
    assertThat(holds("{\"sameFollow\": [" + u1 + ", " + recent + "]}", c)).isTrue();
    assertThat(holds("{\"sameFollow\": [" + store + ", " + recent + "]}", c)).isFalse();
  }

  @Test
  void addedAtWindowsEndAtTheGivenClock() {
    CustomerSnapshot addedSixDaysAgo = customerAt(clock.instant()).followedBy("u1", 7, "s", 6).build();
    String within7 = "{\"field\": \"follow.addedAt\", \"op\": \"withinDays\", \"value\": 7}";
    String older7 = "{\"field\": \"follow.addedAt\", \"op\": \"olderThanDays\", \"value\": 7}";
    Clock twoDaysLater = Clock.offset(clock, Duration.ofDays(2));

    assertThat(holds(within7, addedSixDaysAgo)).isTrue();
    assertThat(holds(older7, addedSixDaysAgo)).isFalse();
    assertThat(holds(within7, addedSixDaysAgo, twoDaysLater)).isFalse();
    assertThat(holds(older7, addedSixDaysAgo, twoDaysLater)).isTrue();
  }

  @Test
  void aWindowIncludesItsFirstInstant() {
    CustomerSnapshot c = customerAt(clock.instant()).followedBy("u1", 7, "s", 7).build();

    assertThat(holds("{\"field\": \"follow.addedAt\", \"op\": \"withinDays\", \"value\": 7}", c)).isTrue();
    assertThat(holds("{\"field\": \"follow.addedAt\", \"op\": \"withinDays\", \"value\": 7}", c,
        Clock.offset(clock, Duration.ofMillis(1)))).isFalse();
  }

  @Test
  void followCountCountsLiveRelationsOnly() {
    CustomerSnapshot c = customerAt(clock.instant()).followedBy("u1", 7, "s", 3).followedBy("u2", 7, "s", 3)
        .ended("u3", "STAFF", 1).build();

    assertThat(holds("{\"field\": \"follow.count\", \"op\": \"eq\", \"value\": 2}", c)).isTrue();
    assertThat(holds("{\"field\": \"follow.count\", \"op\": \"gt\", \"value\": 2}", c)).isFalse();
    assertThat(holds("{\"field\": \"follow.count\", \"op\": \"lte\", \"value\": 2}", c)).isTrue();
    assertThat(holds("{\"field\": \"follow.count\", \"op\": \"eq\", \"value\": 0}",
        customerAt(clock.instant()).build())).isTrue();
  }

  @Test
  void tagsAreTheUnionOverLiveRelations() {
    CustomerSnapshot c = customerAt(clock.instant()).followedBy("u1", 7, "s", 3, "etA")
        .followedBy("u2", 7, "s", 3, "etB").ended("u3", "STAFF", 1, "etC").build();

    assertThat(holds("{\"field\": \"tags\", \"op\": \"hasAll\", \"values\": [\"etA\", \"etB\"]}", c)).isTrue();
    assertThat(holds("{\"field\": \"tags\", \"op\": \"hasAny\", \"values\": [\"etC\", \"etB\"]}", c)).isTrue();
    assertThat(holds("{\"field\": \"tags\", \"op\": \"hasAll\", \"values\": [\"etA\", \"etC\"]}", c)).isFalse();
    assertThat(holds("{\"field\": \"tags\", \"op\": \"hasNone\", \"values\": [\"etC\"]}", c)).isTrue();
    assertThat(holds("{\"field\": \"tags\", \"op\": \"hasNone\", \"values\": [\"etC\", \"etA\"]}", c)).isFalse();
  }

  @Test
  void groupFieldsLookAtLiveMembershipsOnly() {
    CustomerSnapshot c = customerAt(clock.instant()).inGroup("wrChat1", "Zhang", 12, 5)
        .inGroup("wrChat2", "li", 13, 50).leftGroup("wrOld", "wang", 99).build();

    assertThat(holds("{\"field\": \"group.chat\", \"op\": \"in\", \"values\": [\"WRCHAT1\"]}", c)).isTrue();
    assertThat(holds("{\"field\": \"group.chat\", \"op\": \"in\", \"values\": [\"wrOld\"]}", c)).isFalse();
    assertThat(holds("{\"field\": \"group.chat\", \"op\": \"notIn\", \"values\": [\"wrOld\"]}", c)).isTrue();
    assertThat(holds("{\"field\": \"group.owner\", \"op\": \"in\", \"values\": [\"zhang\"]}", c)).isTrue();
    assertThat(holds("{\"field\": \"group.store\", \"op\": \"in\", \"values\": [13]}", c)).isTrue();
    assertThat(holds("{\"field\": \"group.store\", \"op\": \"notIn\", \"values\": [12, 13]}", c)).isFalse();
    assertThat(holds("{\"field\": \"group.count\", \"op\": \"eq\", \"value\": 2}", c)).isTrue();
  }

  @Test
  void momentCountsCountTheirKindWithinTheirWindow() {
    CustomerSnapshot c = customerAt(clock.instant()).liked(1).liked(29).liked(31).commented(2).build();

    assertThat(holds("{\"field\": \"moment.likes\", \"op\": \"eq\", \"value\": 2, \"days\": 30}", c)).isTrue();
    assertThat(holds("{\"field\": \"moment.likes\", \"op\": \"gte\", \"value\": 3, \"days\": 30}", c)).isFalse();
    assertThat(holds("{\"field\": \"moment.likes\", \"op\": \"gte\", \"value\": 3, \"days\": 31}", c)).isTrue();
    assertThat(holds("{\"field\": \"moment.comments\", \"op\": \"eq\", \"value\": 1, \"days\": 30}", c)).isTrue();
    assertThat(holds("{\"field\": \"moment.comments\", \"op\": \"eq\", \"value\": 0, \"days\": 1}", c)).isTrue();
  }

  @Test
  void momentInteractionsCountDistinctMomentsLikedOrCommentedWithinTheWindow() {
    // moment A liked and commented (one moment), B commented twice, C liked 40 days ago
    CustomerSnapshot c = customerAt(clock.instant()).interacted("momA", "LIKE", 1).interacted("momA", "COMMENT", 2)
        .interacted("momB", "COMMENT", 3).interacted("momB", "COMMENT", 29).interacted("momC", "LIKE", 40).build();
    CustomerSnapshot once = customerAt(clock.instant()).interacted("momA", "LIKE", 1)
        .interacted("momA", "COMMENT", 1).build();

    assertThat(holds("{\"field\": \"moment.interactions\", \"op\": \"eq\", \"value\": 2, \"days\": 30}", c))
        .isTrue();
    assertThat(holds("{\"field\": \"moment.interactions\", \"op\": \"gte\", \"value\": 3, \"days\": 41}", c))
        .isTrue();
    assertThat(holds("{\"field\": \"moment.interactions\", \"op\": \"gte\", \"value\": 2, \"days\": 30}",
        once)).isFalse();
    assertThat(holds("{\"field\": \"moment.likes\", \"op\": \"gte\", \"value\": 1, \"days\": 30}", once))
        .isTrue();
  }

  @Test
  void campaignReceivedNamesCampaignsEverOrWithinItsWindow() {
    CustomerSnapshot c = customerAt(clock.instant()).pushed(12, 100, 40).pushed(15, 101, 2).build();
    CustomerSnapshot never = customerAt(clock.instant()).build();

    assertThat(holds("{\"field\": \"campaign.received\", \"op\": \"in\", \"values\": [12]}", c)).isTrue();
    assertThat(holds("{\"field\": \"campaign.received\", \"op\": \"in\", \"values\": [12], \"days\": 30}", c))
        .isFalse();
    assertThat(holds("{\"field\": \"campaign.received\", \"op\": \"in\", \"values\": [12], \"days\": 40}", c))
        .as("a window includes its first instant").isTrue();
    assertThat(holds("{\"field\": \"campaign.received\", \"op\": \"in\", \"values\": [9, 15], \"days\": 7}", c))
        .isTrue();
    assertThat(holds("{\"field\": \"campaign.received\", \"op\": \"notIn\", \"values\": [9]}", c)).isTrue();
    assertThat(holds("{\"field\": \"campaign.received\", \"op\": \"notIn\", \"values\": [9, 12]}", c)).isFalse();
    assertThat(holds("{\"field\": \"campaign.received\", \"op\": \"notIn\", \"values\": [12], \"days\": 30}", c))
        .isTrue();
    assertThat(holds("{\"field\": \"campaign.received\", \"op\": \"in\", \"values\": [12]}", never)).isFalse();
    assertThat(holds("{\"field\": \"campaign.received\", \"op\": \"notIn\", \"values\": [12]}", never)).isTrue();
  }

  @Test
  void campaignPushesCountEveryPushWithinTheWindow() {
    // two pushes of one run (two senders) count twice, as the customer got two messages
    CustomerSnapshot c = customerAt(clock.instant()).pushed(12, 100, 1).pushed(12, 100, 1).pushed(15, 101, 6)
        .pushed(15, 102, 45).build();

    assertThat(holds("{\"field\": \"campaign.pushes\", \"op\": \"eq\", \"value\": 2, \"days\": 5}", c)).isTrue();
    assertThat(holds("{\"field\": \"campaign.pushes\", \"op\": \"eq\", \"value\": 3, \"days\": 7}", c)).isTrue();
    assertThat(holds("{\"field\": \"campaign.pushes\", \"op\": \"gte\", \"value\": 4, \"days\": 45}", c))
        .isTrue();
    assertThat(holds("{\"field\": \"campaign.pushes\", \"op\": \"lt\", \"value\": 3, \"days\": 7}", c)).isFalse();
    assertThat(holds("{\"field\": \"campaign.pushes\", \"op\": \"eq\", \"value\": 0, \"days\": 7}",
        customerAt(clock.instant()).build())).isTrue();
  }

  @Test
  void explainOfCampaignFieldsShowsThePushes() {
    CustomerSnapshot c = customerAt(clock.instant()).pushed(12, 100, 3).pushed(15, 101, 40).build();

    InMemoryEvaluator.Explanation received = InMemoryEvaluator.explain(condition(
        "{\"field\": \"campaign.received\", \"op\": \"in\", \"values\": [12, 15], \"days\": 7}"), c, clock.instant());
    InMemoryEvaluator.Explanation pushes = InMemoryEvaluator.explain(condition(
        "{\"field\": \"campaign.pushes\", \"op\": \"gte\", \"value\": 2, \"days\": 7}"), c, clock.instant());

    assertThat(received.held()).isTrue();
    assertThat(received.actual()).isEqualTo("[12@2026-05-29T08:00:00Z] of 2 pushes");
    assertThat(pushes.held()).isFalse();
    assertThat(pushes.actual()).isEqualTo("1");
  }

  @Test
  void interactionIsAnyRecentAddJoinOrMoment() {
    CustomerSnapshot joinedRecently = customerAt(clock.instant()).followedBy("u1", 7, "s", 100)
        .inGroup("wr1", "o", 1, 3).build();
    CustomerSnapshot quiet = customerAt(clock.instant()).followedBy("u1", 7, "s", 100).liked(60).build();
    String within30 = "{\"field\": \"interaction\", \"op\": \"withinDays\", \"value\": 30}";
    String notWithin30 = "{\"field\": \"interaction\", \"op\": \"notWithinDays\", \"value\": 30}";

    assertThat(holds(within30, joinedRecently)).isTrue();
    assertThat(holds(notWithin30, joinedRecently)).isFalse();
    assertThat(holds(within30, quiet)).isFalse();
    assertThat(holds(notWithin30, quiet)).isTrue();
  }

  @Test
  void deletionsAreToldApartByWhoDeleted() {
    CustomerSnapshot c = customerAt(clock.instant()).followedBy("u1", 7, "s", 100).ended("u2", "CUSTOMER", 3)
        .build();

    assertThat(holds("{\"field\": \"deletedByCustomer\", \"op\": \"withinDays\", \"value\": 7}", c)).isTrue();
    assertThat(holds("{\"field\": \"deletedByCustomer\", \"op\": \"withinDays\", \"value\": 2}", c)).isFalse();
    assertThat(holds("{\"field\": \"deletedByStaff\", \"op\": \"withinDays\", \"value\": 7}", c)).isFalse();
    assertThat(holds("{\"field\": \"deletedByStaff\", \"op\": \"notWithinDays\", \"value\": 7}", c)).isTrue();
  }

  @Test
  void allAnyAndNotCombineTwoValuedResults() {
    CustomerSnapshot c = customerAt(clock.instant()).gender(1).build();
    String yes = "{\"field\": \"gender\", \"op\": \"eq\", \"value\": 1}";
    String no = "{\"field\": \"gender\", \"op\": \"eq\", \"value\": 2}";

    assertThat(holds("{\"all\": [" + yes + ", " + no + "]}", c)).isFalse();
    assertThat(holds("{\"any\": [" + no + ", " + yes + "]}", c)).isTrue();
    assertThat(holds("{\"not\": " + no + "}", c)).isTrue();
    assertThat(holds("{\"not\": {\"any\": [" + no + ", {\"not\": " + yes + "}]}}", c)).isTrue();
    assertThat(holds("{\"all\": []}", c)).as("an empty all holds").isTrue();
    assertThat(holds("{\"any\": []}", c)).as("an empty any holds for none").isFalse();
  }

  @Test
  void explainShowsEveryNodeWithItsOutcomeAndWhatTheCustomerHas() {
    CustomerSnapshot c = customerAt(clock.instant()).gender(1).corpName("Acme").build();

    InMemoryEvaluator.Explanation why = InMemoryEvaluator.explain(condition("""
        {"all": [{"field": "corpName", "op": "eq", "value": "Beta"}, {"not": {"field": "gender", "op": "eq", "value": 1}}]}"""),
        c, clock.instant());

    assertThat(why.node()).isEqualTo("all");
    assertThat(why.held()).isFalse();
    assertThat(why.children()).hasSize(2);
    InMemoryEvaluator.Explanation name = why.children().get(0);
    assertThat(name.node()).isEqualTo("{\"field\":\"corpName\",\"op\":\"eq\",\"value\":\"Beta\"}");
    assertThat(name.held()).isFalse();
    assertThat(name.actual()).isEqualTo("Acme");
    InMemoryEvaluator.Explanation not = why.children().get(1);
    assertThat(not.node()).isEqualTo("not");
    assertThat(not.held()).isFalse();
    assertThat(not.children()).singleElement().satisfies(g -> {
      assertThat(g.held()).isTrue();
      assertThat(g.actual()).isEqualTo("1");
    });
  }

  @Test
  void explainOfSameFollowNamesTheRelationsSatisfyingEveryItem() {
    CustomerSnapshot c = customerAt(clock.instant()).followedBy("u1", 7, "ad_summer", 3)
        .followedBy("u2", 8, "store_sh01", 3).followedBy("u3", 8, "store_sh01", 300).build();

    InMemoryEvaluator.Explanation why = InMemoryEvaluator.explain(condition("""
        {"sameFollow": [{"field": "follow.state", "op": "eq", "value": "store_sh01"},
                        {"field": "follow.addedAt", "op": "withinDays", "value": 7}]}"""), c, clock.instant());

    assertThat(why.node()).isEqualTo("sameFollow");
    assertThat(why.held()).isTrue();
    assertThat(why.actual()).isEqualTo("relations satisfying every item: [u2]");
    assertThat(why.children()).extracting(InMemoryEvaluator.Explanation::held).containsExactly(true, true);
    assertThat(why.children().get(0).actual()).isEqualTo("[u1=ad_summer, u2=store_sh01, u3=store_sh01]");
  }

  @Test
  void explainAgreesWithMatchesForEveryFieldAndOperator() {
    CustomerSnapshot c = customerAt(clock.instant()).gender(1).corpName("etA").stage("new")
        .followedBy("etA", 1, "etA", 3, "etA").inGroup("etA", "etA", 1, 3).liked(3).ended("u9", "STAFF", 2)
        .pushed(1, 1, 3).build();
    for (Field field : Field.values()) {
      for (Op op : field.type().ops()) {
        Condition.Leaf leaf = SqlRuleCompilerTest.anyLeaf(field, op);
        InMemoryEvaluator.Explanation why = InMemoryEvaluator.explain(leaf, c, clock.instant());
        assertThat(why.held()).as(field + " " + op).isEqualTo(InMemoryEvaluator.matches(leaf, c, clock.instant()));
        assertThat(why.actual()).as(field + " " + op).isNotNull();
      }
    }
  }

  // ------------------------------------------------------------------------------------------------ helpers

  Condition condition(String json) {
    return codec.readCondition(RuleCodec.parseJson(json));
  }

  boolean holds(String json, CustomerSnapshot c) {
    return holds(json, c, clock);
  }

  boolean holds(String json, CustomerSnapshot c, Clock at) {
    return InMemoryEvaluator.matches(condition(json), c, at.instant());
  }
}
