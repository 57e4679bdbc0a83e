package io.wescrm.wecom.simulator;

import java.util.List;

/**
 * How to start a {@link WeComSimulator}.
 *
 * @param port             HTTP port on 127.0.0.1; 0 picks a free port
 * @param corps            corps to create (and seed) at start
 * @param containerThreads Jetty worker threads; 0 or less means the default (64)
 */
public record SimulatorOptions(int port, List<SimCorpSpec> corps, int containerThreads) {

  public static final int DEFAULT_CONTAINER_THREADS = 64;

  public SimulatorOptions {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    corps = corps == null ? List.of() : List.copyOf(corps);
    containerThreads = containerThreads <= 0 ? DEFAULT_CONTAINER_THREADS : containerThreads;
  }

  /** Random free port, default threads, the given corps. */
  public static SimulatorOptions of(SimCorpSpec... corps) {
    return new SimulatorOptions(0, List.of(corps), DEFAULT_CONTAINER_THREADS);
  }

  public SimulatorOptions withPort(int newPort) {
    return new SimulatorOptions(newPort, corps, containerThreads);
  }

  public SimulatorOptions withContainerThreads(int threads) {
    return new SimulatorOptions(port, corps, threads);
  }
}
