package io.wescrm.wecom.client;

import io.wescrm.core.acquisition.RemoteAcquisitions;
import io.wescrm.core.campaigns.RemoteCampaign;
import io.wescrm.core.campaigns.RemoteCampaigns;
import io.wescrm.core.moments.RemoteMoment;
import io.wescrm.core.moments.RemoteMomentPublishing;
import io.wescrm.core.moments.RemoteMomentTasks;
import io.wescrm.core.moments.RemoteMoments;
import io.wescrm.core.community.RemoteCommunities;
import io.wescrm.core.community.RemoteCommunity;
import io.wescrm.core.remote.RemoteCorp;
import io.wescrm.core.remote.RemoteCorps;
import io.wescrm.core.remote.RemoteTags;
import java.util.List;

/** {@link RemoteCorps}, {@link RemoteAcquisitions}, {@link RemoteCampaigns}, {@link RemoteMoments},
 * {@link RemoteMomentPublishing} and {@link RemoteCommunities} over WxJava. */
public final class WeComRemoteCorps implements RemoteCorps, RemoteAcquisitions, RemoteCampaigns, RemoteMoments,
    RemoteMomentPublishing, RemoteCommunities {

  private final WeComClients clients;
  private final CallGate welcomeGate;

  public WeComRemoteCorps(WeComClients clients) {
    this(clients, null);
  }

  /**
   * @param welcomeGate admits the welcome path's calls (send_welcome_msg and its externalcontact/get) apart from
   *     everything else; null shares the clients' gate
   */
  public WeComRemoteCorps(WeComClients clients, CallGate welcomeGate) {
    this.clients = clients;
    this.welcomeGate = welcomeGate;
  }

  @Override
  public List<String> corpIds() {
    return clients.corpIds();
  }

  @Override
  public RemoteCorp open(String corpId) {
    return new WeComRemoteCorp(clients.of(corpId));
  }

  @Override
  public RemoteTags tags(String corpId) {
    return new WeComRemoteTags(clients.of(corpId));
  }

  @Override
  public io.wescrm.core.acquisition.RemoteAcquisition acquisition(String corpId) {
    return new WeComRemoteAcquisition(clients.of(corpId), welcomeGate);
  }

  @Override
  public RemoteCampaign campaign(String corpId) {
    return new WeComRemoteCampaign(clients.of(corpId));
  }

  @Override
  public RemoteMoment moments(String corpId) {
    return new WeComRemoteMoments(clients.of(corpId));
  }

  @Override
  public RemoteMomentTasks momentTasks(String corpId) {
    return new WeComRemoteMomentTasks(clients.of(corpId));
  }

  @Override
  public RemoteCommunity community(String corpId) {
    return new WeComRemoteCommunity(clients.of(corpId));
  }

  @Override
  public String corpName(String corpId) {
    return clients.properties().corp(corpId).name();
  }
}
