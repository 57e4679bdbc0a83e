package io.wescrm.core.community.jdbc;

import static io.wescrm.core.jdbc.JdbcTime.instant;

import io.wescrm.core.community.CommunityException;
import io.wescrm.core.community.JoinWay;
import io.wescrm.core.community.JoinWays;
import io.wescrm.core.jdbc.JdbcTime;
import io.wescrm.core.jdbc.Placeholders;
import io.wescrm.core.jdbc.StaffScope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/** {@link JoinWays} over JDBC: {@code scrm_join_way}; joins from {@code scrm_group_member.state}. */
public class JdbcJoinWays implements JoinWays {

  private static final String COLUMNS = "id, corp_id, config_id, state, name, scene, remark, auto_create_room, "
      + "room_base_name, room_base_id, chat_ids, store_dept_id, channel, qr_code, created_at, updated_at, deleted_at";

  private final JdbcTemplate jdbc;

  public JdbcJoinWays(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public long insert(JoinWay w) {
    GeneratedKeyHolder keys = new GeneratedKeyHolder();
    try {
      jdbc.update(con -> {
        var ps = con.prepareStatement("INSERT INTO scrm_join_way (corp_id, config_id, state, name, scene, remark, "
            + "auto_create_room, room_base_name, room_base_id, chat_ids, store_dept_id, channel, qr_code, created_at, "
            + "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", new String[] {"id"});
        Placeholders.bind(ps, new Object[] {w.corpId(), w.configId(), w.state(), w.name(), w.scene(), w.remark(),
            w.autoCreateRoom() ? 1 : 0, w.roomBaseName(), w.roomBaseId(), String.join(",", w.chatIds()),
            w.storeDeptId(), w.channel(), w.qrCode(), JdbcTime.ts(w.createdAt()), JdbcTime.ts(w.updatedAt())});
        return ps;
      }, keys);
    } catch (DuplicateKeyException e) {
      throw new CommunityException(CommunityException.Kind.CONFLICT, "STATE_TAKEN", "渠道标识 state 已被使用",
          "state " + w.state());
    }
    return keys.getKey().longValue();
  }

  @Override
  public void update(JoinWay w) {
    jdbc.update("UPDATE scrm_join_way SET name = ?, remark = ?, auto_create_room = ?, room_base_name = ?, "
        + "room_base_id = ?, chat_ids = ?, store_dept_id = ?, channel = ?, updated_at = ? WHERE corp_id = ? AND id = ?",
        ps -> Placeholders.bind(ps, new Object[] {w.name(), w.remark(), w.autoCreateRoom() ? 1 : 0, w.roomBaseName(),
            w.roomBaseId(), String.join(",", w.chatIds()), w.storeDeptId(), w.channel(), JdbcTime.ts(w.updatedAt()),
            w.corpId(), w.id()}));
  }

  @Override
  public void markDeleted(String corpId, long id, Instant at) {
    jdbc.update("UPDATE scrm_join_way SET deleted_at = ?, updated_at = ? WHERE corp_id = ? AND id = ? "
        + "AND deleted_at IS NULL", JdbcTime.ts(at), JdbcTime.ts(at), corpId, id);
  }

  @Override
  public Optional<JoinWay> find(String corpId, long id) {
    return jdbc.query("SELECT " + COLUMNS + " FROM scrm_join_way WHERE corp_id = ? AND id = ?", this::map, corpId, id)
        .stream().findFirst();
  }

  @Override
  public Optional<JoinWay> byState(String corpId, String state) {
    return jdbc.query("SELECT " + COLUMNS + " FROM scrm_join_way WHERE corp_id = ? AND state = ?", this::map, corpId,
        state).stream().findFirst();
  }

  @Override
  public List<JoinWay> list(String corpId, boolean includeDeleted) {
    return jdbc.query("SELECT " + COLUMNS + " FROM scrm_join_way WHERE corp_id = ?"
        + (includeDeleted ? "" : " AND deleted_at IS NULL") + " ORDER BY id", this::map, corpId);
  }

  @Override
  public Map<String, long[]> membersByState(String corpId) {
    Map<String, long[]> result = new HashMap<>();
    jdbc.query("SELECT state, SUM(CASE WHEN left_at IS NULL THEN 1 ELSE 0 END) AS members, COUNT(*) AS joined "
        + "FROM scrm_group_member WHERE corp_id = ? AND state IS NOT NULL GROUP BY state", rs -> {
          result.put(rs.getString("state"), new long[] {rs.getLong("members"), rs.getLong("joined")});
        }, corpId);
    return result;
  }

  @Override
  public List<String> liveChats(String corpId, List<String> chatIds) {
    if (chatIds.isEmpty()) {
      return List.of();
    }
    List<Object> args = new ArrayList<>(List.of(corpId));
    args.addAll(chatIds);
    return jdbc.queryForList("SELECT chat_id FROM scrm_group_chat WHERE corp_id = ? AND dismissed_at IS NULL "
        + "AND chat_id IN (" + Placeholders.marks(chatIds.size()) + ")", String.class, args.toArray());
  }

  /** The group chats (live or dismissed) owned by one of {@code owners}: a store manager's chats. */
  public Set<String> chatsOwnedBy(String corpId, Collection<String> owners) {
    List<Object> args = new ArrayList<>(List.of(corpId));
    String scope = StaffScope.and("owner", owners, args);
    return new HashSet<>(jdbc.queryForList("SELECT chat_id FROM scrm_group_chat WHERE corp_id = ?" + scope,
        String.class, args.toArray()));
  }

  private JoinWay map(ResultSet rs, int row) throws SQLException {
    long store = rs.getLong("store_dept_id");
    Long storeId = rs.wasNull() ? null : store;
    int base = rs.getInt("room_base_id");
    Integer baseId = rs.wasNull() ? null : base;
    String chats = rs.getString("chat_ids");
    return new JoinWay(rs.getLong("id"), rs.getString("corp_id"), rs.getString("config_id"), rs.getString("state"),
        rs.getString("name"), rs.getInt("scene"), rs.getString("remark"), rs.getInt("auto_create_room") != 0,
        rs.getString("room_base_name"), baseId, chats == null || chats.isEmpty() ? List.of()
            : Arrays.asList(chats.split(",")), storeId, rs.getString("channel"), rs.getString("qr_code"),
        instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("updated_at")),
        instant(rs.getTimestamp("deleted_at")));
  }
}
