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
 * --corp-id=wwbench0000000001 --secret=bench-secret}. {@code --seed=custom --size=stores,staff,customers,relations,
 * groups,avgGroupMembers} seeds a corp of that size; {@code --moments=N [--moment-days=80 --corp-every=10
 * --tasks-per-corp-moment=5]} replaces its moments with N generated ones (the moment-sync benchmark).
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
      case "custom" -> size(opts.getOrDefault("size", "3,30,2000,3000,50,30"));
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
    if (opts.containsKey("moments")) {
      // the moments benchmark's corp: N moments over --moment-days, every --corp-every-th a corp moment
      simulator.corp(spec.corpId()).moments().generate(Integer.parseInt(opts.get("moments")),
          Integer.parseInt(opts.getOrDefault("moment-days", "80")),
          Integer.parseInt(opts.getOrDefault("corp-every", "10")),
          Integer.parseInt(opts.getOrDefault("tasks-per-corp-moment", "5")), spec.randomSeed(),
          System.currentTimeMillis() / 1000);
      System.out.printf("moments: %d%n", simulator.corp(spec.corpId()).moments().count());
    }
    simulator.faults().latency(Duration.ofMillis(Long.parseLong(opts.getOrDefault("latency-ms", "0"))));
    if (opts.containsKey("concurrency")) {
      simulator.faults().concurrencyLimit(Integer.parseInt(opts.get("concurrency")));
    }
    System.out.printf("WeCom simulator at %s, corp %s seeded in %d ms: %s%n", simulator.baseUrl(), spec.corpId(),
        (System.nanoTime() - started) / 1_000_000, simulator.corp(spec.corpId()).counts());
    Runtime.getRuntime().addShutdownHook(new Thread(simulator::close));
    new CountDownLatch(1).await();
  }

  private static SeedSize size(String csv) {
    String[] p = csv.split(",");
    if (p.length != 6) {
      throw new IllegalArgumentException("--size=stores,staff,customers,relations,groups,avgGroupMembers");
    }
    return SeedSize.of(Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim()), Integer.parseInt(p[2].trim()),
        Integer.parseInt(p[3].trim()), Integer.parseInt(p[4].trim()), Integer.parseInt(p[5].trim()));
  }
}
