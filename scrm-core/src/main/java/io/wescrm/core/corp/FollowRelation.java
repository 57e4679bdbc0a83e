package io.wescrm.core.corp;

import java.time.Instant;
import java.util.List;

/**
 * One staff member following one customer. WeCom keeps remark, description, add_way, state and corp tags per pair.
 *
 * @param tagIds corp tag ids on this pair (personal tags are not visible through the API)
 */
public record FollowRelation(String userid, String externalUserId, String remark, String description,
    String remarkCorpName, List<String> remarkMobiles, Integer addWay, String state, String operUserid,
    Instant addedAt, List<String> tagIds) {

  public FollowRelation {
    remarkMobiles = remarkMobiles == null ? List.of() : List.copyOf(remarkMobiles);
    tagIds = tagIds == null ? List.of() : List.copyOf(tagIds);
  }
}
