package io.wescrm.core.community;

import java.time.Instant;

/** A group welcome template we created in WeCom ({@code templateId}) and keep, with a name of our own. */
public record GroupWelcomeTemplate(long id, String corpId, String templateId, String name,
    GroupWelcomeContent content, boolean notifyOwners, Instant createdAt, Instant updatedAt, Instant deletedAt) {

  public boolean deleted() {
    return deletedAt != null;
  }
}
