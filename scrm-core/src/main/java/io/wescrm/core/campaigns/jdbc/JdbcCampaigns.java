package io.wescrm.core.campaigns.jdbc;

import io.wescrm.core.campaigns.Campaign;
import io.wescrm.core.campaigns.CampaignCodec;
import io.wescrm.core.campaigns.CampaignDefinition;
import io.wescrm.core.campaigns.CampaignStore;
import io.wescrm.core.jdbc.JdbcTime;
import io.wescrm.core.jdbc.Placeholders;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Versioned campaigns: {@code scrm_campaign} holds the current version and status, every definition is an immutable
 * row of {@code scrm_campaign_version}; a run names the version it was planned with.
 */
public class JdbcCampaigns implements CampaignStore {

  private static final String SELECT = "SELECT c.id, c.corp_id, c.name, c.kind, c.status, c.version, c.preset, "
      + "v.definition_json, c.created_at, c.updated_at FROM scrm_campaign c JOIN scrm_campaign_version v "
      + "ON v.campaign_id = c.id AND v.version = c.version WHERE c.deleted_at IS NULL ";

  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;
  private final Clock clock;

  public JdbcCampaigns(JdbcTemplate jdbc, TransactionTemplate tx, Clock clock) {
    this.jdbc = jdbc;
    this.tx = tx;
    this.clock = clock;
  }

  /** A stored version. */
  public record Version(int version, String definition, String createdBy, Instant createdAt) {
  }

  public Campaign create(String corpId, CampaignDefinition definition, String preset, String createdBy) {
    LocalDateTime now = JdbcTime.ts(clock.instant());
    return tx.execute(s -> {
      GeneratedKeyHolder keys = new GeneratedKeyHolder();
      jdbc.update(con -> {
        PreparedStatement ps = con.prepareStatement("INSERT INTO scrm_campaign (corp_id, name, kind, status, version, "
            + "preset, created_at, updated_at) VALUES (?, ?, ?, 'ACTIVE', 1, ?, ?, ?)", new String[] {"id"});
        Placeholders.bind(ps, new Object[] {corpId, definition.name(), definition.kind().name(), preset, now, now});
        return ps;
      }, keys);
      long id = keys.getKey().longValue();
      insertVersion(id, 1, definition, createdBy, now);
      return find(corpId, id).orElseThrow();
    });
  }

  /** Saves a new version when the definition changed. */
  public Optional<Campaign> update(String corpId, long id, CampaignDefinition definition, String createdBy) {
    LocalDateTime now = JdbcTime.ts(clock.instant());
    return tx.execute(s -> {
      Optional<Campaign> current = find(corpId, id);
      if (current.isEmpty()) {
        return Optional.<Campaign>empty();
      }
      Campaign campaign = current.get();
      boolean changed = !CampaignCodec.text(campaign.definition()).equals(CampaignCodec.text(definition));
      int version = changed ? campaign.version() + 1 : campaign.version();
      if (changed) {
        insertVersion(id, version, definition, createdBy, now);
      }
      jdbc.update("UPDATE scrm_campaign SET name = ?, version = ?, updated_at = ? WHERE id = ? AND corp_id = ?",
          definition.name(), version, now, id, corpId);
      return find(corpId, id);
    });
  }

  private void insertVersion(long id, int version, CampaignDefinition definition, String createdBy,
      LocalDateTime now) {
    jdbc.update("INSERT INTO scrm_campaign_version (campaign_id, version, definition_json, created_by, created_at) "
        + "VALUES (?, ?, ?, ?, ?)", id, version, CampaignCodec.text(definition), createdBy, now);
  }

  public boolean setStatus(String corpId, long id, Campaign.Status status) {
    return jdbc.update("UPDATE scrm_campaign SET status = ?, updated_at = ? WHERE id = ? AND corp_id = ? "
        + "AND deleted_at IS NULL", status.name(), JdbcTime.ts(clock.instant()), id, corpId) == 1;
  }

  public boolean delete(String corpId, long id) {
    LocalDateTime now = JdbcTime.ts(clock.instant());
    return jdbc.update("UPDATE scrm_campaign SET deleted_at = ?, updated_at = ? WHERE id = ? AND corp_id = ? "
        + "AND deleted_at IS NULL", now, now, id, corpId) == 1;
  }

  @Override
  public Optional<Campaign> find(String corpId, long id) {
    return jdbc.query(SELECT + "AND c.corp_id = ? AND c.id = ?", (rs, i) -> row(rs), corpId, id).stream()
        .findFirst();
  }

  public List<Campaign> list(String corpId) {
    return jdbc.query(SELECT + "AND c.corp_id = ? ORDER BY c.id", (rs, i) -> row(rs), corpId);
  }

  /** Every live campaign of every corp (the scheduler's view). */
  public List<Campaign> all() {
    return jdbc.query(SELECT + "ORDER BY c.id", (rs, i) -> row(rs));
  }

  @Override
  public List<Campaign> active(CampaignDefinition.Kind kind) {
    return jdbc.query(SELECT + "AND c.status = 'ACTIVE' AND c.kind = ? ORDER BY c.id", (rs, i) -> row(rs),
        kind.name());
  }

  public boolean hasPreset(String corpId, String preset) {
    Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM scrm_campaign WHERE corp_id = ? AND preset = ?",
        Integer.class, corpId, preset);
    return n != null && n > 0;
  }

  @Override
  public Optional<CampaignDefinition> definition(long campaignId, int version) {
    return jdbc.query("SELECT definition_json FROM scrm_campaign_version WHERE campaign_id = ? AND version = ?",
        (rs, i) -> CampaignCodec.readStored(rs.getString(1)), campaignId, version).stream().findFirst();
  }

  public List<Version> versions(String corpId, long id) {
    return jdbc.query("SELECT v.version, v.definition_json, v.created_by, v.created_at FROM scrm_campaign_version v "
        + "JOIN scrm_campaign c ON c.id = v.campaign_id WHERE c.corp_id = ? AND c.id = ? ORDER BY v.version DESC",
        (rs, i) -> new Version(rs.getInt(1), rs.getString(2), rs.getString(3),
            JdbcTime.instant(rs.getTimestamp(4))), corpId, id);
  }

  private static Campaign row(ResultSet rs) throws SQLException {
    CampaignDefinition definition = CampaignCodec.readStored(rs.getString(8));
    return new Campaign(rs.getLong(1), rs.getString(2), rs.getString(3),
        CampaignDefinition.Kind.valueOf(rs.getString(4)), Campaign.Status.valueOf(rs.getString(5)), rs.getInt(6),
        rs.getString(7), definition, JdbcTime.instant(rs.getTimestamp(9)), JdbcTime.instant(rs.getTimestamp(10)));
  }
}
