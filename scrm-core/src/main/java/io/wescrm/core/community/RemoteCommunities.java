package io.wescrm.core.community;

/** WeCom's community operations, per configured corp. */
@FunctionalInterface
public interface RemoteCommunities {

  RemoteCommunity community(String corpId);
}
