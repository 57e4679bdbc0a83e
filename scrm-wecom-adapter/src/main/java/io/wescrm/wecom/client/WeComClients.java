package io.wescrm.wecom.client;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import me.chanjar.weixin.cp.config.impl.WxCpDefaultConfigImpl;
import me.chanjar.weixin.cp.config.impl.WxCpRedissonConfigImpl;
import org.redisson.api.RedissonClient;

/**
 * One {@link WeComClient} per configured corp. The access token lives in-process, or in Redis (shared by every node)
 * when a Redisson client is given: WeCom returns the same token while it is valid, and gettoken is rate-limited.
 */
public final class WeComClients {

  /** Connections kept for the welcome path's own call budget (send_welcome_msg and its name look-up). */
  static final int WELCOME_CONNECTIONS = 64;

  private final Map<String, WeComClient> clients = new LinkedHashMap<>();
  private final WeComProperties properties;

  public WeComClients(WeComProperties properties, CallGate gate, RedissonClient redisson) {
    this.properties = properties;
    for (WeComProperties.Corp corp : properties.corps()) {
      WxCpDefaultConfigImpl config = redisson == null ? new WxCpDefaultConfigImpl()
          : new WxCpRedissonConfigImpl(redisson, "scrm");
      config.setCorpId(corp.corpId());
      config.setCorpSecret(corp.secret());
      config.setAgentId(corp.agentId());
      config.setToken(corp.token());
      config.setAesKey(corp.aesKey());
      config.setBaseApiUrl(properties.baseUrl());
      config.setApacheHttpClientBuilder(new PooledHttpClientBuilder(properties.connectTimeout(),
          properties.readTimeout(), Math.max(20, properties.apiConcurrency() * 8) + WELCOME_CONNECTIONS));
      ScrmWxCpService service = new ScrmWxCpService();
      service.setWxCpConfigStorage(config);
      clients.put(corp.corpId(), new WeComClient(corp.corpId(), service, gate, properties.maxAttempts(),
          properties.backoff(), properties.rateLimitedBackoff()));
    }
  }

  public WeComClient of(String corpId) {
    WeComClient client = clients.get(corpId);
    if (client == null) {
      throw new IllegalArgumentException("unknown corp: " + corpId);
    }
    return client;
  }

  public List<String> corpIds() {
    return List.copyOf(clients.keySet());
  }

  public WeComProperties properties() {
    return properties;
  }
}
