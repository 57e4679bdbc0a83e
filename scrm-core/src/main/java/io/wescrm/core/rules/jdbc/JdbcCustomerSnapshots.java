package io.wescrm.core.rules.jdbc;

import static io.wescrm.core.jdbc.JdbcTime.instant;

import io.wescrm.core.jdbc.Placeholders;
import io.wescrm.core.rules.CustomerSnapshot;
import io.wescrm.core.rules.CustomerSnapshots;
import io.wescrm.core.rules.CustomerSnapshots.Loaded;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Loads one customer for the in-memory evaluator: six indexed queries (customer, relations with their staff
 * member's department, tags, group memberships, moment interactions, received campaign pushes). Also returns who
 * owns each rule tag.
 */
public class JdbcCustomerSnapshots implements CustomerSnapshots {

  private final JdbcTemplate jdbc;

  public JdbcCustomerSnapshots(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public Optional<CustomerSnapshot> find(String corpId, String externalUserId) {
    return load(corpId, externalUserId).map(Loaded::snapshot);
  }

  @Override
  public Optional<Loaded> load(String corpId, String externalUserId) {
    return Optional.ofNullable(loadMany(corpId, List.of(externalUserId)).get(externalUserId));
  }

  /**
   * Loads many customers at once (a full re-evaluation does it in chunks): the same six queries, each with an
   * {@code IN} list of the customers' ids. Unknown ids are absent from the result.
   */
  public Map<String, Loaded> loadMany(String corpId, List<String> externalUserIds) {
    if (externalUserIds.isEmpty()) {
      return Map.of();
    }
    String in = " IN (" + Placeholders.marks(externalUserIds.size()) + ")";
    Object[] args = new Object[externalUserIds.size() + 1];
    args[0] = corpId;
    for (int i = 0; i < externalUserIds.size(); i++) {
      args[i + 1] = externalUserIds.get(i);
    }
    return loadWhere(corpId, in, args);
  }

  /**
   * Loads the customers whose ids lie in {@code [from, to]} (database order): one index range scan per table, the
   * way a full re-evaluation walks a corp.
   */
  @Override
  public Map<String, Loaded> loadRange(String corpId, String from, String to) {
    return loadWhere(corpId, " BETWEEN ? AND ?", new Object[] {corpId, from, to});
  }

  @Override
  public List<String> idsAfter(String corpId, String after, int limit) {
    return jdbc.queryForList("SELECT external_userid FROM scrm_customer WHERE corp_id = ? AND external_userid > ? "
        + "ORDER BY external_userid LIMIT ?", String.class, corpId, after, limit);
  }

  private Map<String, Loaded> loadWhere(String corpId, String in, Object[] args) {
    Map<String, Object[]> customers = new java.util.LinkedHashMap<>();
    jdbc.query("SELECT external_userid, gender, type, corp_name, lifecycle_stage FROM scrm_customer "
        + "WHERE corp_id = ? AND external_userid" + in, rs -> {
          customers.put(rs.getString(1), new Object[] {intOrNull(rs, 2), intOrNull(rs, 3), rs.getString(4),
              rs.getString(5)});
        }, args);
    if (customers.isEmpty()) {
      return Map.of();
    }
    Map<String, Map<String, Set<String>>> tags = new HashMap<>();
    Map<String, Map<String, Map<String, String>>> ruleTags = new HashMap<>();
    Map<String, Map<String, Set<String>>> localOnly = new HashMap<>();
    jdbc.query("SELECT external_userid, userid, tag_id, source, source_ref, local_only FROM scrm_follow_tag "
        + "WHERE corp_id = ? AND external_userid" + in, rs -> {
          String ext = rs.getString(1);
          String userid = rs.getString(2);
          String tag = rs.getString(3);
          tags.computeIfAbsent(ext, e -> new HashMap<>()).computeIfAbsent(userid, u -> new HashSet<>()).add(tag);
          if ("RULE".equals(rs.getString(4)) && rs.getString(5) != null) {
            ruleTags.computeIfAbsent(ext, e -> new HashMap<>()).computeIfAbsent(userid, u -> new HashMap<>())
                .put(tag, rs.getString(5));
          }
          if (rs.getInt(6) != 0) {
            localOnly.computeIfAbsent(ext, e -> new HashMap<>()).computeIfAbsent(userid, u -> new HashSet<>())
                .add(tag);
          }
        }, args);
    Map<String, List<CustomerSnapshot.Relation>> relations = new HashMap<>();
    jdbc.query("SELECT f.external_userid, f.userid, s.main_department, f.add_way, f.state, f.remark, f.added_at, "
        + "f.deleted_at, f.deleted_by FROM scrm_follow_relation f LEFT JOIN scrm_staff s ON s.corp_id = f.corp_id "
        + "AND s.userid = f.userid WHERE f.corp_id = ? AND f.external_userid" + in, rs -> {
          String ext = rs.getString(1);
          relations.computeIfAbsent(ext, e -> new java.util.ArrayList<>()).add(new CustomerSnapshot.Relation(
              rs.getString(2), longOrNull(rs, 3), intOrNull(rs, 4), rs.getString(5), rs.getString(6),
              instant(rs.getTimestamp(7)), instant(rs.getTimestamp(8)), rs.getString(9),
              tags.getOrDefault(ext, Map.of()).getOrDefault(rs.getString(2), Set.of())));
        }, args);
    Map<String, List<CustomerSnapshot.Membership>> memberships = new HashMap<>();
    jdbc.query("SELECT m.member_id, m.chat_id, g.owner, s.main_department, m.join_time, m.left_at, g.dismissed_at, "
        + "g.chat_id FROM scrm_group_member m LEFT JOIN scrm_group_chat g ON g.corp_id = m.corp_id "
        + "AND g.chat_id = m.chat_id LEFT JOIN scrm_staff s ON s.corp_id = g.corp_id AND s.userid = g.owner "
        + "WHERE m.corp_id = ? AND m.member_type = 2 AND m.member_id" + in, rs -> {
          memberships.computeIfAbsent(rs.getString(1), e -> new java.util.ArrayList<>()).add(
              new CustomerSnapshot.Membership(rs.getString(2), rs.getString(3), longOrNull(rs, 4),
                  instant(rs.getTimestamp(5)), rs.getTimestamp(6) == null && rs.getString(8) != null
                  && rs.getTimestamp(7) == null));
        }, args);
    Map<String, List<CustomerSnapshot.MomentInteraction>> moments = new HashMap<>();
    jdbc.query("SELECT external_userid, kind, interacted_at, moment_id FROM scrm_moment_interaction WHERE corp_id = ? "
        + "AND external_userid" + in, rs -> {
          moments.computeIfAbsent(rs.getString(1), e -> new java.util.ArrayList<>()).add(
              new CustomerSnapshot.MomentInteraction(rs.getString(2), instant(rs.getTimestamp(3)),
                  rs.getString(4)));
        }, args);
    Map<String, List<CustomerSnapshot.CampaignPush>> pushes = new HashMap<>();
    jdbc.query("SELECT d.target, r.campaign_id, d.run_id, d.sent_at FROM scrm_campaign_delivery d "
        + "JOIN scrm_campaign_run r ON r.id = d.run_id WHERE d.corp_id = ? AND d.target" + in
        + " AND d.status = 'SENT' AND d.sent_at IS NOT NULL AND r.channel <> 'GROUP'", rs -> {
          pushes.computeIfAbsent(rs.getString(1), e -> new java.util.ArrayList<>()).add(
              new CustomerSnapshot.CampaignPush(rs.getLong(2), rs.getLong(3), instant(rs.getTimestamp(4))));
        }, args);
    Map<String, Loaded> out = new java.util.LinkedHashMap<>();
    customers.forEach((ext, c) -> out.put(ext, new Loaded(new CustomerSnapshot(corpId, ext, (Integer) c[0],
        (Integer) c[1], (String) c[2], (String) c[3], relations.getOrDefault(ext, List.of()),
        memberships.getOrDefault(ext, List.of()), moments.getOrDefault(ext, List.of()),
        pushes.getOrDefault(ext, List.of())),
        ruleTags.getOrDefault(ext, Map.of()), localOnly.getOrDefault(ext, Map.of()))));
    return out;
  }

  private static Integer intOrNull(ResultSet rs, int col) throws SQLException {
    int v = rs.getInt(col);
    return rs.wasNull() ? null : v;
  }

  private static Long longOrNull(ResultSet rs, int col) throws SQLException {
    long v = rs.getLong(col);
    return rs.wasNull() ? null : v;
  }

}
