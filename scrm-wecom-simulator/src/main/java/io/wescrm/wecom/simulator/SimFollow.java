package io.wescrm.wecom.simulator;

import java.util.List;

/**
 * A follow relation: one staff member's view of one customer, with the corp tag ids on it.
 *
 * @param createTime epoch seconds
 * @param addWay     WeCom's add_way code (1 QR code, 2 mobile search, 3 card share, 16 acquisition link …)
 * @param state      the contact-way state, or null
 * @param operUserid who started the add: the staff userid, or the customer's external userid
 */
public record SimFollow(String userid, String externalUserId, String remark, String description, long createTime,
    int addWay, String state, String operUserid, String remarkCorpName, List<String> remarkMobiles,
    List<String> tagIds) {

  public SimFollow {
    remarkMobiles = List.copyOf(remarkMobiles);
    tagIds = List.copyOf(tagIds);
  }
}
