package io.wescrm.core.acquisition;

import java.time.Instant;
import java.util.Optional;

/** First-touch attribution per customer, and the names a welcome message needs. */
public interface Attributions {

  /** The channel, store and staff member that brought a customer in. */
  record Attribution(String corpId, String externalUserId, String userid, String state, Long contactWayId,
      String channel, String campaign, Long storeDeptId, String storeName, Instant addedAt) {
  }

  /** Stores the first touch; a customer already attributed keeps the first one. Returns true when stored. */
  boolean recordFirstTouch(Attribution attribution, Instant now);

  /**
   * Stores the first touch of several adds at once, in list order (of two adds of one customer the earlier wins);
   * returns how many customers got their first touch.
   */
  default int recordFirstTouches(java.util.List<Attribution> attributions, Instant now) {
    int stored = 0;
    for (Attribution a : attributions) {
      stored += recordFirstTouch(a, now) ? 1 : 0;
    }
    return stored;
  }

  Optional<Attribution> find(String corpId, String externalUserId);

  /** The customer's name in our database, if we have it. */
  Optional<String> customerName(String corpId, String externalUserId);

  Optional<String> staffName(String corpId, String userid);

  /** The member's main department. */
  Optional<Long> staffMainDepartment(String corpId, String userid);

  Optional<String> departmentName(String corpId, long deptId);

  /** A relation without a first touch: {@link #unattributed}. */
  record Unattributed(long id, String userid, String externalUserId, String state, Instant addedAt) {
  }

  /**
   * Relations written since {@code createdSince} by a sync pass (not by the callback path), added in WeCom since
   * {@code addedSince}, whose customer has no first touch: adds whose callbacks never arrived. A page of at most
   * {@code limit} in relation id order, after {@code afterId}.
   */
  java.util.List<Unattributed> unattributed(String corpId, Instant createdSince, Instant addedSince, long afterId,
      int limit);
}
