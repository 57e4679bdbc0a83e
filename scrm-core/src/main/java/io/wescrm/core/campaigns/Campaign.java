package io.wescrm.core.campaigns;

import java.time.Instant;

/** A stored campaign: its header and current version's definition. */
public record Campaign(long id, String corpId, String name, CampaignDefinition.Kind kind, Status status, int version,
    String preset, CampaignDefinition definition, Instant createdAt, Instant updatedAt) {

  public enum Status {
    /** Fires on its schedule (an SOP enrols and sends). */
    ACTIVE,
    /** Fires nothing and enrols nobody until resumed; runs already started go on unless paused themselves. */
    PAUSED
  }
}
