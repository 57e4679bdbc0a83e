package io.wescrm.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.wescrm.core.accounts.LocalLoginThrottle;
import io.wescrm.core.accounts.LoginThrottle;
import io.wescrm.web.SimulatedCorps;
import io.wescrm.web.testing.Api;
import io.wescrm.web.testing.OffsetClock;
import io.wescrm.web.testing.WithSimulator;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/**
 * Authentication and authorisation over real HTTP: anonymous and viewer walks over every mapping, corp binding,
 * login throttling and lockout, tokens, CSRF, session expiry, password rules. Its own clock moves time for locks and
 * token expiry; sessions idle out after 2 s of real time.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "scrm.security.session-idle=2s", "scrm.security.login.max-failures-per-username=3",
    "scrm.security.login.max-failures-per-address=6", "scrm.security.login.lock-for=10m",
    "scrm.security.login.window=15m", "scrm.security.token-max-lifetime=30d"})
@WithSimulator(corps = 2)
class SecurityIT {

  static final String PASSWORD = "Correct-Horse-42";

  @TestConfiguration
  static class Clocks {
    @Bean
    @Primary
    OffsetClock offsetClock() {
      return new OffsetClock();
    }

    /** The in-process throttle on the test's clock, also in the Redis suite (RedisLoginThrottleIT covers Redis). */
    @Bean
    @Primary
    LoginThrottle localLoginThrottle(OffsetClock clock, SecuritySettings settings) {
      return new LocalLoginThrottle(new LoginThrottle.Limits(settings.login().maxFailuresPerUsername(),
          settings.login().maxFailuresPerAddress(), settings.login().window(), settings.login().lockFor()), clock);
    }
  }

  @Autowired
  SimulatedCorps corps;

  @Autowired
  OffsetClock clock;

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;

  @LocalServerPort
  int port;

  Api admin;
  String base;

  @BeforeEach
  void setUp() {
    base = "http://127.0.0.1:" + port;
    admin = new Api(base);
    // whatever an earlier test counted or locked is over
    clock.advance(Duration.ofHours(1));
  }

  /** Creates (once) an account with {@link #PASSWORD}. */
  void account(String username, String role, String corpsJson) {
    HttpResponse<String> r = admin.exchange("POST", "/api/accounts", "{\"username\": \"" + username
        + "\", \"password\": \"" + PASSWORD + "\", \"role\": \"" + role + "\", \"corps\": " + corpsJson + "}");
    assertThat(r.statusCode()).as(r.body()).isIn(201, 409);
  }

  Api bearer(String username) {
    JsonNode token = Api.as(base, username, PASSWORD).post("/api/auth/tokens",
        "{\"name\": \"t\", \"expiresInDays\": 7}", 201);
    return Api.bearer(base, token.get("token").asText());
  }

  record Call(String method, String path) {
  }

  /** Every API mapping with its path variables filled in ({corpId} with {@code corpId}). */
  List<Call> apiCalls(String corpId) {
    List<Call> calls = new ArrayList<>();
    for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
      Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
      for (String pattern : info.getPathPatternsCondition().getPatternValues()) {
        if (!pattern.startsWith("/api/")) {
          continue;
        }
        String path = pattern.replace("{corpId}", corpId).replaceAll("\\{[^}:]+:([^|}]+)[^}]*}", "$1")
            .replaceAll("\\{[^}]+}", "1");
        for (RequestMethod m : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
          calls.add(new Call(m.name(), path));
        }
      }
    }
    assertThat(calls).hasSizeGreaterThan(80);
    return calls;
  }

  @Test
  void anonymousCallersGet401OnEveryApiPathButLogin() {
    Api anonymous = Api.anonymous(base);
    for (Call call : apiCalls(corps.corpId(0))) {
      if (call.path().equals("/api/auth/login")) {
        continue;
      }
      HttpResponse<String> r = anonymous.exchange(call.method(), call.path(), "{}");
      assertThat(r.statusCode()).as(call + " " + r.body()).isEqualTo(401);
      assertThat(r.body()).as(call.toString()).contains("\"code\":\"unauthenticated\"", "请先登录");
    }
    assertThat(anonymous.exchange("GET", "/actuator/health", null).statusCode()).isEqualTo(200);
    assertThat(anonymous.exchange("GET", "/actuator/health", null).body()).doesNotContain("components");
    assertThat(anonymous.exchange("GET", "/actuator/prometheus", null).statusCode()).isEqualTo(401);
    assertThat(anonymous.exchange("GET", "/v3/api-docs", null).statusCode()).isEqualTo(401);
    assertThat(admin.exchange("GET", "/actuator/health", null).body()).contains("components");
    // a garbage token or another scheme never falls through to anonymous or a session
    assertThat(Api.bearer(base, "wst_nope").exchange("GET", "/api/corps", null).statusCode()).isEqualTo(401);
  }

  @Test
  void aViewerGets403OnEveryMutatingMapping() {
    String corp = corps.corpId(0);
    account("viewer1", "VIEWER", "[\"" + corp + "\"]");
    Api viewer = bearer("viewer1");
    int checked = 0;
    for (Call call : apiCalls(corp)) {
      boolean reading = call.method().equals("GET") || call.path().startsWith("/api/auth/")
          || RoleRules.READING_POSTS.stream().anyMatch(r -> r.method().name().equals(call.method())
              && new org.springframework.util.AntPathMatcher().match(r.pattern(), call.path()));
      if (reading) {
        continue;
      }
      HttpResponse<String> r = viewer.exchange(call.method(), call.path(), "{}");
      assertThat(r.statusCode()).as(call + " " + r.body()).isEqualTo(403);
      assertThat(r.body()).contains("\"code\":\"forbidden\"");
      checked++;
    }
    assertThat(checked).isGreaterThan(40);
    assertThat(viewer.get("/api/corps/" + corp + "/customers", 200).get("total").asLong()).isZero();
    viewer.get("/api/accounts", 403);
  }

  @Test
  void anAccountOfOneCorpIsRefusedTheOther() {
    String a = corps.corpId(0);
    String b = corps.corpId(1);
    account("operator-a", "OPERATOR", "[\"" + a + "\"]");
    Api operator = bearer("operator-a");
    operator.get("/api/corps/" + a + "/customers", 200);
    assertThat(operator.get("/api/corps/" + b + "/customers", 403).get("code").asText()).isEqualTo("corp_forbidden");
    operator.post("/api/corps/" + b + "/sync", null, 403);
    operator.get("/api/corps/" + b + "/sync-runs", 403);
    assertThat(operator.get("/api/corps/wwnosuchcorp/customers", 404).get("code").asText())
        .isEqualTo("corp_not_found");
    JsonNode listed = operator.get("/api/corps", 200);
    assertThat(listed).hasSize(1);
    assertThat(listed.get(0).get("corpId").asText()).isEqualTo(a);
    assertThat(admin.get("/api/corps", 200)).hasSize(2);
    JsonNode me = operator.get("/api/auth/me", 200);
    assertThat(me.get("corps").get(0).asText()).isEqualTo(a);
    assertThat(me.get("roles").get(0).asText()).isEqualTo("OPERATOR");
  }

  @Test
  void failedLoginsLockTheUsernameForAWhile() {
    account("locky", "VIEWER", "[\"" + corps.corpId(0) + "\"]");
    Api anonymous = Api.anonymous(base);
    for (int i = 0; i < 3; i++) {
      assertThat(anonymous.post("/api/auth/login", "{\"username\": \"locky\", \"password\": \"wrong-password-1\"}",
          401).get("detail").asText()).isEqualTo("用户名或密码错误");
    }
    JsonNode locked = anonymous.post("/api/auth/login", "{\"username\": \"locky\", \"password\": \"" + PASSWORD
        + "\"}", 429);
    assertThat(locked.get("code").asText()).isEqualTo("login_locked");
    assertThat(locked.get("detail").asText()).contains("分钟后再试");
    // HTTP Basic goes through the same lock
    assertThat(Api.as(base, "locky", PASSWORD).exchange("GET", "/api/auth/me", null).statusCode()).isEqualTo(429);
    clock.advance(Duration.ofMinutes(9));
    anonymous.post("/api/auth/login", "{\"username\": \"locky\", \"password\": \"" + PASSWORD + "\"}", 429);
    clock.advance(Duration.ofMinutes(2));
    anonymous.post("/api/auth/login", "{\"username\": \"locky\", \"password\": \"" + PASSWORD + "\"}", 200);
  }

  @Test
  void failedLoginsFromOneAddressLockTheAddress() {
    account("ip-user", "VIEWER", "[\"" + corps.corpId(0) + "\"]");
    Api anonymous = Api.anonymous(base);
    for (int i = 0; i < 6; i++) {   // six usernames, two tries each would not lock any of them
      anonymous.post("/api/auth/login", "{\"username\": \"nobody" + i + "\", \"password\": \"wrong-password-1\"}",
          401);
    }
    anonymous.post("/api/auth/login", "{\"username\": \"ip-user\", \"password\": \"" + PASSWORD + "\"}", 429);
    clock.advance(Duration.ofMinutes(11));
    anonymous.post("/api/auth/login", "{\"username\": \"ip-user\", \"password\": \"" + PASSWORD + "\"}", 200);
  }

  @Test
  void tokensExpireAndCanBeRevoked() {
    account("tok-user", "VIEWER", "[\"" + corps.corpId(0) + "\"]");
    Api basic = Api.as(base, "tok-user", PASSWORD);
    assertThat(basic.post("/api/auth/tokens", "{\"name\": \"ci\"}", 400).get("detail").asText())
        .contains("过期时间");
    basic.post("/api/auth/tokens", "{\"name\": \"ci\", \"expiresInDays\": 31}", 400);   // max 30 days here
    JsonNode issued = basic.post("/api/auth/tokens", "{\"name\": \"ci\", \"expiresInDays\": 1}", 201);
    String secret = issued.get("token").asText();
    assertThat(secret).startsWith("wst_");
    Api token = Api.bearer(base, secret);
    assertThat(token.get("/api/auth/me", 200).get("authenticatedBy").asText()).isEqualTo("TOKEN");
    token.post("/api/auth/tokens", "{\"name\": \"again\", \"expiresInDays\": 1}", 403);
    JsonNode listed = basic.get("/api/auth/tokens", 200);
    assertThat(listed.toString()).doesNotContain(secret);
    assertThat(listed.get(0).get("lastUsedAt").isNull()).isFalse();

    clock.advance(Duration.ofHours(25));
    assertThat(token.get("/api/auth/me", 401).get("code").asText()).isEqualTo("invalid_token");

    JsonNode second = basic.post("/api/auth/tokens", "{\"name\": \"ci2\", \"expiresInDays\": 7}", 201);
    Api token2 = Api.bearer(base, second.get("token").asText());
    token2.get("/api/auth/me", 200);
    basic.delete("/api/auth/tokens/" + second.get("id").asLong(), 204);
    token2.get("/api/auth/me", 401);
    basic.delete("/api/auth/tokens/" + second.get("id").asLong(), 404);
    // another account's token cannot be revoked by id
    admin.delete("/api/auth/tokens/" + issued.get("id").asLong(), 404);
  }

  @Test
  void sessionMutationsNeedTheCsrfHeader() {
    Api session = Api.session(base, Api.ADMIN, Api.ADMIN_PASSWORD);
    assertThat(session.get("/api/auth/me", 200).get("authenticatedBy").asText()).isEqualTo("SESSION");
    JsonNode refused = session.withoutCsrfHeader().post("/api/auth/tokens",
        "{\"name\": \"x\", \"expiresInDays\": 1}", 403);
    assertThat(refused.get("code").asText()).isEqualTo("csrf_rejected");
    session.post("/api/auth/tokens", "{\"name\": \"x\", \"expiresInDays\": 1}", 201);
    session.withoutCsrfHeader().post("/api/corps/" + corps.corpId(0) + "/sync", null, 403);
    session.post("/api/auth/logout", null, 204);
    session.get("/api/auth/me", 401);
  }

  @Test
  void sessionsExpireWhenIdle() throws InterruptedException {
    Api session = Api.session(base, Api.ADMIN, Api.ADMIN_PASSWORD);
    session.get("/api/auth/me", 200);
    Thread.sleep(1_000);
    session.get("/api/auth/me", 200);   // a request keeps it alive
    Thread.sleep(3_500);
    session.get("/api/auth/me", 401);
  }

  @Test
  void aDisabledAccountLosesItsSessionAndTokensAtOnce() {
    account("leaver", "OPERATOR", "[\"" + corps.corpId(0) + "\"]");
    Api session = Api.session(base, "leaver", PASSWORD);
    Api token = bearer("leaver");
    session.get("/api/auth/me", 200);
    admin.patch("/api/accounts/leaver", "{\"enabled\": false}", 200);
    session.get("/api/auth/me", 401);
    token.get("/api/auth/me", 401);
    Api.anonymous(base).post("/api/auth/login", "{\"username\": \"leaver\", \"password\": \"" + PASSWORD + "\"}",
        401);
  }

  @Test
  void passwordRulesAreEnforced() {
    String corp = "[\"" + corps.corpId(0) + "\"]";
    Map<String, String> refused = Map.of(
        "short-pw1", "至少需要 10 个字符",
        "longenough", "不能与用户名相同",
        "common-pw1", "过于常见");
    Map<String, String> passwords = Map.of("short-pw1", "Ab1-short", "longenough", "LongEnough",
        "common-pw1", "password123");
    refused.forEach((username, message) -> assertThat(admin.post("/api/accounts", "{\"username\": \"" + username
        + "\", \"password\": \"" + passwords.get(username) + "\", \"role\": \"VIEWER\", \"corps\": " + corp + "}",
        400).get("detail").asText()).contains(message));
    admin.post("/api/accounts", "{\"username\": \"good-pw\", \"password\": \"" + PASSWORD
        + "\", \"role\": \"VIEWER\", \"corps\": " + corp + "}", 201);
    admin.post("/api/accounts", "{\"username\": \"good-pw\", \"password\": \"" + PASSWORD
        + "\", \"role\": \"VIEWER\", \"corps\": " + corp + "}", 409);
    admin.post("/api/accounts/good-pw/password", "{\"password\": \"1234567890\"}", 400);
    admin.post("/api/accounts/good-pw/password", "{\"password\": \"Another-Good-One-7\"}", 204);
    Api.as(base, "good-pw", "Another-Good-One-7").get("/api/auth/me", 200);
    // a store manager needs a store; a non-admin a corp; corps must exist
    admin.post("/api/accounts", "{\"username\": \"sm-nostore\", \"password\": \"" + PASSWORD
        + "\", \"role\": \"STORE_MANAGER\", \"corps\": " + corp + "}", 400);
    admin.post("/api/accounts", "{\"username\": \"no-corp\", \"password\": \"" + PASSWORD
        + "\", \"role\": \"VIEWER\", \"corps\": []}", 400);
    admin.post("/api/accounts", "{\"username\": \"bad-corp\", \"password\": \"" + PASSWORD
        + "\", \"role\": \"VIEWER\", \"corps\": [\"wwnope\"]}", 400);
    admin.post("/api/accounts", "{\"username\": \"bad-role\", \"password\": \"" + PASSWORD
        + "\", \"role\": \"ROOT\", \"corps\": " + corp + "}", 400);
  }
}
