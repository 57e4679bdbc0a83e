package io.wescrm.bench;

import io.wescrm.wecom.callback.CallbackCrypto;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load generator for the callback benchmark (bench/callbacks.sh): posts signed, encrypted
 * {@code add_external_contact} events, every one distinct, either as fast as {@code concurrency} connections allow
 * ({@code --mode=max}) or at a fixed rate ({@code --mode=rate}). Payloads are encrypted before the clock starts.
 * Prints a summary line and writes every acknowledged external_userid to {@code --acked=FILE}; with
 * {@code --dump=FILE} it only writes the signed requests for wrk.
 *
 * <pre>java -cp scrm-bench.jar -Dloader.main=io.wescrm.bench.CallbackLoadMain
 *   org.springframework.boot.loader.launch.PropertiesLauncher --url=http://127.0.0.1:18080 --corp-id=ww… …</pre>
 */
public final class CallbackLoadMain {

  private CallbackLoadMain() {
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> o = new HashMap<>();
    for (String a : args) {
      if (a.startsWith("--") && a.contains("=")) {
        o.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
      }
    }
    String url = o.getOrDefault("url", "http://127.0.0.1:8080");
    String corp = o.get("corp-id");
    CallbackCrypto crypto = new CallbackCrypto(o.get("token"), o.get("aes-key"), corp);
    String mode = o.getOrDefault("mode", "max");
    int concurrency = Integer.parseInt(o.getOrDefault("concurrency", "32"));
    int rate = Integer.parseInt(o.getOrDefault("rate", "1000"));
    int seconds = Integer.parseInt(o.getOrDefault("seconds", "20"));
    int events = "rate".equals(mode) ? rate * seconds : Integer.parseInt(o.getOrDefault("events", "50000"));
    List<String> staff = Arrays.asList(o.getOrDefault("staff", "zhangwei01").split(","));
    String prefix = o.getOrDefault("prefix", "wmload" + Long.toString(System.nanoTime() % 1_000_000_000L, 36));

    long t0 = System.nanoTime();
    String[] paths = new String[events];
    String[] bodies = new String[events];
    String[] ids = new String[events];
    long now = System.currentTimeMillis() / 1000;
    for (int i = 0; i < events; i++) {
      ids[i] = prefix + i;
      String xml = "<xml><ToUserName><![CDATA[" + corp + "]]></ToUserName><FromUserName><![CDATA[sys]]>"
          + "</FromUserName><CreateTime>" + now + "</CreateTime><MsgType><![CDATA[event]]></MsgType>"
          + "<Event><![CDATA[change_external_contact]]></Event><ChangeType><![CDATA[add_external_contact]]>"
          + "</ChangeType><UserID><![CDATA[" + staff.get(i % staff.size()) + "]]></UserID><ExternalUserID><![CDATA["
          + ids[i] + "]]></ExternalUserID><State><![CDATA[bench_qr]]></State></xml>";
      String encrypt = crypto.encrypt(xml);
      String nonce = Integer.toString(i);
      String ts = Long.toString(now);
      paths[i] = url + "/wecom/callback/" + corp + "?msg_signature=" + CallbackCrypto.sign(o.get("token"), ts,
          nonce, encrypt) + "&timestamp=" + ts + "&nonce=" + nonce;
      bodies[i] = "<xml><ToUserName><![CDATA[" + corp + "]]></ToUserName><Encrypt><![CDATA[" + encrypt
          + "]]></Encrypt><AgentID><![CDATA[1000002]]></AgentID></xml>";
    }
    System.err.printf("prepared %d events in %d ms%n", events, (System.nanoTime() - t0) / 1_000_000);
    if (o.containsKey("dump")) {
      // for wrk (bench/callback-requests.lua): one "path<TAB>body" line per event
      try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(Path.of(o.get("dump"))))) {
        for (int i = 0; i < events; i++) {
          w.print(paths[i].substring(paths[i].indexOf("/wecom/")));
          w.print('\t');
          w.println(bodies[i]);
        }
      }
      System.exit(0);
    }

    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).executor(Executors.newFixedThreadPool(4)).build();
    long[] latencyMicros = new long[events];
    boolean[] acked = new boolean[events];
    AtomicInteger next = new AtomicInteger();
    AtomicLong errors = new AtomicLong();
    Map<Integer, AtomicLong> statuses = new java.util.concurrent.ConcurrentHashMap<>();
    long start = System.nanoTime();
    if ("rate".equals(mode)) {
      ScheduledExecutorService ticker = Executors.newScheduledThreadPool(2);
      ExecutorService senders = Executors.newFixedThreadPool(concurrency);
      long periodNanos = 1_000_000_000L / rate;
      AtomicInteger scheduled = new AtomicInteger();
      ticker.scheduleAtFixedRate(() -> {
        int i = scheduled.getAndIncrement();
        if (i < events) {
          // latency counts from the request's place in the schedule, not from when the ticker ran: a stalled
          // generator (2 busy cores) must not hide the time as coordinated omission would
          long due = start + i * periodNanos;
          senders.execute(() -> send(http, paths[i], bodies[i], i, due, latencyMicros, acked, errors, statuses));
        }
      }, 0, periodNanos, TimeUnit.NANOSECONDS);
      while (scheduled.get() < events) {
        Thread.sleep(50);
      }
      ticker.shutdown();
      senders.shutdown();
      senders.awaitTermination(2, TimeUnit.MINUTES);
    } else {
      ExecutorService senders = Executors.newFixedThreadPool(concurrency);
      for (int t = 0; t < concurrency; t++) {
        senders.execute(() -> {
          int i;
          while ((i = next.getAndIncrement()) < events) {
            send(http, paths[i], bodies[i], i, System.nanoTime(), latencyMicros, acked, errors, statuses);
          }
        });
      }
      senders.shutdown();
      senders.awaitTermination(30, TimeUnit.MINUTES);
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    List<Long> ok = new ArrayList<>();
    int ackedCount = 0;
    try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(Path.of(o.getOrDefault("acked",
        "/dev/null"))))) {
      for (int i = 0; i < events; i++) {
        if (acked[i]) {
          ackedCount++;
          ok.add(latencyMicros[i]);
          w.println(ids[i]);
        }
      }
    }
    ok.sort(null);
    System.out.printf("mode=%s events=%d acked=%d errors=%d statuses=%s seconds=%.2f ack_rate=%.0f/s "
            + "p50_ms=%.2f p95_ms=%.2f p99_ms=%.2f max_ms=%.2f prefix=%s%n", mode, events, ackedCount, errors.get(),
        statuses, elapsed, ackedCount / elapsed, pct(ok, 0.50), pct(ok, 0.95), pct(ok, 0.99), ok.isEmpty() ? 0 : ok.get(ok.size() - 1) / 1000.0,
        prefix);
    System.exit(0);
  }

  private static void send(HttpClient http, String path, String body, int i, long due, long[] latency,
      boolean[] acked, AtomicLong errors, Map<Integer, AtomicLong> statuses) {
    try {
      HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(path)).timeout(Duration.ofSeconds(5))
          .header("Content-Type", "text/xml").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
          HttpResponse.BodyHandlers.discarding());
      statuses.computeIfAbsent(r.statusCode(), k -> new AtomicLong()).incrementAndGet();
      if (r.statusCode() == 200) {
        latency[i] = (System.nanoTime() - due) / 1000;
        acked[i] = true;
      }
    } catch (IOException | InterruptedException e) {
      errors.incrementAndGet();
    }
  }

  private static double pct(List<Long> sorted, double p) {
    if (sorted.isEmpty()) {
      return 0;
    }
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1)) / 1000.0;
  }
}
