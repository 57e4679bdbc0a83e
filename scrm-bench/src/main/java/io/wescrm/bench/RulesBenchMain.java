package io.wescrm.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.wescrm.core.rules.DefaultRules;
import io.wescrm.core.rules.LiveTags;
import io.wescrm.core.rules.RuleCodec;
import io.wescrm.core.rules.RuleRun;
import io.wescrm.core.rules.jdbc.JdbcCustomerSnapshots;
import io.wescrm.core.rules.jdbc.JdbcRuleEngine;
import io.wescrm.core.rules.jdbc.JdbcRules;
import io.wescrm.core.tags.jdbc.JdbcTagPushes;
import io.wescrm.core.tags.jdbc.JdbcTagWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rules benchmark (issue 5), MariaDB only (uses its seq_1_to_N tables to generate data set-based): a corp of
 * {@code --customers} customers with two follow relations each, tags, groups and moment interactions; 20 rules
 * (the 5 lifecycle defaults and 15 tag rules); full re-evaluations (first, steady state, after a change) and
 * single-customer evaluations (p50/p99). Run by bench/rules.sh.
 */
public final class RulesBenchMain {

  static final String CORP = "wwrbench000000001";

  private RulesBenchMain() {
  }

  public static void main(String[] args) {
    int customers = Integer.parseInt(arg(args, "customers", "1000000"));
    int singles = Integer.parseInt(arg(args, "singles", "2000"));
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(arg(args, "url", "jdbc:mariadb://127.0.0.1:3306/wescrm_rbench"));
    config.setUsername(arg(args, "user", "root"));
    config.setPassword(arg(args, "password", ""));
    config.setMaximumPoolSize(4);
    try (HikariDataSource ds = new HikariDataSource(config)) {
      Flyway.configure().dataSource(ds).locations("classpath:db/migration/common", "classpath:db/migration/mysql")
          .load().migrate();
      JdbcTemplate jdbc = new JdbcTemplate(ds);
      if (!Boolean.parseBoolean(arg(args, "skip-generate", "false"))) {
        generate(jdbc, customers);
      }
      TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(ds));
      Clock clock = Clock.systemUTC();
      JdbcRules rules = new JdbcRules(jdbc, tx, clock);
      JdbcTagPushes pushes = new JdbcTagPushes(jdbc, null, clock);
      JdbcRuleEngine engine = new JdbcRuleEngine(jdbc, tx, rules, new JdbcCustomerSnapshots(jdbc),
          new JdbcTagWriter(jdbc, null, clock, pushes), pushes, clock);
      if (rules.list(CORP).isEmpty()) {
        createRules(rules);
      }
      System.out.printf("rules: %d enabled%n", rules.enabled(CORP).size());
      int change = Integer.parseInt(arg(args, "change", "3"));
      if (!Boolean.parseBoolean(arg(args, "only-singles", "false"))) {
        run(engine, "first full re-evaluation");
        run(engine, "second full re-evaluation (steady state)");
        // about 1% of the customers change: a tag on 1% of the relations, 1% of the relations deleted
        jdbc.update("INSERT IGNORE INTO scrm_follow_tag (corp_id, userid, external_userid, tag_id) SELECT ?, "
            + "f.userid, f.external_userid, 'etbench02' FROM scrm_follow_relation f WHERE f.corp_id = ? "
            + "AND f.id % 100 = ?", CORP, CORP, change + 4);
        jdbc.update("UPDATE scrm_follow_relation SET deleted_at = NOW(3), deleted_by = 'CUSTOMER' WHERE corp_id = ? "
            + "AND id % 100 = ? AND deleted_at IS NULL", CORP, change);
        run(engine, "third full re-evaluation (after 1% of customers changed)");
      }
      singleEvaluations(engine, jdbc, customers, singles, change);
      System.out.printf("tag push queue: %s%n", pushes.counts(CORP));
    }
  }

  static void run(JdbcRuleEngine engine, String label) {
    long t0 = System.nanoTime();
    RuleRun run = engine.runAll(CORP, "BENCH");
    System.out.printf("%s: %.1f s, status %s, tags added %d, removed %d, stages changed %d, pushes queued %d%s%n",
        label, (System.nanoTime() - t0) / 1e9, run.status(), run.tagsAdded(), run.tagsRemoved(),
        run.stagesChanged(), run.pushesQueued(), run.error() == null ? "" : " ERROR " + run.error());
  }

  static void singleEvaluations(JdbcRuleEngine engine, JdbcTemplate jdbc, int customers, int n, long seed) {
    Random random = new Random(42 + seed);
    for (int i = 0; i < 200; i++) {
      engine.evaluateCustomer(CORP, "wm" + (1 + random.nextInt(customers)));
    }
    // every 10th customer changes first (a new channel, just added), so those evaluations also write
    List<Long> readOnly = new ArrayList<>();
    List<Long> writing = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String ext = "wm" + (1 + random.nextInt(customers));
      if (i % 10 == 0) {
        jdbc.update("UPDATE scrm_follow_relation SET state = 'store_new_qr', added_at = NOW(3) WHERE corp_id = ? "
            + "AND external_userid = ? LIMIT 1", CORP, ext);
      }
      long t0 = System.nanoTime();
      boolean c = engine.evaluateCustomer(CORP, ext).map(e -> e.changed()).orElse(false);
      (c ? writing : readOnly).add(System.nanoTime() - t0);
    }
    List<Long> all = new ArrayList<>(readOnly);
    all.addAll(writing);
    report("single-customer evaluation, all", all);
    report("  no change to write", readOnly);
    report("  with changes written", writing);
  }

  static void report(String label, List<Long> nanos) {
    if (nanos.isEmpty()) {
      return;
    }
    long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
    int n = sorted.length;
    System.out.printf("%s (%d): p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms%n", label, n,
        sorted[n / 2] / 1e6, sorted[(int) (n * 0.95)] / 1e6, sorted[Math.min(n - 1, (int) (n * 0.99))] / 1e6,
        sorted[n - 1] / 1e6);
  }

  static void generate(JdbcTemplate jdbc, int customers) {
    long t0 = System.nanoTime();
    for (String table : List.of("scrm_customer", "scrm_follow_relation", "scrm_follow_tag", "scrm_tag",
        "scrm_tag_group", "scrm_staff", "scrm_department", "scrm_group_chat", "scrm_group_member",
        "scrm_moment_interaction", "scrm_tag_push", "scrm_rule_run")) {
      jdbc.update("DELETE FROM " + table + " WHERE corp_id = ?", CORP);
    }
    jdbc.update("DELETE FROM scrm_rule_version WHERE rule_id IN (SELECT id FROM scrm_rule WHERE corp_id = ?)", CORP);
    jdbc.update("DELETE FROM scrm_rule WHERE corp_id = ?", CORP);
    String seq = "seq_1_to_" + customers;
    jdbc.update("INSERT INTO scrm_department (corp_id, dept_id, name, parent_id) SELECT ?, seq, CONCAT('门店', seq), 1 "
        + "FROM seq_1_to_20", CORP);
    jdbc.update("INSERT INTO scrm_staff (corp_id, userid, name, main_department, contact_enabled) SELECT ?, "
        + "CONCAT('staff', seq), CONCAT('导购', seq), 1 + seq % 20, 1 FROM seq_0_to_199", CORP);
    jdbc.update("INSERT INTO scrm_tag_group (corp_id, group_id, name) SELECT ?, CONCAT('etgrp', seq), "
        + "CONCAT('标签组', seq) FROM seq_0_to_4", CORP);
    jdbc.update("INSERT INTO scrm_tag (corp_id, tag_id, group_id, name) SELECT ?, CONCAT('etbench', LPAD(seq, 2, '0')), "
        + "CONCAT('etgrp', seq % 5), CONCAT('标签', seq) FROM seq_0_to_59", CORP);
    jdbc.update("INSERT INTO scrm_customer (corp_id, external_userid, name, type, gender, corp_name) SELECT ?, "
        + "CONCAT('wm', seq), CONCAT('客户', seq), 1 + seq % 2, seq % 3, IF(seq % 10 = 0, 'Acme 公司', NULL) FROM "
        + seq, CORP);
    String states = "ELT(1 + seq % 6, 'store_sh01_qr', 'ad_douyin_01', 'hq_live_qr', NULL, 'store_bj02_qr', "
        + "'ad_xhs_02')";
    jdbc.update("INSERT INTO scrm_follow_relation (corp_id, userid, external_userid, add_way, state, remark, added_at, "
        + "deleted_at, deleted_by) SELECT ?, CONCAT('staff', seq % 200), CONCAT('wm', seq), seq % 4, " + states
        + ", IF(seq % 7 = 0, 'VIP 老客户', NULL), NOW(3) - INTERVAL (seq % 400) DAY, "
        + "IF(seq % 33 = 0, NOW(3) - INTERVAL (seq % 50) DAY, NULL), IF(seq % 33 = 0, IF(seq % 2 = 0, 'CUSTOMER', "
        + "'STAFF'), NULL) FROM " + seq, CORP);
    jdbc.update("INSERT INTO scrm_follow_relation (corp_id, userid, external_userid, add_way, state, added_at, "
        + "deleted_at, deleted_by) SELECT ?, CONCAT('staff', (seq % 200 + 1 + seq % 199) % 200), CONCAT('wm', seq), "
        + "1 + seq % 3, ELT(1 + (seq * 7) % 6, 'store_sh01_qr', 'ad_douyin_01', 'hq_live_qr', NULL, 'store_bj02_qr', "
        + "'ad_xhs_02'), NOW(3) - INTERVAL (seq % 90) DAY, IF(seq % 29 = 0, NOW(3) - INTERVAL (seq % 40) DAY, NULL), "
        + "IF(seq % 29 = 0, 'STAFF', NULL) FROM " + seq, CORP);
    jdbc.update("INSERT INTO scrm_follow_tag (corp_id, userid, external_userid, tag_id) SELECT ?, "
        + "CONCAT('staff', seq % 200), CONCAT('wm', seq), CONCAT('etbench', LPAD(seq % 50, 2, '0')) FROM " + seq,
        CORP);
    jdbc.update("INSERT INTO scrm_follow_tag (corp_id, userid, external_userid, tag_id) SELECT ?, "
        + "CONCAT('staff', (seq % 200 + 1 + seq % 199) % 200), CONCAT('wm', seq), CONCAT('etbench', "
        + "LPAD((seq * 3 + 1) % 50, 2, '0')) FROM " + seq + " WHERE seq % 2 = 0", CORP);
    jdbc.update("INSERT INTO scrm_group_chat (corp_id, chat_id, name, owner, member_count) SELECT ?, "
        + "CONCAT('wrchat', seq), CONCAT('客户群', seq), CONCAT('staff', seq % 200), 0 FROM seq_0_to_9999", CORP);
    int inGroups = customers * 6 / 10;
    jdbc.update("INSERT INTO scrm_group_member (corp_id, chat_id, member_id, member_type, join_time, left_at) "
        + "SELECT ?, CONCAT('wrchat', seq % 10000), CONCAT('wm', seq), 2, NOW(3) - INTERVAL (seq % 120) DAY, "
        + "IF(seq % 17 = 0, NOW(3) - INTERVAL 1 DAY, NULL) FROM seq_1_to_" + inGroups, CORP);
    jdbc.update("INSERT INTO scrm_group_member (corp_id, chat_id, member_id, member_type, join_time) SELECT ?, "
        + "CONCAT('wrchat', (seq % 10000 + 1 + seq % 9999) % 10000), CONCAT('wm', seq), 2, NOW(3) - INTERVAL "
        + "(seq % 200) DAY FROM seq_1_to_" + (customers / 5), CORP);
    jdbc.update("INSERT INTO scrm_moment_interaction (corp_id, moment_id, userid, external_userid, kind, "
        + "interacted_at) SELECT ?, CONCAT('mo', seq % 500), CONCAT('staff', seq % 200), CONCAT('wm', seq * 3 % "
        + customers + " + 1), IF(seq % 4 = 0, 'COMMENT', 'LIKE'), NOW(3) - INTERVAL (seq % 45) DAY FROM seq_1_to_"
        + (customers * 3 / 10), CORP);
    jdbc.execute("ANALYZE TABLE scrm_customer, scrm_follow_relation, scrm_follow_tag, scrm_group_member, "
        + "scrm_group_chat, scrm_moment_interaction");
    System.out.printf("generated in %.1f s: %d customers, %d follow relations, %d follow tags, %d group members, "
        + "%d moment interactions%n", (System.nanoTime() - t0) / 1e9, count(jdbc, "scrm_customer"),
        count(jdbc, "scrm_follow_relation"), count(jdbc, "scrm_follow_tag"), count(jdbc, "scrm_group_member"),
        count(jdbc, "scrm_moment_interaction"));
  }

  static void createRules(JdbcRules rules) {
    RuleCodec codec = new RuleCodec(LiveTags.each(t -> true));
    for (DefaultRules.Preset p : DefaultRules.LIFECYCLE) {
      rules.create(CORP, new JdbcRules.Header(p.name(), p.description(), p.priority(), true, p.key()),
          codec.read(RuleCodec.parseJson(p.condition()), RuleCodec.parseJson(p.actions())), "bench");
    }
    List<String[]> tagRules = new ArrayList<>(List.of(
        new String[] {"{\"field\":\"follow.state\",\"op\":\"contains\",\"value\":\"store_\"}", "50", "true"},
        new String[] {"{\"field\":\"follow.state\",\"op\":\"contains\",\"value\":\"ad_\"}", "51", "true"},
        new String[] {"{\"field\":\"follow.state\",\"op\":\"eq\",\"value\":\"hq_live_qr\"}", "52", "true"},
        new String[] {"{\"field\":\"tags\",\"op\":\"hasAny\",\"values\":[\"etbench01\",\"etbench02\"]}", "53",
            "false"},
        new String[] {"{\"all\":[{\"field\":\"tags\",\"op\":\"hasAll\",\"values\":[\"etbench03\",\"etbench10\"]},"
            + "{\"field\":\"gender\",\"op\":\"eq\",\"value\":2}]}", "54", "true"},
        new String[] {"{\"field\":\"group.count\",\"op\":\"gte\",\"value\":2}", "55", "true"},
        new String[] {"{\"all\":[{\"field\":\"follow.addedAt\",\"op\":\"withinDays\",\"value\":30},"
            + "{\"field\":\"follow.addWay\",\"op\":\"in\",\"values\":[1,2]}]}", "56", "false"},
        new String[] {"{\"field\":\"interaction\",\"op\":\"notWithinDays\",\"value\":90}", "57", "true"},
        new String[] {"{\"field\":\"moment.likes\",\"op\":\"gte\",\"value\":1,\"days\":30}", "58", "true"},
        new String[] {"{\"any\":[{\"field\":\"corpName\",\"op\":\"contains\",\"value\":\"acme\"},"
            + "{\"field\":\"follow.remark\",\"op\":\"contains\",\"value\":\"vip\"}]}", "59", "true"},
        new String[] {"{\"field\":\"follow.department\",\"op\":\"in\",\"values\":[1,2,3]}", "40", "false"},
        new String[] {"{\"field\":\"group.store\",\"op\":\"in\",\"values\":[5]}", "41", "true"},
        new String[] {"{\"not\":{\"field\":\"tags\",\"op\":\"hasAny\",\"values\":[\"etbench00\",\"etbench01\","
            + "\"etbench02\",\"etbench03\",\"etbench04\"]}}", "42", "false"},
        new String[] {"{\"field\":\"deletedByCustomer\",\"op\":\"withinDays\",\"value\":30}", "43", "true"},
        new String[] {"{\"all\":[{\"field\":\"customerType\",\"op\":\"eq\",\"value\":2},{\"field\":\"follow.staff\","
            + "\"op\":\"in\",\"values\":[\"staff1\",\"staff2\",\"staff3\",\"staff4\"]}]}", "44", "true"}));
    int priority = 100;
    for (String[] r : tagRules) {
      String actions = "[{\"type\":\"addTags\",\"tags\":[\"etbench" + r[1] + "\"],\"syncToWeCom\":" + r[2] + "}]";
      rules.create(CORP, new JdbcRules.Header("bench " + r[1], null, priority++, true, null),
          codec.read(RuleCodec.parseJson(r[0]), RuleCodec.parseJson(actions)), "bench");
    }
  }

  static long count(JdbcTemplate jdbc, String table) {
    return jdbc.queryForObject("SELECT COUNT(*) FROM " + table + " WHERE corp_id = ?", Long.class, CORP);
  }

  static String arg(String[] args, String name, String fallback) {
    for (String a : args) {
      if (a.startsWith("--" + name + "=")) {
        return a.substring(name.length() + 3);
      }
    }
    return fallback;
  }
}
