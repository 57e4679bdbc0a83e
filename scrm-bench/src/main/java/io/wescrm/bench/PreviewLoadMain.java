package io.wescrm.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The heavy-preview clients of bench/isolation.sh: {@code --clients} threads, client <i>i</i> posting preview kind
 * <i>i</i> mod 3 (rule, search, campaign) in a loop until {@code --until} (epoch seconds), each waiting as the
 * answer's Retry-After says after a 429 or 503 (an integrator honouring the API) and asking again at once otherwise.
 * One line per answer to {@code --out}: {@code <epoch s> <kind> <status> <seconds> <retry-after>}. One JVM with
 * keep-alive connections instead of a shell loop forking {@code curl} and {@code date} several times per request:
 * the clients' own CPU on the machine the server shares stays small (the shell loop's was a large part of the ack
 * tail it was meant to measure, docs/performance.md "Isolation").
 *
 * <pre>SCRM_API_AUTH='Basic …' java -cp scrm-bench.jar -Dloader.main=io.wescrm.bench.PreviewLoadMain
 *   org.springframework.boot.loader.launch.PropertiesLauncher --api=http://127.0.0.1:18601/api/corps/ww…
 *   --clients=20 --until=1796315100 --rule=rule.json --search=search.json --campaign=campaign.json --out=p.txt</pre>
 */
public final class PreviewLoadMain {

  private static final String[] KINDS = {"rule", "search", "campaign"};
  private static final Map<String, String> PATHS = Map.of("rule", "/rules/preview?sample=20",
      "search", "/customers/search?page=1&size=20", "campaign", "/campaigns/preview?sample=5");

  private PreviewLoadMain() {
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> o = BenchArgs.parse(args);
    String api = o.get("api");
    int clients = Integer.parseInt(o.getOrDefault("clients", "20"));
    long until = Long.parseLong(o.get("until"));
    String auth = System.getenv("SCRM_API_AUTH");
    Map<String, byte[]> bodies = new HashMap<>();
    for (String kind : KINDS) {
      bodies.put(kind, Files.readAllBytes(Path.of(o.get(kind))));
    }
    List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      String kind = KINDS[i % 3];
      Thread t = new Thread(() -> loop(api + PATHS.get(kind), kind, bodies.get(kind), auth, until, lines),
          "preview-" + i);
      t.start();
      threads.add(t);
    }
    for (Thread t : threads) {
      t.join();
    }
    try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of(o.get("out"))))) {
      lines.forEach(out::println);
    }
    System.out.printf("preview clients: %d answers, cpu_s=%.1f%n", lines.size(),
        ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
            .getOperatingSystemMXBean()).getProcessCpuTime() / 1e9);
  }

  private static void loop(String url, String kind, byte[] body, String auth, long until, List<String> lines) {
    while (System.currentTimeMillis() / 1000 < until) {
      long start = System.nanoTime();
      int status;
      String retryAfter = null;
      try {
        HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
        c.setRequestMethod("POST");
        c.setDoOutput(true);
        c.setConnectTimeout(5_000);
        c.setReadTimeout(120_000);
        c.setRequestProperty("Content-Type", "application/json");
        if (auth != null) {
          c.setRequestProperty("Authorization", auth);
        }
        try (OutputStream os = c.getOutputStream()) {
          os.write(body);
        }
        status = c.getResponseCode();
        retryAfter = c.getHeaderField("Retry-After");
        try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
          if (in != null) {
            in.readAllBytes(); // read to the end: the connection goes back to the keep-alive pool
          }
        }
      } catch (IOException e) {
        status = 0;
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      lines.add(String.format("%.6f %s %d %.6f %s", System.currentTimeMillis() / 1000.0, kind, status, seconds,
          retryAfter == null ? "" : retryAfter).trim());
      if (status == 429 || status == 503 || status == 0) {
        try {
          Thread.sleep(1000L * (retryAfter == null ? 1 : Long.parseLong(retryAfter.trim())));
        } catch (InterruptedException | NumberFormatException e) {
          return;
        }
      }
    }
  }

}
