package io.wescrm.core.rules;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Compiles a condition into a parameterised SQL predicate over {@code scrm_customer c} (MySQL, MariaDB and H2 in
 * MySQL mode). Every predicate is two-valued (never NULL), so {@code NOT} means exactly "does not hold", as in
 * {@link InMemoryEvaluator}; the two must agree. Relation, tag, group and moment conditions become correlated
 * {@code EXISTS} / {@code COUNT} subqueries on the (corp_id, external_userid)-leading indexes.
 */
public final class SqlRuleCompiler {

  private static final String LIVE_FOLLOW = "EXISTS (SELECT 1 FROM scrm_follow_relation f WHERE f.corp_id = c.corp_id "
      + "AND f.external_userid = c.external_userid AND f.deleted_at IS NULL AND ";
  private static final String LIVE_MEMBER = "EXISTS (SELECT 1 FROM scrm_group_member m JOIN scrm_group_chat g ON "
      + "g.corp_id = m.corp_id AND g.chat_id = m.chat_id AND g.dismissed_at IS NULL WHERE m.corp_id = c.corp_id "
      + "AND m.member_id = c.external_userid AND m.member_type = 2 AND m.left_at IS NULL AND ";

  /** A SQL predicate and its arguments, in order. */
  public record Sql(String sql, List<Object> args) {
    public Sql {
      args = Collections.unmodifiableList(new ArrayList<>(args));
    }
  }

  private final Instant now;
  private final ZoneId zone;

  /** @param now the evaluation time: day windows end here (the in-memory evaluator must get the same) */
  public SqlRuleCompiler(Instant now, ZoneId zone) {
    this.now = now;
    this.zone = zone;
  }

  public Sql compile(Condition condition) {
    StringBuilder sql = new StringBuilder();
    List<Object> args = new ArrayList<>();
    append(condition, sql, args);
    return new Sql(sql.toString(), args);
  }

  private void append(Condition condition, StringBuilder sql, List<Object> args) {
    if (condition instanceof Condition.All all) {
      group(all.items(), " AND ", "(1=1)", sql, args);
    } else if (condition instanceof Condition.Any any) {
      group(any.items(), " OR ", "(1=0)", sql, args);
    } else if (condition instanceof Condition.Not not) {
      sql.append("(NOT ");
      append(not.item(), sql, args);
      sql.append(')');
    } else {
      leaf((Condition.Leaf) condition, sql, args);
    }
  }

  private void group(List<Condition> items, String joiner, String empty, StringBuilder sql, List<Object> args) {
    if (items.isEmpty()) {
      sql.append(empty);
      return;
    }
    sql.append('(');
    for (int i = 0; i < items.size(); i++) {
      if (i > 0) {
        sql.append(joiner);
      }
      append(items.get(i), sql, args);
    }
    sql.append(')');
  }

  private void leaf(Condition.Leaf leaf, StringBuilder sql, List<Object> args) {
    Op op = leaf.op();
    switch (leaf.field()) {
      case GENDER -> intPred(leaf, "c.gender", sql, args);
      case CUSTOMER_TYPE -> intPred(leaf, "c.type", sql, args);
      case CORP_NAME -> textPred(leaf, "c.corp_name", sql, args);
      case LIFECYCLE_STAGE -> textPred(leaf, "c.lifecycle_stage", sql, args);
      case FOLLOW_STAFF -> follow(leaf, "f.userid", sql, args);
      case FOLLOW_STATE -> follow(leaf, "f.state", sql, args);
      case FOLLOW_REMARK -> follow(leaf, "f.remark", sql, args);
      case FOLLOW_ADD_WAY -> {
        sql.append(LIVE_FOLLOW);
        intPred(leaf, "f.add_way", sql, args);
        sql.append(')');
      }
      case FOLLOW_DEPARTMENT -> {
        sql.append(LIVE_FOLLOW);
        boolean positive = op == Op.EQ || op == Op.IN;
        sql.append(positive ? "" : "NOT ").append("EXISTS (SELECT 1 FROM scrm_staff s WHERE s.corp_id = f.corp_id "
            + "AND s.userid = f.userid AND s.main_department IN (");
        longs(leaf.values(), sql, args);
        sql.append(")))");
      }
      case FOLLOW_ADDED_AT -> {
        sql.append(LIVE_FOLLOW).append("f.added_at IS NOT NULL AND f.added_at ")
            .append(op == Op.WITHIN_DAYS ? ">=" : "<").append(" ?)");
        args.add(cutoff(leaf.number()));
      }
      case FOLLOW_COUNT -> {
        sql.append("((SELECT COUNT(*) FROM scrm_follow_relation f WHERE f.corp_id = c.corp_id "
            + "AND f.external_userid = c.external_userid AND f.deleted_at IS NULL) ").append(op.sqlComparison())
            .append(" ?)");
        args.add(leaf.number());
      }
      case TAGS -> tags(leaf, sql, args);
      case GROUP_CHAT -> groupSet(leaf, "LOWER(m.chat_id) IN (" + lowered(leaf.values(), args) + ")", sql);
      case GROUP_OWNER -> groupSet(leaf, "g.owner IS NOT NULL AND LOWER(g.owner) IN ("
          + lowered(leaf.values(), args) + ")", sql);
      case GROUP_STORE -> {
        StringBuilder in = new StringBuilder();
        longs(leaf.values(), in, args);
        groupSet(leaf, "EXISTS (SELECT 1 FROM scrm_staff s WHERE s.corp_id = g.corp_id AND s.userid = g.owner "
            + "AND s.main_department IN (" + in + "))", sql);
      }
      case GROUP_COUNT -> {
        sql.append("((SELECT COUNT(*) FROM scrm_group_member m JOIN scrm_group_chat g ON g.corp_id = m.corp_id "
            + "AND g.chat_id = m.chat_id AND g.dismissed_at IS NULL WHERE m.corp_id = c.corp_id "
            + "AND m.member_id = c.external_userid AND m.member_type = 2 AND m.left_at IS NULL) ")
            .append(op.sqlComparison()).append(" ?)");
        args.add(leaf.number());
      }
      case MOMENT_LIKES, MOMENT_COMMENTS -> {
        sql.append("((SELECT COUNT(*) FROM scrm_moment_interaction mi WHERE mi.corp_id = c.corp_id "
            + "AND mi.external_userid = c.external_userid AND mi.kind = ? AND mi.interacted_at >= ?) ")
            .append(op.sqlComparison()).append(" ?)");
        args.add(leaf.field() == Field.MOMENT_LIKES ? "LIKE" : "COMMENT");
        args.add(cutoff(leaf.days()));
        args.add(leaf.number());
      }
      case INTERACTION -> {
        LocalDateTime cutoff = cutoff(leaf.number());
        sql.append(op == Op.WITHIN_DAYS ? "(" : "(NOT ")
            .append("(EXISTS (SELECT 1 FROM scrm_follow_relation f WHERE f.corp_id = c.corp_id "
                + "AND f.external_userid = c.external_userid AND f.added_at >= ?) "
                + "OR EXISTS (SELECT 1 FROM scrm_group_member m WHERE m.corp_id = c.corp_id "
                + "AND m.member_id = c.external_userid AND m.member_type = 2 AND m.join_time >= ?) "
                + "OR EXISTS (SELECT 1 FROM scrm_moment_interaction mi WHERE mi.corp_id = c.corp_id "
                + "AND mi.external_userid = c.external_userid AND mi.interacted_at >= ?)))");
        args.add(cutoff);
        args.add(cutoff);
        args.add(cutoff);
      }
      case DELETED_BY_CUSTOMER, DELETED_BY_STAFF -> {
        sql.append(op == Op.WITHIN_DAYS ? "" : "(NOT ")
            .append("EXISTS (SELECT 1 FROM scrm_follow_relation f WHERE f.corp_id = c.corp_id "
                + "AND f.external_userid = c.external_userid AND f.deleted_by = ? AND f.deleted_at >= ?)")
            .append(op == Op.WITHIN_DAYS ? "" : ")");
        args.add(leaf.field() == Field.DELETED_BY_CUSTOMER ? "CUSTOMER" : "STAFF");
        args.add(cutoff(leaf.number()));
      }
      default -> throw new IllegalStateException("unhandled field " + leaf.field());
    }
  }

  private void follow(Condition.Leaf leaf, String column, StringBuilder sql, List<Object> args) {
    sql.append(LIVE_FOLLOW);
    textPred(leaf, column, sql, args);
    sql.append(')');
  }

  private void tags(Condition.Leaf leaf, StringBuilder sql, List<Object> args) {
    String exists = "EXISTS (SELECT 1 FROM scrm_follow_tag t JOIN scrm_follow_relation f ON f.corp_id = t.corp_id "
        + "AND f.userid = t.userid AND f.external_userid = t.external_userid AND f.deleted_at IS NULL "
        + "WHERE t.corp_id = c.corp_id AND t.external_userid = c.external_userid AND t.tag_id ";
    switch (leaf.op()) {
      case HAS_ALL -> {
        sql.append('(');
        for (int i = 0; i < leaf.values().size(); i++) {
          sql.append(i == 0 ? "" : " AND ").append(exists).append("= ?)");
          args.add(leaf.values().get(i));
        }
        sql.append(')');
      }
      case HAS_ANY, HAS_NONE -> {
        sql.append(leaf.op() == Op.HAS_NONE ? "(NOT " : "(").append(exists).append("IN (");
        placeholders(leaf.values(), sql, args);
        sql.append(")))");
      }
      default -> throw new IllegalStateException("op " + leaf.op() + " on tags");
    }
  }

  private static void groupSet(Condition.Leaf leaf, String predicate, StringBuilder sql) {
    sql.append(leaf.op() == Op.IN ? "(" : "(NOT ").append(LIVE_MEMBER).append(predicate).append("))");
  }

  private static void textPred(Condition.Leaf leaf, String col, StringBuilder sql, List<Object> args) {
    switch (leaf.op()) {
      case EQ, IN -> sql.append("(").append(col).append(" IS NOT NULL AND LOWER(").append(col).append(") IN (")
          .append(lowered(leaf.values(), args)).append("))");
      case NE, NOT_IN -> sql.append("(").append(col).append(" IS NULL OR LOWER(").append(col).append(") NOT IN (")
          .append(lowered(leaf.values(), args)).append("))");
      case CONTAINS -> {
        sql.append("(").append(col).append(" IS NOT NULL AND LOCATE(?, LOWER(").append(col).append(")) > 0)");
        args.add(leaf.value().toLowerCase(Locale.ROOT));
      }
      case NOT_CONTAINS -> {
        sql.append("(").append(col).append(" IS NULL OR LOCATE(?, LOWER(").append(col).append(")) = 0)");
        args.add(leaf.value().toLowerCase(Locale.ROOT));
      }
      case IS_EMPTY -> sql.append("(").append(col).append(" IS NULL OR TRIM(").append(col).append(") = '')");
      case IS_NOT_EMPTY -> sql.append("(").append(col).append(" IS NOT NULL AND TRIM(").append(col)
          .append(") <> '')");
      default -> throw new IllegalStateException("op " + leaf.op() + " on text");
    }
  }

  private static void intPred(Condition.Leaf leaf, String col, StringBuilder sql, List<Object> args) {
    boolean positive = leaf.op() == Op.EQ || leaf.op() == Op.IN;
    sql.append(positive ? "(" + col + " IS NOT NULL AND " + col + " IN (" : "(" + col + " IS NULL OR " + col
        + " NOT IN (");
    longs(leaf.values(), sql, args);
    sql.append("))");
  }

  private static String lowered(List<String> values, List<Object> args) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < values.size(); i++) {
      sb.append(i == 0 ? "?" : ", ?");
      args.add(values.get(i).toLowerCase(Locale.ROOT));
    }
    return sb.toString();
  }

  private static void placeholders(List<String> values, StringBuilder sql, List<Object> args) {
    for (int i = 0; i < values.size(); i++) {
      sql.append(i == 0 ? "?" : ", ?");
      args.add(values.get(i));
    }
  }

  private static void longs(List<String> values, StringBuilder sql, List<Object> args) {
    for (int i = 0; i < values.size(); i++) {
      sql.append(i == 0 ? "?" : ", ?");
      args.add(Long.parseLong(values.get(i)));
    }
  }

  private LocalDateTime cutoff(long days) {
    return LocalDateTime.ofInstant(InMemoryEvaluator.cutoff(now, days).truncatedTo(ChronoUnit.MILLIS), zone);
  }
}
