package io.wescrm.core.acquisition;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** The contact ways we created, by id, state or config id. */
public interface ContactWays {

  /** Stores a new way; returns its id. A taken state fails with {@link AcquisitionException} (CONFLICT). */
  long insert(ContactWay way);

  void update(ContactWay way);

  void markDeleted(String corpId, long id, Instant at);

  Optional<ContactWay> find(String corpId, long id);

  /** The way with this state, deleted ones included (their customers keep their attribution). */
  Optional<ContactWay> byState(String corpId, String state);

  List<ContactWay> list(String corpId, boolean includeDeleted);

  /** Adds of one day through a way and how many of them are still friends after 7 and 30 days. */
  record DayStats(LocalDate day, long adds, long stillFriends7d, long stillFriends30d, long eligible7d,
      long eligible30d) {
  }

  /** Per-day stats of relations whose state is the way's state, days in [from, to]. */
  List<DayStats> stats(String corpId, String state, LocalDate from, LocalDate to, Instant now);

  /** Live corp tag ids among {@code tagIds}. */
  List<String> liveTags(String corpId, List<String> tagIds);

  /** Known, not deleted staff among {@code userids}. */
  List<String> knownStaff(String corpId, List<String> userids);

  /** Whether the department exists (not deleted). */
  boolean departmentExists(String corpId, long deptId);
}
