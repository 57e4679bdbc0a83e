package io.wescrm.wecom.client;

import java.time.Duration;
import me.chanjar.weixin.common.util.http.apache.ApacheHttpClientBuilder;
import org.apache.http.client.HttpRequestRetryHandler;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.conn.ConnectionKeepAliveStrategy;
import org.apache.http.conn.ssl.SSLConnectionSocketFactory;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.impl.conn.PoolingHttpClientConnectionManager;

/**
 * One pooled HttpClient per corp. WxJava's default builder is a JVM-wide singleton with 10 connections per host,
 * too few when several APIs run side by side. No proxy support: WeCom is reached directly.
 */
final class PooledHttpClientBuilder implements ApacheHttpClientBuilder {

  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final int maxConnections;
  private volatile CloseableHttpClient client;

  PooledHttpClientBuilder(Duration connectTimeout, Duration readTimeout, int maxConnections) {
    this.connectTimeout = connectTimeout;
    this.readTimeout = readTimeout;
    this.maxConnections = maxConnections;
  }

  @Override
  public synchronized CloseableHttpClient build() {
    if (client == null) {
      PoolingHttpClientConnectionManager pool = new PoolingHttpClientConnectionManager();
      pool.setMaxTotal(maxConnections);
      pool.setDefaultMaxPerRoute(maxConnections);
      pool.setValidateAfterInactivity(2_000);
      RequestConfig config = RequestConfig.custom()
          .setConnectTimeout((int) connectTimeout.toMillis())
          .setConnectionRequestTimeout((int) connectTimeout.toMillis())
          .setSocketTimeout((int) readTimeout.toMillis())
          .build();
      client = HttpClients.custom().setConnectionManager(pool).setDefaultRequestConfig(config)
          .disableAutomaticRetries().evictIdleConnections(30, java.util.concurrent.TimeUnit.SECONDS)
          .setUserAgent("wescrm").build();
    }
    return client;
  }

  @Override
  public ApacheHttpClientBuilder httpProxyHost(String httpProxyHost) {
    return this;
  }

  @Override
  public ApacheHttpClientBuilder httpProxyPort(int httpProxyPort) {
    return this;
  }

  @Override
  public ApacheHttpClientBuilder httpProxyUsername(String httpProxyUsername) {
    return this;
  }

  @Override
  public ApacheHttpClientBuilder httpProxyPassword(String httpProxyPassword) {
    return this;
  }

  @Override
  public ApacheHttpClientBuilder httpRequestRetryHandler(HttpRequestRetryHandler httpRequestRetryHandler) {
    return this;
  }

  @Override
  public ApacheHttpClientBuilder keepAliveStrategy(ConnectionKeepAliveStrategy keepAliveStrategy) {
    return this;
  }

  @Override
  public ApacheHttpClientBuilder sslConnectionSocketFactory(SSLConnectionSocketFactory sslConnectionSocketFactory) {
    return this;
  }

  @Override
  public ApacheHttpClientBuilder supportedProtocols(String[] supportedProtocols) {
    return this;
  }
}
