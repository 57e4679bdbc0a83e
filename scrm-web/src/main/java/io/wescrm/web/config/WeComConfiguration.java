package io.wescrm.web.config;

import io.wescrm.core.remote.RemoteCorps;
import io.wescrm.core.sync.CorpMirror;
import io.wescrm.core.sync.LocalSyncLocks;
import io.wescrm.core.sync.SyncLocks;
import io.wescrm.core.sync.SyncRuns;
import io.wescrm.core.sync.SyncSettings;
import io.wescrm.core.sync.SyncingCorp;
import io.wescrm.wecom.client.CallGate;
import io.wescrm.wecom.client.LocalCallGate;
import io.wescrm.wecom.client.RedissonCallGate;
import io.wescrm.wecom.client.WeComClients;
import io.wescrm.wecom.client.WeComProperties;
import io.wescrm.wecom.client.WeComRemoteCorps;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.redisson.api.RedissonClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * Wires the WeCom adapter and the sync use case. With a Redisson client (profile {@code redis}) tokens, call gates
 * and sync locks are shared by every node; without one they live in this process.
 */
@Configuration(proxyBeanMethods = false)
public class WeComConfiguration {

  private static final Logger log = LoggerFactory.getLogger(WeComConfiguration.class);

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  @Primary
  CallGate callGate(WeComProperties wecom, ObjectProvider<RedissonClient> redisson) {
    RedissonClient client = redisson.getIfAvailable();
    if (client == null) {
      return new LocalCallGate(wecom.apiConcurrency(), wecom.callsPerMinute());
    }
    log.info("WeCom call gate, token cache and sync locks are shared through Redis");
    return new RedissonCallGate(client, wecom.apiConcurrency(), wecom.callsPerMinute(),
        wecom.readTimeout().plus(wecom.connectTimeout()).multipliedBy(2));
  }

  @Bean
  WeComClients weComClients(WeComProperties wecom, CallGate gate, ObjectProvider<RedissonClient> redisson) {
    log.info("WeCom API at {} for corps {}", wecom.baseUrl(), wecom.corps());
    return new WeComClients(wecom, gate, redisson.getIfAvailable());
  }

  /** The WeCom gateway of every slice; the welcome path calls through its own gate ({@code welcomeCallGate}). */
  @Bean
  WeComRemoteCorps remoteCorps(WeComClients clients, @Qualifier("welcomeCallGate") CallGate welcomeGate) {
    return new WeComRemoteCorps(clients, welcomeGate);
  }

  @Bean
  SyncLocks syncLocks(ObjectProvider<RedissonClient> redisson, ScrmProperties scrm) {
    RedissonClient client = redisson.getIfAvailable();
    return client == null ? new LocalSyncLocks() : new RedissonLocks(client, Duration.ofSeconds(60), scrm.node());
  }

  @Bean(destroyMethod = "shutdownNow")
  ExecutorService syncExecutor() {
    return Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "full-sync");
      t.setDaemon(true);
      return t;
    });
  }

  @Bean
  SyncingCorp syncingCorp(RemoteCorps remote, CorpMirror mirror, SyncRuns runs, SyncLocks locks, Clock clock,
      WeComProperties wecom, ScrmProperties scrm, ExecutorService syncExecutor) {
    ScrmProperties.Sync sync = scrm.sync();
    SyncSettings settings = new SyncSettings(wecom.apiConcurrency(), sync.staffPerCustomerCall(),
        sync.writerThreads(), sync.heartbeat(), sync.heartbeat().multipliedBy(6), sync.reconcileSlices());
    return new SyncingCorp(remote, mirror, runs, locks, clock, settings, scrm.node(), syncExecutor);
  }
}
