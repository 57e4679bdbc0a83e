package io.wescrm.core.persistence;

import io.wescrm.core.rules.CustomerSnapshot;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Loads one customer for the in-memory evaluator: five indexed queries (customer, relations with their staff
 * member's department, tags, group memberships, moment interactions). Also returns who owns each rule tag.
 */
public class JdbcCustomerSnapshots {

  private final JdbcTemplate jdbc;

  public JdbcCustomerSnapshots(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** A snapshot and, per relation (userid), the tags a rule added with their source_ref ({@code ruleId:version}). */
  public record Loaded(CustomerSnapshot snapshot, Map<String, Map<String, String>> ruleTags,
      Map<String, Set<String>> localOnly) {
  }

  public Optional<CustomerSnapshot> find(String corpId, String externalUserId) {
    return load(corpId, externalUserId).map(Loaded::snapshot);
  }

  public Optional<Loaded> load(String corpId, String externalUserId) {
    List<Object[]> customer = jdbc.query("SELECT gender, type, corp_name, lifecycle_stage FROM scrm_customer "
        + "WHERE corp_id = ? AND external_userid = ?", (rs, i) -> new Object[] {intOrNull(rs, 1), intOrNull(rs, 2),
        rs.getString(3), rs.getString(4)}, corpId, externalUserId);
    if (customer.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Set<String>> tags = new HashMap<>();
    Map<String, Map<String, String>> ruleTags = new HashMap<>();
    Map<String, Set<String>> localOnly = new HashMap<>();
    jdbc.query("SELECT userid, tag_id, source, source_ref, local_only FROM scrm_follow_tag WHERE corp_id = ? "
        + "AND external_userid = ?", rs -> {
          String userid = rs.getString(1);
          String tag = rs.getString(2);
          tags.computeIfAbsent(userid, u -> new HashSet<>()).add(tag);
          if ("RULE".equals(rs.getString(3)) && rs.getString(4) != null) {
            ruleTags.computeIfAbsent(userid, u -> new HashMap<>()).put(tag, rs.getString(4));
          }
          if (rs.getInt(5) != 0) {
            localOnly.computeIfAbsent(userid, u -> new HashSet<>()).add(tag);
          }
        }, corpId, externalUserId);
    List<CustomerSnapshot.Relation> relations = jdbc.query("SELECT f.userid, s.main_department, f.add_way, f.state, "
        + "f.remark, f.added_at, f.deleted_at, f.deleted_by FROM scrm_follow_relation f LEFT JOIN scrm_staff s "
        + "ON s.corp_id = f.corp_id AND s.userid = f.userid WHERE f.corp_id = ? AND f.external_userid = ?",
        (rs, i) -> new CustomerSnapshot.Relation(rs.getString(1), longOrNull(rs, 2), intOrNull(rs, 3),
            rs.getString(4), rs.getString(5), instant(rs.getTimestamp(6)), instant(rs.getTimestamp(7)),
            rs.getString(8), tags.getOrDefault(rs.getString(1), Set.of())), corpId, externalUserId);
    List<CustomerSnapshot.Membership> memberships = jdbc.query("SELECT m.chat_id, g.owner, s.main_department, "
        + "m.join_time, m.left_at, g.dismissed_at, g.chat_id FROM scrm_group_member m "
        + "LEFT JOIN scrm_group_chat g ON g.corp_id = m.corp_id AND g.chat_id = m.chat_id "
        + "LEFT JOIN scrm_staff s ON s.corp_id = g.corp_id AND s.userid = g.owner "
        + "WHERE m.corp_id = ? AND m.member_id = ? AND m.member_type = 2",
        (rs, i) -> new CustomerSnapshot.Membership(rs.getString(1), rs.getString(2), longOrNull(rs, 3),
            instant(rs.getTimestamp(4)), rs.getTimestamp(5) == null && rs.getString(7) != null
                && rs.getTimestamp(6) == null), corpId, externalUserId);
    List<CustomerSnapshot.MomentInteraction> moments = jdbc.query("SELECT kind, interacted_at FROM "
        + "scrm_moment_interaction WHERE corp_id = ? AND external_userid = ?",
        (rs, i) -> new CustomerSnapshot.MomentInteraction(rs.getString(1), instant(rs.getTimestamp(2))), corpId,
        externalUserId);
    Object[] c = customer.get(0);
    return Optional.of(new Loaded(new CustomerSnapshot(corpId, externalUserId, (Integer) c[0], (Integer) c[1],
        (String) c[2], (String) c[3], relations, memberships, moments), ruleTags, localOnly));
  }

  private static Integer intOrNull(ResultSet rs, int col) throws SQLException {
    int v = rs.getInt(col);
    return rs.wasNull() ? null : v;
  }

  private static Long longOrNull(ResultSet rs, int col) throws SQLException {
    long v = rs.getLong(col);
    return rs.wasNull() ? null : v;
  }

  static Instant instant(Timestamp ts) {
    return ts == null ? null : ts.toInstant();
  }
}
