package io.wescrm.core.acquisition;

import java.time.Instant;
import java.util.List;

/** Customer transfers we asked WeCom for, one row per customer and request. */
public interface Transfers {

  /** Where a transfer stands. WAITING is the only non-final status. */
  enum Status { WAITING, DONE, REFUSED, TAKEOVER_LIMIT, NO_RECORD, REJECTED }

  /** A transfer row. */
  record Transfer(long id, String corpId, boolean resigned, String handover, String takeover, String externalUserId,
      Status status, Integer errcode, String reason, Instant takeoverTime, Instant requestedAt, Instant updatedAt) {
  }

  long insert(Transfer transfer);

  /** Moves a WAITING row to its next status (final ones are never changed again). */
  boolean update(long id, Status status, Integer errcode, String reason, Instant takeoverTime, Instant now);

  default List<Transfer> list(String corpId, Status status, String externalUserId, int limit) {
    return list(corpId, status, externalUserId, limit, null);
  }

  /**
   * The newest transfers; with a {@code staffScope} (a store manager's staff) only those whose handover or takeover
   * is one of them (in the query).
   */
  List<Transfer> list(String corpId, Status status, String externalUserId, int limit,
      java.util.Collection<String> staffScope);

  /** Distinct (kind, handover, takeover) with WAITING rows. */
  List<Transfer> waitingPairs(String corpId);

  List<Transfer> waiting(String corpId, boolean resigned, String handover, String takeover);

  /** The WAITING row of a customer to a takeover member, if any. */
  java.util.Optional<Transfer> waitingFor(String corpId, String takeover, String externalUserId);
}
