package io.wescrm.core.campaigns;

import java.util.List;
import java.util.Optional;

/** Versioned campaigns, as the runs read them. */
public interface CampaignStore {

  Optional<Campaign> find(String corpId, long id);

  /** The definition of one version (runs keep the version they were planned with). */
  Optional<CampaignDefinition> definition(long campaignId, int version);

  /** Active campaigns of a kind across every corp (SOP enrolment, schedule sync). */
  List<Campaign> active(CampaignDefinition.Kind kind);
}
