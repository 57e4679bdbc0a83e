package io.wescrm.core.campaigns;

import java.time.Instant;

/** One fire of a campaign: its audience planned into deliveries, dispatched as WeCom tasks, followed to results. */
public record CampaignRun(long id, String corpId, long campaignId, int version, String occurrence,
    String triggerSource, CampaignDefinition.Channel channel, Status status, Integer sopStep, Instant dueAt,
    Instant deadlineAt, long audience, long planned, long heldBack, String error, Instant createdAt,
    Instant plannedAt, Instant finishedAt) {

  public enum Status {
    /** Waiting for its due time or being planned (deliveries written). */
    PLANNING,
    /** Tasks are being created in WeCom. */
    DISPATCHING,
    /** Every task exists; waiting for staff to confirm and for results. */
    WAITING,
    /** Operator paused it: no new task is created until resumed (results are still followed). */
    PAUSED,
    CANCELLED,
    /** Every delivery is final. */
    DONE,
    /** Planning failed for good (the error says why). */
    FAILED;

    public boolean finished() {
      return this == CANCELLED || this == DONE || this == FAILED;
    }
  }
}
