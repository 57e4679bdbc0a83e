package io.wescrm.core.acquisition.jdbc;

import static io.wescrm.core.jdbc.JdbcTime.instant;
import static io.wescrm.core.jdbc.Placeholders.marks;

import io.wescrm.core.acquisition.AcquisitionException;
import io.wescrm.core.acquisition.ContactWay;
import io.wescrm.core.acquisition.ContactWays;
import io.wescrm.core.acquisition.WelcomeTemplate;
import io.wescrm.core.jdbc.JdbcTime;
import io.wescrm.core.jdbc.Placeholders;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import tools.jackson.databind.ObjectMapper;

/** {@link ContactWays} over JDBC: {@code scrm_contact_way}; stats from {@code scrm_follow_relation} by state. */
public class JdbcContactWays implements ContactWays {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String COLUMNS = "id, corp_id, config_id, state, name, kind, userids, department_ids, "
      + "store_dept_id, channel, campaign, remark, scene, skip_verify, qr_code, welcome, tag_ids, created_at, "
      + "updated_at, deleted_at";

  private final JdbcTemplate jdbc;

  public JdbcContactWays(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public long insert(ContactWay w) {
    GeneratedKeyHolder keys = new GeneratedKeyHolder();
    try {
      jdbc.update(con -> {
        var ps = con.prepareStatement("INSERT INTO scrm_contact_way (corp_id, config_id, state, name, kind, userids, "
            + "department_ids, store_dept_id, channel, campaign, remark, scene, skip_verify, qr_code, welcome, "
            + "tag_ids, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            new String[] {"id"});
        Placeholders.bind(ps, new Object[] {w.corpId(), w.configId(), w.state(), w.name(), w.kind().name(),
            csv(w.userids()), csv(w.departmentIds()), w.storeDeptId(), w.channel(), w.campaign(), w.remark(),
            w.scene(), w.skipVerify() ? 1 : 0, w.qrCode(), json(w.welcome()), csv(w.tagIds()),
            JdbcTime.ts(w.createdAt()), JdbcTime.ts(w.updatedAt())});
        return ps;
      }, keys);
    } catch (DuplicateKeyException e) {
      throw new AcquisitionException(AcquisitionException.Kind.CONFLICT, "STATE_TAKEN", "渠道标识 state 已被使用",
          "state " + w.state());
    }
    return keys.getKey().longValue();
  }

  @Override
  public void update(ContactWay w) {
    jdbc.update("UPDATE scrm_contact_way SET name = ?, userids = ?, department_ids = ?, store_dept_id = ?, "
        + "channel = ?, campaign = ?, remark = ?, skip_verify = ?, welcome = ?, tag_ids = ?, updated_at = ? "
        + "WHERE corp_id = ? AND id = ?", ps -> Placeholders.bind(ps, new Object[] {w.name(), csv(w.userids()),
            csv(w.departmentIds()), w.storeDeptId(), w.channel(), w.campaign(), w.remark(), w.skipVerify() ? 1 : 0,
            json(w.welcome()), csv(w.tagIds()), JdbcTime.ts(w.updatedAt()), w.corpId(), w.id()}));
  }

  @Override
  public void markDeleted(String corpId, long id, Instant at) {
    jdbc.update("UPDATE scrm_contact_way SET deleted_at = ?, updated_at = ? WHERE corp_id = ? AND id = ? "
        + "AND deleted_at IS NULL", JdbcTime.ts(at), JdbcTime.ts(at), corpId, id);
  }

  @Override
  public Optional<ContactWay> find(String corpId, long id) {
    return jdbc.query("SELECT " + COLUMNS + " FROM scrm_contact_way WHERE corp_id = ? AND id = ?", this::map, corpId,
        id).stream().findFirst();
  }

  @Override
  public Optional<ContactWay> byState(String corpId, String state) {
    return jdbc.query("SELECT " + COLUMNS + " FROM scrm_contact_way WHERE corp_id = ? AND state = ?", this::map,
        corpId, state).stream().findFirst();
  }

  @Override
  public List<ContactWay> list(String corpId, boolean includeDeleted) {
    return jdbc.query("SELECT " + COLUMNS + " FROM scrm_contact_way WHERE corp_id = ?"
        + (includeDeleted ? "" : " AND deleted_at IS NULL") + " ORDER BY id", this::map, corpId);
  }

  @Override
  public List<DayStats> stats(String corpId, String state, LocalDate from, LocalDate to, Instant now) {
    Instant cut7 = now.minus(Duration.ofDays(7));
    Instant cut30 = now.minus(Duration.ofDays(30));
    // a relation moved by a transfer still is a customer of the corp: only deletions by either side count as lost
    String kept = "(deleted_at IS NULL OR deleted_by = 'TRANSFER' OR deleted_at > TIMESTAMPADD(DAY, %d, added_at))";
    return jdbc.query("SELECT CAST(added_at AS DATE) AS d, COUNT(*) AS adds, "
        + "SUM(CASE WHEN added_at <= ? THEN 1 ELSE 0 END) AS e7, "
        + "SUM(CASE WHEN added_at <= ? AND " + kept.formatted(7) + " THEN 1 ELSE 0 END) AS k7, "
        + "SUM(CASE WHEN added_at <= ? THEN 1 ELSE 0 END) AS e30, "
        + "SUM(CASE WHEN added_at <= ? AND " + kept.formatted(30) + " THEN 1 ELSE 0 END) AS k30 "
        + "FROM scrm_follow_relation WHERE corp_id = ? AND state = ? AND added_at >= ? AND added_at < ? "
        + "GROUP BY CAST(added_at AS DATE) ORDER BY d",
        (rs, i) -> new DayStats(rs.getDate("d").toLocalDate(), rs.getLong("adds"), rs.getLong("k7"),
            rs.getLong("k30"), rs.getLong("e7"), rs.getLong("e30")),
        JdbcTime.ts(cut7), JdbcTime.ts(cut7), JdbcTime.ts(cut30), JdbcTime.ts(cut30), corpId,
        state, from.atStartOfDay(), to.plusDays(1).atStartOfDay());
  }

  @Override
  public List<String> liveTags(String corpId, List<String> tagIds) {
    if (tagIds.isEmpty()) {
      return List.of();
    }
    List<Object> args = new ArrayList<>(List.of(corpId));
    args.addAll(tagIds);
    List<String> live = jdbc.queryForList("SELECT tag_id FROM scrm_tag WHERE corp_id = ? AND deleted_at IS NULL AND "
        + "tag_id IN (" + marks(tagIds.size()) + ")", String.class, args.toArray());
    return tagIds.stream().filter(live::contains).toList();
  }

  @Override
  public List<String> knownStaff(String corpId, List<String> userids) {
    if (userids.isEmpty()) {
      return List.of();
    }
    List<Object> args = new ArrayList<>(List.of(corpId));
    args.addAll(userids);
    List<String> known = jdbc.queryForList("SELECT userid FROM scrm_staff WHERE corp_id = ? AND deleted_at IS NULL "
        + "AND userid IN (" + marks(userids.size()) + ")", String.class, args.toArray());
    return userids.stream().filter(known::contains).toList();
  }

  @Override
  public boolean departmentExists(String corpId, long deptId) {
    Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM scrm_department WHERE corp_id = ? AND dept_id = ? AND "
        + "deleted_at IS NULL", Integer.class, corpId, deptId);
    return n != null && n > 0;
  }

  private ContactWay map(ResultSet rs, int row) throws SQLException {
    long store = rs.getLong("store_dept_id");
    Long storeId = rs.wasNull() ? null : store;
    return new ContactWay(rs.getLong("id"), rs.getString("corp_id"), rs.getString("config_id"),
        rs.getString("state"), rs.getString("name"), ContactWay.Kind.valueOf(rs.getString("kind")),
        split(rs.getString("userids")), split(rs.getString("department_ids")).stream().map(Long::valueOf).toList(),
        storeId, rs.getString("channel"), rs.getString("campaign"), rs.getString("remark"), rs.getInt("scene"),
        rs.getInt("skip_verify") != 0, rs.getString("qr_code"), welcome(rs.getString("welcome")),
        split(rs.getString("tag_ids")), instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("updated_at")),
        instant(rs.getTimestamp("deleted_at")));
  }

  private static String csv(List<?> values) {
    return values == null || values.isEmpty() ? null
        : values.stream().map(String::valueOf).collect(Collectors.joining(","));
  }

  private static List<String> split(String csv) {
    return csv == null || csv.isEmpty() ? List.of() : Arrays.asList(csv.split(","));
  }

  private static String json(WelcomeTemplate welcome) {
    return welcome == null ? null : JSON.writeValueAsString(welcome);
  }

  private static WelcomeTemplate welcome(String json) {
    return json == null || json.isEmpty() ? null : JSON.readValue(json, WelcomeTemplate.class);
  }
}
