package io.wescrm.web.api;

import io.wescrm.core.remote.RemoteCorps;
import org.springframework.stereotype.Component;

/** The API's answer to a corp this deployment does not serve: 404 CORP_NOT_FOUND. */
@Component
public class KnownCorps {

  private final RemoteCorps corps;

  KnownCorps(RemoteCorps corps) {
    this.corps = corps;
  }

  public void require(String corpId) {
    if (!corps.corpIds().contains(corpId)) {
      throw ApiException.notFound("CORP_NOT_FOUND", "企业未配置", "unknown corp " + corpId);
    }
  }
}
