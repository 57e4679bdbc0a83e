package io.wescrm.core.inbox.jdbc;

import static io.wescrm.core.jdbc.JdbcTime.local;

import io.wescrm.core.inbox.EventFacts;
import io.wescrm.core.jdbc.JdbcTime;
import io.wescrm.core.jdbc.MultiRowInsert;
import io.wescrm.core.jdbc.Placeholders;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@link EventFacts} over JDBC. The applier runs one event per order key at a time, so read-then-write per row is
 * safe; every write compares the event's time with the stored one, so a late or repeated event changes nothing.
 */
public class JdbcEventFacts implements EventFacts {

  private final JdbcTemplate jdbc;

  public JdbcEventFacts(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public void followAdded(String corpId, String userid, String externalUserId, String state, Instant at,
      Instant now) {
    LocalDateTime ts = JdbcTime.ts(now);
    LocalDateTime when = JdbcTime.ts(at);
    upsertCustomerStub(corpId, externalUserId, ts);
    List<Map<String, Object>> rows = relation(corpId, userid, externalUserId);
    if (rows.isEmpty()) {
      jdbc.update("INSERT INTO scrm_follow_relation (corp_id, userid, external_userid, state, added_at, updated_at) "
          + "VALUES (?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE updated_at = updated_at",
          ps -> Placeholders.bind(ps, new Object[] {corpId, userid, externalUserId, state, when, ts}));
      return;
    }
    LocalDateTime deletedAt = local(rows.get(0).get("deleted_at"));
    LocalDateTime addedAt = local(rows.get(0).get("added_at"));
    boolean readded = deletedAt != null && (when == null || !when.isBefore(deletedAt));
    boolean newer = addedAt == null || (when != null && when.isAfter(addedAt));
    if (readded || (deletedAt == null && newer && state != null)) {
      jdbc.update("UPDATE scrm_follow_relation SET deleted_at = NULL, deleted_by = NULL, added_at = ?, "
          + "state = COALESCE(?, state), updated_at = ? WHERE corp_id = ? AND userid = ? AND external_userid = ?",
          ps -> Placeholders.bind(ps, new Object[] {when, state, ts, corpId, userid, externalUserId}));
    }
  }

  /**
   * A run of adds with a few statements whatever its length: the customer stubs in one insert, the existing relations
   * in one query, the new relations in one insert; only re-adds and state changes of known relations are updated
   * one by one. Same outcome as {@link #followAdded} per add, in order (the earlier of two adds is inserted, the
   * later one is then judged against it).
   */
  @Override
  public void followsAdded(List<FollowAdd> adds, Instant now) {
    LocalDateTime ts = JdbcTime.ts(now);
    Map<String, List<FollowAdd>> byCorp = new java.util.LinkedHashMap<>();
    adds.forEach(a -> byCorp.computeIfAbsent(a.corpId(), c -> new java.util.ArrayList<>()).add(a));
    for (Map.Entry<String, List<FollowAdd>> corp : byCorp.entrySet()) {
      for (int from = 0; from < corp.getValue().size(); from += 500) {
        followsAdded(corp.getKey(), corp.getValue().subList(from, Math.min(corp.getValue().size(), from + 500)), ts);
      }
    }
  }

  private record Known(LocalDateTime addedAt, LocalDateTime deletedAt) {
  }

  private void followsAdded(String corpId, List<FollowAdd> adds, LocalDateTime ts) {
    List<String> customers = adds.stream().map(FollowAdd::externalUserId).distinct().sorted().toList();
    String marks = Placeholders.marks(customers.size());
    MultiRowInsert.insert(jdbc, "INSERT INTO scrm_customer (corp_id, external_userid, updated_at)",
        customers.stream().map(c -> new Object[] {corpId, c, ts}).toList(),
        " ON DUPLICATE KEY UPDATE updated_at = updated_at");
    Map<String, Known> known = new java.util.HashMap<>();
    Object[] queryArgs = new Object[customers.size() + 1];
    queryArgs[0] = corpId;
    for (int i = 0; i < customers.size(); i++) {
      queryArgs[i + 1] = customers.get(i);
    }
    jdbc.query("SELECT userid, external_userid, added_at, deleted_at FROM scrm_follow_relation WHERE corp_id = ? "
        + "AND external_userid IN (" + marks + ")", ps -> Placeholders.bind(ps, queryArgs),
        (java.sql.ResultSet rs) -> {
          known.put(rs.getString(1) + '\u0000' + rs.getString(2), new Known(local(rs.getObject(3)),
              local(rs.getObject(4))));
        });
    Map<String, FollowAdd> inserts = new java.util.TreeMap<>();
    List<Object[]> updates = new java.util.ArrayList<>();
    for (FollowAdd a : adds) {
      String key = a.userid() + '\u0000' + a.externalUserId();
      LocalDateTime when = JdbcTime.ts(a.at());
      Known row = known.get(key);
      if (row == null) {
        inserts.put(key, a);
        known.put(key, new Known(when, null));
        continue;
      }
      boolean readded = row.deletedAt() != null && (when == null || !when.isBefore(row.deletedAt()));
      boolean newer = row.addedAt() == null || (when != null && when.isAfter(row.addedAt()));
      if (readded || (row.deletedAt() == null && newer && a.state() != null)) {
        updates.add(new Object[] {when, a.state(), ts, corpId, a.userid(), a.externalUserId()});
        known.put(key, new Known(when, null));
      }
    }
    MultiRowInsert.insert(jdbc, "INSERT INTO scrm_follow_relation (corp_id, userid, external_userid, state, "
        + "added_at, updated_at)", inserts.values().stream().map(a -> new Object[] {corpId, a.userid(),
            a.externalUserId(), a.state(), JdbcTime.ts(a.at()), ts}).toList(),
        " ON DUPLICATE KEY UPDATE updated_at = updated_at");
    for (Object[] update : updates) {
      jdbc.update("UPDATE scrm_follow_relation SET deleted_at = NULL, deleted_by = NULL, added_at = ?, "
          + "state = COALESCE(?, state), updated_at = ? WHERE corp_id = ? AND userid = ? AND external_userid = ?",
          ps -> Placeholders.bind(ps, update));
    }
  }

  @Override
  public void followDeleted(String corpId, String userid, String externalUserId, String deletedBy, Instant at,
      Instant now) {
    LocalDateTime ts = JdbcTime.ts(now);
    LocalDateTime when = JdbcTime.ts(at == null ? now : at);
    upsertCustomerStub(corpId, externalUserId, ts);
    List<Map<String, Object>> rows = relation(corpId, userid, externalUserId);
    if (rows.isEmpty()) {
      // we never saw the relation: keep its end anyway (the churn signal)
      jdbc.update("INSERT INTO scrm_follow_relation (corp_id, userid, external_userid, deleted_at, deleted_by, "
          + "updated_at) VALUES (?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE updated_at = updated_at",
          ps -> Placeholders.bind(ps, new Object[] {corpId, userid, externalUserId, when, deletedBy, ts}));
      return;
    }
    LocalDateTime addedAt = local(rows.get(0).get("added_at"));
    if (rows.get(0).get("deleted_at") == null && (addedAt == null || !when.isBefore(addedAt))) {
      jdbc.update("UPDATE scrm_follow_relation SET deleted_at = ?, deleted_by = ?, updated_at = ? WHERE corp_id = ? "
          + "AND userid = ? AND external_userid = ? AND deleted_at IS NULL",
          ps -> Placeholders.bind(ps, new Object[] {when, deletedBy, ts, corpId, userid, externalUserId}));
      jdbc.update("DELETE FROM scrm_follow_tag WHERE corp_id = ? AND userid = ? AND external_userid = ? "
          + "AND local_only = 0", corpId, userid, externalUserId);
    }
  }

  @Override
  public boolean membersJoined(String corpId, String chatId, List<String> memberIds, Integer joinScene,
      String lastVersion, String currentVersion, Instant at, Instant now) {
    boolean inStep = versionInStep(corpId, chatId, lastVersion, currentVersion, now);
    LocalDateTime ts = JdbcTime.ts(now);
    LocalDateTime when = JdbcTime.ts(at);
    Integer scene = joinScene == null ? null : joinScene == 3 ? 3 : 1;
    for (String member : memberIds) {
      int type = member.startsWith("wm") || member.startsWith("wo") ? 2 : 1;
      jdbc.update("INSERT INTO scrm_group_member (corp_id, chat_id, member_id, member_type, join_time, join_scene, "
          + "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE "
          + "join_time = CASE WHEN left_at IS NOT NULL THEN VALUES(join_time) ELSE join_time END, "
          + "join_scene = CASE WHEN left_at IS NOT NULL THEN VALUES(join_scene) ELSE join_scene END, "
          + "left_at = NULL, quit_scene = NULL, updated_at = VALUES(updated_at)",
          ps -> Placeholders.bind(ps, new Object[] {corpId, chatId, member, type, when, scene, ts}));
    }
    refreshMemberCount(corpId, chatId);
    return inStep;
  }

  @Override
  public boolean membersLeft(String corpId, String chatId, List<String> memberIds, Integer quitScene,
      String lastVersion, String currentVersion, Instant at, Instant now) {
    boolean inStep = versionInStep(corpId, chatId, lastVersion, currentVersion, now);
    LocalDateTime ts = JdbcTime.ts(now);
    LocalDateTime when = JdbcTime.ts(at == null ? now : at);
    for (String member : memberIds) {
      jdbc.update("UPDATE scrm_group_member SET left_at = ?, quit_scene = ?, updated_at = ? WHERE corp_id = ? "
          + "AND chat_id = ? AND member_id = ? AND left_at IS NULL AND (join_time IS NULL OR join_time <= ?)",
          ps -> Placeholders.bind(ps, new Object[] {when, quitScene, ts, corpId, chatId, member, when}));
    }
    refreshMemberCount(corpId, chatId);
    return inStep;
  }

  /** True when the stored version is the event's last version (or unknown); then stores the current one. */
  private boolean versionInStep(String corpId, String chatId, String lastVersion, String currentVersion,
      Instant now) {
    List<String> stored = jdbc.queryForList("SELECT member_version FROM scrm_group_chat WHERE corp_id = ? "
        + "AND chat_id = ?", String.class, corpId, chatId);
    if (stored.isEmpty()) {
      jdbc.update("INSERT INTO scrm_group_chat (corp_id, chat_id, member_version, updated_at) VALUES (?, ?, ?, ?) "
          + "ON DUPLICATE KEY UPDATE updated_at = updated_at", ps -> Placeholders.bind(ps,
          new Object[] {corpId, chatId, currentVersion, JdbcTime.ts(now)}));
      return false; // a group we do not know yet: fetch it whole
    }
    String version = stored.get(0);
    boolean inStep = lastVersion == null || lastVersion.isEmpty() || lastVersion.equals(version)
        || (currentVersion != null && currentVersion.equals(version));
    if (currentVersion != null && !currentVersion.isEmpty()) {
      jdbc.update("UPDATE scrm_group_chat SET member_version = ?, updated_at = ? WHERE corp_id = ? AND chat_id = ?",
          ps -> Placeholders.bind(ps, new Object[] {currentVersion, JdbcTime.ts(now), corpId, chatId}));
    }
    return inStep;
  }

  private void refreshMemberCount(String corpId, String chatId) {
    jdbc.update("UPDATE scrm_group_chat SET member_count = (SELECT COUNT(*) FROM scrm_group_member m WHERE "
        + "m.corp_id = ? AND m.chat_id = ? AND m.left_at IS NULL) WHERE corp_id = ? AND chat_id = ?",
        corpId, chatId, corpId, chatId);
  }

  @Override
  public void groupDismissed(String corpId, String chatId, Instant at, Instant now) {
    LocalDateTime when = JdbcTime.ts(at == null ? now : at);
    jdbc.update("INSERT INTO scrm_group_chat (corp_id, chat_id, dismissed_at, updated_at) VALUES (?, ?, ?, ?) "
        + "ON DUPLICATE KEY UPDATE dismissed_at = COALESCE(dismissed_at, VALUES(dismissed_at)), "
        + "updated_at = VALUES(updated_at)", ps -> Placeholders.bind(ps,
        new Object[] {corpId, chatId, when, JdbcTime.ts(now)}));
  }

  @Override
  public void tagDeleted(String corpId, String id, boolean group, Instant at, Instant now) {
    LocalDateTime ts = JdbcTime.ts(now);
    if (group) {
      jdbc.update("UPDATE scrm_tag_group SET deleted_at = ?, updated_at = ? WHERE corp_id = ? AND group_id = ? "
          + "AND deleted_at IS NULL", ps -> Placeholders.bind(ps, new Object[] {ts, ts, corpId, id}));
      jdbc.update("DELETE FROM scrm_follow_tag WHERE corp_id = ? AND tag_id IN (SELECT tag_id FROM scrm_tag WHERE "
          + "corp_id = ? AND group_id = ?)", corpId, corpId, id);
      jdbc.update("UPDATE scrm_tag SET deleted_at = ?, updated_at = ? WHERE corp_id = ? AND group_id = ? "
          + "AND deleted_at IS NULL", ps -> Placeholders.bind(ps, new Object[] {ts, ts, corpId, id}));
    } else {
      jdbc.update("UPDATE scrm_tag SET deleted_at = ?, updated_at = ? WHERE corp_id = ? AND tag_id = ? "
          + "AND deleted_at IS NULL", ps -> Placeholders.bind(ps, new Object[] {ts, ts, corpId, id}));
      jdbc.update("DELETE FROM scrm_follow_tag WHERE corp_id = ? AND tag_id = ?", corpId, id);
    }
  }

  @Override
  public void staffDeleted(String corpId, String userid, Instant at, Instant now) {
    LocalDateTime ts = JdbcTime.ts(now);
    jdbc.update("UPDATE scrm_staff SET deleted_at = ?, contact_enabled = 0, updated_at = ? WHERE corp_id = ? "
        + "AND userid = ? AND deleted_at IS NULL", ps -> Placeholders.bind(ps,
        new Object[] {JdbcTime.ts(at == null ? now : at), ts, corpId, userid}));
  }

  @Override
  public void departmentUpserted(String corpId, long id, String name, Long parentId, Long order, Instant now) {
    LocalDateTime ts = JdbcTime.ts(now);
    jdbc.update("INSERT INTO scrm_department (corp_id, dept_id, name, parent_id, sort_order, updated_at) "
        + "VALUES (?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE name = COALESCE(VALUES(name), name), "
        + "parent_id = COALESCE(VALUES(parent_id), parent_id), deleted_at = NULL, updated_at = VALUES(updated_at)",
        ps -> Placeholders.bind(ps, new Object[] {corpId, id, name == null ? "" : name, parentId,
            order == null ? 0L : order, ts}));
  }

  @Override
  public void departmentDeleted(String corpId, long id, Instant at, Instant now) {
    LocalDateTime ts = JdbcTime.ts(now);
    jdbc.update("UPDATE scrm_department SET deleted_at = ?, updated_at = ? WHERE corp_id = ? AND dept_id = ? "
        + "AND deleted_at IS NULL", ps -> Placeholders.bind(ps, new Object[] {ts, ts, corpId, id}));
  }

  /** The relation's added and deleted times (no row: empty). */
  private List<Map<String, Object>> relation(String corpId, String userid, String externalUserId) {
    return jdbc.queryForList("SELECT added_at, deleted_at FROM scrm_follow_relation WHERE corp_id = ? AND userid = ? "
        + "AND external_userid = ?", corpId, userid, externalUserId);
  }

  private void upsertCustomerStub(String corpId, String externalUserId, LocalDateTime ts) {
    jdbc.update("INSERT INTO scrm_customer (corp_id, external_userid, updated_at) VALUES (?, ?, ?) "
        + "ON DUPLICATE KEY UPDATE updated_at = updated_at", ps -> Placeholders.bind(ps,
        new Object[] {corpId, externalUserId, ts}));
  }

}
