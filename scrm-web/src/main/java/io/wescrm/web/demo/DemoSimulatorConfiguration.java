package io.wescrm.web.demo;

import io.wescrm.web.config.ScrmProperties;
import io.wescrm.wecom.client.WeComProperties;
import io.wescrm.wecom.simulator.SeedSize;
import io.wescrm.wecom.simulator.SimCorpSpec;
import io.wescrm.wecom.simulator.SimulatorOptions;
import io.wescrm.wecom.simulator.WeComSimulator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Demo mode: the WeCom simulator runs in this process, seeded with one simulated corp per configured corp, and the
 * WeCom client points at it ({@code scrm.wecom.base-url}); the simulator's callbacks come back to this server.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "scrm.simulator.enabled", havingValue = "true")
public class DemoSimulatorConfiguration {

  private static final Logger log = LoggerFactory.getLogger(DemoSimulatorConfiguration.class);

  @Bean(destroyMethod = "close")
  WeComSimulator weComSimulator(ScrmProperties scrm, WeComProperties wecom) {
    SeedSize size = switch (scrm.simulator().seed()) {
      case "benchmark" -> SeedSize.benchmark();
      case "empty" -> SeedSize.empty();
      default -> SeedSize.demo();
    };
    List<SimCorpSpec> specs = wecom.corps().stream().map(c -> new SimCorpSpec(c.corpId(), c.name(), c.secret(),
        c.agentId() == null ? 1000002 : c.agentId(), size, 20261123L)).toList();
    WeComSimulator simulator = WeComSimulator.start(new SimulatorOptions(scrm.simulator().port(), specs, 64));
    if (!scrm.simulator().latency().isZero()) {
      simulator.faults().latency(scrm.simulator().latency());
    }
    log.info("WeCom simulator (demo mode) at {} with corps {}", simulator.baseUrl(),
        specs.stream().map(SimCorpSpec::corpId).toList());
    return simulator;
  }

  /** Once the server listens: the simulator sends its signed callbacks here, so the whole loop runs on one host. */
  @Bean
  ApplicationListener<ApplicationReadyEvent> demoCallbacks(WeComSimulator simulator, WeComProperties wecom,
      Environment environment) {
    return event -> {
      String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
      for (WeComProperties.Corp corp : wecom.corps()) {
        if (corp.token() != null && !corp.token().isBlank() && corp.aesKey() != null && !corp.aesKey().isBlank()) {
          String url = "http://127.0.0.1:" + port + "/wecom/callback/" + corp.corpId();
          simulator.corp(corp.corpId()).callbacks(url, corp.token(), corp.aesKey());
          log.info("Simulated corp {} sends its callbacks to {}", corp.corpId(), url);
        }
      }
    };
  }
}
