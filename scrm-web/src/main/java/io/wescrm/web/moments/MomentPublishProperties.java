package io.wescrm.web.moments;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of 朋友圈 publishing ({@code scrm.moments.publish.*}). See docs/moments.md.
 *
 * @param idle how long the workers wait when there is nothing to do (a new task wakes them)
 * @param lease how long a node holds a publish it works on (a dead node's work is taken over after this)
 * @param firstPoll the first get_moment_task_result after add_moment_task
 * @param minPoll the shortest interval between polls of one publish
 * @param maxPoll the longest interval between polls of one publish (polls slow down as a publish ages)
 * @param adoptWindow how long a create whose answer was lost is looked for in get_moment_list before it fails
 * @param retryBackoff the wait after a refusal that created nothing and may pass (busy; 41078 and 45009 wait 60 s)
 * @param publishWithin the default deadline for staff to publish, from the moment's creation
 * @param remindBefore the default reminder time, before the deadline
 * @param zone the zone of schedules without one and of the deadline in reminders
 * @param duplicateCheckSeconds message/send's duplicate check for reminders
 */
@ConfigurationProperties("scrm.moments.publish")
public record MomentPublishProperties(Duration idle, Duration lease, Duration firstPoll, Duration minPoll,
    Duration maxPoll, Duration adoptWindow, Duration retryBackoff, Duration publishWithin, Duration remindBefore,
    String zone, Integer duplicateCheckSeconds) {

  public MomentPublishProperties {
    idle = idle == null ? Duration.ofSeconds(2) : idle;
    lease = lease == null ? Duration.ofMinutes(2) : lease;
    firstPoll = firstPoll == null ? Duration.ofSeconds(5) : firstPoll;
    minPoll = minPoll == null ? Duration.ofSeconds(30) : minPoll;
    maxPoll = maxPoll == null ? Duration.ofMinutes(15) : maxPoll;
    adoptWindow = adoptWindow == null ? Duration.ofMinutes(30) : adoptWindow;
    retryBackoff = retryBackoff == null ? Duration.ofMinutes(1) : retryBackoff;
    publishWithin = publishWithin == null ? Duration.ofHours(24) : publishWithin;
    remindBefore = remindBefore == null ? Duration.ofHours(2) : remindBefore;
    zone = zone == null || zone.isBlank() ? "Asia/Shanghai" : zone;
    duplicateCheckSeconds = duplicateCheckSeconds == null ? 1_800 : duplicateCheckSeconds;
  }
}
