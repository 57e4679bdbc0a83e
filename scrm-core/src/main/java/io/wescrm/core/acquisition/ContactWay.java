package io.wescrm.core.acquisition;

import java.time.Instant;
import java.util.List;

/**
 * A contact way (渠道活码) we created, with what WeCom does not keep for us: which store, channel and campaign its
 * state stands for, the welcome message and the tags applied to customers who come through it.
 *
 * @param state ≤ 30 characters, unique per corp (also after delete)
 * @param storeDeptId the store (a department) its customers are attributed to; null when none
 */
public record ContactWay(long id, String corpId, String configId, String state, String name, Kind kind,
    List<String> userids, List<Long> departmentIds, Long storeDeptId, String channel, String campaign,
    String remark, int scene, boolean skipVerify, String qrCode, WelcomeTemplate welcome, List<String> tagIds,
    Instant createdAt, Instant updatedAt, Instant deletedAt) {

  /** Who answers the code. */
  public enum Kind {
    /** one staff member (WeCom type 1) */
    STAFF,
    /** several staff members (type 2) */
    MULTI,
    /** every member of a store (department; type 2 with party) */
    STORE,
    /** a campaign: several members and/or departments (type 2) */
    CAMPAIGN
  }

  public ContactWay {
    userids = userids == null ? List.of() : List.copyOf(userids);
    departmentIds = departmentIds == null ? List.of() : List.copyOf(departmentIds);
    tagIds = tagIds == null ? List.of() : List.copyOf(tagIds);
  }

  /**
   * A store's way (its store scope, docs/security.md): attributed to one of {@code stores}, answered by one of their
   * departments, or by one of their {@code staff}.
   */
  public boolean ofStore(java.util.Collection<Long> stores, java.util.Collection<String> staff) {
    return (storeDeptId != null && stores.contains(storeDeptId)) || departmentIds.stream().anyMatch(stores::contains)
        || userids.stream().anyMatch(staff::contains);
  }

  public boolean deleted() {
    return deletedAt != null;
  }
}
