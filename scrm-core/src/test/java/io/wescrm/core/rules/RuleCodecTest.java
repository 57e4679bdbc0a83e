package io.wescrm.core.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Parsing, validation (one precise code and path per mistake) and writing of rule JSON. */
class RuleCodecTest {

  /** Tags starting with "et" exist in the corp; anything else is unknown or deleted. */
  final RuleCodec codec = new RuleCodec(LiveTags.each(tag -> tag.startsWith("et")));

  static final String ADD_TAG = "[{\"type\": \"addTags\", \"tags\": [\"etNew\"]}]";

  // ------------------------------------------------------------------------------------------------ reading

  @Test
  void readsEveryNodeKind() {
    Condition c = condition("""
        {"all": [
          {"any": [{"field": "gender", "op": "eq", "value": 1}, {"field": "corpName", "op": "contains", "value": "Acme"}]},
          {"not": {"field": "tags", "op": "hasAny", "values": ["etA"]}},
          {"sameFollow": [{"field": "follow.staff", "op": "eq", "value": "u1"},
                          {"field": "follow.addedAt", "op": "withinDays", "value": 7}]}
        ]}""");

    assertThat(c).isInstanceOf(Condition.All.class);
    List<Condition> items = ((Condition.All) c).items();
    assertThat(items).hasSize(3);
    assertThat(items.get(0)).isInstanceOf(Condition.Any.class);
    assertThat(((Condition.Any) items.get(0)).items()).containsExactly(
        new Condition.Leaf(Field.GENDER, Op.EQ, List.of("1"), null, null),
        new Condition.Leaf(Field.CORP_NAME, Op.CONTAINS, List.of("Acme"), null, null));
    assertThat(items.get(1)).isEqualTo(new Condition.Not(
        new Condition.Leaf(Field.TAGS, Op.HAS_ANY, List.of("etA"), null, null)));
    assertThat(items.get(2)).isEqualTo(new Condition.SameFollow(List.of(
        new Condition.Leaf(Field.FOLLOW_STAFF, Op.EQ, List.of("u1"), null, null),
        new Condition.Leaf(Field.FOLLOW_ADDED_AT, Op.WITHIN_DAYS, List.of(), 7L, null))));
  }

  @Test
  void roundTripsEveryNodeKindAndOperandShape() {
    String canonical = """
        {"all":[
          {"any":[{"field":"gender","op":"eq","value":1},{"field":"corpName","op":"ne","value":"Acme"}]},
          {"not":{"field":"tags","op":"hasAll","values":["etA","etB"]}},
          {"sameFollow":[{"field":"follow.state","op":"in","values":["store_a","ad_b"]},
                         {"field":"follow.department","op":"notIn","values":[7,9]},
                         {"field":"follow.addedAt","op":"olderThanDays","value":30}]},
          {"field":"lifecycleStage","op":"isEmpty"},
          {"field":"moment.likes","op":"gte","value":3,"days":30},
          {"field":"follow.count","op":"eq","value":2},
          {"field":"group.store","op":"in","values":[12]},
          {"field":"interaction","op":"notWithinDays","value":90},
          {"all":[]},
          {"any":[]}
        ]}""";
    JsonNode json = RuleCodec.parseJson(canonical);

    Condition read = codec.readCondition(json);

    // compared as text: a number read as an int node is written as a long node
    assertThat(RuleCodec.text(RuleCodec.write(read))).isEqualTo(RuleCodec.text(json));
    assertThat(codec.readCondition(RuleCodec.write(read))).isEqualTo(read);
  }

  @Test
  void roundTripsActions() {
    JsonNode json = RuleCodec.parseJson("""
        [{"type":"addTags","tags":["etA","etB"],"syncToWeCom":true},
         {"type":"removeTags","tags":["etC"],"syncToWeCom":false},
         {"type":"setStage","stage":"growing"}]""");

    RuleDefinition rule = codec.read(RuleCodec.parseJson("{\"field\":\"gender\",\"op\":\"eq\",\"value\":1}"), json);

    assertThat(rule.actions()).containsExactly(new RuleAction.AddTags(Set.of("etA", "etB"), true),
        new RuleAction.RemoveTags(Set.of("etC"), false), new RuleAction.SetStage(LifecycleStage.GROWING));
    assertThat(RuleCodec.text(RuleCodec.write(rule.actions()))).isEqualTo(RuleCodec.text(json));
  }

  @Test
  void numericValuesMayBeDecimalStringsAndDuplicatesCollapse() {
    Condition c = condition("{\"field\": \"gender\", \"op\": \"in\", \"values\": [1, \" 1 \", \"2\"]}");

    assertThat(c).isEqualTo(new Condition.Leaf(Field.GENDER, Op.IN, List.of("1", "2"), null, null));
  }

  @Test
  void countsCompareWithANumberEvenForEq() {
    assertThat(condition("{\"field\": \"follow.count\", \"op\": \"eq\", \"value\": 2}"))
        .isEqualTo(new Condition.Leaf(Field.FOLLOW_COUNT, Op.EQ, List.of(), 2L, null));
    assertThat(conditionErrors("{\"field\": \"follow.count\", \"op\": \"eq\", \"value\": \"2\"}"))
        .extracting(RuleError::path, RuleError::code).containsExactly(tuple("condition.value", "MISSING_VALUE"));
  }

  @Test
  void actionsSyncToWeComUnlessToldOtherwise() {
    RuleDefinition rule = codec.read(RuleCodec.parseJson("{\"field\":\"gender\",\"op\":\"eq\",\"value\":1}"),
        RuleCodec.parseJson("[{\"type\": \"addTags\", \"tags\": [\" etA \"]}]"));

    assertThat(rule.actions()).containsExactly(new RuleAction.AddTags(Set.of("etA"), true));
  }

  @Test
  void storedRulesAreReadWithoutCheckingTags() {
    RuleDefinition stored = RuleCodec.readStored("{\"field\":\"tags\",\"op\":\"hasAny\",\"values\":[\"deleted\"]}",
        "[{\"type\":\"removeTags\",\"tags\":[\"gone\"]}]");

    assertThat(stored.condition()).isEqualTo(new Condition.Leaf(Field.TAGS, Op.HAS_ANY, List.of("deleted"), null,
        null));
    assertThat(stored.actions()).containsExactly(new RuleAction.RemoveTags(Set.of("gone"), true));
  }

  // ------------------------------------------------------------------------------------------------ leaves

  @Test
  void rejectsUnknownField() {
    assertSingleError("{\"field\": \"birthday\", \"op\": \"eq\", \"value\": \"x\"}", "condition.field",
        "UNKNOWN_FIELD");
  }

  @Test
  void rejectsMissingOrBlankField() {
    assertSingleError("{\"op\": \"eq\", \"value\": \"x\"}", "condition.field", "MISSING_FIELD");
    assertSingleError("{\"field\": \" \", \"op\": \"eq\", \"value\": \"x\"}", "condition.field", "MISSING_FIELD");
    assertSingleError("{\"field\": 3, \"op\": \"eq\", \"value\": \"x\"}", "condition.field", "MISSING_FIELD");
  }

  @Test
  void rejectsMissingOperator() {
    assertSingleError("{\"field\": \"corpName\", \"value\": \"x\"}", "condition.op", "MISSING_OPERATOR");
  }

  @Test
  void rejectsOperatorThatDoesNotFitTheField() {
    assertSingleError("{\"field\": \"tags\", \"op\": \"eq\", \"value\": \"etA\"}", "condition.op",
        "OPERATOR_NOT_ALLOWED");
    assertSingleError("{\"field\": \"follow.addedAt\", \"op\": \"gt\", \"value\": 3}", "condition.op",
        "OPERATOR_NOT_ALLOWED");
    assertSingleError("{\"field\": \"gender\", \"op\": \"contains\", \"value\": 1}", "condition.op",
        "OPERATOR_NOT_ALLOWED");
  }

  @Test
  void rejectsUnknownOperator() {
    assertSingleError("{\"field\": \"corpName\", \"op\": \"like\", \"value\": \"x\"}", "condition.op",
        "OPERATOR_NOT_ALLOWED");
  }

  @Test
  void rejectsUnknownKeyOfALeaf() {
    assertSingleError("{\"field\": \"gender\", \"op\": \"eq\", \"value\": 1, \"weight\": 2}", "condition.weight",
        "UNKNOWN_KEY");
  }

  @Test
  void rejectsNonIntegerForNumericField() {
    assertSingleError("{\"field\": \"gender\", \"op\": \"eq\", \"value\": \"male\"}", "condition.value",
        "NOT_A_NUMBER");
    assertSingleError("{\"field\": \"follow.addWay\", \"op\": \"in\", \"values\": [1, 2.5]}", "condition.values[1]",
        "NOT_A_NUMBER");
  }

  @Test
  void rejectsNonStringForTextField() {
    assertSingleError("{\"field\": \"corpName\", \"op\": \"eq\", \"value\": true}", "condition.value",
        "NOT_A_STRING");
    assertSingleError("{\"field\": \"follow.state\", \"op\": \"in\", \"values\": [\"a\", {\"b\": 1}]}",
        "condition.values[1]", "NOT_A_STRING");
  }

  @Test
  void rejectsMissingOrEmptyValues() {
    assertSingleError("{\"field\": \"corpName\", \"op\": \"eq\"}", "condition.value", "MISSING_VALUE");
    assertSingleError("{\"field\": \"corpName\", \"op\": \"eq\", \"value\": \"   \"}", "condition.value",
        "MISSING_VALUE");
    assertSingleError("{\"field\": \"follow.state\", \"op\": \"in\", \"values\": []}", "condition.values",
        "MISSING_VALUE");
    assertSingleError("{\"field\": \"follow.state\", \"op\": \"in\", \"value\": \"a\"}", "condition.values",
        "MISSING_VALUE");
  }

  @Test
  void rejectsValueLongerThan128Characters() {
    assertSingleError("{\"field\": \"follow.remark\", \"op\": \"contains\", \"value\": \"" + "x".repeat(129) + "\"}",
        "condition.value", "VALUE_TOO_LONG");
    assertThat(condition("{\"field\": \"follow.remark\", \"op\": \"contains\", \"value\": \"" + "x".repeat(128)
        + "\"}")).isInstanceOf(Condition.Leaf.class);
  }

  @Test
  void rejectsUnknownOrDeletedTagInCondition() {
    assertSingleError("{\"field\": \"tags\", \"op\": \"hasAny\", \"values\": [\"etA\", \"gone\"]}",
        "condition.values[1]", "UNKNOWN_TAG");
  }

  @Test
  void rejectsUnknownStage() {
    assertSingleError("{\"field\": \"lifecycleStage\", \"op\": \"eq\", \"value\": \"vip\"}", "condition.value",
        "UNKNOWN_STAGE");
  }

  @Test
  void rejectsDaysOutsideOneToTenYears() {
    assertSingleError("{\"field\": \"follow.addedAt\", \"op\": \"withinDays\", \"value\": 0}", "condition.value",
        "VALUE_OUT_OF_RANGE");
    assertSingleError("{\"field\": \"interaction\", \"op\": \"withinDays\", \"value\": 3651}", "condition.value",
        "VALUE_OUT_OF_RANGE");
    assertSingleError("{\"field\": \"interaction\", \"op\": \"withinDays\", \"value\": -1}", "condition.value",
        "MISSING_VALUE");
    assertSingleError("{\"field\": \"interaction\", \"op\": \"withinDays\", \"value\": 1.5}", "condition.value",
        "MISSING_VALUE");
  }

  @Test
  void windowCountsNeedDaysAndOtherFieldsRefuseThem() {
    assertSingleError("{\"field\": \"moment.likes\", \"op\": \"gte\", \"value\": 3}", "condition.days",
        "MISSING_VALUE");
    assertSingleError("{\"field\": \"moment.comments\", \"op\": \"gte\", \"value\": 3, \"days\": 4000}",
        "condition.days", "MISSING_VALUE");
    assertSingleError("{\"field\": \"group.count\", \"op\": \"gte\", \"value\": 3, \"days\": 30}", "condition.days",
        "UNEXPECTED_VALUE");
  }

  @Test
  void campaignFieldsReadTheirIdsAndWindows() {
    assertThat(condition("{\"field\": \"campaign.received\", \"op\": \"in\", \"values\": [12, \" 15 \", \"012\"]}"))
        .isEqualTo(new Condition.Leaf(Field.CAMPAIGN_RECEIVED, Op.IN, List.of("12", "15"), null, null));
    assertThat(condition("{\"field\": \"campaign.received\", \"op\": \"notIn\", \"values\": [\"7\"], \"days\": 30}"))
        .isEqualTo(new Condition.Leaf(Field.CAMPAIGN_RECEIVED, Op.NOT_IN, List.of("7"), null, 30));
    assertThat(condition("{\"field\": \"campaign.pushes\", \"op\": \"gte\", \"value\": 3, \"days\": 7}"))
        .isEqualTo(new Condition.Leaf(Field.CAMPAIGN_PUSHES, Op.GTE, List.of(), 3L, 7));
    String canonical = "{\"all\":[{\"field\":\"campaign.received\",\"op\":\"in\",\"values\":[12,15],\"days\":7},"
        + "{\"field\":\"campaign.received\",\"op\":\"notIn\",\"values\":[3]},"
        + "{\"field\":\"campaign.pushes\",\"op\":\"lt\",\"value\":2,\"days\":30}]}";
    Condition read = condition(canonical);
    assertThat(RuleCodec.text(RuleCodec.write(read))).isEqualTo(canonical);
    assertThat(codec.readCondition(RuleCodec.write(read))).isEqualTo(read);
  }

  @Test
  void campaignIdsMustBePositiveIntegers() {
    assertSingleError("{\"field\": \"campaign.received\", \"op\": \"in\", \"values\": [12, \"春节活动\"]}",
        "condition.values[1]", "NOT_A_NUMBER");
    assertSingleError("{\"field\": \"campaign.received\", \"op\": \"in\", \"values\": [0]}",
        "condition.values[0]", "NOT_A_NUMBER");
    assertSingleError("{\"field\": \"campaign.received\", \"op\": \"notIn\", \"values\": [\"-3\"]}",
        "condition.values[0]", "NOT_A_NUMBER");
    assertSingleError("{\"field\": \"campaign.received\", \"op\": \"in\", \"values\": [1.5]}",
        "condition.values[0]", "NOT_A_NUMBER");
    assertSingleError("{\"field\": \"campaign.received\", \"op\": \"in\", \"values\": []}",
        "condition.values", "MISSING_VALUE");
    assertThat(conditionErrors("{\"field\": \"campaign.received\", \"op\": \"in\", \"values\": [\"abc\"]}"))
        .singleElement().satisfies(e -> assertThat(e.message())
            .isEqualTo("字段 campaign.received 的取值应为群发活动 id（正整数）：\"abc\""));
  }

  @Test
  void campaignFieldsTakeTheirOperatorsOnly() {
    assertSingleError("{\"field\": \"campaign.received\", \"op\": \"eq\", \"value\": 12}", "condition.op",
        "OPERATOR_NOT_ALLOWED");
    assertThat(conditionErrors("{\"field\": \"campaign.received\", \"op\": \"hasAny\", \"values\": [12]}"))
        .singleElement().satisfies(e -> assertThat(e.message())
            .isEqualTo("字段 campaign.received（收到过的群发活动）不支持运算符 hasAny，可用：in、notIn"));
    assertSingleError("{\"field\": \"campaign.pushes\", \"op\": \"in\", \"values\": [1], \"days\": 7}",
        "condition.op", "OPERATOR_NOT_ALLOWED");
  }

  @Test
  void campaignPushesNeedDaysAndCampaignReceivedTakesThemOptionally() {
    assertThat(conditionErrors("{\"field\": \"campaign.pushes\", \"op\": \"gte\", \"value\": 3}"))
        .singleElement().satisfies(e -> {
          assertThat(e.path()).isEqualTo("condition.days");
          assertThat(e.code()).isEqualTo("MISSING_VALUE");
          assertThat(e.message()).isEqualTo("字段 campaign.pushes 需要统计窗口 days（1 到 3650 天）");
        });
    assertSingleError("{\"field\": \"campaign.pushes\", \"op\": \"gte\", \"value\": 3, \"days\": 0}",
        "condition.days", "MISSING_VALUE");
    assertSingleError("{\"field\": \"campaign.pushes\", \"op\": \"gte\", \"value\": -1, \"days\": 7}",
        "condition.value", "MISSING_VALUE");
    assertThat(conditionErrors("{\"field\": \"campaign.received\", \"op\": \"in\", \"values\": [1], \"days\": 0}"))
        .singleElement().satisfies(e -> {
          assertThat(e.path()).isEqualTo("condition.days");
          assertThat(e.code()).isEqualTo("VALUE_OUT_OF_RANGE");
          assertThat(e.message()).isEqualTo("字段 campaign.received 的 days 应为 1 到 3650 之间的整数（不填表示不限时间）");
        });
    assertSingleError("{\"field\": \"campaign.received\", \"op\": \"in\", \"values\": [1], \"days\": 3651}",
        "condition.days", "VALUE_OUT_OF_RANGE");
    assertSingleError("{\"field\": \"campaign.received\", \"op\": \"in\", \"values\": [1], \"days\": \"7\"}",
        "condition.days", "VALUE_OUT_OF_RANGE");
  }

  @Test
  void operatorsWithoutOperandRefuseAValue() {
    assertSingleError("{\"field\": \"corpName\", \"op\": \"isEmpty\", \"value\": \"x\"}", "condition.value",
        "UNEXPECTED_VALUE");
  }

  // ------------------------------------------------------------------------------------------------ structure

  @Test
  void rejectsMissingCondition() {
    assertThat(errors(null, ADD_TAG)).extracting(RuleError::code).containsExactly("MISSING_CONDITION");
    assertThatThrownBy(() -> codec.readCondition(RuleCodec.parseJson("null")))
        .isInstanceOfSatisfying(InvalidRuleException.class, e -> assertThat(e.errors())
            .extracting(RuleError::code).containsExactly("MISSING_CONDITION"));
  }

  @Test
  void rejectsConditionThatIsNotAnObject() {
    assertSingleError("\"gender = 1\"", "condition", "NOT_AN_OBJECT");
    assertSingleError("{\"all\": [1]}", "condition.all[0]", "NOT_AN_OBJECT");
  }

  @Test
  void rejectsGroupThatIsNotAnArray() {
    assertSingleError("{\"all\": {\"field\": \"gender\"}}", "condition.all", "NOT_AN_ARRAY");
  }

  @Test
  void rejectsNodeMixingAGroupWithOtherKeys() {
    assertSingleError("{\"all\": [], \"field\": \"gender\"}", "condition", "MIXED_NODE");
    assertSingleError("{\"not\": {\"field\": \"gender\", \"op\": \"eq\", \"value\": 1}, \"op\": \"eq\"}", "condition",
        "MIXED_NODE");
    assertSingleError("{\"sameFollow\": [], \"field\": \"follow.staff\"}", "condition", "MIXED_NODE");
  }

  @Test
  void acceptsNestingUpToMaxDepthAndRejectsDeeper() {
    String leaf = "{\"field\": \"gender\", \"op\": \"eq\", \"value\": 1}";
    assertThat(condition(nestedInNot(leaf, RuleCodec.MAX_DEPTH))).isInstanceOf(Condition.Not.class);

    List<RuleError> errors = conditionErrors(nestedInNot(leaf, RuleCodec.MAX_DEPTH + 1));

    assertThat(errors).extracting(RuleError::code).containsExactly("TOO_DEEP");
    assertThat(errors.get(0).path()).isEqualTo("condition" + ".not".repeat(RuleCodec.MAX_DEPTH + 1));
  }

  @Test
  void countsEveryNodeNotOnlyLeaves() {
    // empty groups have no leaf: a wide tree of them is capped by the node count
    String wide = "{\"any\": [" + "{\"all\": []}, ".repeat(RuleCodec.MAX_NODES) + "{\"all\": []}]}";

    assertThat(conditionErrors(wide)).extracting(RuleError::path, RuleError::code)
        .containsExactly(tuple("condition.any[" + (RuleCodec.MAX_NODES - 1) + "]", "TOO_MANY_NODES"));
    assertThat(condition("{\"any\": [" + "{\"all\": []}, ".repeat(RuleCodec.MAX_NODES - 2) + "{\"all\": []}]}"))
        .isInstanceOf(Condition.Any.class);
  }

  @Test
  void capsTheValuesOfOneLeafAndOfOneAction() {
    String values = "\"etA\", ".repeat(RuleCodec.MAX_VALUES) + "\"etB\"";

    assertSingleError("{\"field\": \"tags\", \"op\": \"hasAny\", \"values\": [" + values + "]}", "condition.values",
        "TOO_MANY_VALUES");
    assertThat(errors(GENDER_1, "[{\"type\": \"addTags\", \"tags\": [" + values + "]}]"))
        .extracting(RuleError::path, RuleError::code).containsExactly(tuple("actions[0].tags", "TOO_MANY_VALUES"));
  }

  @Test
  void asksForEveryTagOfARuleInOneQuestion() {
    List<Set<String>> questions = new java.util.ArrayList<>();
    RuleCodec counting = new RuleCodec(ids -> {
      questions.add(ids);
      return Set.of("etA", "etB");
    });

    List<RuleError> errors;
    try {
      counting.read(RuleCodec.parseJson("""
          {"all": [{"field": "tags", "op": "hasAny", "values": ["etA", "etGone", "etA"]},
                   {"not": {"field": "tags", "op": "hasAll", "values": ["etB"]}}]}"""),
          RuleCodec.parseJson("[{\"type\": \"addTags\", \"tags\": [\"etC\"]}]"));
      throw new AssertionError("accepted");
    } catch (InvalidRuleException e) {
      errors = e.errors();
    }

    assertThat(questions).containsExactly(Set.of("etA", "etGone", "etB", "etC"));
    assertThat(errors).extracting(RuleError::path, RuleError::code).containsExactly(
        tuple("condition.all[0].values[1]", "UNKNOWN_TAG"), tuple("actions[0].tags[0]", "UNKNOWN_TAG"));
  }

  @Test
  void acceptsUpToMaxLeavesAndRejectsMore() {
    assertThat(condition(allOf(RuleCodec.MAX_LEAVES))).isInstanceOf(Condition.All.class);

    assertThat(conditionErrors(allOf(RuleCodec.MAX_LEAVES + 1))).extracting(RuleError::path, RuleError::code)
        .containsExactly(tuple("condition.all[" + RuleCodec.MAX_LEAVES + "]", "TOO_MANY_CONDITIONS"));
  }

  @Test
  void reportsEveryMistakeAtOnceWithItsPath() {
    List<RuleError> errors = errors("""
        {"any": [{"field": "birthday", "op": "eq", "value": 1},
                 {"all": [{"field": "tags", "op": "eq", "value": "etA"}]},
                 {"field": "gender", "op": "eq", "value": 1}]}""",
        "[{\"type\": \"explode\"}]");

    assertThat(errors).extracting(RuleError::path, RuleError::code).containsExactly(
        tuple("condition.any[0].field", "UNKNOWN_FIELD"),
        tuple("condition.any[1].all[0].op", "OPERATOR_NOT_ALLOWED"),
        tuple("actions[0].type", "UNKNOWN_ACTION"));
    assertThat(errors).allSatisfy(e -> assertThat(e.message()).isNotBlank());
  }

  // ------------------------------------------------------------------------------------------------ sameFollow

  @Test
  void sameFollowRejectsACustomerLevelFieldWithOnePreciseError() {
    // gender with an operator it does not even accept: the scope is the mistake, reported alone
    assertSingleError("""
        {"sameFollow": [{"field": "follow.staff", "op": "eq", "value": "u1"},
                        {"field": "gender", "op": "hasAny", "values": ["x"]}]}""",
        "condition.sameFollow[1].field", "NOT_A_FOLLOW_FIELD");
  }

  @Test
  void sameFollowRejectsTheFollowCountWhichIsNoFieldOfOneRelation() {
    assertSingleError("{\"sameFollow\": [{\"field\": \"follow.count\", \"op\": \"gt\", \"value\": 1}]}",
        "condition.sameFollow[0].field", "NOT_A_FOLLOW_FIELD");
  }

  @Test
  void sameFollowRejectsNestedGroups() {
    assertSingleError("""
        {"sameFollow": [{"any": [{"field": "follow.staff", "op": "eq", "value": "u1"}]}]}""",
        "condition.sameFollow[0]", "NOT_A_FOLLOW_CONDITION");
    assertSingleError("{\"sameFollow\": [\"follow.staff\"]}", "condition.sameFollow[0]", "NOT_A_FOLLOW_CONDITION");
  }

  @Test
  void sameFollowNeedsANonEmptyArray() {
    assertSingleError("{\"sameFollow\": []}", "condition.sameFollow", "NOT_AN_ARRAY");
    assertSingleError("{\"sameFollow\": {\"field\": \"follow.staff\"}}", "condition.sameFollow", "NOT_AN_ARRAY");
  }

  @Test
  void sameFollowValidatesItsLeavesLikeAnyLeaf() {
    assertSingleError("{\"sameFollow\": [{\"field\": \"follow.state\", \"op\": \"gt\", \"value\": 1}]}",
        "condition.sameFollow[0].op", "OPERATOR_NOT_ALLOWED");
    assertSingleError("{\"sameFollow\": [{\"field\": \"follow.nickname\", \"op\": \"eq\", \"value\": \"a\"}]}",
        "condition.sameFollow[0].field", "UNKNOWN_FIELD");
  }

  @Test
  void sameFollowLeavesCountTowardsMaxLeaves() {
    StringBuilder json = new StringBuilder("{\"all\": [");
    for (int i = 0; i < RuleCodec.MAX_LEAVES; i++) {
      json.append("{\"field\": \"gender\", \"op\": \"eq\", \"value\": 1}, ");
    }
    json.append("{\"sameFollow\": [{\"field\": \"follow.staff\", \"op\": \"eq\", \"value\": \"u1\"}]}]}");

    assertThat(conditionErrors(json.toString())).extracting(RuleError::path, RuleError::code)
        .containsExactly(tuple("condition.all[" + RuleCodec.MAX_LEAVES + "].sameFollow[0]", "TOO_MANY_CONDITIONS"));
  }

  // ------------------------------------------------------------------------------------------------ actions

  @Test
  void rejectsMissingOrEmptyActions() {
    assertThat(errors(GENDER_1, null)).extracting(RuleError::code).containsExactly("MISSING_ACTIONS");
    assertThat(errors(GENDER_1, "[]")).extracting(RuleError::code).containsExactly("MISSING_ACTIONS");
    assertThat(errors(GENDER_1, "{\"type\": \"addTags\"}")).extracting(RuleError::code)
        .containsExactly("MISSING_ACTIONS");
  }

  @Test
  void rejectsActionWithoutTypeOrOfUnknownType() {
    assertThat(errors(GENDER_1, "[{\"tags\": [\"etA\"]}, {\"type\": \"sendMail\"}]"))
        .extracting(RuleError::path, RuleError::code)
        .containsExactly(tuple("actions[0].type", "MISSING_ACTION_TYPE"), tuple("actions[1].type", "UNKNOWN_ACTION"));
  }

  @Test
  void rejectsTagActionsWithoutOrWithUnknownTags() {
    assertThat(errors(GENDER_1, "[{\"type\": \"addTags\", \"tags\": []}]"))
        .extracting(RuleError::path, RuleError::code).containsExactly(tuple("actions[0].tags", "MISSING_VALUE"));
    assertThat(errors(GENDER_1, "[{\"type\": \"removeTags\", \"tags\": [\"etA\", \"gone\", 7]}]"))
        .extracting(RuleError::path, RuleError::code)
        .containsExactly(tuple("actions[0].tags[1]", "UNKNOWN_TAG"), tuple("actions[0].tags[2]", "UNKNOWN_TAG"));
  }

  @Test
  void rejectsMissingUnknownAndDuplicateStages() {
    assertThat(errors(GENDER_1, "[{\"type\": \"setStage\"}]")).extracting(RuleError::path, RuleError::code)
        .containsExactly(tuple("actions[0].stage", "MISSING_VALUE"));
    assertThat(errors(GENDER_1, "[{\"type\": \"setStage\", \"stage\": \"vip\"}]"))
        .extracting(RuleError::path, RuleError::code).containsExactly(tuple("actions[0].stage", "UNKNOWN_STAGE"));
    assertThat(errors(GENDER_1, "[{\"type\": \"setStage\", \"stage\": \"new\"}, "
        + "{\"type\": \"setStage\", \"stage\": \"lost\"}]")).extracting(RuleError::path, RuleError::code)
        .containsExactly(tuple("actions[1]", "DUPLICATE_ACTION"));
  }

  @Test
  void rejectsATagBothAddedAndRemoved() {
    assertThat(errors(GENDER_1, "[{\"type\": \"addTags\", \"tags\": [\"etA\"]}, "
        + "{\"type\": \"removeTags\", \"tags\": [\"etB\", \"etA\"]}]")).extracting(RuleError::path, RuleError::code)
        .containsExactly(tuple("actions", "CONFLICTING_ACTIONS"));
  }

  @Test
  void rejectsAConditionOnATagTheRuleItselfChanges() {
    assertThat(errors("{\"not\": {\"field\": \"tags\", \"op\": \"hasNone\", \"values\": [\"etA\"]}}",
        "[{\"type\": \"addTags\", \"tags\": [\"etA\"]}]")).extracting(RuleError::path, RuleError::code)
        .containsExactly(tuple("actions", "SELF_REFERENCE"));
    assertThat(errors("{\"field\": \"tags\", \"op\": \"hasAny\", \"values\": [\"etA\"]}",
        "[{\"type\": \"removeTags\", \"tags\": [\"etA\"]}]")).extracting(RuleError::code)
        .containsExactly("SELF_REFERENCE");
  }

  // ------------------------------------------------------------------------------------------------ helpers

  static final String GENDER_1 = "{\"field\": \"gender\", \"op\": \"eq\", \"value\": 1}";

  Condition condition(String json) {
    return codec.readCondition(RuleCodec.parseJson(json));
  }

  List<RuleError> conditionErrors(String json) {
    try {
      codec.readCondition(RuleCodec.parseJson(json));
    } catch (InvalidRuleException e) {
      return e.errors();
    }
    throw new AssertionError("accepted: " + json);
  }

  List<RuleError> errors(String condition, String actions) {
    try {
      codec.read(condition == null ? null : RuleCodec.parseJson(condition),
          actions == null ? null : RuleCodec.parseJson(actions));
    } catch (InvalidRuleException e) {
      return e.errors();
    }
    throw new AssertionError("accepted: " + condition + " / " + actions);
  }

  void assertSingleError(String condition, String path, String code) {
    assertThat(conditionErrors(condition)).as(condition).extracting(RuleError::path, RuleError::code)
        .containsExactly(tuple(path, code));
    // a whole rule reports the same
    assertThat(errors(condition, ADD_TAG)).extracting(RuleError::path, RuleError::code)
        .containsExactly(tuple(path, code));
  }

  static String nestedInNot(String leaf, int depth) {
    return "{\"not\": ".repeat(depth) + leaf + "}".repeat(depth);
  }

  static String allOf(int leaves) {
    StringBuilder json = new StringBuilder("{\"all\": [");
    for (int i = 0; i < leaves; i++) {
      json.append(i == 0 ? "" : ", ").append("{\"field\": \"gender\", \"op\": \"eq\", \"value\": 1}");
    }
    return json.append("]}").toString();
  }
}
