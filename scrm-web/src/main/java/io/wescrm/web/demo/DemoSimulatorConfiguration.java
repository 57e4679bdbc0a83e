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
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Demo mode: the WeCom simulator runs in this process, seeded with one simulated corp per configured corp, and the
 * WeCom client points at it ({@code scrm.wecom.base-url}).
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
}
