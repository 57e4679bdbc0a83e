package io.wescrm.wecom.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import me.chanjar.weixin.common.util.crypto.SHA1;
import me.chanjar.weixin.cp.bean.message.WxCpXmlMessage;
import me.chanjar.weixin.cp.config.impl.WxCpDefaultConfigImpl;
import me.chanjar.weixin.cp.util.crypto.WxCpCryptUtil;

/**
 * A WeCom callback receiver for tests (JDK HttpServer): checks every POST like a strict server would (signature with
 * WxJava's SHA1, decryption with WxJava's WxCpCryptUtil, receiveid = corp id with an independent AES decryption, the
 * envelope's ToUserName), parses the plaintext with WxJava's WxCpXmlMessage and answers what {@link #respond} says.
 * Requests that fail a check are recorded in {@link #problems()} and answered 400.
 */
final class CallbackReceiver implements AutoCloseable {

  static final String TOKEN = "QDG6eK";
  static final String AES_KEY = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";

  /** What to answer: an HTTP status, after sleeping {@code delayMs}. */
  record Answer(int status, long delayMs) {
    static final Answer OK = new Answer(200, 0);

    static Answer status(int status) {
      return new Answer(status, 0);
    }

    static Answer sleep(Duration delay) {
      return new Answer(200, delay.toMillis());
    }
  }

  /** One request that passed every check. */
  record Received(int number, String path, String timestamp, String nonce, String signature, String encrypt,
      String plaintext, String agentId, String contentType, WxCpXmlMessage message, long nanoTime) {

    String field(String name) {
      Object value = message.getAllFieldsMap().get(name);
      return value == null ? null : value.toString();
    }

    /** A CDATA field read from the plaintext (works without WxJava parsing). */
    String cdata(String name) {
      return element(plaintext, name);
    }
  }

  private final String corpId;
  private final HttpServer server;
  private final ExecutorService pool = Executors.newFixedThreadPool(64);
  private final WxCpDefaultConfigImpl config = new WxCpDefaultConfigImpl();
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final List<String> problems = new CopyOnWriteArrayList<>();
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();
  private volatile Function<Received, Answer> respond = r -> Answer.OK;
  private volatile boolean parse = true;

  CallbackReceiver(String corpId) throws IOException {
    this.corpId = corpId;
    config.setCorpId(corpId);
    config.setToken(TOKEN);
    config.setAesKey(AES_KEY);
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
    server.createContext("/", this::handle);
    server.setExecutor(pool);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/wecom/callback/" + corpId;
  }

  /** false: skip WxJava's (slow) decryption and parsing, {@link Received#message()} is null (for load tests). */
  void parse(boolean enabled) {
    this.parse = enabled;
  }

  void respond(Function<Received, Answer> answer) {
    this.respond = answer;
  }

  List<Received> received() {
    return new ArrayList<>(received);
  }

  List<String> plaintexts() {
    return received.stream().map(Received::plaintext).toList();
  }

  List<String> problems() {
    return new ArrayList<>(problems);
  }

  int requests() {
    return requests.get();
  }

  int maxInFlight() {
    return maxInFlight.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    int number = requests.incrementAndGet();
    inFlight.accumulateAndGet(1, (a, b) -> {
      int now = a + b;
      maxInFlight.accumulateAndGet(now, Math::max);
      return now;
    });
    try {
      Received request;
      try {
        request = check(number, exchange);
      } catch (RuntimeException | AssertionError e) {
        problems.add(number + ": " + e);
        inFlight.decrementAndGet();
        reply(exchange, 400);
        return;
      }
      received.add(request);
      Answer answer = respond.apply(request);
      if (answer.delayMs() > 0) {
        try {
          Thread.sleep(answer.delayMs());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      inFlight.decrementAndGet(); // before answering: the next request may come at once
      reply(exchange, answer.status());
    } catch (RuntimeException | Error e) {
      inFlight.decrementAndGet();
      throw e;
    }
  }

  private Received check(int number, HttpExchange exchange) throws IOException {
    if (!exchange.getRequestMethod().equals("POST")) {
      throw new AssertionError("method " + exchange.getRequestMethod());
    }
    Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
    String timestamp = query.get("timestamp");
    String nonce = query.get("nonce");
    String signature = query.get("msg_signature");
    if (timestamp == null || nonce == null || signature == null) {
      throw new AssertionError("missing query parameters: " + query);
    }
    String body;
    try (InputStream in = exchange.getRequestBody()) {
      body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String encrypt = element(body, "Encrypt");
    if (!corpId.equals(element(body, "ToUserName"))) {
      throw new AssertionError("envelope ToUserName: " + body);
    }
    String expected = SHA1.gen(TOKEN, timestamp, nonce, encrypt);
    if (!expected.equals(signature)) {
      throw new AssertionError("bad signature");
    }
    String[] independent = decryptIndependently(encrypt);
    if (!independent[1].equals(corpId)) {
      throw new AssertionError("receiveid is not the corp id: " + independent[1]);
    }
    WxCpXmlMessage message = null;
    if (parse) {
      String plaintext = new WxCpCryptUtil(config).decryptXml(signature, timestamp, nonce, body);
      if (!plaintext.equals(independent[0])) {
        throw new AssertionError("WxJava and the independent decryption disagree");
      }
      message = WxCpXmlMessage.fromEncryptedXml(body, config, timestamp, nonce, signature);
    }
    return new Received(number, exchange.getRequestURI().getPath(), timestamp, nonce, signature, encrypt,
        independent[0], element(body, "AgentID"), exchange.getRequestHeaders().getFirst("Content-Type"), message,
        System.nanoTime());
  }

  /** An independent decryption (neither the simulator's nor WxJava's): {message, receiveid}. */
  static String[] decryptIndependently(String encrypt) {
    try {
      byte[] key = Base64.getDecoder().decode(AES_KEY + "=");
      Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(Arrays.copyOf(key, 16)));
      byte[] plain = cipher.doFinal(Base64.getDecoder().decode(encrypt));
      int pad = plain[plain.length - 1];
      int length = ByteBuffer.wrap(plain, 16, 4).getInt();
      return new String[] {new String(plain, 20, length, StandardCharsets.UTF_8),
          new String(plain, 20 + length, plain.length - pad - 20 - length, StandardCharsets.UTF_8)};
    } catch (Exception e) {
      throw new AssertionError("cannot decrypt: " + e, e);
    }
  }

  private static String element(String xml, String name) {
    Matcher matcher = Pattern.compile("<" + name + "><!\\[CDATA\\[(.*?)]]></" + name + ">").matcher(xml);
    return matcher.find() ? matcher.group(1) : null;
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> values = new HashMap<>();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          values.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
    }
    return values;
  }

  private static void reply(HttpExchange exchange, int status) {
    try {
      exchange.sendResponseHeaders(status, -1);
    } catch (IOException e) {
      // the simulator gave up waiting (timeout): nothing to answer
    } finally {
      exchange.close();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }
}
