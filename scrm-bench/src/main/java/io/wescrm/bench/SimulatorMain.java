package io.wescrm.bench;

import io.wescrm.wecom.simulator.SeedSize;
import io.wescrm.wecom.simulator.SimCorpSpec;
import io.wescrm.wecom.simulator.SimulatorOptions;
import io.wescrm.wecom.simulator.WeComSimulator;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the WeCom simulator alone, in its own JVM (benchmarks keep its heap apart from the server's):
 * {@code java -cp scrm-bench.jar -Dloader.main=io.wescrm.bench.SimulatorMain
 * org.springframework.boot.loader.launch.PropertiesLauncher --port=18090 --seed=benchmark --latency-ms=100
 * --corp-id=wwbench0000000001 --secret=bench-secret}.
 */
public final class SimulatorMain {

  private SimulatorMain() {
  }

  public static void main(String[] args) throws InterruptedException {
    Map<String, String> opts = new HashMap<>();
    for (String arg : args) {
      if (arg.startsWith("--") && arg.contains("=")) {
        opts.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
      }
    }
    SeedSize size = switch (opts.getOrDefault("seed", "demo")) {
      case "benchmark" -> SeedSize.benchmark();
      case "empty" -> SeedSize.empty();
      default -> SeedSize.demo();
    };
    SimCorpSpec spec = new SimCorpSpec(opts.getOrDefault("corp-id", "wwbench0000000001"),
        opts.getOrDefault("corp-name", "压测品牌"), opts.getOrDefault("secret", "bench-secret"),
        Integer.parseInt(opts.getOrDefault("agent-id", "1000002")), size,
        Long.parseLong(opts.getOrDefault("random-seed", "20261123")));
    long started = System.nanoTime();
    WeComSimulator simulator = WeComSimulator.start(new SimulatorOptions(
        Integer.parseInt(opts.getOrDefault("port", "18090")), List.of(spec),
        Integer.parseInt(opts.getOrDefault("threads", "64"))));
    simulator.faults().latency(Duration.ofMillis(Long.parseLong(opts.getOrDefault("latency-ms", "0"))));
    if (opts.containsKey("concurrency")) {
      simulator.faults().concurrencyLimit(Integer.parseInt(opts.get("concurrency")));
    }
    System.out.printf("WeCom simulator at %s, corp %s seeded in %d ms: %s%n", simulator.baseUrl(), spec.corpId(),
        (System.nanoTime() - started) / 1_000_000, simulator.corp(spec.corpId()).counts());
    Runtime.getRuntime().addShutdownHook(new Thread(simulator::close));
    new CountDownLatch(1).await();
  }
}
