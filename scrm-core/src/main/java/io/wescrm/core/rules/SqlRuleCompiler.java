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
 * {@link InMemoryEvaluator}; the two must agree. Relation, tag, group and moment conditions become uncorrelated
 * {@code c.external_userid [NOT] IN (SELECT ...)} subqueries (counts through {@code GROUP BY ... HAVING}), which
 * MariaDB and MySQL materialise once per statement: a full re-evaluation scans each table a few times instead of
 * probing indexes a million times.
 */
public final class SqlRuleCompiler {

  private static final String MEMBER_FROM = "SELECT m.member_id FROM scrm_group_member m JOIN scrm_group_chat g ON "
      + "g.corp_id = m.corp_id AND g.chat_id = m.chat_id AND g.dismissed_at IS NULL ";
  private static final String MEMBER_WHERE = "WHERE m.corp_id = ? AND m.member_type = 2 AND m.left_at IS NULL ";

  /**
   * The customers' received pushes: SENT deliveries of the send ledger whose target is the customer (group-chat
   * runs target chats), with the corp as the one argument.
   */
  private static final String PUSH_FROM = "SELECT d.target FROM scrm_campaign_delivery d JOIN scrm_campaign_run r "
      + "ON r.id = d.run_id WHERE d.corp_id = ? AND d.status = 'SENT' AND d.sent_at IS NOT NULL "
      + "AND r.channel <> 'GROUP'";

  /** A SQL predicate and its arguments, in order. */
  public record Sql(String sql, List<Object> args) {
    public Sql {
      args = Collections.unmodifiableList(new ArrayList<>(args));
    }
  }

  private final String corpId;
  private final Instant now;
  private final ZoneId zone;

  /**
   * @param corpId the corp: subqueries are uncorrelated ({@code c.external_userid IN (SELECT ...)}) so the database
   *     materialises each once instead of probing it per customer
   * @param now the evaluation time: day windows end here (the in-memory evaluator must get the same)
   */
  public SqlRuleCompiler(String corpId, Instant now, ZoneId zone) {
    this.corpId = corpId;
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
    } else if (condition instanceof Condition.SameFollow same) {
      sameFollow(same.items(), sql, args);
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
      case FOLLOW_STAFF, FOLLOW_STATE, FOLLOW_REMARK, FOLLOW_ADD_WAY, FOLLOW_DEPARTMENT, FOLLOW_ADDED_AT ->
          sameFollow(List.of(leaf), sql, args);   // some live relation satisfies it
      case FOLLOW_COUNT -> count("SELECT f.external_userid FROM scrm_follow_relation f WHERE f.corp_id = ? "
          + "AND f.deleted_at IS NULL GROUP BY f.external_userid", List.of(corpId), leaf, sql, args);
      case TAGS -> tags(leaf, sql, args);
      case GROUP_CHAT -> groupSet(leaf, "AND LOWER(m.chat_id) IN (" + lowered(leaf.values(), args, corpId) + ")",
          sql, args);
      case GROUP_OWNER -> groupSet(leaf, "AND g.owner IS NOT NULL AND LOWER(g.owner) IN ("
          + lowered(leaf.values(), args, corpId) + ")", sql, args);
      case GROUP_STORE -> {
        StringBuilder in = new StringBuilder();
        List<Object> inArgs = new ArrayList<>();
        longs(leaf.values(), in, inArgs);
        sql.append(leaf.op() == Op.IN ? "c.external_userid IN (" : "c.external_userid NOT IN (").append(MEMBER_FROM)
            .append("JOIN scrm_staff s ON s.corp_id = g.corp_id AND s.userid = g.owner ").append(MEMBER_WHERE)
            .append("AND s.main_department IN (").append(in).append("))");
        args.add(corpId);
        args.addAll(inArgs);
      }
      case GROUP_COUNT -> count(MEMBER_FROM + MEMBER_WHERE + "GROUP BY m.member_id", List.of(corpId), leaf, sql, args);
      case MOMENT_LIKES, MOMENT_COMMENTS -> count("SELECT mi.external_userid FROM scrm_moment_interaction mi "
          + "WHERE mi.corp_id = ? AND mi.kind = ? AND mi.interacted_at >= ? GROUP BY mi.external_userid",
          List.of(corpId, leaf.field() == Field.MOMENT_LIKES ? "LIKE" : "COMMENT", cutoff(leaf.days())), leaf, sql,
          args);
      case MOMENT_INTERACTIONS -> count("SELECT mi.external_userid FROM scrm_moment_interaction mi "
          + "WHERE mi.corp_id = ? AND mi.interacted_at >= ? GROUP BY mi.external_userid", "COUNT(DISTINCT "
          + "mi.moment_id)", List.of(corpId, cutoff(leaf.days())), leaf, sql, args);
      case CAMPAIGN_RECEIVED -> {
        sql.append(op == Op.IN ? "c.external_userid IN (" : "c.external_userid NOT IN (").append(PUSH_FROM)
            .append(" AND r.campaign_id IN (");
        args.add(corpId);
        longs(leaf.values(), sql, args);
        sql.append(')');
        if (leaf.days() != null) {
          sql.append(" AND d.sent_at >= ?");
          args.add(cutoff(leaf.days()));
        }
        sql.append(')');
      }
      case CAMPAIGN_PUSHES -> count(PUSH_FROM + " AND d.sent_at >= ? GROUP BY d.target", List.of(corpId,
          cutoff(leaf.days())), leaf, sql, args);
      case INTERACTION -> {
        LocalDateTime cutoff = cutoff(leaf.number());
        sql.append(op == Op.WITHIN_DAYS ? "(" : "(NOT ")
            .append("(c.external_userid IN (SELECT f.external_userid FROM scrm_follow_relation f WHERE f.corp_id = ? "
                + "AND f.added_at >= ?) OR c.external_userid IN (SELECT m.member_id FROM scrm_group_member m "
                + "WHERE m.corp_id = ? AND m.member_type = 2 AND m.join_time >= ?) OR c.external_userid IN "
                + "(SELECT mi.external_userid FROM scrm_moment_interaction mi WHERE mi.corp_id = ? "
                + "AND mi.interacted_at >= ?)))");
        args.addAll(List.of(corpId, cutoff, corpId, cutoff, corpId, cutoff));
      }
      case DELETED_BY_CUSTOMER, DELETED_BY_STAFF -> {
        sql.append(op == Op.WITHIN_DAYS ? "c.external_userid IN" : "c.external_userid NOT IN")
            .append(" (SELECT f.external_userid FROM scrm_follow_relation f WHERE f.corp_id = ? AND f.deleted_by = ? "
                + "AND f.deleted_at >= ?)");
        args.add(corpId);
        args.add(leaf.field() == Field.DELETED_BY_CUSTOMER ? "CUSTOMER" : "STAFF");
        args.add(cutoff(leaf.number()));
      }
      default -> throw new IllegalStateException("unhandled field " + leaf.field());
    }
  }

  /** One live relation satisfying every item: the items' predicates in one subquery's WHERE. */
  private void sameFollow(List<Condition.Leaf> items, StringBuilder sql, List<Object> args) {
    boolean staff = items.stream().anyMatch(l -> l.field() == Field.FOLLOW_DEPARTMENT);
    sql.append("c.external_userid IN (SELECT f.external_userid FROM scrm_follow_relation f ")
        .append(staff ? "LEFT JOIN scrm_staff s ON s.corp_id = f.corp_id AND s.userid = f.userid " : "")
        .append("WHERE f.corp_id = ? AND f.deleted_at IS NULL");
    args.add(corpId);
    for (Condition.Leaf leaf : items) {
      sql.append(" AND ");
      switch (leaf.field()) {
        case FOLLOW_STAFF -> textPred(leaf, "f.userid", sql, args);
        case FOLLOW_STATE -> textPred(leaf, "f.state", sql, args);
        case FOLLOW_REMARK -> textPred(leaf, "f.remark", sql, args);
        case FOLLOW_ADD_WAY -> intPred(leaf, "f.add_way", sql, args);
        case FOLLOW_DEPARTMENT -> intPred(leaf, "s.main_department", sql, args);
        case FOLLOW_ADDED_AT -> {
          sql.append("(f.added_at IS NOT NULL AND f.added_at ").append(leaf.op() == Op.WITHIN_DAYS ? ">=" : "<")
              .append(" ?)");
          args.add(cutoff(leaf.number()));
        }
        default -> throw new IllegalStateException(leaf.field() + " is not a field of one follow relation");
      }
    }
    sql.append(')');
  }

  /**
   * {@code COUNT op n} over a grouped subquery. Customers without rows count 0: when {@code 0 op n} holds they match
   * unless their group fails the comparison, otherwise only customers whose group passes match.
   */
  private static void count(String grouped, List<Object> groupedArgs, Condition.Leaf leaf, StringBuilder sql,
      List<Object> args) {
    count(grouped, "COUNT(*)", groupedArgs, leaf, sql, args);
  }

  /** {@code measure}: what is counted per customer, e.g. {@code COUNT(DISTINCT mi.moment_id)}. */
  private static void count(String grouped, String measure, List<Object> groupedArgs, Condition.Leaf leaf,
      StringBuilder sql, List<Object> args) {
    boolean zeroHolds = leaf.op().compare(0, leaf.number());
    sql.append(zeroHolds ? "c.external_userid NOT IN (" : "c.external_userid IN (").append(grouped)
        .append(zeroHolds ? " HAVING NOT (" : " HAVING (").append(measure).append(' ')
        .append(leaf.op().sqlComparison())
        .append(" ?))");
    args.addAll(groupedArgs);
    args.add(leaf.number());
  }

  private void tags(Condition.Leaf leaf, StringBuilder sql, List<Object> args) {
    String in = "c.external_userid IN (SELECT t.external_userid FROM scrm_follow_tag t JOIN scrm_follow_relation f "
        + "ON f.corp_id = t.corp_id AND f.userid = t.userid AND f.external_userid = t.external_userid "
        + "AND f.deleted_at IS NULL WHERE t.corp_id = ? AND t.tag_id ";
    switch (leaf.op()) {
      case HAS_ALL -> {
        sql.append('(');
        for (int i = 0; i < leaf.values().size(); i++) {
          sql.append(i == 0 ? "" : " AND ").append(in).append("= ?)");
          args.add(corpId);
          args.add(leaf.values().get(i));
        }
        sql.append(')');
      }
      case HAS_ANY, HAS_NONE -> {
        sql.append(leaf.op() == Op.HAS_NONE ? "(NOT " : "(").append(in).append("IN (");
        args.add(corpId);
        placeholders(leaf.values(), sql, args);
        sql.append(")))");
      }
      default -> throw new IllegalStateException("op " + leaf.op() + " on tags");
    }
  }

  private static void groupSet(Condition.Leaf leaf, String predicate, StringBuilder sql, List<Object> args) {
    sql.append(leaf.op() == Op.IN ? "c.external_userid IN (" : "c.external_userid NOT IN (").append(MEMBER_FROM)
        .append(MEMBER_WHERE).append(predicate).append(')');
  }

  /** Placeholders for lower-cased values, after the corp id (a subquery's first parameter). */
  private static String lowered(List<String> values, List<Object> args, String corpId) {
    args.add(corpId);
    return lowered(values, args);
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
