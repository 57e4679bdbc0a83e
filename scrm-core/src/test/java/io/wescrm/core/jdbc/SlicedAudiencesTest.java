package io.wescrm.core.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.wescrm.core.TestDatabases;
import io.wescrm.core.campaigns.CampaignDefinition;
import io.wescrm.core.campaigns.jdbc.JdbcCampaignPreview;
import io.wescrm.core.rules.Condition;
import io.wescrm.core.rules.LiveTags;
import io.wescrm.core.rules.RuleCodec;
import io.wescrm.core.rules.RuleEngine;
import io.wescrm.core.rules.SqlRuleCompiler;
import io.wescrm.core.rules.jdbc.JdbcSetBasedRules;
import io.wescrm.core.tags.jdbc.JdbcTagPushes;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The heavy reads in slices of the customers' ids (IdSlices) answer exactly what one statement over the corp answers
 * (the implementation they replaced, kept here as the expectation): counts, pages that cross slices, per-store and
 * per-staff counts of a campaign audience, its sample. On H2 with ids spread far apart (997 apart, another corp's
 * customers between them), so that a corp of 1,500 customers is read in dozens of slices.
 */
class SlicedAudiencesTest {

  static final String CORP = "wwslices";
  static final Instant NOW = Instant.parse("2026-12-03T02:00:00Z");
  static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  static final int CUSTOMERS = 1_500;

  static JdbcTemplate jdbc;
  static TransactionTemplate tx;

  @BeforeAll
  static void corpWithSpreadIds() {
    var ds = TestDatabases.migratedH2();
    jdbc = new JdbcTemplate(ds);
    tx = new TransactionTemplate(new DataSourceTransactionManager(ds));
    jdbc.update("INSERT INTO scrm_department (corp_id, dept_id, name) VALUES (?, 1, '静安店'), (?, 2, '徐汇店')",
        CORP, CORP);
    jdbc.update("INSERT INTO scrm_staff (corp_id, userid, name, main_department) VALUES (?, 'a', '小安', 1), "
        + "(?, 'B', '小徐', 2), (?, 'c', '无店', NULL)", CORP, CORP, CORP);
    List<Object[]> customers = new ArrayList<>();
    List<Object[]> relations = new ArrayList<>();
    for (int i = 1; i <= CUSTOMERS; i++) {
      customers.add(new Object[] {i * 997L, CORP, "wm" + i, "客户" + i, i % 3});
      customers.add(new Object[] {i * 997L + 1, "wwother", "wm" + i, "别家" + i, 1});
      // every customer followed by a or B (some by both, some also by c), a few by nobody any more
      String first = i % 2 == 0 ? "a" : "B";
      relations.add(new Object[] {first, "wm" + i, Instant.parse("2026-11-01T00:00:00Z").plusSeconds(i),
          i % 17 == 0 ? NOW : null});
      if (i % 5 == 0) {
        relations.add(new Object[] {"a".equals(first) ? "B" : "a", "wm" + i,
            Instant.parse("2026-10-01T00:00:00Z").plusSeconds(i), null});
      }
      if (i % 11 == 0) {
        relations.add(new Object[] {"c", "wm" + i, Instant.parse("2026-09-01T00:00:00Z"), null});
      }
    }
    jdbc.batchUpdate("INSERT INTO scrm_customer (id, corp_id, external_userid, name, gender) VALUES (?, ?, ?, ?, ?)",
        customers);
    jdbc.batchUpdate("INSERT INTO scrm_follow_relation (corp_id, userid, external_userid, added_at, deleted_at) "
        + "VALUES ('" + CORP + "', ?, ?, ?, ?)", relations.stream().map(r -> new Object[] {r[0], r[1],
        JdbcTime.ts((Instant) r[2]), r[3] == null ? null : JdbcTime.ts((Instant) r[3])}).toList());
  }

  static Condition condition(String json) {
    return new RuleCodec(LiveTags.each(t -> true)).readCondition(RuleCodec.parseJson(json));
  }

  @Test
  void aRuleAudienceIsCountedAndPagedAsOneStatementWould() {
    JdbcSetBasedRules sets = new JdbcSetBasedRules(jdbc, tx, new JdbcTagPushes(jdbc, null, Clock.systemUTC()),
        Clock.systemUTC());
    Condition condition = condition("{\"all\":[{\"field\":\"gender\",\"op\":\"in\",\"values\":[1,2]},"
        + "{\"field\":\"follow.staff\",\"op\":\"in\",\"values\":[\"a\"]}]}");
    SqlRuleCompiler.Sql sql = new SqlRuleCompiler(CORP, NOW, ZoneId.systemDefault()).compile(condition);
    List<Object> args = new ArrayList<>(List.of(CORP));
    args.addAll(sql.args());
    long expected = jdbc.queryForObject("SELECT COUNT(*) FROM scrm_customer c WHERE c.corp_id = ? AND " + sql.sql(),
        Long.class, args.toArray());
    assertThat(expected).isBetween(400L, 800L);

    AtomicInteger rests = new AtomicInteger();
    for (long[] page : new long[][] {{0, 20}, {13, 7}, {expected - 5, 20}, {expected, 20}, {0, 1_000}}) {
      rests.set(0);
      RuleEngine.Audience audience = sets.audience(CORP, condition, NOW, page[0], (int) page[1],
          nanos -> rests.incrementAndGet());
      List<Object> pageArgs = new ArrayList<>(args);
      pageArgs.add(page[1]);
      pageArgs.add(page[0]);
      List<String> expectedPage = jdbc.queryForList("SELECT c.external_userid FROM scrm_customer c WHERE "
          + "c.corp_id = ? AND " + sql.sql() + " ORDER BY c.id LIMIT ? OFFSET ?", String.class, pageArgs.toArray());
      assertThat(audience.count()).as("count, page %s", page[0]).isEqualTo(expected);
      assertThat(audience.sample()).extracting(m -> m.get("externalUserId")).as("page at %s", page[0])
          .containsExactlyElementsOf(expectedPage);
      // ~1.5M ids in slices of 4,096 doubling up to 131,072: many slices, a rest after each but the last
      assertThat(rests.get()).as("rests").isGreaterThan(10);
    }
  }

  @Test
  void aCampaignPreviewCountsCustomersOnceAndPerStoreAndStaffAsTheSqlAggregatesWould() {
    CampaignDefinition definition = broadcastTo("{\"field\":\"gender\",\"op\":\"in\",\"values\":[1,2]}");
    AtomicInteger rests = new AtomicInteger();
    JdbcCampaignPreview.Preview preview = new JdbcCampaignPreview(jdbc, ZONE).preview(CORP, definition,
        CampaignDefinition.Channel.SINGLE, NOW, 30, List.of(), null, nanos -> rests.incrementAndGet());

    // the expectation: the single statements over the whole corp (live relations of live staff; gender 1 or 2)
    String from = " FROM scrm_customer c JOIN scrm_follow_relation f ON f.corp_id = c.corp_id AND f.external_userid "
        + "= c.external_userid AND f.deleted_at IS NULL JOIN scrm_staff s ON s.corp_id = f.corp_id AND s.userid = "
        + "f.userid LEFT JOIN scrm_department d ON d.corp_id = s.corp_id AND d.dept_id = s.main_department WHERE "
        + "c.corp_id = ? AND c.gender IN (1, 2)";
    assertThat(preview.count()).isEqualTo(jdbc.queryForObject("SELECT COUNT(DISTINCT c.id)" + from, Long.class, CORP))
        .isGreaterThan(800L);
    // a store for each department, and one (null) for staff without a main department
    assertThat(preview.byStore()).hasSize(3).isEqualTo(rows("SELECT s.main_department, MAX(d.name), COUNT(DISTINCT c.id)" + from
        + " GROUP BY s.main_department ORDER BY s.main_department", "storeId", "storeName"));
    // staff in userid order whatever the database's collation (a, B, c)
    assertThat(preview.byStaff()).extracting(m -> m.get("userid")).containsExactly("a", "B", "c");
    assertThat(preview.byStaff()).containsExactlyInAnyOrderElementsOf(rows("SELECT f.userid, MAX(s.name), COUNT(DISTINCT c.id)" + from
        + " GROUP BY f.userid ORDER BY f.userid", "userid", "name"));
    // the sample: the first 30 (customer, relation) rows by customer id and added date, one per customer
    Set<String> seen = new TreeSet<>();
    List<String> expectedSample = new ArrayList<>();
    jdbc.query("SELECT c.external_userid, f.userid" + from + " ORDER BY c.id, f.added_at, f.id LIMIT 30", rs -> {
      if (seen.add(rs.getString(1))) {
        expectedSample.add(rs.getString(1) + " " + rs.getString(2));
      }
    }, CORP);
    assertThat(preview.sample()).extracting(s -> s.target() + " " + s.sender())
        .containsExactlyElementsOf(expectedSample);
    assertThat(preview.sample().get(0).values()).containsEntry("store_name", "徐汇店").containsEntry("staff_name", "小徐");
    assertThat(rests.get()).isGreaterThan(10);
  }

  @Test
  void whetherABroadcastReachesAnyoneStopsAtTheFirstCustomer() {
    JdbcCampaignPreview previews = new JdbcCampaignPreview(jdbc, ZONE);
    AtomicInteger rests = new AtomicInteger();
    assertThat(previews.reachesAnyone(CORP, broadcastTo("{\"field\":\"gender\",\"op\":\"in\",\"values\":[1]}"),
        CampaignDefinition.Channel.SINGLE, NOW, nanos -> rests.incrementAndGet())).isTrue();
    assertThat(rests.get()).as("found in the first slice").isZero();
    assertThat(previews.reachesAnyone(CORP, broadcastTo("{\"field\":\"follow.staff\",\"op\":\"in\","
        + "\"values\":[\"nobody\"]}"), CampaignDefinition.Channel.SINGLE, NOW, nanos -> rests.incrementAndGet()))
        .isFalse();
    assertThat(rests.get()).as("nobody: every slice read").isGreaterThan(10);
  }

  private static CampaignDefinition broadcastTo(String include) {
    return new CampaignDefinition("t", CampaignDefinition.Kind.BROADCAST, new CampaignDefinition.Audience(
        condition(include), null, List.of(), List.of(), List.of()), new CampaignDefinition.Content("您好", List.of()),
        CampaignDefinition.Channel.SINGLE, null, null, null, 0, null);
  }

  private static List<Map<String, Object>> rows(String sql, String idKey, String nameKey) {
    return jdbc.query(sql, (rs, i) -> {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put(idKey, "storeId".equals(idKey) ? rs.getObject(1, Long.class) : rs.getString(1));
      row.put(nameKey, rs.getString(2));
      row.put("count", rs.getLong(3));
      return row;
    }, CORP);
  }
}
