package io.wescrm.core.acquisition.jdbc;

import io.wescrm.core.acquisition.Transfers;
import io.wescrm.core.jdbc.JdbcTime;
import io.wescrm.core.jdbc.Placeholders;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/** {@link Transfers} over JDBC: {@code scrm_transfer}. */
public class JdbcTransfers implements Transfers {

  private static final String COLUMNS = "id, corp_id, kind, handover_userid, takeover_userid, external_userid, status, "
      + "errcode, reason, takeover_time, requested_at, updated_at";

  private final JdbcTemplate jdbc;

  public JdbcTransfers(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public long insert(Transfer t) {
    GeneratedKeyHolder keys = new GeneratedKeyHolder();
    jdbc.update(con -> {
      var ps = con.prepareStatement("INSERT INTO scrm_transfer (corp_id, kind, handover_userid, takeover_userid, "
          + "external_userid, status, errcode, reason, takeover_time, requested_at, updated_at) "
          + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", new String[] {"id"});
      Placeholders.bind(ps, new Object[] {t.corpId(), t.resigned() ? "RESIGNED" : "ONJOB", t.handover(),
          t.takeover(), t.externalUserId(), t.status().name(), t.errcode(), t.reason(),
          JdbcTime.ts(t.takeoverTime()), JdbcTime.ts(t.requestedAt()), JdbcTime.ts(t.updatedAt())});
      return ps;
    }, keys);
    return keys.getKey().longValue();
  }

  @Override
  public boolean update(long id, Status status, Integer errcode, String reason, Instant takeoverTime, Instant now) {
    return jdbc.update("UPDATE scrm_transfer SET status = ?, errcode = ?, reason = ?, takeover_time = ?, "
        + "updated_at = ? WHERE id = ? AND status = 'WAITING'", ps -> Placeholders.bind(ps, new Object[] {
            status.name(), errcode, reason, JdbcTime.ts(takeoverTime), JdbcTime.ts(now), id})) == 1;
  }

  @Override
  public List<Transfer> list(String corpId, Status status, String externalUserId, int limit,
      java.util.Collection<String> staffScope) {
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM scrm_transfer WHERE corp_id = ?");
    List<Object> args = new ArrayList<>(List.of(corpId));
    if (status != null) {
      sql.append(" AND status = ?");
      args.add(status.name());
    }
    if (externalUserId != null) {
      sql.append(" AND external_userid = ?");
      args.add(externalUserId);
    }
    if (staffScope != null) {
      sql.append(" AND (").append(Placeholders.in("handover_userid", staffScope, args)).append(" OR ")
          .append(Placeholders.in("takeover_userid", staffScope, args)).append(')');
    }
    sql.append(" ORDER BY id DESC LIMIT ?");
    args.add(limit);
    return jdbc.query(sql.toString(), JdbcTransfers::map, args.toArray());
  }

  @Override
  public List<Transfer> waitingPairs(String corpId) {
    return jdbc.query("SELECT DISTINCT kind, handover_userid, takeover_userid FROM scrm_transfer WHERE corp_id = ? "
        + "AND status = 'WAITING'", (rs, i) -> new Transfer(0, corpId, "RESIGNED".equals(rs.getString(1)),
            rs.getString(2), rs.getString(3), null, Status.WAITING, null, null, null, null, null), corpId);
  }

  @Override
  public List<Transfer> waiting(String corpId, boolean resigned, String handover, String takeover) {
    return jdbc.query("SELECT " + COLUMNS + " FROM scrm_transfer WHERE corp_id = ? AND status = 'WAITING' AND kind = ? "
        + "AND handover_userid = ? AND takeover_userid = ?", JdbcTransfers::map, corpId,
        resigned ? "RESIGNED" : "ONJOB", handover, takeover);
  }

  @Override
  public Optional<Transfer> waitingFor(String corpId, String takeover, String externalUserId) {
    return jdbc.query("SELECT " + COLUMNS + " FROM scrm_transfer WHERE corp_id = ? AND status = 'WAITING' AND "
        + "takeover_userid = ? AND external_userid = ? ORDER BY id DESC", JdbcTransfers::map, corpId, takeover,
        externalUserId).stream().findFirst();
  }

  private static Transfer map(ResultSet rs, int row) throws SQLException {
    int err = rs.getInt("errcode");
    Integer errcode = rs.wasNull() ? null : err;
    return new Transfer(rs.getLong("id"), rs.getString("corp_id"), "RESIGNED".equals(rs.getString("kind")),
        rs.getString("handover_userid"), rs.getString("takeover_userid"), rs.getString("external_userid"),
        Status.valueOf(rs.getString("status")), errcode, rs.getString("reason"),
        JdbcTime.instant(rs.getTimestamp("takeover_time")),
        JdbcTime.instant(rs.getTimestamp("requested_at")), JdbcTime.instant(rs.getTimestamp("updated_at")));
  }
}
