package io.wescrm.wecom.simulator;

import io.wescrm.wecom.simulator.WeComApiFamily.Endpoint;
import java.util.List;
import java.util.Map;

/**
 * The WeCom server API under {@code /cgi-bin/}: token checks, limits, injected faults, then the handler the route
 * table holds for the API. Answers are always HTTP 200 with {@code errcode}/{@code errmsg}; shapes follow the official
 * samples. The endpoints live in one class per API family ({@link WeComApiFamily}), registered here.
 */
final class WeComApi {

  private static final System.Logger LOG = System.getLogger(WeComApi.class.getName());

  /** {@code gettoken}: authenticated by corpid and corpsecret instead of a token, so outside the route table. */
  private static final Endpoint GETTOKEN = new Endpoint(false, (call, out) -> {
    SimTokens.Token issued = call.corp.currentToken(call.nowMillis);
    long remaining = Math.max(1, (issued.expiresAtMillis - call.nowMillis + 999) / 1000);
    WeComApiFamily.ok(out);
    out.name("access_token").value(issued.value);
    out.name("expires_in").value(remaining);
  });

  private final Map<String, SimCorp> corps;
  private final SimFaults faults;
  private final SimStats stats;
  private final SimTokens tokens;
  private final WeComApiFamily.Routes routes = new WeComApiFamily.Routes();

  WeComApi(Map<String, SimCorp> corps, SimTokens tokens, SimFaults faults, SimStats stats) {
    this.corps = corps;
    this.tokens = tokens;
    this.faults = faults;
    this.stats = stats;
    // the API families, one line each: a new family (群发, 朋友圈, …) is one class and one line here
    List<WeComApiFamily> families = List.of(
        new DirectoryApi(),
        new CustomerApi(),
        new CorpTagApi(),
        new GroupChatApi(),
        new AcquisitionApi(),
        new GroupMsgApi(faults),
        new MomentApi(),
        new CommunityApi());
    for (WeComApiFamily family : families) {
      family.register(routes);
    }
  }

  /** Handles {@code /cgi-bin/{api}}; returns the JSON body. */
  String handle(String api, SimRequest request) {
    stats.recordCall(api);
    try {
      return process(api, request);
    } catch (WeComApiError e) {
      stats.recordError(e.errcode(), false);
      if (e.errcode() == 45009 || e.errcode() == 45033) {
        stats.recordLimited(api);
      }
      return error(e.errcode(), e.errmsg(), false);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "simulator failed on /cgi-bin/" + api, e);
      stats.recordError(-1, false);
      return error(-1, "system busy (simulator error: " + e + ")", false);
    }
  }

  private String process(String api, SimRequest request) {
    long now = System.currentTimeMillis();
    SimCorp corp;
    SimTokens.Token token = null;
    Endpoint endpoint;
    if (api.equals("gettoken")) {
      corp = authenticateApp(request);
      endpoint = GETTOKEN;
    } else {
      String value = request.query("access_token");
      if (value == null || value.isEmpty()) {
        throw new WeComApiError(41001, "access_token missing");
      }
      token = tokens.find(value);
      if (token == null) {
        throw new WeComApiError(40014, "invalid access_token");
      }
      if (token.isExpired(now)) {
        throw new WeComApiError(42001, "access_token expired");
      }
      corp = token.corp;
      endpoint = routes.find(api);
      if (endpoint == null) {
        throw new WeComApiError(48005, "api not supported by the simulator (deprecated or unknown api): " + api);
      }
    }
    if (endpoint.post() && !"POST".equals(request.method())) {
      throw new WeComApiError(40063, "empty parameter: this api must be called with POST");
    }
    String corpId = corp.corpId();
    if (!faults.tryConsumeQuota(corpId, api, now)) {
      throw new WeComApiError(45009, "api freq out of limit");
    }
    int inFlight = faults.tryEnter(corpId, api);
    if (inFlight < 0) {
      throw new WeComApiError(45033, "api concurrent out of limit");
    }
    WeComApiFamily.Call call;
    String answer;
    try {
      stats.recordInFlight(api, inFlight);
      sleep(faults.latencyMsFor(api));
      int injected = faults.pickInjectedError(corpId, api);
      if (injected != 0) {
        if (token != null && injected == 42001) {
          token.expire(System.currentTimeMillis());
        } else if (token != null && injected == 40014) {
          token.expire(System.currentTimeMillis());
          tokens.forget(token);
        }
        stats.recordError(injected, true);
        return error(injected, defaultMessage(injected), true);
      }
      call = new WeComApiFamily.Call(corp, request, System.currentTimeMillis());
      WeComApiFamily.Call handled = call;
      answer = SimJson.object(out -> endpoint.handler().handle(handled, out));
    } finally {
      faults.exit(corpId, api);
    }
    // a held answer (create-then-timeout fault) no longer occupies the concurrency slot
    sleep(call.holdResponseMillis);
    return answer;
  }

  private SimCorp authenticateApp(SimRequest request) {
    String corpId = request.query("corpid");
    if (corpId == null || corpId.isEmpty()) {
      throw new WeComApiError(41002, "corpid missing");
    }
    SimCorp corp = corps.get(corpId);
    if (corp == null) {
      throw new WeComApiError(40013, "invalid corpid");
    }
    String secret = request.query("corpsecret");
    if (secret == null || secret.isEmpty()) {
      throw new WeComApiError(41004, "corpsecret missing");
    }
    if (!secret.equals(corp.secret())) {
      throw new WeComApiError(40001, "invalid credential");
    }
    return corp;
  }

  private static void sleep(long millis) {
    if (millis <= 0) {
      return;
    }
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static String error(int errcode, String errmsg, boolean injected) {
    String hint = injected ? "sim-injected" : "sim";
    return SimJson.object(out -> {
      out.name("errcode").value(errcode);
      out.name("errmsg").value(errmsg + ", hint: [" + hint + "], more info at "
          + "https://open.work.weixin.qq.com/devtool/query?e=" + errcode);
    });
  }

  static String defaultMessage(int errcode) {
    return switch (errcode) {
      case -1 -> "system busy";
      case 40001 -> "invalid credential";
      case 40014 -> "invalid access_token";
      case 42001 -> "access_token expired";
      case 45009 -> "api freq out of limit";
      case 45033 -> "api concurrent out of limit";
      case 48002 -> "api forbidden";
      case 60011 -> "no privilege to access/modify contact/party/agent";
      case 84061 -> "not external contact";
      default -> "simulated error";
    };
  }
}
