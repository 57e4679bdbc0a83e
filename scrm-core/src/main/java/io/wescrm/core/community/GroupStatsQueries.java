package io.wescrm.core.community;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;

/**
 * The reads behind the group analytics: member events, members at a time, groups and WeCom's daily statistics.
 * {@code owners}: a store manager's scope (the groups owned by those staff); null for every group.
 */
public interface GroupStatsQueries {

  /**
   * Joins and leaves of the days {@code from}…{@code to} grouped by day, chat, kind, scene and the joining member's
   * state (null for leaves and for joins through no 群活码).
   */
  record EventCount(LocalDate day, String chatId, boolean join, Integer scene, String state, long count) {
  }

  List<EventCount> events(String corpId, LocalDate from, LocalDate to, Collection<String> owners);

  /** A live or dismissed group with its owner and members at {@code at} (joined before, not left before). */
  record GroupAt(String chatId, String owner, long members) {
  }

  /** Groups created before {@code at} and not dismissed by then, with their members at that time. */
  List<GroupAt> groupsAt(String corpId, Instant at, Collection<String> owners);

  /** WeCom's statistics, upserted per (corp, owner, day): returns rows inserted or changed. */
  int upsertWeComStats(String corpId, String owner, List<RemoteCommunity.DayStat> days, Instant now);

  /** WeCom's statistics of the days, per owner and day. */
  List<OwnerDayStat> weComStats(String corpId, LocalDate from, LocalDate to, Collection<String> owners);

  record OwnerDayStat(String owner, RemoteCommunity.DayStat stat) {
  }

  /** Owners of live groups (the ones WeCom's statistics are pulled for). */
  List<String> owners(String corpId);
}
