package io.wescrm.web.moments;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the moments poll ({@code scrm.moments.*}). See docs/moments.md.
 *
 * @param cron when the poll runs (Quartz cron; default every 15 minutes)
 * @param backfillDays how far back a new corp's history is read (its first passes)
 * @param recheckDays moments younger than this have their likes and comments re-read on every pass
 * @param maxWindows the most 30-day windows one pass lists (a back-fill deeper than that resumes on the next pass)
 * @param listOverlap how far before the watermark each pass starts listing
 * @param parallelism WeCom calls one pass has in flight at most (default: {@code scrm.wecom.api-concurrency})
 */
@ConfigurationProperties("scrm.moments")
public record MomentsProperties(String cron, Integer backfillDays, Integer recheckDays, Integer maxWindows,
    Duration listOverlap, Integer parallelism) {

  public MomentsProperties {
    cron = cron == null || cron.isBlank() ? "0 0/15 * * * ?" : cron;
    backfillDays = backfillDays == null ? 90 : backfillDays;
    recheckDays = recheckDays == null ? 7 : recheckDays;
    maxWindows = maxWindows == null ? 4 : maxWindows;
    listOverlap = listOverlap == null ? Duration.ofMinutes(10) : listOverlap;
    if (parallelism != null && parallelism < 1) {
      throw new IllegalArgumentException("scrm.moments.parallelism must be at least 1");
    }
  }
}
