package io.wescrm.core.campaigns.jdbc;

import io.wescrm.core.campaigns.CampaignDefinition;
import io.wescrm.core.campaigns.CampaignDefinition.Channel;
import io.wescrm.core.rules.Condition;
import io.wescrm.core.rules.SqlRuleCompiler;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import io.wescrm.core.jdbc.Rows;
import io.wescrm.core.jdbc.Placeholders;
import io.wescrm.core.jdbc.StaffScope;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A campaign's audience before it runs: how many customers (or group chats) it reaches, per store and staff member,
 * and a sample with each sample's rendered text. A customer followed by two staff members in scope is counted once
 * in the total and under each of them in the breakdown (the run sends from the one who added them first).
 */
public class JdbcCampaignPreview {

  private final JdbcTemplate jdbc;
  private final ZoneId zone;

  public JdbcCampaignPreview(JdbcTemplate jdbc, ZoneId zone) {
    this.jdbc = jdbc;
    this.zone = zone;
  }

  /** One sample recipient and the values its template reads. */
  public record Sample(String target, String name, String sender, String staffName, Long storeId, String storeName,
      Map<String, String> values) {
  }

  public record Preview(long count, List<Map<String, Object>> byStore, List<Map<String, Object>> byStaff,
      List<Sample> sample) {
  }

  public Preview preview(String corpId, CampaignDefinition definition, Channel channel, Instant now, int sampleSize,
      List<String> variables) {
    return preview(corpId, definition, channel, now, sampleSize, variables, null);
  }

  /**
   * The audience's share reached through {@code staff} (a store manager's scope; null: the whole audience): customers
   * with a live relation to one of them, counted and broken down over those relations only; group chats they own.
   */
  public Preview preview(String corpId, CampaignDefinition definition, Channel channel, Instant now, int sampleSize,
      List<String> variables, Collection<String> staff) {
    List<Object> args = new ArrayList<>();
    String base = channel == Channel.GROUP ? groupBase(corpId, definition, args)
        : customerBase(corpId, definition, now, args);
    base += StaffScope.and(channel == Channel.GROUP ? "g.owner" : "f.userid", staff, args);
    String key = channel == Channel.GROUP ? "g.chat_id" : "c.external_userid";
    String staffColumn = channel == Channel.GROUP ? "g.owner" : "f.userid";
    Long count = jdbc.queryForObject("SELECT COUNT(DISTINCT " + key + ")" + base, Long.class, args.toArray());
    List<Map<String, Object>> byStore = Rows.camelCase(jdbc, "SELECT s.main_department AS store_id, MAX(d.name) AS "
        + "storeName, COUNT(DISTINCT " + key + ") AS count" + base + " GROUP BY s.main_department "
        + "ORDER BY s.main_department", args.toArray());
    List<Map<String, Object>> byStaff = Rows.camelCase(jdbc, "SELECT " + staffColumn + " AS userid, MAX(s.name) AS "
        + "name, COUNT(DISTINCT " + key + ") AS count" + base + " GROUP BY " + staffColumn + " ORDER BY " + staffColumn,
        args.toArray());
    List<Object> sampleArgs = new ArrayList<>(args);
    sampleArgs.add(sampleSize);
    String columns = channel == Channel.GROUP
        ? "SELECT g.chat_id, g.name, g.owner, s.name, s.main_department, d.name, NULL, NULL, NULL, g.name"
        : "SELECT c.external_userid, c.name, f.userid, s.name, s.main_department, d.name, f.remark, "
            + "c.lifecycle_stage, a.channel, NULL";
    List<Sample> sample = new ArrayList<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    jdbc.query(columns + base + " ORDER BY " + (channel == Channel.GROUP ? "g.id" : "c.id, f.added_at, f.id")
        + " LIMIT ?", rs -> {
          if (!seen.add(rs.getString(1))) {
            return;
          }
          Map<String, String> values = new HashMap<>();
          values.put("customer_name", rs.getString(2));
          values.put("staff_name", rs.getString(4));
          values.put("store_name", rs.getString(6));
          values.put("remark", rs.getString(7));
          values.put("lifecycle_stage", rs.getString(8));
          values.put("channel", rs.getString(9));
          values.put("group_name", rs.getString(10));
          sample.add(new Sample(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
              (Long) rs.getObject(5, Long.class), rs.getString(6), values));
        }, sampleArgs.toArray());
    for (Sample s : sample) {
      for (String v : variables) {
        if (v.startsWith("tag:")) {
          s.values().put(v, jdbc.query("SELECT MIN(t.name) FROM scrm_follow_tag ft JOIN scrm_tag t ON "
              + "t.corp_id = ft.corp_id AND t.tag_id = ft.tag_id AND t.deleted_at IS NULL JOIN scrm_tag_group tg ON "
              + "tg.corp_id = t.corp_id AND tg.group_id = t.group_id AND tg.deleted_at IS NULL AND tg.name = ? "
              + "WHERE ft.corp_id = ? AND ft.external_userid = ?", rs -> rs.next() ? rs.getString(1) : null,
              v.substring(4), corpId, s.target()));
        } else if (v.startsWith("attr:")) {
          s.values().put(v, jdbc.query("SELECT attr_value FROM scrm_customer_attribute WHERE corp_id = ? "
              + "AND external_userid = ? AND name = ?", rs -> rs.next() ? rs.getString(1) : null, corpId, s.target(),
              v.substring(5)));
        }
      }
    }
    return new Preview(count == null ? 0 : count, byStore, byStaff, sample);
  }

  /** Renders each sample with {@code render}. */
  public static List<Map<String, Object>> rendered(List<Sample> sample, Function<Function<String, String>, String> render) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Sample s : sample) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("target", s.target());
      row.put("name", s.name());
      row.put("sender", s.sender());
      row.put("staffName", s.staffName());
      row.put("storeId", s.storeId());
      row.put("storeName", s.storeName());
      row.put("text", render.apply(s.values()::get));
      out.add(row);
    }
    return out;
  }

  private String customerBase(String corpId, CampaignDefinition def, Instant now, List<Object> args) {
    StringBuilder sql = new StringBuilder(" FROM scrm_customer c JOIN scrm_follow_relation f ON f.corp_id = c.corp_id "
        + "AND f.external_userid = c.external_userid AND f.deleted_at IS NULL JOIN scrm_staff s ON "
        + "s.corp_id = f.corp_id AND s.userid = f.userid AND s.deleted_at IS NULL LEFT JOIN scrm_department d ON "
        + "d.corp_id = s.corp_id AND d.dept_id = s.main_department AND d.deleted_at IS NULL "
        + "LEFT JOIN scrm_customer_attribution a ON a.corp_id = c.corp_id AND a.external_userid = c.external_userid "
        + "WHERE c.corp_id = ?");
    args.add(corpId);
    SqlRuleCompiler compiler = new SqlRuleCompiler(corpId, now, zone);
    Condition include = def.audience().include();
    if (include != null) {
      SqlRuleCompiler.Sql c = compiler.compile(include);
      sql.append(" AND ").append(c.sql());
      args.addAll(c.args());
    }
    Condition exclude = def.audience().exclude();
    if (exclude != null) {
      SqlRuleCompiler.Sql c = compiler.compile(exclude);
      sql.append(" AND NOT ").append(c.sql());
      args.addAll(c.args());
    }
    scope(def, "f.userid", sql, args);
    return sql.toString();
  }

  private static String groupBase(String corpId, CampaignDefinition def, List<Object> args) {
    StringBuilder sql = new StringBuilder(" FROM scrm_group_chat g JOIN scrm_staff s ON s.corp_id = g.corp_id "
        + "AND s.userid = g.owner AND s.deleted_at IS NULL LEFT JOIN scrm_department d ON d.corp_id = s.corp_id "
        + "AND d.dept_id = s.main_department AND d.deleted_at IS NULL WHERE g.corp_id = ? AND g.dismissed_at IS NULL");
    args.add(corpId);
    if (!def.audience().chatIds().isEmpty()) {
      sql.append(" AND g.chat_id IN (").append(Placeholders.marks(def.audience().chatIds().size())).append(')');
      args.addAll(def.audience().chatIds());
    }
    scope(def, "g.owner", sql, args);
    return sql.toString();
  }

  private static void scope(CampaignDefinition def, String staffColumn, StringBuilder sql, List<Object> args) {
    if (!def.audience().staff().isEmpty()) {
      sql.append(" AND ").append(staffColumn).append(" IN (").append(Placeholders.marks(
          def.audience().staff().size())).append(')');
      args.addAll(def.audience().staff());
    }
    if (!def.audience().stores().isEmpty()) {
      sql.append(" AND s.main_department IN (").append(Placeholders.marks(def.audience().stores().size()))
          .append(')');
      args.addAll(def.audience().stores());
    }
  }
}
