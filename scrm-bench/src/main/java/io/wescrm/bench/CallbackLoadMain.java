package io.wescrm.bench;

import io.wescrm.wecom.callback.CallbackCrypto;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load generator for the callback benchmark (bench/callbacks.sh): posts signed, encrypted
 * {@code add_external_contact} events, every one distinct, either as fast as {@code concurrency} connections allow
 * ({@code --mode=max}) or at a fixed rate ({@code --mode=rate}). Payloads are encrypted before the clock starts.
 * Prints a summary line and writes every acknowledged external_userid to {@code --acked=FILE}; with
 * {@code --dump=FILE} it only writes the signed requests for wrk. Requests go out from one thread over
 * {@code concurrency} keep-alive connections ({@link NioLoad}): ~100 µs of CPU per request where the JDK's HttpClient
 * with a thread per connection took ~430 µs (0.43 of a core at 1,000/s on the 2 cores it shares with the server it
 * measures). {@code --warmup=S} first runs S seconds of the same schedule unmeasured (this JVM's own JIT);
 * {@code --timeline=FILE} writes latency percentiles per second of the schedule; the summary adds the generator's own
 * lateness ({@code send_lag}) and CPU ({@code gen_cpu_s}).
 *
 * <pre>java -cp scrm-bench.jar -Dloader.main=io.wescrm.bench.CallbackLoadMain
 *   org.springframework.boot.loader.launch.PropertiesLauncher --url=http://127.0.0.1:18080 --corp-id=ww… …</pre>
 */
public final class CallbackLoadMain {

  private CallbackLoadMain() {
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> o = BenchArgs.parse(args);
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
      String[] req = request(crypto, o.get("token"), url, corp, staff.get(i % staff.size()), ids[i], now,
          Integer.toString(i));
      paths[i] = req[0];
      bodies[i] = req[1];
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

    URI base = URI.create(url);
    byte[][] requests = new byte[events][];
    for (int i = 0; i < events; i++) {
      requests[i] = NioLoad.post(base, paths[i].substring(url.length()), bodies[i]);
    }
    long[] latencyMicros = new long[events];
    long[] sendLagMicros = new long[events];
    boolean[] acked = new boolean[events];
    AtomicLong errors = new AtomicLong();
    Map<Integer, AtomicLong> statuses = new java.util.concurrent.ConcurrentHashMap<>();
    boolean atRate = "rate".equals(mode);
    int warmup = Integer.parseInt(o.getOrDefault("warmup", "0"));
    if (atRate && warmup > 0) {
      // the same schedule through the same code first, unmeasured: the measured minute starts with this JVM's
      // sending path compiled (a fresh generator JIT-compiling beside the server costs p99 on 2 cores)
      int w = rate * warmup;
      byte[][] wRequests = new byte[w][];
      for (int i = 0; i < w; i++) {
        String[] req = request(crypto, o.get("token"), url, corp, staff.get(i % staff.size()), prefix + "w" + i, now,
            "w" + i);
        wRequests[i] = NioLoad.post(base, req[0].substring(url.length()), req[1]);
      }
      send(o, base, wRequests, concurrency, rate, new long[w], new long[w], new boolean[w], new AtomicLong(),
          new java.util.concurrent.ConcurrentHashMap<>());
      System.err.printf("warm-up: %d events at %d/s%n", w, rate);
    }
    java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory
        .getOperatingSystemMXBean();
    long cpu0 = os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
    long start = System.nanoTime();
    send(o, base, requests, concurrency, atRate ? rate : 0, latencyMicros, sendLagMicros, acked, errors, statuses);
    long cpu1 = os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
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
    List<Long> lags = new ArrayList<>();
    for (long l : sendLagMicros) {
      lags.add(l);
    }
    lags.sort(null);
    // send_lag: from a request's place in the schedule to the moment a sender thread began it (the generator's own
    // queueing); gen_cpu: this JVM's CPU time during the measured run (it shares the machine with the server)
    System.out.printf("mode=%s events=%d acked=%d errors=%d statuses=%s seconds=%.2f ack_rate=%.0f/s "
            + "p50_ms=%.2f p95_ms=%.2f p99_ms=%.2f max_ms=%.2f send_lag_p99_ms=%.2f send_lag_max_ms=%.2f "
            + "gen_cpu_s=%.1f prefix=%s%n", mode, events, ackedCount, errors.get(),
        statuses, elapsed, ackedCount / elapsed, pct(ok, 0.50), pct(ok, 0.95), pct(ok, 0.99),
        ok.isEmpty() ? 0 : ok.get(ok.size() - 1) / 1000.0, pct(lags, 0.99), lags.isEmpty() ? 0
            : lags.get(lags.size() - 1) / 1000.0, cpu0 < 0 ? -1 : (cpu1 - cpu0) / 1e9, prefix);
    if (o.containsKey("timeline")) {
      // per second of the schedule: requests, latency p50 / p99 / max (ms) — where in the run the tail happened
      try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(Path.of(o.get("timeline"))))) {
        w.println("second requests p50_ms p99_ms max_ms send_lag_max_ms");
        int perSecond = "rate".equals(mode) ? rate : Math.max(1, events / 60);
        for (int s = 0; s * perSecond < events; s++) {
          List<Long> v = new ArrayList<>();
          long lagMax = 0;
          for (int i = s * perSecond; i < Math.min(events, (s + 1) * perSecond); i++) {
            if (acked[i]) {
              v.add(latencyMicros[i]);
            }
            lagMax = Math.max(lagMax, sendLagMicros[i]);
          }
          v.sort(null);
          w.printf("%d %d %.1f %.1f %.1f %.1f%n", s, v.size(), pct(v, 0.5), pct(v, 0.99),
              v.isEmpty() ? 0 : v.get(v.size() - 1) / 1000.0, lagMax / 1000.0);
        }
      }
    }
    System.exit(0);
  }

  private static void send(Map<String, String> o, URI base, byte[][] requests, int concurrency, int rate,
      long[] latency, long[] sendLag, boolean[] acked, AtomicLong errors, Map<Integer, AtomicLong> statuses)
      throws IOException {
    new NioLoad(base, concurrency).run(requests, rate, latency, sendLag, acked, errors, statuses);
  }

  private static String[] request(CallbackCrypto crypto, String token, String url, String corp, String staff,
      String externalUserId, long now, String nonce) {
    String xml = "<xml><ToUserName><![CDATA[" + corp + "]]></ToUserName><FromUserName><![CDATA[sys]]>"
        + "</FromUserName><CreateTime>" + now + "</CreateTime><MsgType><![CDATA[event]]></MsgType>"
        + "<Event><![CDATA[change_external_contact]]></Event><ChangeType><![CDATA[add_external_contact]]>"
        + "</ChangeType><UserID><![CDATA[" + staff + "]]></UserID><ExternalUserID><![CDATA["
        + externalUserId + "]]></ExternalUserID><State><![CDATA[bench_qr]]></State></xml>";
    String encrypt = crypto.encrypt(xml);
    String ts = Long.toString(now);
    return new String[] {
        url + "/wecom/callback/" + corp + "?msg_signature=" + CallbackCrypto.sign(token, ts, nonce, encrypt)
            + "&timestamp=" + ts + "&nonce=" + nonce,
        "<xml><ToUserName><![CDATA[" + corp + "]]></ToUserName><Encrypt><![CDATA[" + encrypt
            + "]]></Encrypt><AgentID><![CDATA[1000002]]></AgentID></xml>"};
  }

  private static double pct(List<Long> sorted, double p) {
    if (sorted.isEmpty()) {
      return 0;
    }
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1)) / 1000.0;
  }
}
