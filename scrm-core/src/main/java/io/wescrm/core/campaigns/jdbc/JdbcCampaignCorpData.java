package io.wescrm.core.campaigns.jdbc;

import io.wescrm.core.campaigns.CampaignAssets;
import io.wescrm.core.campaigns.CampaignCorpData;
import io.wescrm.core.jdbc.JdbcTime;
import io.wescrm.core.jdbc.Placeholders;
import io.wescrm.core.jdbc.Rows;
import io.wescrm.core.jdbc.StaffScope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;

/** {@link CampaignCorpData} and {@link CampaignAssets} on the corp mirror and {@code scrm_campaign_asset}. */
public class JdbcCampaignCorpData implements CampaignCorpData, CampaignAssets {

  private final JdbcTemplate jdbc;

  public JdbcCampaignCorpData(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public Set<String> tagGroupNames(String corpId) {
    return new LinkedHashSet<>(jdbc.queryForList("SELECT name FROM scrm_tag_group WHERE corp_id = ? "
        + "AND deleted_at IS NULL", String.class, corpId));
  }

  @Override
  public Set<String> attributeNames(String corpId) {
    return new LinkedHashSet<>(jdbc.queryForList("SELECT DISTINCT name FROM scrm_customer_attribute WHERE corp_id = ?",
        String.class, corpId));
  }

  @Override
  public boolean liveTag(String corpId, String tagId) {
    Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM scrm_tag WHERE corp_id = ? AND tag_id = ? "
        + "AND deleted_at IS NULL", Integer.class, corpId, tagId);
    return n != null && n > 0;
  }
  @Override
  /** Which of the tag ids exist and are not deleted, in one query (a rule or audience names at most a few thousand). */
  public Set<String> liveTags(String corpId, Set<String> tagIds) {
    if (tagIds.isEmpty()) {
      return Set.of();
    }
    List<Object> args = new ArrayList<>(List.of(corpId));
    args.addAll(tagIds);
    return new HashSet<>(jdbc.queryForList("SELECT tag_id FROM scrm_tag WHERE corp_id = ? AND deleted_at IS NULL AND "
        + "tag_id IN (" + Placeholders.marks(tagIds.size()) + ")", String.class, args.toArray()));
  }


  @Override
  public Map<String, String> customerNames(String corpId, List<String> externalUserIds) {
    Map<String, String> names = new HashMap<>();
    for (List<String> part : JdbcSendLedger.chunks(externalUserIds)) {
      List<Object> args = new ArrayList<>(List.of(corpId));
      args.addAll(part);
      jdbc.query("SELECT external_userid, name FROM scrm_customer WHERE corp_id = ? AND external_userid IN ("
          + Placeholders.marks(part.size()) + ")", rs -> {
            names.put(rs.getString(1), rs.getString(2));
          }, args.toArray());
    }
    return names;
  }

  /** Stores an operator-defined attribute value ({@code {{attr:name}}}); null removes it. */
  public void setAttribute(String corpId, String externalUserId, String name, String value, Instant now) {
    jdbc.update("DELETE FROM scrm_customer_attribute WHERE corp_id = ? AND external_userid = ? AND name = ?", corpId,
        externalUserId, name);
    if (value != null) {
      jdbc.update("INSERT INTO scrm_customer_attribute (corp_id, external_userid, name, attr_value, updated_at) "
          + "VALUES (?, ?, ?, ?, ?)", corpId, externalUserId, name, value, JdbcTime.ts(now));
    }
  }

  /**
   * Whether the corp has this customer and, with a {@code staff} scope (a store manager's), a live follow relation
   * between the customer and one of those staff.
   */
  public boolean customerInScope(String corpId, String externalUserId, Collection<String> staff) {
    List<Object> args = new ArrayList<>(List.of(corpId, externalUserId));
    String scope = StaffScope.andCustomer("c.corp_id", "c.external_userid", staff, args);
    Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM scrm_customer c WHERE c.corp_id = ? "
        + "AND c.external_userid = ?" + scope, Integer.class, args.toArray());
    return n != null && n > 0;
  }

  /** The chats among {@code chatIds} owned by one of {@code staff}. */
  public Set<String> chatsOwnedBy(String corpId, Collection<String> chatIds, Collection<String> staff) {
    if (chatIds.isEmpty()) {
      return Set.of();
    }
    List<Object> args = new ArrayList<>(List.of(corpId));
    args.addAll(chatIds);
    String scope = StaffScope.and("owner", staff, args);
    return new HashSet<>(jdbc.queryForList("SELECT chat_id FROM scrm_group_chat WHERE corp_id = ? AND chat_id IN ("
        + Placeholders.marks(chatIds.size()) + ")" + scope, String.class, args.toArray()));
  }

  public Map<String, String> attributes(String corpId, String externalUserId) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    jdbc.query("SELECT name, attr_value FROM scrm_customer_attribute WHERE corp_id = ? AND external_userid = ? "
        + "ORDER BY name", rs -> {
          out.put(rs.getString(1), rs.getString(2));
        }, corpId, externalUserId);
    return out;
  }

  /** Stores an uploaded image or file; returns its id. */
  public long addAsset(String corpId, String kind, String fileName, String contentType, byte[] content, Instant now) {
    org.springframework.jdbc.support.GeneratedKeyHolder keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
    jdbc.update(con -> {
      java.sql.PreparedStatement ps = con.prepareStatement("INSERT INTO scrm_campaign_asset (corp_id, kind, file_name, "
          + "content_type, size_bytes, content, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)", new String[] {"id"});
      ps.setString(1, corpId);
      ps.setString(2, kind);
      ps.setString(3, fileName);
      ps.setString(4, contentType);
      ps.setLong(5, content.length);
      ps.setBytes(6, content);
      ps.setObject(7, JdbcTime.ts(now));
      return ps;
    }, keys);
    return keys.getKey().longValue();
  }

  public List<Map<String, Object>> assets(String corpId) {
    return Rows.camelCase(jdbc, "SELECT id, kind, file_name AS file_name, content_type AS content_type, size_bytes AS size, "
        + "created_at AS created_at FROM scrm_campaign_asset WHERE corp_id = ? ORDER BY id", corpId);
  }

  @Override
  public Optional<Asset> asset(String corpId, long id) {
    return jdbc.query("SELECT id, corp_id, kind, file_name, content, media_id, media_expires_at FROM "
        + "scrm_campaign_asset WHERE corp_id = ? AND id = ?", (rs, i) -> new Asset(rs.getLong(1), rs.getString(2),
        rs.getString(3), rs.getString(4), rs.getBytes(5), rs.getString(6), JdbcTime.instant(rs.getTimestamp(7))),
        corpId, id).stream().findFirst();
  }

  @Override
  public void mediaUploaded(long id, String mediaId, Instant expiresAt) {
    jdbc.update("UPDATE scrm_campaign_asset SET media_id = ?, media_expires_at = ? WHERE id = ?", mediaId,
        JdbcTime.ts(expiresAt), id);
  }
}
