package io.wescrm.core.moments.jdbc;

import static io.wescrm.core.jdbc.JdbcTime.ts;

import io.wescrm.core.jdbc.Rows;
import io.wescrm.core.jdbc.StaffScope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/** The moments read API: moments by time and creator, one moment with its copies and interactions, a customer's. */
public class JdbcMomentQueries {

  private final JdbcTemplate jdbc;

  public JdbcMomentQueries(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * A page of moments, newest first: {@code total} and {@code items}. With a {@code staff} scope (a store manager's),
   * only moments one of them created or holds a copy of, and their figures over those staff's copies and the
   * interactions of the store's customers on them.
   */
  public Map<String, Object> moments(String corpId, Instant from, Instant to, String creator, int page, int size,
      Collection<String> staff) {
    StringBuilder where = new StringBuilder(" FROM scrm_moment m WHERE m.corp_id = ?");
    List<Object> args = new ArrayList<>(List.of(corpId));
    if (from != null) {
      where.append(" AND m.create_time >= ?");
      args.add(ts(from));
    }
    if (to != null) {
      where.append(" AND m.create_time < ?");
      args.add(ts(to));
    }
    if (creator != null && !creator.isBlank()) {
      where.append(" AND m.creator = ?");
      args.add(creator);
    }
    where.append(momentInScope(staff, args));
    Long total = jdbc.queryForObject("SELECT COUNT(*)" + where, Long.class, args.toArray());
    List<Object> pageArgs = new ArrayList<>();
    String columns = columns(staff, pageArgs);
    pageArgs.addAll(args);
    pageArgs.add(size);
    pageArgs.add((long) (page - 1) * size);
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("total", total);
    result.put("page", page);
    result.put("size", size);
    result.put("items", Rows.camelCase(jdbc, "SELECT " + columns + where
        + " ORDER BY m.create_time DESC, m.id DESC LIMIT ? OFFSET ?", pageArgs.toArray()));
    return result;
  }

  /**
   * One moment with its copies and interactions; with a {@code staff} scope only a moment in scope (as
   * {@link #moments}), with those staff's copies and the store's customers' interactions on them.
   */
  public Optional<Map<String, Object>> moment(String corpId, String momentId, Collection<String> staff) {
    List<Object> args = new ArrayList<>();
    String columns = columns(staff, args);
    args.addAll(List.of(corpId, momentId));
    String scope = momentInScope(staff, args);
    List<Map<String, Object>> rows = Rows.camelCase(jdbc, "SELECT " + columns + ", m.media_json AS media_json "
        + "FROM scrm_moment m WHERE m.corp_id = ? AND m.moment_id = ?" + scope, args.toArray());
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Object> moment = new LinkedHashMap<>(rows.get(0));
    List<Object> copyArgs = new ArrayList<>(List.of(corpId, momentId));
    String copyScope = StaffScope.and("userid", staff, copyArgs);
    moment.put("tasks", Rows.camelCase(jdbc, "SELECT userid AS userid, publish_status AS publish_status, "
        + "visible_count AS visible_count, likes AS likes, comments AS comments, comments_read_at AS comments_read_at "
        + "FROM scrm_moment_copy WHERE corp_id = ? AND moment_id = ?" + copyScope + " ORDER BY id",
        copyArgs.toArray()));
    List<Object> interactionArgs = new ArrayList<>(List.of(corpId, momentId));
    String interactionScope = interactionInScope(staff, interactionArgs);
    moment.put("interactions", Rows.camelCase(jdbc, "SELECT i.external_userid AS external_user_id, i.userid AS userid, "
        + "i.kind AS kind, i.interacted_at AS interacted_at FROM scrm_moment_interaction i WHERE i.corp_id = ? "
        + "AND i.moment_id = ?" + interactionScope + " ORDER BY i.interacted_at, i.id", interactionArgs.toArray()));
    return Optional.of(moment);
  }

  /** A customer's likes and comments on the copies of {@code staff} (null: every copy), newest first. */
  public List<Map<String, Object>> interactions(String corpId, String externalUserId, int limit,
      Collection<String> staff) {
    List<Object> args = new ArrayList<>(List.of(corpId, externalUserId));
    String scope = interactionInScope(staff, args);
    args.add(limit);
    return Rows.camelCase(jdbc, "SELECT i.moment_id AS moment_id, i.userid AS userid, i.kind AS kind, "
        + "i.interacted_at AS interacted_at, m.create_type AS create_type, m.text AS text, m.create_time AS "
        + "create_time FROM scrm_moment_interaction i LEFT JOIN scrm_moment m ON m.corp_id = i.corp_id "
        + "AND m.moment_id = i.moment_id WHERE i.corp_id = ? AND i.external_userid = ?" + scope
        + " ORDER BY i.interacted_at DESC, i.id DESC LIMIT ?", args.toArray());
  }

  /** Whether the corp has this customer and, with a {@code staff} scope, a live relation of it with one of them. */
  public boolean customerKnown(String corpId, String externalUserId, Collection<String> staff) {
    List<Object> args = new ArrayList<>(List.of(corpId, externalUserId));
    String scope = StaffScope.andCustomer("c.corp_id", "c.external_userid", staff, args);
    Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM scrm_customer c WHERE c.corp_id = ? "
        + "AND c.external_userid = ?" + scope, Integer.class, args.toArray());
    return n != null && n > 0;
  }

  /** A moment's columns; its figures over the copies and interactions in scope. */
  private static String columns(Collection<String> staff, List<Object> args) {
    String copies = StaffScope.and("c.userid", staff, args);
    String likes = interactionInScope(staff, args);
    String comments = interactionInScope(staff, args);
    return "m.moment_id AS moment_id, m.creator AS creator, "
        + "m.create_type AS create_type, m.visible_type AS visible_type, m.text AS text, m.create_time AS create_time, "
        + "(SELECT COUNT(*) FROM scrm_moment_copy c WHERE c.corp_id = m.corp_id AND c.moment_id = m.moment_id "
        + "AND c.publish_status = 1" + copies + ") AS published_copies, "
        + "(SELECT COUNT(*) FROM scrm_moment_interaction i WHERE i.corp_id = m.corp_id AND i.moment_id = m.moment_id "
        + "AND i.kind = 'LIKE'" + likes + ") AS likes, "
        + "(SELECT COUNT(*) FROM scrm_moment_interaction i WHERE i.corp_id = m.corp_id AND i.moment_id = m.moment_id "
        + "AND i.kind = 'COMMENT'" + comments + ") AS comments";
  }

  /** A moment created by one of the staff or with a copy of one of them; {@code ""} for every moment. */
  private static String momentInScope(Collection<String> staff, List<Object> args) {
    if (staff == null) {
      return "";
    }
    String creator = StaffScope.and("m.creator", staff, args);
    String copy = StaffScope.and("c.userid", staff, args);
    return " AND ((1 = 1" + creator + ") OR EXISTS (SELECT 1 FROM scrm_moment_copy c WHERE c.corp_id = m.corp_id "
        + "AND c.moment_id = m.moment_id" + copy + "))";
  }

  /** An interaction on a copy of one of the staff by a customer with a live relation to one of them. */
  private static String interactionInScope(Collection<String> staff, List<Object> args) {
    return StaffScope.and("i.userid", staff, args)
        + StaffScope.andCustomer("i.corp_id", "i.external_userid", staff, args);
  }
}
