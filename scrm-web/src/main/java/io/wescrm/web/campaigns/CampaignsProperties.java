package io.wescrm.web.campaigns;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of campaigns ({@code scrm.campaigns.*}). See docs/campaigns.md.
 *
 * @param zone the corps' time zone: schedules, quiet hours, caps' natural days/weeks/months
 * @param quietHours 免打扰 window {@code HH:mm-HH:mm} (e.g. 21:00-09:00; empty = none): nothing is sent inside it,
 *     a step due inside is moved to its end
 * @param capPerDay default per-customer cap per day across campaigns (0 = none); a campaign's limits refine it
 * @param capPerWeek default cap per natural week
 * @param capPerMonth default cap per natural month (WeCom's documented 4 a month)
 * @param dispatchThreads concurrent add_msg_template calls per node (the call gate bounds them cluster-wide)
 * @param lease how long a node holds a task it is sending or a run it is planning before another takes over
 * @param adoptGrace how long after an unknown outcome WeCom has to list the task before it is sent again
 * @param firstPoll first result poll after a task was created
 * @param minPoll shortest interval between result polls of a task
 * @param maxPoll longest interval between result polls of a task
 * @param dispatchingBackoff wait after 41063 (still dispatching)
 * @param remindAfter default time between reminders of an unconfirmed sender
 * @param rateLimitBackoff wait after 45009
 * @param retryBackoff wait after a transient failure WeCom certainly did not act on
 * @param idle how long the workers sleep when there is nothing to do
 * @param sopTick how often SOP steps that came due are turned into runs
 */
@ConfigurationProperties("scrm.campaigns")
public record CampaignsProperties(String zone, String quietHours, Integer capPerDay, Integer capPerWeek,
    Integer capPerMonth, Integer dispatchThreads, Duration lease, Duration adoptGrace, Duration firstPoll,
    Duration minPoll, Duration maxPoll, Duration dispatchingBackoff, Duration remindAfter, Duration rateLimitBackoff,
    Duration retryBackoff, Duration idle, Duration sopTick, Integer singleChunk, Integer groupChunk,
    Integer staffTaskChunk) {

  public CampaignsProperties {
    zone = zone == null || zone.isBlank() ? "Asia/Shanghai" : zone;
    quietHours = quietHours == null ? "21:00-09:00" : quietHours;
    capPerDay = capPerDay == null ? 0 : capPerDay;
    capPerWeek = capPerWeek == null ? 0 : capPerWeek;
    capPerMonth = capPerMonth == null ? 4 : capPerMonth;
    dispatchThreads = dispatchThreads == null ? 4 : dispatchThreads;
    lease = lease == null ? Duration.ofSeconds(60) : lease;
    adoptGrace = adoptGrace == null ? Duration.ofSeconds(60) : adoptGrace;
    firstPoll = firstPoll == null ? Duration.ofSeconds(5) : firstPoll;
    minPoll = minPoll == null ? Duration.ofSeconds(10) : minPoll;
    maxPoll = maxPoll == null ? Duration.ofMinutes(10) : maxPoll;
    dispatchingBackoff = dispatchingBackoff == null ? Duration.ofSeconds(10) : dispatchingBackoff;
    remindAfter = remindAfter == null ? Duration.ofHours(2) : remindAfter;
    rateLimitBackoff = rateLimitBackoff == null ? Duration.ofSeconds(60) : rateLimitBackoff;
    retryBackoff = retryBackoff == null ? Duration.ofSeconds(10) : retryBackoff;
    idle = idle == null ? Duration.ofSeconds(1) : idle;
    sopTick = sopTick == null ? Duration.ofSeconds(30) : sopTick;
    singleChunk = singleChunk == null ? 10_000 : singleChunk;
    groupChunk = groupChunk == null ? 2_000 : groupChunk;
    staffTaskChunk = staffTaskChunk == null ? 1 : staffTaskChunk;
  }
}
