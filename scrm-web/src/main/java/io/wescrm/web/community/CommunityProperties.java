package io.wescrm.web.community;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the community slice ({@code scrm.community.*}).
 *
 * @param zone the corps' calendar: the days of the group analytics (WeCom counts China days)
 * @param statsCron when WeCom's daily group statistics are pulled (statistic_group_by_day per owner)
 * @param statsDays how many days back each pull asks for (≤ 60: WeCom keeps 60 days); late corrections are upserted
 */
@ConfigurationProperties("scrm.community")
public record CommunityProperties(String zone, String statsCron, Integer statsDays) {

  public CommunityProperties {
    zone = zone == null || zone.isBlank() ? "Asia/Shanghai" : zone;
    statsCron = statsCron == null || statsCron.isBlank() ? "0 30 6 * * ?" : statsCron;
    statsDays = statsDays == null ? 3 : Math.max(1, Math.min(60, statsDays));
  }
}
