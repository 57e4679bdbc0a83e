package io.wescrm.core.campaigns.jdbc;

import static io.wescrm.core.jdbc.JdbcTime.ts;

import io.wescrm.core.campaigns.Campaign;
import io.wescrm.core.campaigns.CampaignDefinition;
import io.wescrm.core.campaigns.SopEnrollments;
import io.wescrm.core.jdbc.JdbcTime;
import io.wescrm.core.jdbc.Rows;
import io.wescrm.core.rules.SqlRuleCompiler;
import io.wescrm.core.jdbc.Placeholders;
import io.wescrm.core.jdbc.StaffScope;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.BiFunction;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/** {@link SopEnrollments} on {@code scrm_sop_enrollment}. */
public class JdbcSopEnrollments implements SopEnrollments {

  private final JdbcTemplate jdbc;
  private final ZoneId zone;

  public JdbcSopEnrollments(JdbcTemplate jdbc, ZoneId zone) {
    this.jdbc = jdbc;
    this.zone = zone;
  }

  @Override
  public boolean enroll(String corpId, long campaignId, String externalUserId, String userid, Instant anchor,
      Instant firstDue, Instant now) {
    try {
      return jdbc.update("INSERT INTO scrm_sop_enrollment (corp_id, campaign_id, external_userid, userid, anchor_at, "
          + "next_step, next_due_at, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 0, ?, 'ACTIVE', ?, ?)",
          corpId, campaignId, externalUserId, userid, ts(anchor), ts(firstDue), ts(now), ts(now)) == 1;
    } catch (DuplicateKeyException e) {
      return false;
    }
  }

  @Override
  public boolean enrollGroupMember(String corpId, long campaignId, String chatId, String externalUserId,
      Instant anchor, Instant firstDue, Instant now) {
    List<String> owners = jdbc.queryForList("SELECT g.owner FROM scrm_group_chat g JOIN scrm_follow_relation f "
        + "ON f.corp_id = g.corp_id AND f.userid = g.owner AND f.external_userid = ? AND f.deleted_at IS NULL "
        + "WHERE g.corp_id = ? AND g.chat_id = ?", String.class, externalUserId, corpId, chatId);
    return !owners.isEmpty() && enroll(corpId, campaignId, externalUserId, owners.get(0), anchor, firstDue, now);
  }

  @Override
  public int stopFinished(Campaign campaign, Instant now) {
    int stopped = jdbc.update("UPDATE scrm_sop_enrollment SET status = 'STOPPED', stop_reason = 'relation_deleted', "
        + "updated_at = ? WHERE campaign_id = ? AND status = 'ACTIVE' AND NOT EXISTS (SELECT 1 FROM "
        + "scrm_follow_relation f WHERE f.corp_id = scrm_sop_enrollment.corp_id AND f.userid = scrm_sop_enrollment.userid "
        + "AND f.external_userid = scrm_sop_enrollment.external_userid AND f.deleted_at IS NULL)", ts(now),
        campaign.id());
    CampaignDefinition.StopWhen stop = campaign.definition().sop().stopWhen();
    if (!stop.tags().isEmpty()) {
      List<Object> args = new ArrayList<>(List.of(ts(now), campaign.id()));
      args.addAll(stop.tags());
      stopped += jdbc.update("UPDATE scrm_sop_enrollment SET status = 'STOPPED', stop_reason = 'stop_tag', "
          + "updated_at = ? WHERE campaign_id = ? AND status = 'ACTIVE' AND EXISTS (SELECT 1 FROM scrm_follow_tag t "
          + "WHERE t.corp_id = scrm_sop_enrollment.corp_id AND t.external_userid = scrm_sop_enrollment.external_userid "
          + "AND t.tag_id IN (" + Placeholders.marks(stop.tags().size()) + "))", args.toArray());
    }
    CampaignDefinition.Audience audience = campaign.definition().audience();
    if (stop.leftAudience() && (audience.include() != null || audience.exclude() != null)) {
      SqlRuleCompiler compiler = new SqlRuleCompiler(campaign.corpId(), now, zone);
      StringBuilder where = new StringBuilder("(1=1)");
      List<Object> args = new ArrayList<>(List.of(ts(now), campaign.id(), campaign.corpId()));
      if (audience.include() != null) {
        SqlRuleCompiler.Sql sql = compiler.compile(audience.include());
        where.append(" AND ").append(sql.sql());
        args.addAll(sql.args());
      }
      if (audience.exclude() != null) {
        SqlRuleCompiler.Sql sql = compiler.compile(audience.exclude());
        where.append(" AND NOT ").append(sql.sql());
        args.addAll(sql.args());
      }
      stopped += jdbc.update("UPDATE scrm_sop_enrollment SET status = 'STOPPED', stop_reason = 'left_audience', "
          + "updated_at = ? WHERE campaign_id = ? AND status = 'ACTIVE' AND external_userid NOT IN ("
          + "SELECT c.external_userid FROM scrm_customer c WHERE c.corp_id = ? AND " + where + ")", args.toArray());
    }
    return stopped;
  }

  /**
   * How long a due step waits for its customer's row: an enrolment is made when the relation is applied, the
   * customer's details (scrm_customer, which the planner joins) arrive with the re-fetch from WeCom moments later.
   * Until then the step is not planned and the enrolment does not move on — a tick in between used to plan the step
   * without the customer and then advance past it, so that the customer never got it. Past the grace (the re-fetch
   * failed for good) the step is planned without them and the enrolment moves on, rather than waiting for ever.
   */
  static final java.time.Duration CUSTOMER_GRACE = java.time.Duration.ofMinutes(10);

  /** An enrolment whose step can be planned at {@code ?} (the due bound, then the bound minus the grace). */
  private static final String PLANNABLE = " AND next_due_at <= ? AND (EXISTS (SELECT 1 FROM scrm_customer c "
      + "WHERE c.corp_id = scrm_sop_enrollment.corp_id AND c.external_userid = scrm_sop_enrollment.external_userid) "
      + "OR next_due_at <= ?)";

  @Override
  public List<Integer> dueSteps(long campaignId, Instant now) {
    return jdbc.queryForList("SELECT DISTINCT next_step FROM scrm_sop_enrollment WHERE campaign_id = ? "
        + "AND status = 'ACTIVE'" + PLANNABLE + " ORDER BY next_step", Integer.class, campaignId, ts(now),
        ts(now.minus(CUSTOMER_GRACE)));
  }

  @Override
  public List<Due> plannable(long campaignId, int step, Instant dueBy) {
    return jdbc.query("SELECT id, anchor_at FROM scrm_sop_enrollment WHERE campaign_id = ? AND status = 'ACTIVE' "
        + "AND next_step = ?" + PLANNABLE, (rs, i) -> new Due(rs.getLong(1), JdbcTime.instant(rs.getTimestamp(2))),
        campaignId, step, ts(dueBy), ts(dueBy.minus(CUSTOMER_GRACE)));
  }

  @Override
  public int advance(List<Due> enrolments, int step, BiFunction<Instant, Integer, Instant> nextDue, Instant now) {
    List<Object[]> updates = new ArrayList<>();
    for (Due due : enrolments) {
      Instant next = nextDue.apply(due.anchor(), step + 1);
      updates.add(new Object[] {step + 1, ts(next), next == null ? "DONE" : "ACTIVE", ts(now), due.id(), step});
    }
    if (!updates.isEmpty()) {
      jdbc.batchUpdate("UPDATE scrm_sop_enrollment SET next_step = ?, next_due_at = ?, status = ?, updated_at = ? "
          + "WHERE id = ? AND next_step = ?", updates);
    }
    return updates.size();
  }

  @Override
  public int stopFor(String corpId, String externalUserId, String userid, String reason, Instant now) {
    return jdbc.update("UPDATE scrm_sop_enrollment SET status = 'STOPPED', stop_reason = ?, updated_at = ? "
        + "WHERE corp_id = ? AND external_userid = ? AND userid = ? AND status = 'ACTIVE'", reason, ts(now), corpId,
        externalUserId, userid);
  }

  /** Enrolments of a campaign (API, tests) of the staff in {@code staff} (a store manager's scope; null: all). */
  public List<java.util.Map<String, Object>> list(long campaignId, int limit, Collection<String> staff) {
    List<Object> args = new ArrayList<>(List.of(campaignId));
    String scope = StaffScope.and("userid", staff, args);
    args.add(limit);
    return Rows.camelCase(jdbc, "SELECT external_userid AS external_user_id, userid, anchor_at AS anchor_at, "
        + "next_step AS next_step, next_due_at AS next_due_at, status, stop_reason AS stop_reason FROM "
        + "scrm_sop_enrollment WHERE campaign_id = ?" + scope + " ORDER BY id LIMIT ?", args.toArray());
  }
}
