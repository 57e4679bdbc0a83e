package io.wescrm.core.campaigns;

import java.time.Instant;
import java.util.Optional;

/** Uploaded images and files for attachments, with the WeCom media id of their last upload. */
public interface CampaignAssets {

  record Asset(long id, String corpId, String kind, String fileName, byte[] content, String mediaId,
      Instant mediaExpiresAt) {
  }

  Optional<Asset> asset(String corpId, long id);

  void mediaUploaded(long id, String mediaId, Instant expiresAt);
}
