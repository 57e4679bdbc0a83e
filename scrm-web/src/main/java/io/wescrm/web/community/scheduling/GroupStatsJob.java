package io.wescrm.web.community.scheduling;

import io.wescrm.core.community.JoinWayManagement;
import io.wescrm.core.community.PullingGroupStats;
import io.wescrm.core.remote.RemoteCorps;
import io.wescrm.web.community.CommunityProperties;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.quartz.QuartzJobBean;

/**
 * Pulls WeCom's daily group statistics of every corp for the last {@code scrm.community.stats-days} days, after
 * reading the 群活码's chats back from WeCom (rooms it created count for the way's store).
 */
@DisallowConcurrentExecution
public class GroupStatsJob extends QuartzJobBean {

  private static final Logger log = LoggerFactory.getLogger(GroupStatsJob.class);

  private final PullingGroupStats pulls;
  private final JoinWayManagement joinWays;
  private final RemoteCorps corps;
  private final CommunityProperties properties;

  public GroupStatsJob(PullingGroupStats pulls, JoinWayManagement joinWays, RemoteCorps corps,
      CommunityProperties properties) {
    this.pulls = pulls;
    this.joinWays = joinWays;
    this.corps = corps;
    this.properties = properties;
  }

  @Override
  protected void executeInternal(JobExecutionContext context) {
    for (String corpId : corps.corpIds()) {
      try {
        joinWays.refreshChats(corpId);
      } catch (RuntimeException e) {
        log.warn("Join ways of corp {} not refreshed: {}", corpId, e.toString());
      }
      try {
        pulls.pullRecent(corpId, properties.statsDays());
      } catch (RuntimeException e) {
        log.warn("Group statistics pull of corp {} failed: {}", corpId, e.toString());
      }
    }
  }
}
