package io.wescrm.core.campaigns;

/** WeCom's group-send (群发), media and app-message operations, per configured corp. */
@FunctionalInterface
public interface RemoteCampaigns {

  /** The group-send side of one configured corp. */
  RemoteCampaign campaign(String corpId);
}
