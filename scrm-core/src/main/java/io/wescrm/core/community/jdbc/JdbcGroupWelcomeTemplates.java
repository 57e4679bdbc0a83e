package io.wescrm.core.community.jdbc;

import static io.wescrm.core.jdbc.JdbcTime.instant;

import io.wescrm.core.community.GroupWelcomeContent;
import io.wescrm.core.community.GroupWelcomeTemplate;
import io.wescrm.core.community.GroupWelcomeTemplates;
import io.wescrm.core.jdbc.JdbcTime;
import io.wescrm.core.jdbc.Placeholders;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import tools.jackson.databind.ObjectMapper;

/** {@link GroupWelcomeTemplates} over JDBC: {@code scrm_group_welcome_template}, the content as JSON. */
public class JdbcGroupWelcomeTemplates implements GroupWelcomeTemplates {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String COLUMNS = "id, corp_id, template_id, name, content, notify, created_at, updated_at, "
      + "deleted_at";

  private final JdbcTemplate jdbc;

  public JdbcGroupWelcomeTemplates(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public long insert(GroupWelcomeTemplate t) {
    GeneratedKeyHolder keys = new GeneratedKeyHolder();
    jdbc.update(con -> {
      var ps = con.prepareStatement("INSERT INTO scrm_group_welcome_template (corp_id, template_id, name, content, "
          + "notify, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)", new String[] {"id"});
      Placeholders.bind(ps, new Object[] {t.corpId(), t.templateId(), t.name(), JSON.writeValueAsString(t.content()),
          t.notifyOwners() ? 1 : 0, JdbcTime.ts(t.createdAt()), JdbcTime.ts(t.updatedAt())});
      return ps;
    }, keys);
    return keys.getKey().longValue();
  }

  @Override
  public void update(GroupWelcomeTemplate t) {
    jdbc.update("UPDATE scrm_group_welcome_template SET name = ?, content = ?, notify = ?, updated_at = ? "
        + "WHERE corp_id = ? AND id = ?", t.name(), JSON.writeValueAsString(t.content()), t.notifyOwners() ? 1 : 0,
        JdbcTime.ts(t.updatedAt()), t.corpId(), t.id());
  }

  @Override
  public void markDeleted(String corpId, long id, Instant at) {
    jdbc.update("UPDATE scrm_group_welcome_template SET deleted_at = ?, updated_at = ? WHERE corp_id = ? AND id = ? "
        + "AND deleted_at IS NULL", JdbcTime.ts(at), JdbcTime.ts(at), corpId, id);
  }

  @Override
  public Optional<GroupWelcomeTemplate> find(String corpId, long id) {
    return jdbc.query("SELECT " + COLUMNS + " FROM scrm_group_welcome_template WHERE corp_id = ? AND id = ?",
        this::map, corpId, id).stream().findFirst();
  }

  @Override
  public List<GroupWelcomeTemplate> list(String corpId) {
    return jdbc.query("SELECT " + COLUMNS + " FROM scrm_group_welcome_template WHERE corp_id = ? "
        + "AND deleted_at IS NULL ORDER BY id", this::map, corpId);
  }

  private GroupWelcomeTemplate map(ResultSet rs, int row) throws SQLException {
    return new GroupWelcomeTemplate(rs.getLong("id"), rs.getString("corp_id"), rs.getString("template_id"),
        rs.getString("name"), JSON.readValue(rs.getString("content"), GroupWelcomeContent.class),
        rs.getInt("notify") != 0, instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("updated_at")),
        instant(rs.getTimestamp("deleted_at")));
  }
}
