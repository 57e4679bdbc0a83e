package io.wescrm.web.acquisition;

import io.wescrm.core.remote.RemoteCorps;
import io.wescrm.web.api.ApiException;
import org.springframework.stereotype.Component;

/** 404 CORP_NOT_FOUND for a corp this deployment does not serve. */
@Component
class AcquisitionCorps {

  private final RemoteCorps corps;

  AcquisitionCorps(RemoteCorps corps) {
    this.corps = corps;
  }

  void require(String corpId) {
    if (!corps.corpIds().contains(corpId)) {
      throw ApiException.notFound("CORP_NOT_FOUND", "企业未配置", "unknown corp " + corpId);
    }
  }
}
