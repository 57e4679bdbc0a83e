package io.wescrm.wecom.client;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * WeCom connection settings ({@code scrm.wecom.*}). Secrets and AES keys come from configuration or environment,
 * never from the repository, and are never logged.
 *
 * @param baseUrl WeCom's API base ({@code https://qyapi.weixin.qq.com}), or the simulator's
 * @param corps the corps this deployment serves
 * @param apiConcurrency concurrent calls per API per corp (WeCom answers 45033 beyond about 5)
 * @param callsPerMinute calls per API per corp per minute (WeCom's quota is 10,000; 45009 beyond)
 * @param maxAttempts attempts per call for transient errors (-1, 45033, timeouts) and rate limits (45009)
 * @param backoff first back-off after a transient error, doubled per attempt
 * @param rateLimitedBackoff back-off after 45009: WeCom blocks the API for the rest of the minute
 * @param connectTimeout HTTP connect timeout
 * @param readTimeout HTTP read timeout
 */
@ConfigurationProperties("scrm.wecom")
public record WeComProperties(String baseUrl, List<Corp> corps, Integer apiConcurrency, Integer callsPerMinute,
    Integer maxAttempts, Duration backoff, Duration rateLimitedBackoff, Duration connectTimeout,
    Duration readTimeout) {

  public static final String WECOM_BASE_URL = "https://qyapi.weixin.qq.com";

  public WeComProperties {
    baseUrl = blank(baseUrl) ? WECOM_BASE_URL : baseUrl.replaceAll("/+$", "");
    corps = corps == null ? List.of() : List.copyOf(corps);
    apiConcurrency = apiConcurrency == null ? 5 : apiConcurrency;
    callsPerMinute = callsPerMinute == null ? 10_000 : callsPerMinute;
    maxAttempts = maxAttempts == null ? 6 : maxAttempts;
    backoff = backoff == null ? Duration.ofMillis(500) : backoff;
    rateLimitedBackoff = rateLimitedBackoff == null ? Duration.ofSeconds(60) : rateLimitedBackoff;
    connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
    readTimeout = readTimeout == null ? Duration.ofSeconds(10) : readTimeout;
  }

  /**
   * One corp and the self-built app (with customer contact permission) we act as.
   *
   * @param corpId CorpID (企业ID)
   * @param secret the app's secret (never logged)
   * @param agentId the app's AgentId
   * @param token callback Token
   * @param aesKey callback EncodingAESKey (43 characters)
   */
  public record Corp(String corpId, String name, String secret, Integer agentId, String token, String aesKey) {

    public Corp {
      if (blank(corpId)) {
        throw new IllegalArgumentException("scrm.wecom.corps[].corp-id is required");
      }
      if (blank(secret)) {
        throw new IllegalArgumentException("scrm.wecom.corps[].secret is required for corp " + corpId);
      }
      name = blank(name) ? corpId : name;
    }

    @Override
    public String toString() {
      return "Corp[corpId=" + corpId + ", name=" + name + ", agentId=" + agentId + ", secret=***, aesKey=***]";
    }
  }

  public Corp corp(String corpId) {
    return corps.stream().filter(c -> c.corpId().equals(corpId)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown corp: " + corpId));
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
