package io.wescrm.web.callback;

import io.wescrm.core.inbox.InboxEvent;
import io.wescrm.core.inbox.InboxWriter;
import io.wescrm.wecom.callback.CallbackReceiver;
import io.wescrm.wecom.callback.CallbackRejected;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * WeCom's callback URL, one per corp: {@code /wecom/callback/{corpId}}. GET answers URL verification with the bare
 * decrypted echostr; POST verifies and decrypts the event, stores it in the inbox, and only then answers 200 with an
 * empty body. Anything wrong is refused with a precise 4xx and a log line, and nothing is stored.
 */
@RestController
@RequestMapping("/wecom/callback")
class WeComCallbackController {

  private static final Logger log = LoggerFactory.getLogger(WeComCallbackController.class);

  private final CallbackReceiver receiver;
  private final InboxWriter writer;
  private final CallbackProperties properties;
  private final CallbackMetrics metrics;
  private final InboxWorker worker;

  WeComCallbackController(CallbackReceiver receiver, InboxWriter writer, CallbackProperties properties,
      CallbackMetrics metrics, InboxWorker worker) {
    this.receiver = receiver;
    this.writer = writer;
    this.properties = properties;
    this.metrics = metrics;
    this.worker = worker;
  }

  @GetMapping(value = "/{corpId}", produces = MediaType.TEXT_PLAIN_VALUE)
  ResponseEntity<String> verify(@PathVariable String corpId,
      @RequestParam(name = "msg_signature", required = false) String signature,
      @RequestParam(required = false) String timestamp, @RequestParam(required = false) String nonce,
      @RequestParam(required = false) String echostr, HttpServletRequest request) {
    try {
      String echo = receiver.verifyUrl(corpId, signature, timestamp, nonce, echostr);
      log.info("WeCom URL verification of corp {} succeeded", corpId);
      return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(echo);
    } catch (CallbackRejected e) {
      return reject(corpId, e, request);
    }
  }

  @PostMapping("/{corpId}")
  ResponseEntity<String> receive(@PathVariable String corpId,
      @RequestParam(name = "msg_signature", required = false) String signature,
      @RequestParam(required = false) String timestamp, @RequestParam(required = false) String nonce,
      HttpServletRequest request) {
    long started = System.nanoTime();
    try {
      String body = readBody(request);
      InboxEvent event = receiver.receive(corpId, signature, timestamp, nonce, body);
      writer.submit(event).get(properties.ackTimeout().toMillis(), TimeUnit.MILLISECONDS);
      metrics.acked(event, System.nanoTime() - started);
      worker.wake();
      return ResponseEntity.ok().build();
    } catch (CallbackRejected e) {
      return reject(corpId, e, request);
    } catch (IllegalStateException | ExecutionException | TimeoutException e) {
      metrics.unavailable();
      log.error("Callback of corp {} could not be stored ({}); answered 503 so that WeCom retries", corpId,
          e.toString());
      return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).contentType(MediaType.TEXT_PLAIN)
          .body("INBOX_UNAVAILABLE");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).build();
    }
  }

  /** Reads at most maxBodyBytes; refuses larger bodies without reading them whole. */
  private String readBody(HttpServletRequest request) {
    int max = properties.maxBodyBytes();
    long declared = request.getContentLengthLong();
    if (declared > max) {
      throw new CallbackRejected(CallbackRejected.Reason.BODY_TOO_LARGE, declared + " bytes");
    }
    try (InputStream in = request.getInputStream()) {
      byte[] bytes = in.readNBytes(max + 1);
      if (bytes.length > max) {
        throw new CallbackRejected(CallbackRejected.Reason.BODY_TOO_LARGE, "more than " + max + " bytes");
      }
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CallbackRejected(CallbackRejected.Reason.MALFORMED_XML, "unreadable body: " + e.getMessage());
    }
  }

  private ResponseEntity<String> reject(String corpId, CallbackRejected e, HttpServletRequest request) {
    metrics.rejected(e.reason());
    log.warn("Callback for corp {} from {} refused: {}", corpId, request.getRemoteAddr(), e.getMessage());
    return ResponseEntity.status(e.reason().status()).contentType(new MediaType("text", "plain",
        StandardCharsets.UTF_8)).body(e.reason().name() + " " + e.reason().message());
  }
}
