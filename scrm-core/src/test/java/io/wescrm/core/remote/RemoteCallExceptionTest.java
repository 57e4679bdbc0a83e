package io.wescrm.core.remote;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RemoteCallExceptionTest {

  @Test
  void theMessageKeepsWeComsReasonButNotOurEgressIpOrItsHints() {
    RemoteCallException e = new RemoteCallException("externalcontact/add_corp_tag", 60020,
        RemoteCallException.Kind.CONFIGURATION, "not allow to access from your ip, hint: [1700000000_12_ab], "
            + "from ip: 203.0.113.7, more info at https://open.work.weixin.qq.com/devtool/query?e=60020", null);
    assertThat(e.getMessage()).contains("60020").contains("not allow to access from your ip")
        .doesNotContain("203.0.113.7").doesNotContain("hint").doesNotContain("open.work.weixin.qq.com");
    assertThat(RemoteCallException.withoutOrigin("ip 10.1.2.3 blocked")).isEqualTo("ip *.*.*.* blocked");
    assertThat(RemoteCallException.withoutOrigin(null)).isNull();
  }
}
