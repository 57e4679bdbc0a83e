package io.wescrm.web.demo;

import io.wescrm.web.config.ScrmProperties;
import io.wescrm.wecom.client.WeComProperties;
import io.wescrm.wecom.simulator.SeedSize;
import io.wescrm.wecom.simulator.SimCorpPersister;
import io.wescrm.wecom.simulator.SimCorpSnapshot;
import io.wescrm.wecom.simulator.SimCorpSpec;
import io.wescrm.wecom.simulator.SimulatorOptions;
import io.wescrm.wecom.simulator.WeComSimulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * WeCom client points at it ({@code scrm.wecom.base-url}); the simulator's callbacks come back to this server. With
 * {@code scrm.simulator.persist} (profile demo) a corp whose snapshot is on disk is restored instead of seeded.
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
    Map<String, SimCorpSnapshot> snapshots = new LinkedHashMap<>();
    List<SimCorpSpec> seeded = new ArrayList<>();
    List<SimCorpSpec> restored = new ArrayList<>();
    for (WeComProperties.Corp c : wecom.corps()) {
      SimCorpSpec spec = new SimCorpSpec(c.corpId(), c.name(), c.secret(), c.agentId() == null ? 1000002
          : c.agentId(), size, 20261123L);
      SimCorpSnapshot snapshot = scrm.simulator().persist() ? readSnapshot(snapshotFile(scrm, c.corpId())) : null;
      if (snapshot == null) {
        seeded.add(spec);
      } else {
        snapshots.put(c.corpId(), snapshot);
        restored.add(new SimCorpSpec(spec.corpId(), spec.corpName(), spec.secret(), spec.agentId(),
            SeedSize.empty(), spec.randomSeed()));
      }
    }
    WeComSimulator simulator = WeComSimulator.start(new SimulatorOptions(scrm.simulator().port(), seeded, 64));
    if (scrm.simulator().persist()) {
      // a corp seeded afresh beside a database of an earlier demo must not hand out that world's customer ids again
      for (SimCorpSpec spec : seeded) {
        simulator.corp(spec.corpId()).idSeed(System.currentTimeMillis() ^ System.nanoTime());
      }
    }
    for (SimCorpSpec spec : restored) {
      SimCorpSnapshot snapshot = snapshots.get(spec.corpId());
      snapshot.restoreInto(simulator.addCorp(spec));
      log.info("Simulated corp {} restored from {} (saved {}): {}", spec.corpId(), snapshotFile(scrm,
          spec.corpId()), Instant.ofEpochMilli(snapshot.savedAtMillis()), simulator.corp(spec.corpId()).counts());
    }
    if (!scrm.simulator().latency().isZero()) {
      simulator.faults().latency(scrm.simulator().latency());
    }
    log.info("WeCom simulator (demo mode) at {} with corps {} (seeded afresh: {})", simulator.baseUrl(),
        wecom.corps().stream().map(WeComProperties.Corp::corpId).toList(),
        seeded.stream().map(SimCorpSpec::corpId).toList());
    return simulator;
  }

  /**
   * Demo persistence: each simulated corp's state is written to {@code <snapshot-dir>/<corpId>.json} at start, within
   * {@code snapshot-interval} of a change and on shutdown (destroyed before the simulator, which it depends on).
   */
  @Bean(destroyMethod = "close")
  @ConditionalOnProperty(name = "scrm.simulator.persist", havingValue = "true")
  SimulatorSnapshots simulatorSnapshots(WeComSimulator simulator, ScrmProperties scrm, WeComProperties wecom) {
    List<SimCorpPersister> persisters = new ArrayList<>();
    for (WeComProperties.Corp c : wecom.corps()) {
      persisters.add(SimCorpPersister.start(simulator.corp(c.corpId()), snapshotFile(scrm, c.corpId()),
          scrm.simulator().snapshotInterval()));
    }
    log.info("Simulated corps are saved under {} every {} after a change and on shutdown; delete ./data to start "
        + "the demo afresh", Path.of(scrm.simulator().snapshotDir()).toAbsolutePath().normalize(),
        scrm.simulator().snapshotInterval());
    return new SimulatorSnapshots(persisters);
  }

  /** The running persisters of the simulated corps. */
  public record SimulatorSnapshots(List<SimCorpPersister> persisters) implements AutoCloseable {
    @Override
    public void close() {
      for (SimCorpPersister persister : persisters) {
        persister.close();
        log.info("Simulated corp saved to {}", persister.file());
      }
    }
  }

  static Path snapshotFile(ScrmProperties scrm, String corpId) {
    return Path.of(scrm.simulator().snapshotDir()).resolve(corpId + ".json");
  }

  /**
   * The snapshot in {@code file}, or null when there is none or it cannot be read (it is then moved aside to
   * {@code <file>.unreadable-<millis>} and the corp is seeded afresh: see docs/simulator.md).
   */
  static SimCorpSnapshot readSnapshot(Path file) {
    if (!Files.isRegularFile(file)) {
      log.info("No simulator snapshot at {}: the simulated corp is seeded afresh (a database from an earlier demo "
          + "is brought in line by the start-up sync)", file.toAbsolutePath().normalize());
      return null;
    }
    try {
      return SimCorpSnapshot.read(file);
    } catch (IOException | RuntimeException e) {
      Path aside = file.resolveSibling(file.getFileName() + ".unreadable-" + System.currentTimeMillis());
      try {
        Files.move(file, aside);
      } catch (IOException moveFailed) {
        log.warn("Could not move {} aside: {}", file, moveFailed.toString());
      }
      log.error("Simulator snapshot {} is unreadable ({}); moved to {} and the simulated corp is seeded afresh (a "
          + "database from an earlier demo is brought in line by the start-up sync)", file, e.toString(), aside);
      return null;
    }
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
