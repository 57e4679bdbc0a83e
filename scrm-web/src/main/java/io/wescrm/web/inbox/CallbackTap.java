package io.wescrm.web.inbox;

import io.wescrm.core.inbox.InboxEvent;

/**
 * Sees every callback right after its inbox write committed, on the request thread, before the 200: for work that
 * cannot wait for the ordered applier (welcome messages have 20 s). Must not block; hand work off.
 */
public interface CallbackTap {

  /** @param arrivedAtMillis when the request arrived (epoch ms) */
  void stored(InboxEvent event, long arrivedAtMillis);
}
