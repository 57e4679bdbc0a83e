package io.wescrm.core.campaigns.jdbc;

import io.wescrm.core.campaigns.CampaignDefinition;
import io.wescrm.core.campaigns.CampaignDefinition.Channel;
import io.wescrm.core.jdbc.IdSlices;
import io.wescrm.core.jdbc.MysqlFamily;
import io.wescrm.core.jdbc.Placeholders;
import io.wescrm.core.jdbc.Rows;
import io.wescrm.core.jdbc.StaffScope;
import io.wescrm.core.rules.Condition;
import io.wescrm.core.rules.SqlRuleCompiler;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.LongConsumer;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A campaign's audience before it runs: how many customers (or group chats) it reaches, per store and staff member,
 * and a sample with each sample's rendered text. A customer followed by two staff members in scope is counted once
 * in the total and under each of them in the breakdown (the run sends from the one who added them first).
 */
public class JdbcCampaignPreview {

  private static final String SLICE = " AND c.id >= ? AND c.id < ?";
  private static final String CUSTOMER_COLUMNS = "c.external_userid, c.name, f.userid, s.name, "
      + "s.main_department, d.name, f.remark, c.lifecycle_stage, a.channel, NULL";
  private static final String GROUP_COLUMNS = "SELECT g.chat_id, g.name, g.owner, s.name, s.main_department, d.name, "
      + "NULL, NULL, NULL, g.name";

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

  /**
   * The audience's share reached through {@code staff} (a store manager's scope; null: the whole audience): customers
   * with a live relation to one of them, counted and broken down over those relations only; group chats they own.
   * A customer audience is read in one pass over slices of the customers' ids (IdSlices), {@code pace} may rest
   * between them; group chats (a small table) in one statement each.
   */
  public Preview preview(String corpId, CampaignDefinition definition, Channel channel, Instant now, int sampleSize,
      List<String> variables, Collection<String> staff, LongConsumer pace) {
    List<Object> args = new ArrayList<>();
    boolean group = channel == Channel.GROUP;
    String base = group ? groupBase(corpId, definition, args) : customerBase(corpId, definition, now, args);
    base += StaffScope.and(group ? "g.owner" : "f.userid", staff, args);
    Preview counted = group ? groupCounts(base, args, sampleSize) : customers(corpId, base, args, sampleSize, pace);
    for (Sample s : counted.sample()) {
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
    return counted;
  }

  /**
   * Whether the audience reaches anyone now: stops at the first customer (or group chat) found, so an audience of a
   * million costs one slice, and only an empty one a whole pass.
   */
  public boolean reachesAnyone(String corpId, CampaignDefinition definition, Channel channel, Instant now,
      LongConsumer pace) {
    List<Object> args = new ArrayList<>();
    if (channel == Channel.GROUP) {
      String base = groupBase(corpId, definition, args);
      return !jdbc.queryForList("SELECT 1" + base + " LIMIT 1", Integer.class, args.toArray()).isEmpty();
    }
    String base = customerBase(corpId, definition, now, args);
    String select = sliceSelect();
    boolean[] found = {false};
    IdSlices.scan(jdbc, "scrm_customer", pace, slice -> {
      found[0] = !jdbc.queryForList(select + "1" + base + SLICE + " LIMIT 1", Integer.class, sliced(args, slice))
          .isEmpty();
      return !found[0];
    });
    return found[0];
  }

  private Preview groupCounts(String base, List<Object> args, int sampleSize) {
    Long count = jdbc.queryForObject("SELECT COUNT(DISTINCT g.chat_id)" + base, Long.class, args.toArray());
    List<Map<String, Object>> byStore = Rows.camelCase(jdbc, "SELECT s.main_department AS store_id, MAX(d.name) AS "
        + "store_name, COUNT(DISTINCT g.chat_id) AS count" + base + " GROUP BY s.main_department "
        + "ORDER BY s.main_department", args.toArray());
    List<Map<String, Object>> byStaff = Rows.camelCase(jdbc, "SELECT g.owner AS userid, MAX(s.name) AS "
        + "name, COUNT(DISTINCT g.chat_id) AS count" + base + " GROUP BY g.owner ORDER BY g.owner", args.toArray());
    List<Sample> sample = new ArrayList<>();
    if (sampleSize > 0) {
      List<Object> sampleArgs = new ArrayList<>(args);
      sampleArgs.add(sampleSize);
      jdbc.query(GROUP_COLUMNS + base + " ORDER BY g.id LIMIT ?", rs -> {
        sample.add(sample(rs));
      }, sampleArgs.toArray());
    }
    return new Preview(count == null ? 0 : count, byStore, byStaff, sample);
  }

  /**
   * Count, per store, per staff member and the sample in one pass: each slice's (customer, staff member, store) rows
   * are counted distinct in memory (a slice's customers are in no other slice, so the slices' counts add up), and
   * while the sample lacks rows the slice's first ones are read (by customer id, then added date; one per customer);
   * names afterwards from the staff and department tables.
   */
  private Preview customers(String corpId, String base, List<Object> args, int sampleSize, LongConsumer pace) {
    long[] count = {0};
    List<Sample> sample = new ArrayList<>();
    Set<String> sampled = new HashSet<>();
    int[] sampleRows = {0};
    Map<Long, Long> stores = new TreeMap<>(Comparator.nullsFirst(Comparator.naturalOrder()));
    Map<String, Long> staff = new TreeMap<>(String.CASE_INSENSITIVE_ORDER.thenComparing(Comparator.naturalOrder()));
    String select = sliceSelect();
    IdSlices.scan(jdbc, "scrm_customer", pace, slice -> {
      Set<Long> customers = new HashSet<>();
      Map<Long, Set<Long>> perStore = new HashMap<>();
      Map<String, Set<Long>> perStaff = new HashMap<>();
      jdbc.query(select + "c.id, f.userid, s.main_department" + base + SLICE, rs -> {
        long customer = rs.getLong(1);
        customers.add(customer);
        perStaff.computeIfAbsent(rs.getString(2), k -> new HashSet<>()).add(customer);
        perStore.computeIfAbsent(rs.getObject(3, Long.class), k -> new HashSet<>()).add(customer);
      }, sliced(args, slice));
      if (!customers.isEmpty() && sampleRows[0] < sampleSize) {
        List<Object> sampleArgs = new ArrayList<>(Arrays.asList(sliced(args, slice)));
        sampleArgs.add(sampleSize - sampleRows[0]);
        jdbc.query(select + CUSTOMER_COLUMNS + base + SLICE + " ORDER BY c.id, f.added_at, f.id LIMIT ?", rs -> {
          sampleRows[0]++;
          if (sampled.add(rs.getString(1))) {
            sample.add(sample(rs));
          }
        }, sampleArgs.toArray());
      }
      count[0] += customers.size();
      perStore.forEach((store, set) -> stores.merge(store, (long) set.size(), Long::sum));
      perStaff.forEach((userid, set) -> staff.merge(userid, (long) set.size(), Long::sum));
      return true;
    });
    Map<Long, String> storeNames = new HashMap<>();
    jdbc.query("SELECT dept_id, name FROM scrm_department WHERE corp_id = ? AND deleted_at IS NULL",
        rs -> { storeNames.put(rs.getLong(1), rs.getString(2)); }, corpId);
    Map<String, String> staffNames = new HashMap<>();
    jdbc.query("SELECT userid, name FROM scrm_staff WHERE corp_id = ? AND deleted_at IS NULL",
        rs -> { staffNames.put(rs.getString(1), rs.getString(2)); }, corpId);
    List<Map<String, Object>> byStore = new ArrayList<>();
    stores.forEach((store, n) -> byStore.add(row("storeId", store, "storeName",
        store == null ? null : storeNames.get(store), n)));
    List<Map<String, Object>> byStaff = new ArrayList<>();
    staff.forEach((userid, n) -> byStaff.add(row("userid", userid, "name", staffNames.get(userid), n)));
    return new Preview(count[0], byStore, byStaff, sample);
  }

  private static Map<String, Object> row(String idKey, Object id, String nameKey, String name, long count) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put(idKey, id);
    row.put(nameKey, name);
    row.put("count", count);
    return row;
  }

  private static Sample sample(ResultSet rs) throws SQLException {
    Map<String, String> values = new HashMap<>();
    values.put("customer_name", rs.getString(2));
    values.put("staff_name", rs.getString(4));
    values.put("store_name", rs.getString(6));
    values.put("remark", rs.getString(7));
    values.put("lifecycle_stage", rs.getString(8));
    values.put("channel", rs.getString(9));
    values.put("group_name", rs.getString(10));
    return new Sample(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
        (Long) rs.getObject(5, Long.class), rs.getString(6), values);
  }

  /**
   * A slice's statements join from its customers: on MySQL and MariaDB in FROM order, since their optimizer, going
   * by estimates, would drive from the few staff rows and read every relation of the corp for each slice.
   */
  private String sliceSelect() {
    return "SELECT " + MysqlFamily.straightJoin(jdbc);
  }

  private static Object[] sliced(List<Object> args, IdSlices.Slice slice) {
    List<Object> all = new ArrayList<>(args);
    all.add(slice.from());
    all.add(slice.to());
    return all.toArray();
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
