package io.wescrm.core.rules.jdbc;

import io.wescrm.core.jdbc.JdbcTime;
import io.wescrm.core.jdbc.Placeholders;
import io.wescrm.core.rules.Rule;
import io.wescrm.core.rules.RuleCodec;
import io.wescrm.core.rules.RuleDefinition;
import io.wescrm.core.rules.Rules;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Versioned rules: {@code scrm_rule} holds the current version number and switches, every definition is a new
 * immutable row in {@code scrm_rule_version}, so a tag's {@code source_ref} ({@code ruleId:version}) always names the
 * exact condition that set it.
 */
public class JdbcRules implements Rules {

  private static final String SELECT = "SELECT r.id, r.corp_id, r.name, r.description, r.priority, r.enabled, "
      + "r.version, r.preset, v.condition_json, v.actions_json FROM scrm_rule r JOIN scrm_rule_version v "
      + "ON v.rule_id = r.id AND v.version = r.version WHERE r.deleted_at IS NULL ";

  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;
  private final Clock clock;

  public JdbcRules(JdbcTemplate jdbc, TransactionTemplate tx, Clock clock) {
    this.jdbc = jdbc;
    this.tx = tx;
    this.clock = clock;
  }

  /** What an operator sets on a rule besides its definition. */
  public record Header(String name, String description, int priority, boolean enabled, String preset) {
  }

  /** A stored version of a rule. */
  public record Version(int version, String condition, String actions, String createdBy, LocalDateTime createdAt) {
  }

  public Rule create(String corpId, Header header, RuleDefinition definition, String createdBy) {
    LocalDateTime now = JdbcTime.ts(clock.instant());
    return tx.execute(s -> {
      GeneratedKeyHolder keys = new GeneratedKeyHolder();
      jdbc.update(con -> {
        PreparedStatement ps = con.prepareStatement("INSERT INTO scrm_rule (corp_id, name, description, priority, "
            + "enabled, version, preset, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?)",
            new String[] {"id"});
        Placeholders.bind(ps, new Object[] {corpId, header.name(), header.description(), header.priority(),
            header.enabled() ? 1 : 0, header.preset(), now, now});
        return ps;
      }, keys);
      long id = keys.getKey().longValue();
      insertVersion(id, 1, definition, createdBy, now);
      return find(corpId, id).orElseThrow();
    });
  }

  /** Saves a new version (the definition changed) and the header. */
  public Optional<Rule> update(String corpId, long id, Header header, RuleDefinition definition, String createdBy) {
    LocalDateTime now = JdbcTime.ts(clock.instant());
    return tx.execute(s -> {
      Optional<Rule> current = find(corpId, id);
      if (current.isEmpty()) {
        return Optional.<Rule>empty();
      }
      Rule rule = current.get();
      boolean changed = !RuleCodec.write(rule.condition()).equals(RuleCodec.write(definition.condition()))
          || !RuleCodec.write(rule.actions()).equals(RuleCodec.write(definition.actions()));
      int version = changed ? rule.version() + 1 : rule.version();
      if (changed) {
        insertVersion(id, version, definition, createdBy, now);
      }
      jdbc.update("UPDATE scrm_rule SET name = ?, description = ?, priority = ?, enabled = ?, version = ?, "
          + "updated_at = ? WHERE id = ? AND corp_id = ?", header.name(), header.description(), header.priority(),
          header.enabled() ? 1 : 0, version, now, id, corpId);
      return find(corpId, id);
    });
  }

  public boolean setEnabled(String corpId, long id, boolean enabled) {
    return jdbc.update("UPDATE scrm_rule SET enabled = ?, updated_at = ? WHERE id = ? AND corp_id = ? "
        + "AND deleted_at IS NULL", enabled ? 1 : 0, JdbcTime.ts(clock.instant()), id, corpId) == 1;
  }

  public boolean delete(String corpId, long id) {
    LocalDateTime now = JdbcTime.ts(clock.instant());
    return jdbc.update("UPDATE scrm_rule SET deleted_at = ?, enabled = 0, updated_at = ? WHERE id = ? "
        + "AND corp_id = ? AND deleted_at IS NULL", now, now, id, corpId) == 1;
  }

  /** The rule exists in the corp, deleted or not. */
  public boolean exists(String corpId, long id) {
    return jdbc.queryForObject("SELECT COUNT(*) FROM scrm_rule WHERE id = ? AND corp_id = ?", Long.class, id,
        corpId) > 0;
  }

  public Optional<Rule> find(String corpId, long id) {
    return jdbc.query(SELECT + "AND r.corp_id = ? AND r.id = ?", (rs, i) -> row(rs), corpId, id).stream()
        .findFirst();
  }

  public List<Rule> list(String corpId) {
    return jdbc.query(SELECT + "AND r.corp_id = ? ORDER BY r.priority, r.id", (rs, i) -> row(rs), corpId);
  }

  @Override
  public List<Rule> enabled(String corpId) {
    return jdbc.query(SELECT + "AND r.corp_id = ? AND r.enabled = 1 ORDER BY r.priority, r.id",
        (rs, i) -> row(rs), corpId);
  }

  public boolean hasPreset(String corpId, String preset) {
    Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM scrm_rule WHERE corp_id = ? AND preset = ?",
        Integer.class, corpId, preset);
    return n != null && n > 0;
  }

  public List<Version> versions(String corpId, long id) {
    return jdbc.query("SELECT v.version, v.condition_json, v.actions_json, v.created_by, v.created_at FROM "
        + "scrm_rule_version v JOIN scrm_rule r ON r.id = v.rule_id WHERE r.corp_id = ? AND r.id = ? "
        + "ORDER BY v.version DESC", (rs, i) -> new Version(rs.getInt(1), rs.getString(2), rs.getString(3),
        rs.getString(4), rs.getTimestamp(5).toLocalDateTime()), corpId, id);
  }

  /** The corps that have at least one enabled rule. */
  public List<String> corpsWithRules() {
    return jdbc.queryForList("SELECT DISTINCT corp_id FROM scrm_rule WHERE enabled = 1 AND deleted_at IS NULL",
        String.class);
  }

  private void insertVersion(long id, int version, RuleDefinition definition, String createdBy, LocalDateTime now) {
    jdbc.update("INSERT INTO scrm_rule_version (rule_id, version, condition_json, actions_json, created_by, "
        + "created_at) VALUES (?, ?, ?, ?, ?, ?)", id, version, RuleCodec.text(RuleCodec.write(definition.condition())),
        RuleCodec.text(RuleCodec.write(definition.actions())), createdBy, now);
  }

  private static Rule row(java.sql.ResultSet rs) throws java.sql.SQLException {
    RuleDefinition d = RuleCodec.readStored(rs.getString(9), rs.getString(10));
    return new Rule(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
        rs.getInt(6) != 0, rs.getInt(7), rs.getString(8), d.condition(), d.actions());
  }

}
