package io.wescrm.wecom.client;

import me.chanjar.weixin.common.error.WxErrorException;
import me.chanjar.weixin.common.util.http.RequestExecutor;
import me.chanjar.weixin.cp.api.impl.WxCpServiceImpl;

/**
 * WxJava's HttpClient 4 service without its own retry loop: WxJava sleeps 1 s·2ⁿ on -1 and then replaces the errcode
 * with a generic runtime exception. {@link WeComClient} retries instead, with errcode-aware back-off and limits.
 * The token refresh on 40014/42001 (once per request) is kept.
 */
class ScrmWxCpService extends WxCpServiceImpl {

  @Override
  public <T, E> T execute(RequestExecutor<T, E> executor, String uri, E data) throws WxErrorException {
    return executeInternal(executor, uri, data, false);
  }
}
