package io.wescrm.wecom.simulator;

import static io.wescrm.wecom.simulator.SimTestClient.errcode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import me.chanjar.weixin.cp.api.WxCpService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** gettoken, token validity, expiry and the errors around them. */
class TokenTest {

  private WeComSimulator sim;
  private SimCorp corp;
  private SimTestClient client;

  @BeforeEach
  void start() {
    sim = WeComSimulator.start(SimulatorOptions.of(
        new SimCorpSpec("wwtokens", "令牌测试", "right-secret", 1000005, SeedSize.of(1, 4, 20, 25, 2, 5), 3L)));
    corp = sim.corp("wwtokens");
    client = new SimTestClient(sim);
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  private JsonObject gettoken(String corpId, String secret) {
    return client.get("gettoken", null, Map.of("corpid", corpId, "corpsecret", secret));
  }

  private JsonObject followers(String token) {
    return client.get("externalcontact/get_follow_user_list", token, Map.of());
  }

  @Test
  void returnsTheSameTokenWithinValidity() {
    JsonObject first = gettoken("wwtokens", "right-secret");
    JsonObject second = gettoken("wwtokens", "right-secret");
    assertThat(errcode(first)).isZero();
    assertThat(first.get("access_token").getAsString()).isEqualTo(second.get("access_token").getAsString());
    assertThat(first.get("expires_in").getAsInt()).isBetween(7190, 7200);
  }

  @Test
  void rejectsBadCredentialsAndTokens() {
    assertThat(errcode(gettoken("wwtokens", "wrong-secret"))).isEqualTo(40001);
    assertThat(errcode(gettoken("wwnosuchcorp", "right-secret"))).isEqualTo(40013);
    assertThat(errcode(client.get("externalcontact/get_follow_user_list", null, Map.of()))).isEqualTo(41001);
    assertThat(errcode(followers("not-a-real-token"))).isEqualTo(40014);
    JsonObject ok = followers(client.token(corp));
    assertThat(errcode(ok)).isZero();
    assertThat(ok.getAsJsonArray("follow_user")).hasSize(corp.counts().followStaff());
  }

  @Test
  void expiredTokensAnswer42001UntilANewOneIsFetched() {
    String old = client.token(corp);
    corp.expireTokens();
    assertThat(errcode(followers(old))).isEqualTo(42001);
    String fresh = client.token(corp);
    assertThat(fresh).isNotEqualTo(old);
    assertThat(errcode(followers(fresh))).isZero();
    assertThat(errcode(followers(old))).isEqualTo(42001);
  }

  @Test
  void tokensExpireAfterTheConfiguredLifetime() throws Exception {
    corp.tokenTtl(Duration.ofSeconds(1));
    JsonObject answer = gettoken("wwtokens", "right-secret");
    assertThat(answer.get("expires_in").getAsInt()).isEqualTo(1);
    String token = answer.get("access_token").getAsString();
    assertThat(errcode(followers(token))).isZero();
    await("the token expired").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
        .until(() -> errcode(followers(token)) == 42001);
  }

  @Test
  void wxJavaRecoversFromExpiredTokensByItself() throws Exception {
    WxCpService wx = WxJavaAgainstSimulatorTest.stockClient(sim, corp);
    String first = wx.getAccessToken();
    corp.expireTokens();
    List<String> followers = wx.getExternalContactService().listFollowers();
    assertThat(followers).isEqualTo(corp.followUserIds());
    assertThat(wx.getAccessToken()).isNotEqualTo(first);
    assertThat(sim.stats().errors(42001)).isEqualTo(1);
    assertThat(sim.stats().calls("gettoken")).isEqualTo(2);
  }

  @Test
  void anInjected42001ReallyExpiresTheToken() throws Exception {
    WxCpService wx = WxJavaAgainstSimulatorTest.stockClient(sim, corp);
    String first = wx.getAccessToken();
    sim.faults().failNext("externalcontact/get_follow_user_list", 1, 42001);
    assertThat(wx.getExternalContactService().listFollowers()).isEqualTo(corp.followUserIds());
    assertThat(sim.stats().injectedErrors(42001)).isEqualTo(1);
    assertThat(errcode(followers(first))).isEqualTo(42001);
    assertThat(wx.getAccessToken()).isNotEqualTo(first);
  }
}
