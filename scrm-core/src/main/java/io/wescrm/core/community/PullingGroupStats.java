package io.wescrm.core.community;

import io.wescrm.core.remote.RemoteCallException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pulls WeCom's daily group statistics (statistic_group_by_day, one call per group owner for the whole period) and
 * upserts them per (corp, owner, day): a second pull of the same days changes no row. WeCom keeps 60 days.
 */
public class PullingGroupStats {

  private static final Logger log = LoggerFactory.getLogger(PullingGroupStats.class);
  static final int KEPT_DAYS = 60;

  /** What a pull did: owners asked, rows inserted or changed, owners that failed. */
  public record Pull(String corpId, LocalDate from, LocalDate to, int owners, int rowsChanged, int failures) {
  }

  private final GroupStatsQueries queries;
  private final Function<String, RemoteCommunity> remote;
  private final Clock clock;
  private final ZoneId zone;

  public PullingGroupStats(GroupStatsQueries queries, Function<String, RemoteCommunity> remote, Clock clock,
      ZoneId zone) {
    this.queries = queries;
    this.remote = remote;
    this.clock = clock;
    this.zone = zone;
  }

  /** The last {@code days} days up to yesterday (today's figures are not final). */
  public Pull pullRecent(String corpId, int days) {
    LocalDate yesterday = LocalDate.now(clock.withZone(zone)).minusDays(1);
    return pull(corpId, yesterday.minusDays(Math.max(1, days) - 1L), yesterday);
  }

  public Pull pull(String corpId, LocalDate from, LocalDate to) {
    LocalDate today = LocalDate.now(clock.withZone(zone));
    if (to.isBefore(from) || to.isAfter(today)) {
      throw CommunityException.invalid("日期范围不正确（结束日期不能晚于今天，也不能早于开始日期）", from + ".." + to);
    }
    if (ChronoUnit.DAYS.between(from, today) > KEPT_DAYS) {
      throw CommunityException.invalid("企业微信只保留最近 60 天的群统计数据", from + ".." + to);
    }
    List<String> owners = queries.owners(corpId);
    int changed = 0;
    int failures = 0;
    RemoteCommunity community = remote.apply(corpId);
    for (String owner : owners) {
      try {
        changed += queries.upsertWeComStats(corpId, owner, community.groupStatsByDay(owner, from, to),
            clock.instant());
      } catch (RemoteCallException e) {
        failures++;
        log.warn("Group statistics of owner {} in corp {} not pulled: {}", owner, corpId, e.getMessage());
        if (e.kind() == RemoteCallException.Kind.CONFIGURATION) {
          throw CommunityException.wecom(e);
        }
      }
    }
    log.info("Group statistics of corp {} for {}..{}: {} owners, {} rows changed, {} failed", corpId, from, to,
        owners.size(), changed, failures);
    return new Pull(corpId, from, to, owners.size(), changed, failures);
  }

  /** WeCom's statistics as pulled, of the groups {@code owners} own (a store manager's scope; null: every owner). */
  public List<GroupStatsQueries.OwnerDayStat> stored(String corpId, LocalDate from, LocalDate to,
      Collection<String> owners) {
    GroupAnalytics.checkRange(from, to);
    return queries.weComStats(corpId, from, to, owners);
  }
}
