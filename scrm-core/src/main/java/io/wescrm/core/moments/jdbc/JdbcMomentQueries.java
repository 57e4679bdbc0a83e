package io.wescrm.core.moments.jdbc;

import static io.wescrm.core.jdbc.JdbcTime.ts;

import io.wescrm.core.jdbc.Rows;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/** The moments read API: moments by time and creator, one moment with its copies and interactions, a customer's. */
public class JdbcMomentQueries {

  private static final String MOMENT_COLUMNS = "m.moment_id AS moment_id, m.creator AS creator, "
      + "m.create_type AS create_type, m.visible_type AS visible_type, m.text AS text, m.create_time AS create_time, "
      + "(SELECT COUNT(*) FROM scrm_moment_copy c WHERE c.corp_id = m.corp_id AND c.moment_id = m.moment_id "
      + "AND c.publish_status = 1) AS published_copies, "
      + "(SELECT COUNT(*) FROM scrm_moment_interaction i WHERE i.corp_id = m.corp_id AND i.moment_id = m.moment_id "
      + "AND i.kind = 'LIKE') AS likes, "
      + "(SELECT COUNT(*) FROM scrm_moment_interaction i WHERE i.corp_id = m.corp_id AND i.moment_id = m.moment_id "
      + "AND i.kind = 'COMMENT') AS comments";

  private final JdbcTemplate jdbc;

  public JdbcMomentQueries(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** A page of moments, newest first: {@code total} and {@code items}. */
  public Map<String, Object> moments(String corpId, Instant from, Instant to, String creator, int page, int size) {
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
    Long total = jdbc.queryForObject("SELECT COUNT(*)" + where, Long.class, args.toArray());
    List<Object> pageArgs = new ArrayList<>(args);
    pageArgs.add(size);
    pageArgs.add((long) (page - 1) * size);
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("total", total);
    result.put("page", page);
    result.put("size", size);
    result.put("items", Rows.camelCase(jdbc, "SELECT " + MOMENT_COLUMNS + where
        + " ORDER BY m.create_time DESC, m.id DESC LIMIT ? OFFSET ?", pageArgs.toArray()));
    return result;
  }

  /** One moment with its copies (tasks: publish status, customers reached, likes, comments) and interactions. */
  public Optional<Map<String, Object>> moment(String corpId, String momentId) {
    List<Map<String, Object>> rows = Rows.camelCase(jdbc, "SELECT " + MOMENT_COLUMNS + ", m.media_json AS media_json "
        + "FROM scrm_moment m WHERE m.corp_id = ? AND m.moment_id = ?", corpId, momentId);
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Object> moment = new LinkedHashMap<>(rows.get(0));
    moment.put("tasks", Rows.camelCase(jdbc, "SELECT userid AS userid, publish_status AS publish_status, "
        + "visible_count AS visible_count, likes AS likes, comments AS comments, comments_read_at AS comments_read_at "
        + "FROM scrm_moment_copy WHERE corp_id = ? AND moment_id = ? ORDER BY id", corpId, momentId));
    moment.put("interactions", Rows.camelCase(jdbc, "SELECT external_userid AS external_user_id, userid AS userid, "
        + "kind AS kind, interacted_at AS interacted_at FROM scrm_moment_interaction WHERE corp_id = ? "
        + "AND moment_id = ? ORDER BY interacted_at, id", corpId, momentId));
    return Optional.of(moment);
  }

  /** A customer's likes and comments, newest first, with the moment's text. */
  public List<Map<String, Object>> interactions(String corpId, String externalUserId, int limit) {
    return Rows.camelCase(jdbc, "SELECT i.moment_id AS moment_id, i.userid AS userid, i.kind AS kind, "
        + "i.interacted_at AS interacted_at, m.create_type AS create_type, m.text AS text, m.create_time AS "
        + "create_time FROM scrm_moment_interaction i LEFT JOIN scrm_moment m ON m.corp_id = i.corp_id "
        + "AND m.moment_id = i.moment_id WHERE i.corp_id = ? AND i.external_userid = ? "
        + "ORDER BY i.interacted_at DESC, i.id DESC LIMIT ?", corpId, externalUserId, limit);
  }

  /** Whether the corp has this customer in its mirror. */
  public boolean customerKnown(String corpId, String externalUserId) {
    Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM scrm_customer WHERE corp_id = ? AND external_userid = ?",
        Integer.class, corpId, externalUserId);
    return n != null && n > 0;
  }
}
