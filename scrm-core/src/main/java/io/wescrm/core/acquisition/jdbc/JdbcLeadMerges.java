package io.wescrm.core.acquisition.jdbc;

import io.wescrm.core.acquisition.LeadMerges;
import io.wescrm.core.jdbc.JdbcTime;
import io.wescrm.core.jdbc.Placeholders;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/** {@link LeadMerges} over JDBC: {@code scrm_lead_merge}; candidates from relations' remark mobiles and unionids. */
public class JdbcLeadMerges implements LeadMerges {

  private static final String COLUMNS = "id, corp_id, external_userid_a, external_userid_b, match_kind, match_value, "
      + "status, decided_by, decided_at, created_at";

  private final JdbcTemplate jdbc;

  public JdbcLeadMerges(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public List<String[]> mobiles(String corpId) {
    List<String[]> pairs = new ArrayList<>();
    jdbc.query("SELECT external_userid, remark_mobiles FROM scrm_follow_relation WHERE corp_id = ? AND deleted_at IS "
        + "NULL AND remark_mobiles IS NOT NULL AND remark_mobiles <> ''", rs -> {
          for (String mobile : rs.getString(2).split(",")) {
            if (!mobile.isBlank()) {
              pairs.add(new String[] {mobile.trim(), rs.getString(1)});
            }
          }
        }, corpId);
    return pairs;
  }

  @Override
  public List<String[]> unionids(String corpId) {
    return jdbc.query("SELECT unionid, external_userid FROM scrm_customer WHERE corp_id = ? AND unionid IN ("
        + "SELECT unionid FROM scrm_customer WHERE corp_id = ? AND unionid IS NOT NULL AND unionid <> '' "
        + "GROUP BY unionid HAVING COUNT(*) > 1)", (rs, i) -> new String[] {rs.getString(1), rs.getString(2)},
        corpId, corpId);
  }

  @Override
  public boolean suggest(String corpId, String a, String b, String kind, String value, Instant now) {
    try {
      return jdbc.update("INSERT INTO scrm_lead_merge (corp_id, external_userid_a, external_userid_b, match_kind, "
          + "match_value, status, created_at) VALUES (?, ?, ?, ?, ?, 'OPEN', ?)", corpId, a, b, kind, value,
          JdbcTime.ts(now)) == 1;
    } catch (org.springframework.dao.DuplicateKeyException e) {
      return false;
    }
  }

  @Override
  public List<Suggestion> list(String corpId, Status status, int limit, java.util.Collection<String> staffScope) {
    List<Object> args = new ArrayList<>(List.of(corpId));
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM scrm_lead_merge m WHERE corp_id = ?");
    if (status != null) {
      sql.append(" AND status = ?");
      args.add(status.name());
    }
    if (staffScope != null) {
      // both customers of the pair must be the store's (a live relation with one of its staff)
      for (String side : List.of("external_userid_a", "external_userid_b")) {
        sql.append(" AND EXISTS (SELECT 1 FROM scrm_follow_relation f WHERE f.corp_id = m.corp_id "
            + "AND f.external_userid = m.").append(side).append(" AND f.deleted_at IS NULL AND ")
            .append(Placeholders.in("f.userid", staffScope, args)).append(')');
      }
    }
    args.add(limit);
    return jdbc.query(sql + " ORDER BY id LIMIT ?", JdbcLeadMerges::map, args.toArray());
  }

  @Override
  public Optional<Suggestion> find(String corpId, long id) {
    return jdbc.query("SELECT " + COLUMNS + " FROM scrm_lead_merge WHERE corp_id = ? AND id = ?", JdbcLeadMerges::map,
        corpId, id).stream().findFirst();
  }

  @Override
  public boolean decide(String corpId, long id, Status status, String operator, Instant now) {
    return jdbc.update("UPDATE scrm_lead_merge SET status = ?, decided_by = ?, decided_at = ? WHERE corp_id = ? AND "
        + "id = ? AND status = 'OPEN'", status.name(), operator, JdbcTime.ts(now), corpId, id) == 1;
  }

  private static Suggestion map(ResultSet rs, int row) throws SQLException {
    return new Suggestion(rs.getLong("id"), rs.getString("corp_id"), rs.getString("external_userid_a"),
        rs.getString("external_userid_b"), rs.getString("match_kind"), rs.getString("match_value"),
        Status.valueOf(rs.getString("status")), rs.getString("decided_by"),
        JdbcTime.instant(rs.getTimestamp("decided_at")), JdbcTime.instant(rs.getTimestamp("created_at")));
  }
}
