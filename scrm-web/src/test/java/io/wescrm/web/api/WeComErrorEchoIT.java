package io.wescrm.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.wescrm.web.SimulatedCorps;
import io.wescrm.web.testing.Api;
import io.wescrm.web.testing.WithSimulator;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * WeCom's errmsg (it names our egress IP: "not allow to access from your ip, … from ip: …") never reaches an API
 * caller: the answer has the errcode and the catalogue's Chinese text; the errmsg is only logged.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"scrm.metrics.refresh=100ms", "scrm.node=node-ops-it"})
@WithSimulator(seed = {2, 2, 4, 2, 1, 1})
class WeComErrorEchoIT {

  @Autowired
  SimulatedCorps corps;

  @LocalServerPort
  int port;

  @Test
  void aWeComErrorAnswersItsCodeAndChineseTextButNotWeComsErrmsg() {
    String corpId = corps.corpId(0);
    Api api = new Api("http://127.0.0.1:" + port + "/api/corps/" + corpId);
    corps.simulator().faults().failNext("externalcontact/add_corp_tag", corpId, 1, 60020);
    JsonNode error = api.post("/tags", "{\"groupName\": \"回显测试\", \"tags\": [{\"name\": \"甲\"}]}", 502);
    assertThat(error.path("code").asString()).isEqualTo("wecom_error");
    assertThat(error.path("detail").asString()).matches(".*\\p{IsHan}.*").doesNotContain("hint")
        .doesNotContain("more info").doesNotContain("ip");
    assertThat(error.path("errcode").asInt()).isEqualTo(60020);
    assertThat(error.path("wecomApi").asString()).contains("add_corp_tag");
    assertThat(error.toString()).doesNotContain("sim-injected").doesNotContain("open.work.weixin.qq.com");
  }
}
