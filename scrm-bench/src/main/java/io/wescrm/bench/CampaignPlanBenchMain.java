package io.wescrm.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.wescrm.core.campaigns.Campaign;
import io.wescrm.core.campaigns.CampaignCodec;
import io.wescrm.core.campaigns.CampaignDefinition;
import io.wescrm.core.rules.LiveTags;
import io.wescrm.core.campaigns.CampaignRun;
import io.wescrm.core.campaigns.FrequencyCaps;
import io.wescrm.core.campaigns.QuietHours;
import io.wescrm.core.campaigns.RunPlanner;
import io.wescrm.core.campaigns.RunningCampaigns;
import io.wescrm.core.campaigns.jdbc.JdbcCampaignCorpData;
import io.wescrm.core.campaigns.jdbc.JdbcCampaigns;
import io.wescrm.core.campaigns.jdbc.JdbcRunPlanner;
import io.wescrm.core.campaigns.jdbc.JdbcSendLedger;
import io.wescrm.core.jdbc.JdbcTime;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Campaign planning benchmark (issue "campaigns"), MariaDB only (seq_1_to_N): a corp of {@code --customers}
 * customers with one live follow relation each (10 % with a second one, to another staff member, sometimes added
 * earlier), 40 staff in 8 stores, a tag group "会员等级", first-touch attributions with channels; 5 % of the customers
 * were already sent one push today. A broadcast to gender ∈ {1, 2} (90 % of them) with the template
 * {@code {{store_name|门店}}的{{staff_name}}邀请您参加会员日} (one render per staff member), a 10 % control group and
 * caps of 1 a day / 4 a month is fired and planned ({@link RunningCampaigns#plan}); the planning is timed, the heap
 * sampled, and every count checked with SQL. Run by bench/campaign-plan.sh with -Xmx512m.
 */
public final class CampaignPlanBenchMain {

  static final String CORP = "wwcbench000000001";
  static final int STAFF = 40;
  static final int STORES = 8;
  static final int CHUNK = 10_000;
  static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  static final String TEMPLATE = "{{store_name|门店}}的{{staff_name}}邀请您参加会员日";

  private CampaignPlanBenchMain() {
  }

  public static void main(String[] args) throws Exception {
    int customers = Integer.parseInt(arg(args, "customers", "1000000"));
    int repeat = Integer.parseInt(arg(args, "repeat", "1"));
    String dbPid = arg(args, "db-pid", "");
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(arg(args, "url", "jdbc:mariadb://127.0.0.1:3306/wescrm_cbench"));
    config.setUsername(arg(args, "user", "root"));
    config.setPassword(arg(args, "password", ""));
    config.setMaximumPoolSize(4);
    try (HikariDataSource ds = new HikariDataSource(config)) {
      Flyway.configure().dataSource(ds).locations("classpath:db/migration/common", "classpath:db/migration/mysql")
          .load().migrate();
      JdbcTemplate jdbc = new JdbcTemplate(ds);
      TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(ds));
      Clock clock = Clock.systemUTC();
      Instant due = clock.instant();
      if (!Boolean.parseBoolean(arg(args, "skip-generate", "false"))) {
        generate(jdbc, customers, due);
      }
      JdbcSendLedger ledger = new JdbcSendLedger(jdbc, tx, () -> events -> { });
      JdbcCampaigns campaigns = new JdbcCampaigns(jdbc, tx, clock);
      JdbcCampaignCorpData corpData = new JdbcCampaignCorpData(jdbc);
      RunningCampaigns running = new RunningCampaigns(ledger, campaigns, new JdbcRunPlanner(jdbc, ZONE), corpData,
          clock, new RunningCampaigns.Settings(QuietHours.none(), FrequencyCaps.wecomMonthly(ZONE), CHUNK, 1_000,
              1_000, Duration.ofMinutes(10), ZONE), "bench");
      CampaignDefinition definition = CampaignCodec.read(CampaignCodec.parseJson("{\"name\": \"会员日邀请（基准）\", "
          + "\"kind\": \"BROADCAST\", \"audience\": {\"include\": {\"field\": \"gender\", \"op\": \"in\", "
          + "\"values\": [1, 2]}}, \"content\": {\"text\": \"" + TEMPLATE + "\"}, \"channel\": \"AUTO\", "
          + "\"schedule\": {\"type\": \"manual\"}, \"limits\": {\"perDay\": 1, \"perMonth\": 4}, "
          + "\"controlGroupPercent\": 10}"), new CampaignCodec.Context(LiveTags.each(t -> true), corpData.tagGroupNames(CORP),
              corpData.attributeNames(CORP), (cron, zone, after) -> Optional.empty(), clock.instant(), ZONE));
      Campaign campaign = campaigns.create(CORP, definition, null, "bench");
      System.out.printf("campaign %d: %s; channel %s; control %d ‰; caps %s%n", campaign.id(), TEMPLATE,
          running.channel(definition, null), definition.controlPermille(), running.caps(definition.limits()));
      boolean ok = true;
      for (int i = 0; i < repeat; i++) {
        CampaignRun run = running.fire(campaign, "bench:" + i + ":" + due, "API", due, null).orElseThrow();
        System.gc();
        HeapSampler sampler = new HeapSampler();
        Thread t = new Thread(sampler, "heap-sampler");
        t.setDaemon(true);
        t.start();
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
            ManagementFactory.getOperatingSystemMXBean();
        double loadBefore = os.getSystemLoadAverage();
        long cpu0 = os.getProcessCpuTime();
        double db0 = dbCpu(dbPid);
        long t0 = System.nanoTime();
        RunPlanner.Plan plan = running.plan(run);
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("machine while planning: load average %.2f before, %.2f after (%d cores); this JVM used "
            + "%.1f s of CPU, mariadbd %.1f s (all its clients)%n", loadBefore, os.getSystemLoadAverage(),
            os.getAvailableProcessors(), (os.getProcessCpuTime() - cpu0) / 1e9, dbCpu(dbPid) - db0);
        sampler.stop = true;
        t.join();
        System.out.printf("plan run %d: %.2f s (%,.0f deliveries/s); audience %,d, planned %,d, held back %,d, "
            + "over limit %,d, tasks %,d, distinct renders %,d; heap: peak used %d MB (sampled every 20 ms), peak "
            + "after GC %d MB, max %d MB%n", run.id(), seconds, plan.audience() / seconds, plan.audience(),
            plan.planned(), plan.heldBack(), plan.overLimit(), plan.tasks(), plan.distinctRenders(),
            sampler.peakUsed.get() >> 20, sampler.peakAfterGc.get() >> 20,
            Runtime.getRuntime().maxMemory() >> 20);
        ok &= verify(jdbc, run, plan);
      }
      System.out.println(ok ? "VERIFY OK" : "VERIFY FAILED");
      if (!ok) {
        System.exit(1);
      }
    }
  }

  /** CPU seconds (user + system) of a local process, from /proc; NaN when unknown. */
  static double dbCpu(String pid) {
    try {
      String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", pid.trim(), "stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
    } catch (Exception e) {
      return Double.NaN;
    }
  }

  /** Max heap used (sampled) and max used after a collection (sum of the heap pools' collection usage). */
  static final class HeapSampler implements Runnable {
    final AtomicLong peakUsed = new AtomicLong();
    final AtomicLong peakAfterGc = new AtomicLong();
    volatile boolean stop;

    @Override
    public void run() {
      List<MemoryPoolMXBean> pools = new ArrayList<>();
      for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
        if (p.getType() == MemoryType.HEAP) {
          pools.add(p);
        }
      }
      while (!stop) {
        long used = 0;
        long afterGc = 0;
        for (MemoryPoolMXBean p : pools) {
          used += p.getUsage().getUsed();
          MemoryUsage c = p.getCollectionUsage();
          afterGc += c == null ? p.getUsage().getUsed() : c.getUsed();
        }
        peakUsed.accumulateAndGet(used, Math::max);
        peakAfterGc.accumulateAndGet(afterGc, Math::max);
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }

  static boolean verify(JdbcTemplate jdbc, CampaignRun run, RunPlanner.Plan plan) {
    long t0 = System.nanoTime();
    long run0 = run.id();
    List<String> failures = new ArrayList<>();
    // the audience, computed independently: customers of gender 1 or 2 with a live relation to a live staff member
    long audience = one(jdbc, "SELECT COUNT(*) FROM scrm_customer c WHERE c.corp_id = ? AND c.gender IN (1, 2) "
        + "AND EXISTS (SELECT 1 FROM scrm_follow_relation f JOIN scrm_staff s ON s.corp_id = f.corp_id "
        + "AND s.userid = f.userid AND s.deleted_at IS NULL WHERE f.corp_id = c.corp_id "
        + "AND f.external_userid = c.external_userid AND f.deleted_at IS NULL)", CORP);
    long deliveries = one(jdbc, "SELECT COUNT(*) FROM scrm_campaign_delivery WHERE run_id = ?", run0);
    long targets = one(jdbc, "SELECT COUNT(DISTINCT target) FROM scrm_campaign_delivery WHERE run_id = ?", run0);
    long dupes = one(jdbc, "SELECT COUNT(*) FROM (SELECT 1 FROM scrm_campaign_delivery WHERE run_id = ? "
        + "GROUP BY run_id, target, sender HAVING COUNT(*) > 1) x", run0);
    long planned = status(jdbc, run0, "PLANNED");
    long held = status(jdbc, run0, "HELD_BACK");
    long over = status(jdbc, run0, "OVER_LIMIT");
    long other = deliveries - planned - held - over;
    long tasks = one(jdbc, "SELECT COUNT(*) FROM scrm_campaign_task WHERE run_id = ?", run0);
    long expectedTasks = one(jdbc, "SELECT COALESCE(SUM(CEIL(n / ?)), 0) FROM (SELECT COUNT(*) AS n FROM "
        + "scrm_campaign_delivery WHERE run_id = ? AND status = 'PLANNED' GROUP BY sender, render_key) x", CHUNK, run0);
    long taskRecipients = one(jdbc, "SELECT COALESCE(SUM(recipients), 0) FROM scrm_campaign_task WHERE run_id = ?",
        run0);
    long bigTasks = one(jdbc, "SELECT COUNT(*) FROM scrm_campaign_task WHERE run_id = ? AND recipients > ?", run0,
        CHUNK);
    long pairs = one(jdbc, "SELECT COUNT(*) FROM (SELECT DISTINCT sender, render_key FROM scrm_campaign_delivery "
        + "WHERE run_id = ? AND status = 'PLANNED') x", run0);
    long renders = one(jdbc, "SELECT COUNT(*) FROM scrm_campaign_render WHERE run_id = ?", run0);
    long rendersUsed = one(jdbc, "SELECT COUNT(DISTINCT render_key) FROM scrm_campaign_delivery WHERE run_id = ? "
        + "AND status = 'PLANNED'", run0);
    // the sender is the earliest-added live relation (ties: the first row) of the customer
    long notEarliest = one(jdbc, "SELECT COUNT(*) FROM scrm_campaign_delivery d JOIN scrm_follow_relation f1 "
        + "ON f1.corp_id = d.corp_id AND f1.userid = d.sender AND f1.external_userid = d.target WHERE d.run_id = ? "
        + "AND EXISTS (SELECT 1 FROM scrm_follow_relation f2 JOIN scrm_staff s ON s.corp_id = f2.corp_id "
        + "AND s.userid = f2.userid AND s.deleted_at IS NULL WHERE f2.corp_id = d.corp_id "
        + "AND f2.external_userid = d.target AND f2.deleted_at IS NULL AND (f2.added_at < f1.added_at "
        + "OR (f2.added_at = f1.added_at AND f2.id < f1.id)))", run0);
    // over limit: exactly the audience already pushed today, less those held back
    long overWrong = one(jdbc, "SELECT COUNT(*) FROM scrm_campaign_delivery d WHERE d.run_id = ? AND ((d.status = "
        + "'OVER_LIMIT') <> (d.status <> 'HELD_BACK' AND EXISTS (SELECT 1 FROM scrm_campaign_delivery p "
        + "WHERE p.corp_id = d.corp_id AND p.target = d.target AND p.status = 'SENT' AND p.run_id <> d.run_id)))",
        run0);
    check(failures, "deliveries = audience (SQL)", deliveries, audience);
    check(failures, "deliveries = plan.audience", deliveries, plan.audience());
    check(failures, "one delivery per customer", targets, deliveries);
    check(failures, "duplicate (run, target, sender)", dupes, 0);
    check(failures, "planned + held back + over limit = audience", planned + held + over, audience);
    check(failures, "other statuses", other, 0);
    check(failures, "planned = plan.planned", planned, plan.planned());
    check(failures, "held back = plan.heldBack", held, plan.heldBack());
    check(failures, "over limit = plan.overLimit", over, plan.overLimit());
    check(failures, "tasks = Σ ceil(count / 10,000) over (sender, render)", tasks, expectedTasks);
    check(failures, "tasks = plan.tasks", tasks, plan.tasks());
    check(failures, "task recipients = planned", taskRecipients, planned);
    check(failures, "tasks over 10,000 recipients", bigTasks, 0);
    check(failures, "renders stored = renders used", renders, rendersUsed);
    check(failures, "distinct renders = staff", rendersUsed, STAFF);
    check(failures, "sender not the earliest-added relation", notEarliest, 0);
    check(failures, "over-limit mismatches", overWrong, 0);
    System.out.printf("verified in %.1f s: audience %,d (SQL), deliveries %,d, planned %,d + held back %,d (%.1f %%) "
        + "+ over limit %,d; %,d (sender, render) pairs, %,d tasks (expected %,d), %,d distinct renders%n",
        (System.nanoTime() - t0) / 1e9, audience, deliveries, planned, held, 100.0 * held / Math.max(1, audience),
        over, pairs, tasks, expectedTasks, rendersUsed);
    failures.forEach(f -> System.out.println("MISMATCH " + f));
    return failures.isEmpty();
  }

  static void check(List<String> failures, String what, long actual, long expected) {
    if (actual != expected) {
      failures.add(what + ": " + actual + " ≠ " + expected);
    }
  }

  static long status(JdbcTemplate jdbc, long run, String status) {
    return one(jdbc, "SELECT COUNT(*) FROM scrm_campaign_delivery WHERE run_id = ? AND status = ?", run, status);
  }

  static long one(JdbcTemplate jdbc, String sql, Object... args) {
    Long v = jdbc.queryForObject(sql, Long.class, args);
    return v == null ? 0 : v;
  }

  static void generate(JdbcTemplate jdbc, int customers, Instant due) {
    long t0 = System.nanoTime();
    for (String table : List.of("scrm_customer", "scrm_follow_relation", "scrm_follow_tag", "scrm_tag",
        "scrm_tag_group", "scrm_staff", "scrm_department", "scrm_customer_attribution", "scrm_campaign_delivery",
        "scrm_campaign_task", "scrm_campaign_run")) {
      jdbc.update("DELETE FROM " + table + " WHERE corp_id = ?", CORP);
    }
    String seq = "seq_1_to_" + customers;
    jdbc.update("INSERT INTO scrm_department (corp_id, dept_id, name, parent_id) SELECT ?, seq, "
        + "ELT(seq, '静安店', '徐汇店', '浦东店', '长宁店', '朝阳店', '海淀店', '天河店', '南山店'), 1 FROM seq_1_to_"
        + STORES, CORP);
    jdbc.update("INSERT INTO scrm_staff (corp_id, userid, name, main_department, contact_enabled) SELECT ?, "
        + "CONCAT('staff', seq), CONCAT('导购', seq), 1 + seq % " + STORES + ", 1 FROM seq_0_to_" + (STAFF - 1),
        CORP);
    jdbc.update("INSERT INTO scrm_tag_group (corp_id, group_id, name) VALUES (?, 'etgrp_level', '会员等级')", CORP);
    jdbc.update("INSERT INTO scrm_tag (corp_id, tag_id, group_id, name) SELECT ?, CONCAT('etlevel', seq), "
        + "'etgrp_level', ELT(1 + seq, '普通会员', '银卡会员', '金卡会员', '黑金会员') FROM seq_0_to_3", CORP);
    // gender: 0 for every 10th customer (outside the audience), else 1 or 2
    jdbc.update("INSERT INTO scrm_customer (corp_id, external_userid, name, type, gender) SELECT ?, "
        + "CONCAT('wm', seq), CONCAT('客户', seq), 1, IF(seq % 10 = 0, 0, 1 + seq % 2) FROM " + seq, CORP);
    jdbc.update("INSERT INTO scrm_follow_relation (corp_id, userid, external_userid, add_way, state, remark, added_at) "
        + "SELECT ?, CONCAT('staff', seq % " + STAFF + "), CONCAT('wm', seq), seq % 4, "
        + "ELT(1 + seq % 4, 'store_qr', 'ad_douyin', 'live_qr', NULL), IF(seq % 7 = 0, 'VIP', NULL), "
        + "NOW(3) - INTERVAL (seq % 400) DAY FROM " + seq, CORP);
    // 10 %: a second relation to another staff member, in 1 of 3 cases added before the first one
    jdbc.update("INSERT INTO scrm_follow_relation (corp_id, userid, external_userid, add_way, state, added_at) "
        + "SELECT ?, CONCAT('staff', (seq % " + STAFF + " + 1 + seq % " + (STAFF - 1) + ") % " + STAFF + "), "
        + "CONCAT('wm', seq), 1, 'store_qr', IF(seq % 3 = 0, NOW(3) - INTERVAL (seq % 400 + 1) DAY, "
        + "NOW(3) - INTERVAL (seq % 400) DAY + INTERVAL 1 HOUR) FROM " + seq + " WHERE seq % 10 = 3", CORP);
    jdbc.update("INSERT INTO scrm_follow_tag (corp_id, userid, external_userid, tag_id) SELECT ?, "
        + "CONCAT('staff', seq % " + STAFF + "), CONCAT('wm', seq), CONCAT('etlevel', seq % 4) FROM " + seq, CORP);
    jdbc.update("INSERT INTO scrm_customer_attribution (corp_id, external_userid, userid, state, channel, "
        + "store_dept_id, added_at, created_at) SELECT ?, CONCAT('wm', seq), CONCAT('staff', seq % " + STAFF + "), "
        + "ELT(1 + seq % 4, 'store_qr', 'ad_douyin', 'live_qr', NULL), ELT(1 + seq % 4, '门店活码', '抖音广告', "
        + "'直播', NULL), 1 + seq % " + STAFF + " % " + STORES + ", NOW(3) - INTERVAL (seq % 400) DAY, NOW(3) FROM "
        + seq, CORP);
    // 5 %: already pushed once today by an earlier run (due a minute ago), so the daily cap of 1 holds them back
    java.time.LocalDateTime before = JdbcTime.ts(due.minusSeconds(60));
    jdbc.update("INSERT INTO scrm_campaign_run (corp_id, campaign_id, version, occurrence, trigger_source, channel, "
        + "status, due_at, deadline_at, created_at) VALUES (?, 0, 1, 'bench-earlier', 'API', 'SINGLE', 'DONE', ?, ?, ?)",
        CORP, before, before, before);
    long earlier = one(jdbc, "SELECT id FROM scrm_campaign_run WHERE corp_id = ? AND occurrence = 'bench-earlier'",
        CORP);
    jdbc.update("INSERT INTO scrm_campaign_delivery (run_id, corp_id, target, sender, store_id, render_key, chunk_no, "
        + "status, counted_at, sent_at, updated_at) SELECT ?, ?, CONCAT('wm', seq), CONCAT('staff', seq % " + STAFF
        + "), NULL, '0000000000000000', 0, 'SENT', ?, ?, ? FROM " + seq + " WHERE seq % 20 = 1", earlier, CORP,
        before, before, before);
    jdbc.execute("ANALYZE TABLE scrm_customer, scrm_follow_relation, scrm_follow_tag, scrm_customer_attribution, "
        + "scrm_staff, scrm_department, scrm_campaign_delivery");
    System.out.printf("generated in %.1f s: %,d customers, %,d follow relations, %,d follow tags, %,d attributions, "
        + "%,d staff in %d stores, %,d earlier deliveries today%n", (System.nanoTime() - t0) / 1e9,
        count(jdbc, "scrm_customer"), count(jdbc, "scrm_follow_relation"), count(jdbc, "scrm_follow_tag"),
        count(jdbc, "scrm_customer_attribution"), count(jdbc, "scrm_staff"), STORES,
        count(jdbc, "scrm_campaign_delivery"));
  }

  static long count(JdbcTemplate jdbc, String table) {
    return one(jdbc, "SELECT COUNT(*) FROM " + table + " WHERE corp_id = ?", CORP);
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
