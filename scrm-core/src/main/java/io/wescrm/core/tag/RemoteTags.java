package io.wescrm.core.tag;

import java.util.Collection;

/**
 * The write side of WeCom's corp tags for one corp. Implementations handle tokens, retries and rate limits and throw
 * {@link io.wescrm.core.sync.RemoteCallException} when a call fails for good.
 */
public interface RemoteTags {

  /** {@code externalcontact/mark_tag}: add and remove corp tags on one follow relation. */
  void markTag(String userid, String externalUserid, Collection<String> add, Collection<String> remove);
}
