package io.wescrm.wecom.client;

import io.wescrm.core.tag.RemoteTags;
import java.util.Collection;

/** {@link RemoteTags} over WxJava. */
final class WeComRemoteTags implements RemoteTags {

  static final String MARK_TAG = "externalcontact/mark_tag";

  private final WeComClient client;
  private final CallCounter counter = new CallCounter();

  WeComRemoteTags(WeComClient client) {
    this.client = client;
  }

  @Override
  public void markTag(String userid, String externalUserid, Collection<String> add, Collection<String> remove) {
    String[] adds = add.isEmpty() ? null : add.toArray(String[]::new);
    String[] removes = remove.isEmpty() ? null : remove.toArray(String[]::new);
    // setting tags is idempotent: a retry after a lost answer does no harm
    client.call(MARK_TAG, counter, wx -> wx.getExternalContactService().markTag(userid, externalUserid, adds, removes));
  }
}
