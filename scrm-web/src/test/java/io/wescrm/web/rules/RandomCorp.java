package io.wescrm.web.rules;

import io.wescrm.core.rules.Condition;
import io.wescrm.core.rules.Field;
import io.wescrm.core.rules.LifecycleStage;
import io.wescrm.core.rules.Op;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Test fixture: a random corp written straight into the database (customers with awkward values: nulls, empty and
 * blank strings, mixed case, Chinese; live and ended relations; tags on both; current and past group memberships in
 * live and dismissed groups; moment interactions; campaign runs on every channel and their deliveries, sent and not,
 * by one or two senders), and random condition trees over the same value pools.
 */
final class RandomCorp {

  static final List<String> STAFF = List.of("u0", "u1", "u2", "u3", "u4", "u5");
  static final List<String> TAGS = List.of("t0", "t1", "t2", "t3", "t4", "t5");
  static final List<String> CHATS = List.of("g0", "g1", "g2", "g3", "g4");
  /** Campaign ids: 1..4 have runs, 5 never ran. */
  static final int CAMPAIGNS = 5;
  static final List<String> CHANNELS = List.of("SINGLE", "SINGLE", "STAFF_TASK", "GROUP");
  static final List<String> DELIVERY_STATUSES = List.of("SENT", "SENT", "SENT", "SENT", "TASK_CREATED", "NOT_FRIEND",
      "FAILED");
  static final List<String> TEXTS = List.of("store_sh01_qr", "Store_SH02", "VIP 客户", "vip", "老客户", "Acme 公司",
      "acme", "beta", "", " ");
  static final List<String> NEEDLES = List.of("sh0", "SH", "vip", "客户", "acme", "x", "公司", "_qr");

  final String corpId;
  final Random random;
  final Instant now;
  final List<String> customers = new ArrayList<>();

  RandomCorp(String corpId, long seed, Instant now) {
    this.corpId = corpId;
    this.random = new Random(seed);
    this.now = now;
  }

  void write(JdbcTemplate jdbc, int customerCount) {
    for (int i = 0; i < STAFF.size() - 1; i++) {
      // u5 has no staff row; u4 no department
      jdbc.update("INSERT INTO scrm_staff (corp_id, userid, name, main_department) VALUES (?, ?, ?, ?)", corpId,
          STAFF.get(i), "员工" + i, i == 4 ? null : (long) (i % 3 + 1));
    }
    jdbc.update("INSERT INTO scrm_tag_group (corp_id, group_id, name) VALUES (?, 'grp', '随机')", corpId);
    for (String t : TAGS) {
      jdbc.update("INSERT INTO scrm_tag (corp_id, tag_id, group_id, name) VALUES (?, ?, 'grp', ?)", corpId, t, t);
    }
    for (int i = 0; i < CHATS.size(); i++) {
      jdbc.update("INSERT INTO scrm_group_chat (corp_id, chat_id, name, owner, dismissed_at) VALUES (?, ?, ?, ?, ?)",
          corpId, CHATS.get(i), "群" + i, i == 3 ? null : STAFF.get(i % STAFF.size()),
          i == 4 ? ts(days(3)) : null);
    }
    // campaign runs: two per campaign 1..4, on random channels (GROUP runs target chats: their rows never count)
    for (int campaign = 1; campaign < CAMPAIGNS; campaign++) {
      for (int r = 0; r < 2; r++) {
        jdbc.update("INSERT INTO scrm_campaign_run (corp_id, campaign_id, version, occurrence, trigger_source, "
            + "channel, status, due_at, deadline_at, created_at) VALUES (?, ?, 1, ?, 'API', ?, 'DONE', ?, ?, ?)",
            corpId, campaign, corpId + ":" + r, CHANNELS.get(random.nextInt(CHANNELS.size())), ts(now), ts(now),
            ts(now));
      }
    }
    List<Long> runs = jdbc.queryForList("SELECT id FROM scrm_campaign_run WHERE corp_id = ? ORDER BY id", Long.class,
        corpId);
    List<Object[]> deliveries = new ArrayList<>();
    List<Object[]> customerRows = new ArrayList<>();
    List<Object[]> follows = new ArrayList<>();
    List<Object[]> followTags = new ArrayList<>();
    List<Object[]> members = new ArrayList<>();
    List<Object[]> moments = new ArrayList<>();
    for (int i = 0; i < customerCount; i++) {
      String ext = "wm" + corpId.substring(corpId.length() - 6) + "_" + i;
      customers.add(ext);
      customerRows.add(new Object[] {corpId, ext, "客户" + i, pick(null, 1, 2), pick(null, 0, 1, 2),
          maybe(TEXTS), random.nextInt(4) == 0 ? null : LifecycleStage.values()[random.nextInt(5)].key()});
      int relations = random.nextInt(4);
      List<String> staff = new ArrayList<>(STAFF);
      java.util.Collections.shuffle(staff, random);
      for (int r = 0; r < relations; r++) {
        boolean deleted = random.nextInt(3) == 0;
        follows.add(new Object[] {corpId, staff.get(r), ext, maybe(TEXTS), pick(null, 0, 1, 3), maybe(TEXTS),
            random.nextInt(6) == 0 ? null : ts(days(random.nextInt(100))),
            deleted ? ts(days(random.nextInt(60))) : null,
            deleted ? pickString("CUSTOMER", "STAFF", "SYNC") : null});
        for (String t : TAGS) {
          if (random.nextInt(4) == 0) {
            followTags.add(new Object[] {corpId, staff.get(r), ext, t});
          }
        }
      }
      List<String> chats = new ArrayList<>(CHATS);
      java.util.Collections.shuffle(chats, random);
      for (int g = 0, n = random.nextInt(4); g < n; g++) {
        members.add(new Object[] {corpId, chats.get(g), ext, random.nextInt(8) == 0 ? 1 : 2,
            random.nextInt(5) == 0 ? null : ts(days(random.nextInt(90))),
            random.nextInt(4) == 0 ? ts(days(random.nextInt(20))) : null});
      }
      for (int m = 0, n = random.nextInt(4); m < n; m++) {
        // a few moment ids shared: one moment liked and commented counts once for moment.interactions
        // (times a few seconds apart: the unique key includes the time)
        moments.add(new Object[] {corpId, "mo" + random.nextInt(3), "u" + m, ext,
            random.nextBoolean() ? "LIKE" : "COMMENT", ts(days(random.nextInt(60)).plusSeconds(m))});
      }
      java.util.Set<String> delivered = new java.util.HashSet<>();
      for (int d = 0, n = random.nextInt(5); d < n; d++) {
        long run = runs.get(random.nextInt(runs.size()));
        String sender = STAFF.get(random.nextInt(2));   // one or two senders of a run reach the customer
        if (!delivered.add(run + " " + sender)) {
          continue;
        }
        String status = DELIVERY_STATUSES.get(random.nextInt(DELIVERY_STATUSES.size()));
        boolean sent = status.equals("SENT") && random.nextInt(10) != 0;   // a SENT row without sent_at counts not
        deliveries.add(new Object[] {run, corpId, ext, sender, status, ts(now), sent ? ts(days(random.nextInt(60)))
            : null, ts(now)});
      }
    }
    jdbc.batchUpdate("INSERT INTO scrm_customer (corp_id, external_userid, name, type, gender, corp_name, "
        + "lifecycle_stage) VALUES (?, ?, ?, ?, ?, ?, ?)", customerRows);
    jdbc.batchUpdate("INSERT INTO scrm_follow_relation (corp_id, userid, external_userid, state, add_way, remark, "
        + "added_at, deleted_at, deleted_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", follows);
    jdbc.batchUpdate("INSERT INTO scrm_follow_tag (corp_id, userid, external_userid, tag_id) VALUES (?, ?, ?, ?)",
        followTags);
    jdbc.batchUpdate("INSERT INTO scrm_group_member (corp_id, chat_id, member_id, member_type, join_time, left_at) "
        + "VALUES (?, ?, ?, ?, ?, ?)", members);
    jdbc.batchUpdate("INSERT INTO scrm_moment_interaction (corp_id, moment_id, userid, external_userid, kind, "
        + "interacted_at) VALUES (?, ?, ?, ?, ?, ?)", moments);
    jdbc.batchUpdate("INSERT INTO scrm_campaign_delivery (run_id, corp_id, target, sender, render_key, status, "
        + "counted_at, sent_at, updated_at) VALUES (?, ?, ?, ?, 'r0', ?, ?, ?, ?)", deliveries);
  }

  /** A random condition tree of at most {@code depth} levels. */
  Condition condition(int depth) {
    int kind = random.nextInt(depth <= 0 ? 1 : 6);
    if (kind == 5) {
      List<Condition.Leaf> items = new ArrayList<>();
      for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
        items.add(followLeaf());
      }
      return new Condition.SameFollow(items);
    }
    if (kind == 1 || kind == 2) {
      List<Condition> items = new ArrayList<>();
      for (int i = 0, n = random.nextInt(4); i < n; i++) {
        items.add(condition(depth - 1));
      }
      return kind == 1 ? new Condition.All(items) : new Condition.Any(items);
    }
    if (kind == 3) {
      return new Condition.Not(condition(depth - 1));
    }
    return leaf();
  }

  Condition.Leaf leaf() {
    return leaf(Field.values()[random.nextInt(Field.values().length)]);
  }

  /** A leaf over one follow relation's fields (for sameFollow). */
  Condition.Leaf followLeaf() {
    List<Field> scoped = java.util.Arrays.stream(Field.values()).filter(Field::followScoped).toList();
    return leaf(scoped.get(random.nextInt(scoped.size())));
  }

  Condition.Leaf leaf(Field field) {
    List<Op> ops = field.type().ops();
    Op op = ops.get(random.nextInt(ops.size()));
    List<String> values = List.of();
    Long number = null;
    switch (op.operand(field)) {
      case VALUE -> values = List.of(op == Op.CONTAINS || op == Op.NOT_CONTAINS
          ? NEEDLES.get(random.nextInt(NEEDLES.size())) : value(field));
      case VALUES -> {
        List<String> vs = new ArrayList<>();
        for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
          vs.add(value(field));
        }
        values = vs.stream().distinct().toList();
      }
      case NUMBER -> number = op.key().contains("Days") ? 1L + random.nextInt(90) : (long) random.nextInt(4);
      case NONE -> {
      }
    }
    Integer days = field.needsDays() || field.takesDays() && random.nextBoolean() ? 1 + random.nextInt(60) : null;
    return new Condition.Leaf(field, op, values, number, days);
  }

  private String value(Field field) {
    return switch (field) {
      case GENDER -> String.valueOf(random.nextInt(3));
      case CUSTOMER_TYPE -> String.valueOf(1 + random.nextInt(2));
      case FOLLOW_ADD_WAY -> String.valueOf(random.nextInt(4));
      case FOLLOW_DEPARTMENT, GROUP_STORE -> String.valueOf(1 + random.nextInt(4));
      case LIFECYCLE_STAGE -> LifecycleStage.values()[random.nextInt(5)].key();
      case FOLLOW_STAFF, GROUP_OWNER -> upper(STAFF.get(random.nextInt(STAFF.size())));
      case GROUP_CHAT -> upper(CHATS.get(random.nextInt(CHATS.size())));
      case TAGS -> TAGS.get(random.nextInt(TAGS.size()));
      case CAMPAIGN_RECEIVED -> String.valueOf(1 + random.nextInt(CAMPAIGNS));
      default -> {
        String t = TEXTS.get(random.nextInt(TEXTS.size() - 2));
        yield random.nextInt(3) == 0 ? t.toUpperCase(java.util.Locale.ROOT) : t;
      }
    };
  }

  private String upper(String s) {
    return random.nextInt(4) == 0 ? s.toUpperCase(java.util.Locale.ROOT) : s;
  }

  private Instant days(int d) {
    return now.minus(Duration.ofDays(d)).minus(Duration.ofSeconds(random.nextInt(86_400))).plusSeconds(3600)
        .truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
  }

  private static Timestamp ts(Instant i) {
    return Timestamp.valueOf(java.time.LocalDateTime.ofInstant(i, java.time.ZoneId.systemDefault()));
  }

  private Integer pick(Integer... options) {
    return options[random.nextInt(options.length)];
  }

  private String pickString(String... options) {
    return options[random.nextInt(options.length)];
  }

  private String maybe(List<String> pool) {
    return random.nextInt(4) == 0 ? null : pool.get(random.nextInt(pool.size()));
  }
}
