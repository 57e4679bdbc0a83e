package io.wescrm.web.inbox;

import io.wescrm.core.inbox.InboxEvent;
import io.wescrm.core.inbox.InboxSpool;
import io.wescrm.core.inbox.InboxWriter;
import io.wescrm.wecom.callback.CallbackReceiver;
import io.wescrm.wecom.callback.CallbackRejected;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WeCom's callback URL, one per corp: {@code /wecom/callback/{corpId}}. GET answers URL verification with the bare
 * decrypted echostr; POST verifies and decrypts the event, stores it in the inbox, and only then answers 200 with an
 * empty body. Anything wrong is refused with a precise 4xx (body: reason code and a zh-CN message) and a log line,
 * and nothing is stored; a full inbox answers 503 so that WeCom retries.
 *
 * <p>A plain servlet rather than a Spring MVC controller: this is the hottest path of the server (thousands of
 * requests per second in a campaign burst) and MVC's per-request argument resolution cost more than our work.
 */
class WeComCallbackServlet extends HttpServlet {

  private static final Logger log = LoggerFactory.getLogger(WeComCallbackServlet.class);
  /** Refusals: sanitised (attacker bytes) and at most 20 lines per reason and minute. */
  private final RejectionLog rejections = new RejectionLog(20, System::nanoTime);

  private final transient CallbackReceiver receiver;
  private final transient InboxWriter writer;
  private final transient CallbackProperties properties;
  private final transient CallbackMetrics metrics;
  private final transient InboxWorker worker;
  private final transient java.util.List<CallbackTap> taps;
  private final transient InboxSpool spool;

  WeComCallbackServlet(CallbackReceiver receiver, InboxWriter writer, CallbackProperties properties,
      CallbackMetrics metrics, InboxWorker worker, java.util.List<CallbackTap> taps, InboxSpool spool) {
    this.spool = spool;
    this.receiver = receiver;
    this.writer = writer;
    this.properties = properties;
    this.metrics = metrics;
    this.worker = worker;
    this.taps = java.util.List.copyOf(taps);
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String corpId = corpId(request);
    try {
      String echo = receiver.verifyUrl(corpId, request.getParameter("msg_signature"),
          request.getParameter("timestamp"), request.getParameter("nonce"), request.getParameter("echostr"));
      log.info("WeCom URL verification of corp {} succeeded", corpId);
      response.setStatus(200);
      response.setContentType("text/plain;charset=UTF-8");
      byte[] body = echo.getBytes(StandardCharsets.UTF_8);
      response.setContentLength(body.length);
      response.getOutputStream().write(body);
    } catch (CallbackRejected e) {
      reject(corpId, e, request, response);
    }
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
    long started = System.nanoTime();
    long arrived = System.currentTimeMillis();
    String corpId = corpId(request);
    InboxEvent event;
    java.util.concurrent.CompletableFuture<Void> stored;
    try {
      String body = readBody(request);
      event = receiver.receive(corpId, request.getParameter("msg_signature"), request.getParameter("timestamp"),
          request.getParameter("nonce"), body);
    } catch (CallbackRejected e) {
      reject(corpId, e, request, response);
      return;
    }
    try {
      stored = writer.submit(event);
    } catch (IllegalStateException e) {
      notStored(corpId, event, e, response, started);
      return;
    }
    // asynchronous from here: the request thread goes back to the pool instead of parking until the batch commits
    // (on a 2-core VM a park/unpark pair per request cost more CPU than the work); the inbox writer answers
    AsyncContext async = request.startAsync();
    async.setTimeout(properties.ackTimeout().toMillis());
    java.util.concurrent.atomic.AtomicBoolean answered = new java.util.concurrent.atomic.AtomicBoolean();
    async.addListener(new AsyncListener() {
      @Override
      public void onTimeout(AsyncEvent e) throws IOException {
        if (answered.compareAndSet(false, true)) {
          notStored(corpId, event, new TimeoutException("not stored within " + properties.ackTimeout()),
              (HttpServletResponse) e.getAsyncContext().getResponse(), started);
          e.getAsyncContext().complete();
        }
      }

      @Override
      public void onComplete(AsyncEvent e) {
      }

      @Override
      public void onError(AsyncEvent e) {
      }

      @Override
      public void onStartAsync(AsyncEvent e) {
      }
    });
    stored.whenComplete((ignored, failure) -> {
      if (!answered.compareAndSet(false, true)) {
        return;   // answered on timeout (spooled, or 503: WeCom retries and the retry is deduplicated)
      }
      HttpServletResponse r = (HttpServletResponse) async.getResponse();
      try {
        if (failure != null) {
          notStored(corpId, event, failure, r, started);
        } else {
          metrics.acked(event, System.nanoTime() - started);
          r.setStatus(200);
          r.setContentLength(0);
        }
      } catch (IOException | RuntimeException e) {
        log.warn("Callback answer of corp {} not written: {}", corpId, e.toString());
      } finally {
        async.complete();
      }
      if (failure == null) {
        for (CallbackTap tap : taps) {
          try {
            tap.stored(event, arrived);
          } catch (RuntimeException e) {
            // the event is stored: a tap's failure must not make WeCom retry it
            log.error("Callback tap {} failed on an event of corp {}", tap, corpId, e);
          }
        }
        worker.wake();
      }
    });
  }

  /**
   * The database did not store the event in time: it goes to the node's spool (on disk before the 200; moved into
   * the inbox when the database is back), or, without a spool or if that write fails too, WeCom gets a 503 and
   * retries.
   */
  private void notStored(String corpId, InboxEvent event, Throwable e, HttpServletResponse response, long started)
      throws IOException {
    if (spool != null && spool.append(event, java.time.Instant.now())) {
      metrics.spooled();
      log.warn("Callback of corp {} not stored in the database ({}); spooled on this node, answered 200", corpId,
          e.toString());
      metrics.acked(event, System.nanoTime() - started);
      response.setStatus(200);
      response.setContentLength(0);
      return;
    }
    unavailable(corpId, e, response);
  }

  private void unavailable(String corpId, Throwable e, HttpServletResponse response) throws IOException {
    metrics.unavailable();
    log.error("Callback of corp {} could not be stored ({}); answered 503 so that WeCom retries", corpId,
        e.toString());
    text(response, 503, "INBOX_UNAVAILABLE 回调暂存失败，请企业微信重试");
  }

  private static String corpId(HttpServletRequest request) {
    String path = request.getPathInfo();
    if (path == null || path.length() < 2 || path.indexOf('/', 1) >= 0) {
      return "";
    }
    return path.substring(1);
  }

  /** Reads at most maxBodyBytes; refuses larger bodies without reading them whole. */
  private String readBody(HttpServletRequest request) {
    int max = properties.maxBodyBytes();
    long declared = request.getContentLengthLong();
    if (declared > max) {
      throw new CallbackRejected(CallbackRejected.Reason.BODY_TOO_LARGE, declared + " bytes");
    }
    try (InputStream in = request.getInputStream()) {
      if (declared >= 0) {
        // the usual case: exactly the declared bytes (no chunk buffers: this is the hot path's largest allocation)
        byte[] bytes = new byte[(int) declared];
        int read = in.readNBytes(bytes, 0, bytes.length);
        return new String(bytes, 0, read, StandardCharsets.UTF_8);
      }
      byte[] bytes = in.readNBytes(max + 1);
      if (bytes.length > max) {
        throw new CallbackRejected(CallbackRejected.Reason.BODY_TOO_LARGE, "more than " + max + " bytes");
      }
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CallbackRejected(CallbackRejected.Reason.MALFORMED_XML, "unreadable body: " + e.getMessage());
    }
  }

  private void reject(String corpId, CallbackRejected e, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    metrics.rejected(e.reason());
    rejections.refused(e.reason().name(), corpId, request.getRemoteAddr(), e.getMessage());
    text(response, e.reason().status(), e.reason().name() + " " + e.reason().message());
  }

  private static void text(HttpServletResponse response, int status, String text) throws IOException {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    response.setStatus(status);
    response.setContentType("text/plain;charset=UTF-8");
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }
}
