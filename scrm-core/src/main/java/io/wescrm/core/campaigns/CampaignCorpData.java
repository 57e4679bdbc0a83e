package io.wescrm.core.campaigns;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** What campaigns read of a corp besides the ledger: template names, tags and customers' names. */
public interface CampaignCorpData {

  Set<String> tagGroupNames(String corpId);

  Set<String> attributeNames(String corpId);

  boolean liveTag(String corpId, String tagId);

  /** Which of the tag ids exist and are not deleted, in one query. */
  Set<String> liveTags(String corpId, Set<String> tagIds);

  /** external_userid → name, for the ids given. */
  Map<String, String> customerNames(String corpId, List<String> externalUserIds);
}
