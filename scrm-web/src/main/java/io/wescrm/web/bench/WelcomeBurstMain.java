package io.wescrm.web.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Load generator of the welcome burst (bench/welcome-burst.sh): {@code --count} scans of a contact way through the
 * simulator's control API, evenly paced over {@code --seconds}; then waits out the 20 s window and reads the
 * simulator's accepted welcomes (the simulator enforces the window itself) and the server's ledger summary. Prints
 * one summary block.
 *
 * <pre>java -cp wescrm.jar -Dloader.main=io.wescrm.web.bench.WelcomeBurstMain
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
    Map<String, String> o = new HashMap<>();
    for (String a : args) {
      if (a.startsWith("--") && a.contains("=")) {
        o.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
      }
    }
    String sim = o.get("sim");
    String api = o.get("api");
    String corp = o.get("corp-id");
    String state = o.getOrDefault("state", "store_sh01_qr");
    int count = Integer.parseInt(o.getOrDefault("count", "2000"));
    double seconds = Double.parseDouble(o.getOrDefault("seconds", "10"));
    HttpClient http = HttpClient.newBuilder().executor(java.util.concurrent.Executors.newFixedThreadPool(32, r -> {
      Thread t = new Thread(r, "burst-http");
      t.setDaemon(true);
      return t;
    }))
        .connectTimeout(Duration.ofSeconds(5)).build();
    Map<String, Long> codes = new ConcurrentHashMap<>();
    AtomicInteger failed = new AtomicInteger();
    List<CompletableFuture<?>> inFlight = new ArrayList<>();
    // at most this many scans in flight: more only overflows the simulator's acceptor (connection resets)
    java.util.concurrent.Semaphore slots = new java.util.concurrent.Semaphore(
        Integer.parseInt(o.getOrDefault("in-flight", "48")));
    Map<String, Integer> errors = new ConcurrentHashMap<>();
    long t0 = System.nanoTime();
    long startMillis = System.currentTimeMillis();
    for (int i = 0; i < count; i++) {
      long due = t0 + (long) (i * seconds * 1e9 / count);
      long wait = due - System.nanoTime();
      if (wait > 0) {
        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      }
      HttpRequest request = HttpRequest.newBuilder(URI.create(sim + "/sim/corps/" + corp + "/scan"))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"state\": \"" + state + "\", \"name\": \"压测客户" + i + "\"}"))
          .build();
      slots.acquire();
      inFlight.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> slots.release())
          .thenAccept(r -> {
        if (r.statusCode() != 201) {
          failed.incrementAndGet();
          errors.merge("HTTP " + r.statusCode() + " " + r.body(), 1, Integer::sum);
          return;
        }
        JsonNode scan = JSON.readTree(r.body());
        codes.put(scan.get("welcome_code").asString(), System.currentTimeMillis());
      }).exceptionally(e -> {
        failed.incrementAndGet();
        errors.merge(String.valueOf(e.getCause() != null ? e.getCause() : e), 1, Integer::sum);
        return null;
      }));
    }
    CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).join();
    double fired = (System.nanoTime() - t0) / 1e9;
    System.out.printf("scans: %d accepted, %d failed, fired in %.2f s%n", codes.size(), failed.get(), fired);
    errors.forEach((k, v) -> System.out.println("  scan failure x" + v + ": " + k));
    // wait until the window of the last code closed, and the server has nothing left in flight
    Thread.sleep(21_000);
    JsonNode welcomes = JSON.readTree(get(http, sim + "/sim/corps/" + corp + "/welcomes")).get("welcomes");
    List<Long> issueToSend = new ArrayList<>();
    int ours = 0;
    for (JsonNode w : welcomes) {
      if (codes.containsKey(w.get("code").asString())) {
        ours++;
        issueToSend.add(w.get("sent_at_millis").asLong() - w.get("issued_at_millis").asLong());
      }
    }
    issueToSend.sort(null);
    System.out.printf("simulator accepted welcomes: %d of %d codes = %.2f %% (inside the 20 s window by construction:"
        + " the simulator refuses expired codes with 41050)%n", ours, codes.size(), 100.0 * ours / codes.size());
    System.out.printf("code issued -> welcome accepted (simulator clock): p50 %d ms, p99 %d ms, max %d ms%n",
        pct(issueToSend, 0.5), pct(issueToSend, 0.99), issueToSend.isEmpty() ? 0 : issueToSend.get(issueToSend.size()
            - 1));
    String from = java.time.Instant.ofEpochMilli(startMillis - 1000).toString();
    System.out.println("server ledger (callback arrival -> send_welcome_msg answered): "
        + get(http, api + "/api/corps/" + corp + "/welcomes/summary?from=" + from));
  }

  private static long pct(List<Long> sorted, double p) {
    if (sorted.isEmpty()) {
      return 0;
    }
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1)));
  }

  private static String get(HttpClient http, String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString())
        .body();
  }
}
