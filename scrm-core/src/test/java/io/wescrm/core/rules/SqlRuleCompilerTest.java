package io.wescrm.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The SQL predicate and its bound arguments for each field and operator kind. */
class SqlRuleCompilerTest {

  static final String CORP = "wwcorp";
  static final Instant NOW = Instant.parse("2026-06-01T08:00:00.123456Z");
  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  final SqlRuleCompiler compiler = new SqlRuleCompiler(CORP, NOW, SHANGHAI);

  @Test
  void everyFieldAndOperatorCompilesWithOneArgumentPerPlaceholder() {
    int compiled = 0;
    for (Field field : Field.values()) {
      for (Op op : field.type().ops()) {
        SqlRuleCompiler.Sql sql = compile(anyLeaf(field, op));
        assertThat(placeholders(sql.sql())).as(field + " " + op + ": " + sql.sql()).isEqualTo(sql.args().size());
        assertThat(sql.args()).as(field + " " + op).doesNotContainNull();
        compiled++;
      }
    }
    assertThat(compiled).isGreaterThan(Field.values().length);
  }

  @Test
  void textEqualityIgnoresCaseThroughLoweredArguments() {
    SqlRuleCompiler.Sql sql = compile(leaf(Field.CORP_NAME, Op.IN, "Acme", "BETA Ltd"));

    assertThat(sql.sql()).isEqualTo("(c.corp_name IS NOT NULL AND LOWER(c.corp_name) IN (?, ?))");
    assertThat(sql.args()).containsExactly("acme", "beta ltd");
  }

  @Test
  void negatedTextHoldsForMissingValues() {
    assertThat(compile(leaf(Field.CORP_NAME, Op.NE, "Acme")).sql())
        .isEqualTo("(c.corp_name IS NULL OR LOWER(c.corp_name) NOT IN (?))");
    assertThat(compile(leaf(Field.CORP_NAME, Op.NOT_CONTAINS, "Acme")).sql())
        .isEqualTo("(c.corp_name IS NULL OR LOCATE(?, LOWER(c.corp_name)) = 0)");
  }

  @Test
  void containsLocatesTheLoweredValue() {
    SqlRuleCompiler.Sql sql = compile(leaf(Field.CORP_NAME, Op.CONTAINS, "ACME"));

    assertThat(sql.sql()).isEqualTo("(c.corp_name IS NOT NULL AND LOCATE(?, LOWER(c.corp_name)) > 0)");
    assertThat(sql.args()).containsExactly("acme");
  }

  @Test
  void emptinessTakesNoArguments() {
    SqlRuleCompiler.Sql empty = compile(new Condition.Leaf(Field.LIFECYCLE_STAGE, Op.IS_EMPTY, List.of(), null, null));
    SqlRuleCompiler.Sql notEmpty = compile(new Condition.Leaf(Field.CORP_NAME, Op.IS_NOT_EMPTY, List.of(), null,
        null));

    assertThat(empty.sql()).isEqualTo("(c.lifecycle_stage IS NULL OR TRIM(c.lifecycle_stage) = '')");
    assertThat(notEmpty.sql()).isEqualTo("(c.corp_name IS NOT NULL AND TRIM(c.corp_name) <> '')");
    assertThat(empty.args()).isEmpty();
    assertThat(notEmpty.args()).isEmpty();
  }

  @Test
  void integerFieldsBindLongs() {
    SqlRuleCompiler.Sql in = compile(leaf(Field.GENDER, Op.IN, "1", "2"));
    SqlRuleCompiler.Sql ne = compile(leaf(Field.CUSTOMER_TYPE, Op.NE, "1"));

    assertThat(in.sql()).isEqualTo("(c.gender IS NOT NULL AND c.gender IN (?, ?))");
    assertThat(in.args()).containsExactly(1L, 2L);
    assertThat(ne.sql()).isEqualTo("(c.type IS NULL OR c.type NOT IN (?))");
    assertThat(ne.args()).containsExactly(1L);
  }

  @Test
  void aFollowLeafIsOneLiveRelationSubqueryWithTheCorpFirst() {
    SqlRuleCompiler.Sql sql = compile(leaf(Field.FOLLOW_STATE, Op.EQ, "Store_SH01"));

    assertThat(sql.sql()).isEqualTo("c.external_userid IN (SELECT f.external_userid FROM scrm_follow_relation f "
        + "WHERE f.corp_id = ? AND f.deleted_at IS NULL AND (f.state IS NOT NULL AND LOWER(f.state) IN (?)))");
    assertThat(sql.args()).containsExactly(CORP, "store_sh01");
  }

  @Test
  void sameFollowPutsEveryItemIntoOneSubquery() {
    SqlRuleCompiler.Sql sql = compile(new Condition.SameFollow(List.of(leaf(Field.FOLLOW_STAFF, Op.EQ, "u1"),
        leaf(Field.FOLLOW_DEPARTMENT, Op.IN, "7"), days(Field.FOLLOW_ADDED_AT, Op.WITHIN_DAYS, 7))));

    assertThat(occurrences(sql.sql(), "FROM scrm_follow_relation")).isEqualTo(1);
    assertThat(sql.sql()).contains("LEFT JOIN scrm_staff s ON s.corp_id = f.corp_id AND s.userid = f.userid")
        .contains("(f.userid IS NOT NULL AND LOWER(f.userid) IN (?))")
        .contains("(s.main_department IS NOT NULL AND s.main_department IN (?))")
        .contains("(f.added_at IS NOT NULL AND f.added_at >= ?)");
    assertThat(sql.args()).containsExactly(CORP, "u1", 7L, cutoff(7));
  }

  @Test
  void followLeavesOutsideSameFollowAreSeparateSubqueries() {
    SqlRuleCompiler.Sql sql = compile(new Condition.All(List.of(leaf(Field.FOLLOW_STAFF, Op.EQ, "u1"),
        days(Field.FOLLOW_ADDED_AT, Op.OLDER_THAN_DAYS, 30))));

    assertThat(occurrences(sql.sql(), "FROM scrm_follow_relation")).isEqualTo(2);
    assertThat(sql.sql()).contains("f.added_at < ?").doesNotContain("scrm_staff");
    assertThat(sql.args()).containsExactly(CORP, "u1", CORP, cutoff(30));
  }

  @Test
  void windowCutoffsAreTheEvaluationTimeMinusTheDaysInTheDatabaseZone() {
    SqlRuleCompiler.Sql sql = compile(days(Field.DELETED_BY_CUSTOMER, Op.WITHIN_DAYS, 7));

    assertThat(sql.args()).containsExactly(CORP, "CUSTOMER", LocalDateTime.parse("2026-05-25T16:00:00.123"));
  }

  @Test
  void countsWhoseComparisonHoldsForZeroExcludeTheFailingGroups() {
    SqlRuleCompiler.Sql fewerThanTwo = compile(count(Field.FOLLOW_COUNT, Op.LT, 2));
    SqlRuleCompiler.Sql atLeastTwo = compile(count(Field.FOLLOW_COUNT, Op.GTE, 2));

    assertThat(fewerThanTwo.sql()).startsWith("c.external_userid NOT IN (").endsWith("HAVING NOT (COUNT(*) < ?))");
    assertThat(atLeastTwo.sql()).startsWith("c.external_userid IN (").endsWith("HAVING (COUNT(*) >= ?))");
    assertThat(fewerThanTwo.args()).containsExactly(CORP, 2L);
    assertThat(atLeastTwo.args()).containsExactly(CORP, 2L);
  }

  @Test
  void momentCountsBindKindAndWindow() {
    SqlRuleCompiler.Sql likes = compile(new Condition.Leaf(Field.MOMENT_LIKES, Op.GTE, List.of(), 3L, 30));
    SqlRuleCompiler.Sql comments = compile(new Condition.Leaf(Field.MOMENT_COMMENTS, Op.EQ, List.of(), 0L, 1));

    assertThat(likes.sql()).contains("FROM scrm_moment_interaction mi").contains("HAVING (COUNT(*) >= ?)");
    assertThat(compile(new Condition.Leaf(Field.MOMENT_INTERACTIONS, Op.GTE, List.of(), 2L, 30)).sql())
        .contains("FROM scrm_moment_interaction mi").contains("HAVING (COUNT(DISTINCT mi.moment_id) >= ?)");
    assertThat(likes.args()).containsExactly(CORP, "LIKE", cutoff(30), 3L);
    assertThat(comments.sql()).startsWith("c.external_userid NOT IN (");
    assertThat(comments.args()).containsExactly(CORP, "COMMENT", cutoff(1), 0L);
  }

  @Test
  void campaignReceivedLooksForSentPushesOfTheCampaigns() {
    SqlRuleCompiler.Sql ever = compile(leaf(Field.CAMPAIGN_RECEIVED, Op.IN, "12", "15"));
    SqlRuleCompiler.Sql notRecently = compile(new Condition.Leaf(Field.CAMPAIGN_RECEIVED, Op.NOT_IN, List.of("12"),
        null, 7));

    assertThat(ever.sql()).startsWith("c.external_userid IN (SELECT d.target FROM scrm_campaign_delivery d")
        .contains("d.status = 'SENT'").contains("r.channel <> 'GROUP'").contains("r.campaign_id IN (?, ?)")
        .doesNotContain("d.sent_at >=");
    assertThat(ever.args()).containsExactly(CORP, 12L, 15L);
    assertThat(notRecently.sql()).startsWith("c.external_userid NOT IN (").endsWith("AND d.sent_at >= ?)");
    assertThat(notRecently.args()).containsExactly(CORP, 12L, cutoff(7));
  }

  @Test
  void campaignPushesCountSentPushesWithinTheWindow() {
    SqlRuleCompiler.Sql atLeastTwo = compile(new Condition.Leaf(Field.CAMPAIGN_PUSHES, Op.GTE, List.of(), 2L, 7));
    SqlRuleCompiler.Sql none = compile(new Condition.Leaf(Field.CAMPAIGN_PUSHES, Op.EQ, List.of(), 0L, 30));

    assertThat(atLeastTwo.sql()).startsWith("c.external_userid IN (SELECT d.target FROM scrm_campaign_delivery d")
        .contains("GROUP BY d.target HAVING (COUNT(*) >= ?)");
    assertThat(atLeastTwo.args()).containsExactly(CORP, cutoff(7), 2L);
    assertThat(none.sql()).startsWith("c.external_userid NOT IN (");
    assertThat(none.args()).containsExactly(CORP, cutoff(30), 0L);
  }

  @Test
  void hasAllNeedsOneSubqueryPerTagAndHasNoneNegatesHasAny() {
    SqlRuleCompiler.Sql all = compile(leaf(Field.TAGS, Op.HAS_ALL, "etA", "etB"));
    SqlRuleCompiler.Sql any = compile(leaf(Field.TAGS, Op.HAS_ANY, "etA", "etB"));
    SqlRuleCompiler.Sql none = compile(leaf(Field.TAGS, Op.HAS_NONE, "etA", "etB"));

    assertThat(occurrences(all.sql(), "FROM scrm_follow_tag")).isEqualTo(2);
    assertThat(all.args()).containsExactly(CORP, "etA", CORP, "etB");
    assertThat(any.sql()).startsWith("(c.external_userid IN (").contains("t.tag_id IN (?, ?)");
    assertThat(any.args()).containsExactly(CORP, "etA", "etB");
    assertThat(none.sql()).isEqualTo("(NOT " + any.sql().substring(1));
    assertThat(none.args()).isEqualTo(any.args());
  }

  @Test
  void groupFieldsLookAtLiveMembershipsOfUndismissedGroups() {
    SqlRuleCompiler.Sql chat = compile(leaf(Field.GROUP_CHAT, Op.IN, "WrChat1"));
    SqlRuleCompiler.Sql owner = compile(leaf(Field.GROUP_OWNER, Op.NOT_IN, "Zhang"));
    SqlRuleCompiler.Sql store = compile(leaf(Field.GROUP_STORE, Op.IN, "12", "13"));

    assertThat(chat.sql()).startsWith("c.external_userid IN (").contains("g.dismissed_at IS NULL")
        .contains("m.left_at IS NULL").contains("LOWER(m.chat_id) IN (?)");
    assertThat(chat.args()).containsExactly(CORP, "wrchat1");
    assertThat(owner.sql()).startsWith("c.external_userid NOT IN (");
    assertThat(owner.args()).containsExactly(CORP, "zhang");
    assertThat(store.sql()).contains("JOIN scrm_staff s").contains("s.main_department IN (?, ?)");
    assertThat(store.args()).containsExactly(CORP, 12L, 13L);
  }

  @Test
  void interactionLooksAtRelationsGroupsAndMoments() {
    SqlRuleCompiler.Sql within = compile(days(Field.INTERACTION, Op.WITHIN_DAYS, 30));
    SqlRuleCompiler.Sql not = compile(days(Field.INTERACTION, Op.NOT_WITHIN_DAYS, 30));

    assertThat(within.sql()).startsWith("((c.external_userid IN").contains("scrm_follow_relation")
        .contains("scrm_group_member").contains("scrm_moment_interaction");
    assertThat(not.sql()).isEqualTo("(NOT " + within.sql().substring(1));
    assertThat(within.args()).containsExactly(CORP, cutoff(30), CORP, cutoff(30), CORP, cutoff(30));
  }

  @Test
  void deletionsBindWhoDeleted() {
    SqlRuleCompiler.Sql byStaff = compile(days(Field.DELETED_BY_STAFF, Op.NOT_WITHIN_DAYS, 14));

    assertThat(byStaff.sql()).startsWith("c.external_userid NOT IN (SELECT f.external_userid FROM "
        + "scrm_follow_relation f WHERE f.corp_id = ? AND f.deleted_by = ? AND f.deleted_at >= ?)");
    assertThat(byStaff.args()).containsExactly(CORP, "STAFF", cutoff(14));
  }

  @Test
  void groupsJoinTheirItemsAndEmptyGroupsAreConstants() {
    Condition gender = leaf(Field.GENDER, Op.EQ, "1");
    Condition name = leaf(Field.CORP_NAME, Op.EQ, "a");

    assertThat(compile(new Condition.All(List.of(gender, name))).sql())
        .isEqualTo("(" + compile(gender).sql() + " AND " + compile(name).sql() + ")");
    assertThat(compile(new Condition.Any(List.of(gender, name))).sql())
        .isEqualTo("(" + compile(gender).sql() + " OR " + compile(name).sql() + ")");
    assertThat(compile(new Condition.Not(gender)).sql()).isEqualTo("(NOT " + compile(gender).sql() + ")");
    assertThat(compile(new Condition.All(List.of())).sql()).isEqualTo("(1=1)");
    assertThat(compile(new Condition.Any(List.of())).sql()).isEqualTo("(1=0)");
  }

  @Test
  void argumentsFollowThePlaceholdersInTreeOrder() {
    SqlRuleCompiler.Sql sql = compile(new Condition.Any(List.of(leaf(Field.GENDER, Op.EQ, "2"),
        new Condition.Not(leaf(Field.TAGS, Op.HAS_ANY, "etA")), leaf(Field.CORP_NAME, Op.CONTAINS, "X"))));

    assertThat(sql.args()).containsExactly(2L, CORP, "etA", "x");
  }

  @Test
  void hostileValuesAreBoundAndNeverConcatenated() {
    String hostile = "x') OR 1=1; DROP TABLE scrm_customer; --";
    List<Condition> leaves = List.of(leaf(Field.CORP_NAME, Op.EQ, hostile), leaf(Field.CORP_NAME, Op.CONTAINS,
        hostile), leaf(Field.FOLLOW_STATE, Op.NOT_IN, hostile), leaf(Field.FOLLOW_REMARK, Op.NOT_CONTAINS, hostile),
        leaf(Field.TAGS, Op.HAS_ALL, hostile), leaf(Field.TAGS, Op.HAS_NONE, hostile),
        leaf(Field.GROUP_CHAT, Op.IN, hostile), leaf(Field.GROUP_OWNER, Op.NOT_IN, hostile),
        leaf(Field.LIFECYCLE_STAGE, Op.EQ, hostile));
    SqlRuleCompiler hostileCorp = new SqlRuleCompiler("ww' OR '1'='1", NOW, SHANGHAI);

    for (Condition leaf : leaves) {
      for (SqlRuleCompiler c : List.of(compiler, hostileCorp)) {
        SqlRuleCompiler.Sql sql = c.compile(leaf);
        assertThat(sql.sql()).as(leaf.toString()).doesNotContain("DROP", "drop", "1=1", "--", "'1'", "x'");
        assertThat(sql.args()).as(leaf.toString()).anySatisfy(a -> assertThat(String.valueOf(a))
            .containsIgnoringCase("drop table scrm_customer"));
        assertThat(placeholders(sql.sql())).isEqualTo(sql.args().size());
      }
    }
    assertThat(hostileCorp.compile(leaf(Field.TAGS, Op.HAS_ANY, "etA")).args()).contains("ww' OR '1'='1");
  }

  // ------------------------------------------------------------------------------------------------ helpers

  SqlRuleCompiler.Sql compile(Condition condition) {
    return compiler.compile(condition);
  }

  static Condition.Leaf leaf(Field field, Op op, String... values) {
    return new Condition.Leaf(field, op, List.of(values), null, null);
  }

  static Condition.Leaf days(Field field, Op op, long days) {
    return new Condition.Leaf(field, op, List.of(), days, null);
  }

  static Condition.Leaf count(Field field, Op op, long n) {
    return new Condition.Leaf(field, op, List.of(), n, null);
  }

  /** A valid leaf for any field and one of its operators. */
  static Condition.Leaf anyLeaf(Field field, Op op) {
    String one = field.type().numeric() ? "1" : field.type() == Field.Type.STAGE ? "new" : "etA";
    String two = field.type().numeric() ? "2" : field.type() == Field.Type.STAGE ? "lost" : "etB";
    Integer window = field.type() == Field.Type.WINDOW_COUNT ? 30 : null;
    return switch (op.operand(field)) {
      case VALUE -> new Condition.Leaf(field, op, List.of(one), null, window);
      case VALUES -> new Condition.Leaf(field, op, List.of(one, two), null, window);
      case NUMBER -> new Condition.Leaf(field, op, List.of(), 3L, window);
      case NONE -> new Condition.Leaf(field, op, List.of(), null, window);
    };
  }

  static LocalDateTime cutoff(long days) {
    return LocalDateTime.ofInstant(NOW.minusSeconds(days * 86_400).truncatedTo(java.time.temporal.ChronoUnit.MILLIS),
        SHANGHAI);
  }

  static int placeholders(String sql) {
    return occurrences(sql, "?");
  }

  static int occurrences(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
      n++;
    }
    return n;
  }

}
