package io.wescrm.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Driver of the welcome burst (bench/welcome-burst.sh): asks the simulator for {@code --count} scans of a contact way
 * evenly paced over {@code --seconds} ({@code POST /sim/corps/{corp}/scan-bursts}: produced inside the simulator, as
 * WeCom produces add events without a request per customer); then waits out the 20 s window and reads the burst's
 * report (welcomes accepted for its codes: the simulator enforces the window itself) and the server's ledger summary.
 * Prints one summary block.
 *
 * <pre>java -cp scrm-bench.jar -Dloader.main=io.wescrm.bench.WelcomeBurstMain
 *   org.springframework.boot.loader.launch.PropertiesLauncher --sim=http://127.0.0.1:18092 --api=http://… …</pre>
 */
public final class WelcomeBurstMain {

  private static final ObjectMapper JSON = new ObjectMapper();

  private WelcomeBurstMain() {
  }

  public static void main(String[] args) {
    try {
      run(args);
      System.exit(0);
    } catch (Exception e) {
      e.printStackTrace(System.out);
      System.exit(1);
    }
  }

  private static void run(String[] args) throws Exception {
    Map<String, String> o = BenchArgs.parse(args);
    String sim = o.get("sim");
    String api = o.get("api");
    String corp = o.get("corp-id");
    String state = o.getOrDefault("state", "store_sh01_qr");
    String authorization = o.getOrDefault("authorization", System.getenv("SCRM_API_AUTH"));
    int count = Integer.parseInt(o.getOrDefault("count", "2000"));
    double seconds = Double.parseDouble(o.getOrDefault("seconds", "10"));
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    long startMillis = System.currentTimeMillis();
    // the scans are produced inside the simulator, paced over the burst (WeCom needs no request per customer either)
    JsonNode started = JSON.readTree(send(http, HttpRequest.newBuilder(URI.create(sim + "/sim/corps/" + corp
        + "/scan-bursts")).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
            "{\"state\": \"" + state + "\", \"count\": " + count + ", \"seconds\": " + seconds
                + ", \"name_prefix\": \"压测客户\"}")).build(), 202));
    String report = sim + "/sim/corps/" + corp + "/scan-bursts/" + started.get("id").asLong();
    JsonNode burst = started;
    while (!burst.get("done").asBoolean()) {
      Thread.sleep(250);
      burst = JSON.readTree(get(http, report));
    }
    System.out.printf("scans: %d fired, %d failed, fired in %.2f s (latest scan %d ms behind its paced time)%n",
        burst.get("fired").asInt(), burst.get("failed").asInt(), burst.get("fired_in_ms").asLong() / 1000.0,
        burst.get("max_behind_ms").asLong());
    if (burst.get("failed").asInt() > 0) {
      System.out.println("  scan failures: " + burst.get("errors"));
    }
    // wait until the window of the last code closed, and the server has nothing left in flight
    Thread.sleep(21_000);
    burst = JSON.readTree(get(http, report));
    int codes = burst.get("welcome_codes").asInt();
    int ours = burst.get("welcomes_accepted").asInt();
    JsonNode latency = burst.get("code_issued_to_welcome_accepted");
    System.out.printf("simulator accepted welcomes: %d of %d codes = %.2f %% (inside the 20 s window by construction:"
        + " the simulator refuses expired codes with 41050)%n", ours, codes, 100.0 * ours / Math.max(1, codes));
    System.out.printf("code issued -> welcome accepted (simulator clock): p50 %d ms, p99 %d ms, max %d ms%n",
        latency.get("p50_ms").asLong(), latency.get("p99_ms").asLong(), latency.get("max_ms").asLong());
    String from = java.time.Instant.ofEpochMilli(startMillis - 1000).toString();
    System.out.println("server ledger (callback arrival -> send_welcome_msg answered): "
        + send(http, authorized(HttpRequest.newBuilder(URI.create(api + "/api/corps/" + corp
            + "/welcomes/summary?from=" + from)), authorization).GET().build(), 200));
  }

  /** The API needs an account (docs/security.md): {@code --authorization="Basic …"} or {@code SCRM_API_AUTH}. */
  private static HttpRequest.Builder authorized(HttpRequest.Builder request, String authorization) {
    return authorization == null || authorization.isBlank() ? request : request.header("Authorization", authorization);
  }

  private static String get(HttpClient http, String url) throws Exception {
    return send(http, HttpRequest.newBuilder(URI.create(url)).GET().build(), 200);
  }

  private static String send(HttpClient http, HttpRequest request, int expected) throws Exception {
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != expected) {
      throw new IllegalStateException(request.method() + " " + request.uri() + ": HTTP " + response.statusCode() + " "
          + response.body());
    }
    return response.body();
  }
}
