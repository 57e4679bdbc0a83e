package io.wescrm.web.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Server settings ({@code scrm.*}) other than the WeCom connection.
 *
 * @param node this node's name in sync runs, welcome ledger rows and leases: unique per process by default (host name,
 *     pid and a random suffix: two nodes on one host, or cloned containers with one host name, never take each
 *     other's runs for their own); set it to a stable unique name per node (e.g. a StatefulSet pod name) to have a
 *     restarted node mark its own interrupted runs ABORTED at once rather than after their heartbeat goes stale
 */
@ConfigurationProperties("scrm")
public record ScrmProperties(String node, Sync sync, Simulator simulator) {

  public ScrmProperties {
    node = node == null || node.isBlank() ? defaultNode() : node;
    sync = sync == null ? new Sync(null, null, null, null, null, null, null) : sync;
    simulator = simulator == null ? new Simulator(false, null, null, null, false, null, null) : simulator;
  }

  /**
   * @param onStartup run a full sync of every corp once the server is up
   * @param nightlyCron Quartz cron of the nightly full sync (server time zone)
   * @param reconcileCron Quartz cron of incremental reconciliation passes (compare and repair one slice of the
   *     staff; their changes are the drift)
   * @param reconcileSlices slices of the staff: a full reconciliation cycle is this many passes
   * @param staffPerCustomerCall userids per batch/get_by_user call
   * @param writerThreads database writer threads per sync
   * @param heartbeat lock renewal and progress interval
   */
  public record Sync(Boolean onStartup, String nightlyCron, String reconcileCron, Integer reconcileSlices,
      Integer staffPerCustomerCall, Integer writerThreads, Duration heartbeat) {

    public Sync {
      onStartup = onStartup != null && onStartup;
      nightlyCron = nightlyCron == null || nightlyCron.isBlank() ? "0 0 3 * * ?" : nightlyCron;
      reconcileCron = reconcileCron == null || reconcileCron.isBlank() ? "0 */30 * * * ?" : reconcileCron;
      reconcileSlices = reconcileSlices == null ? 8 : reconcileSlices;
      staffPerCustomerCall = staffPerCustomerCall == null ? 100 : staffPerCustomerCall;
      writerThreads = writerThreads == null ? 3 : writerThreads;
      heartbeat = heartbeat == null ? Duration.ofSeconds(10) : heartbeat;
    }
  }

  /**
   * The embedded WeCom simulator (demo mode).
   *
   * @param seed demo, benchmark or empty
   * @param latency injected latency per call
   * @param persist keep each simulated corp's state in {@code snapshotDir} and restore it at start (demo: true)
   * @param snapshotDir where the corp snapshots live ({@code <corpId>.json})
   * @param snapshotInterval how often changed state is written (at most this much is lost when the process is killed)
   */
  public record Simulator(boolean enabled, Integer port, String seed, Duration latency, boolean persist,
      String snapshotDir, Duration snapshotInterval) {

    public Simulator {
      port = port == null ? 18089 : port;
      seed = seed == null ? "demo" : seed;
      latency = latency == null ? Duration.ZERO : latency;
      snapshotDir = snapshotDir == null || snapshotDir.isBlank() ? "./data/simulator" : snapshotDir;
      snapshotInterval = snapshotInterval == null || snapshotInterval.isZero() || snapshotInterval.isNegative()
          ? Duration.ofSeconds(2) : snapshotInterval;
    }
  }

  /**
   * {@code <host>-<pid>-<8 random hex digits>}, at most 60 characters (node columns are 64 wide): cloned containers
   * share a host name and often pid 1, hence the random part.
   */
  static String defaultNode() {
    String host = hostName();
    host = host.length() > 40 ? host.substring(0, 40) : host;
    return host + "-" + ProcessHandle.current().pid() + "-"
        + String.format("%08x", new java.security.SecureRandom().nextInt());
  }

  private static String hostName() {
    String env = System.getenv("HOSTNAME");
    if (env != null && !env.isBlank()) {
      return env;
    }
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      return "local";
    }
  }
}
