package io.wescrm.core.community.jdbc;

import io.wescrm.core.community.GroupStatsQueries;
import io.wescrm.core.community.RemoteCommunity;
import io.wescrm.core.jdbc.JdbcTime;
import io.wescrm.core.jdbc.Placeholders;
import io.wescrm.core.jdbc.StaffScope;
import io.wescrm.core.jdbc.Upsert;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@link GroupStatsQueries} over JDBC: the member event log joined to the member mirror (the joining member's state),
 * members at a time from the mirror, and {@code scrm_group_stat_daily} (WeCom's figures, upserted per owner and day).
 */
public class JdbcGroupStats implements GroupStatsQueries {

  private static final Upsert STAT = new Upsert("scrm_group_stat_daily",
      List.of("corp_id", "owner", "stat_day", "new_chat_cnt", "chat_total", "chat_has_msg", "new_member_cnt",
          "member_total", "member_has_msg", "msg_total", "fetched_at", "updated_at"),
      List.of("new_chat_cnt", "chat_total", "chat_has_msg", "new_member_cnt", "member_total", "member_has_msg",
          "msg_total"),
      List.of("fetched_at"));

  private final JdbcTemplate jdbc;

  public JdbcGroupStats(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public List<EventCount> events(String corpId, LocalDate from, LocalDate to, Collection<String> owners) {
    List<Object> args = new ArrayList<>(List.of(corpId, from, to));
    String scope = owners == null ? "" : " AND EXISTS (SELECT 1 FROM scrm_group_chat g WHERE g.corp_id = e.corp_id "
        + "AND g.chat_id = e.chat_id" + StaffScope.and("g.owner", owners, args) + ")";
    return jdbc.query("SELECT e.event_day, e.chat_id, e.kind, e.scene, CASE WHEN e.kind = 'JOIN' THEN m.state END AS st, "
        + "COUNT(*) AS n FROM scrm_group_member_event e LEFT JOIN scrm_group_member m ON m.corp_id = e.corp_id "
        + "AND m.chat_id = e.chat_id AND m.member_id = e.member_id WHERE e.corp_id = ? AND e.event_day >= ? "
        + "AND e.event_day <= ?" + scope
        + " GROUP BY e.event_day, e.chat_id, e.kind, e.scene, CASE WHEN e.kind = 'JOIN' THEN m.state END",
        (rs, i) -> {
          int scene = rs.getInt("scene");
          Integer sceneValue = rs.wasNull() ? null : scene;
          return new EventCount(rs.getDate("event_day").toLocalDate(), rs.getString("chat_id"),
              "JOIN".equals(rs.getString("kind")), sceneValue, rs.getString("st"), rs.getLong("n"));
        }, args.toArray());
  }

  @Override
  public List<GroupAt> groupsAt(String corpId, Instant at, Collection<String> owners) {
    LocalDateTime t = JdbcTime.ts(at);
    List<Object> args = new ArrayList<>(List.of(t, t, corpId, t, t));
    String scope = StaffScope.and("g.owner", owners, args);
    return jdbc.query("SELECT g.chat_id, g.owner, (SELECT COUNT(*) FROM scrm_group_member m WHERE m.corp_id = g.corp_id "
        + "AND m.chat_id = g.chat_id AND (m.join_time IS NULL OR m.join_time < ?) AND (m.left_at IS NULL "
        + "OR m.left_at >= ?)) AS members FROM scrm_group_chat g WHERE g.corp_id = ? "
        + "AND (g.wecom_created_at IS NULL OR g.wecom_created_at < ?) AND (g.dismissed_at IS NULL "
        + "OR g.dismissed_at >= ?)" + scope
        + " ORDER BY g.chat_id",
        (rs, i) -> new GroupAt(rs.getString("chat_id"), rs.getString("owner"), rs.getLong("members")),
        args.toArray());
  }

  @Override
  public int upsertWeComStats(String corpId, String owner, List<RemoteCommunity.DayStat> days, Instant now) {
    if (days.isEmpty()) {
      return 0;
    }
    LocalDateTime ts = JdbcTime.ts(now);
    Object[] args = new Object[days.size() * STAT.width()];
    int i = 0;
    for (RemoteCommunity.DayStat d : days) {
      for (Object v : new Object[] {corpId, owner, d.day(), d.newChatCnt(), d.chatTotal(), d.chatHasMsg(),
          d.newMemberCnt(), d.memberTotal(), d.memberHasMsg(), d.msgTotal(), ts, ts}) {
        args[i++] = v;
      }
    }
    // rows affected: 1 per insert, 2 per changed row, 0 (MySQL) or 1 (H2) per unchanged one: count by updated_at
    jdbc.update(STAT.sql(days.size()), ps -> Placeholders.bind(ps, args));
    Integer changed = jdbc.queryForObject("SELECT COUNT(*) FROM scrm_group_stat_daily WHERE corp_id = ? AND owner = ? "
        + "AND stat_day >= ? AND stat_day <= ? AND updated_at = ?", Integer.class, corpId, owner,
        days.stream().map(RemoteCommunity.DayStat::day).min(LocalDate::compareTo).orElseThrow(),
        days.stream().map(RemoteCommunity.DayStat::day).max(LocalDate::compareTo).orElseThrow(), ts);
    return changed == null ? 0 : changed;
  }

  @Override
  public List<OwnerDayStat> weComStats(String corpId, LocalDate from, LocalDate to, Collection<String> owners) {
    List<Object> args = new ArrayList<>(List.of(corpId, from, to));
    String scope = StaffScope.and("owner", owners, args);
    return jdbc.query("SELECT owner, stat_day, new_chat_cnt, chat_total, chat_has_msg, new_member_cnt, member_total, "
        + "member_has_msg, msg_total FROM scrm_group_stat_daily WHERE corp_id = ? AND stat_day >= ? "
        + "AND stat_day <= ?" + scope
        + " ORDER BY stat_day, owner",
        (rs, i) -> new OwnerDayStat(rs.getString("owner"), new RemoteCommunity.DayStat(rs.getDate("stat_day").toLocalDate(),
            rs.getLong("new_chat_cnt"), rs.getLong("chat_total"), rs.getLong("chat_has_msg"),
            rs.getLong("new_member_cnt"), rs.getLong("member_total"), rs.getLong("member_has_msg"),
            rs.getLong("msg_total"))), args.toArray());
  }

  @Override
  public List<String> owners(String corpId) {
    return jdbc.queryForList("SELECT DISTINCT owner FROM scrm_group_chat WHERE corp_id = ? AND dismissed_at IS NULL "
        + "AND owner IS NOT NULL ORDER BY owner", String.class, corpId);
  }
}
