package io.wescrm.wecom.simulator;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Delivers one corp's callbacks like WeCom: every non-API {@link SimChange} becomes an event, queued in change order,
 * encrypted and signed anew for every attempt and POSTed asynchronously; HTTP 200 within the timeout acknowledges it,
 * anything else is retried after the retry interval, up to {@code maxRetries} times, then dropped. At most
 * {@code maxInFlight} deliveries are under way at once (1 = strictly sequential: the next event waits until the
 * previous one is acknowledged or dropped). Every delivery is journaled.
 */
final class SimCallbackDispatcher implements Consumer<SimChange> {

  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
  static final Duration DEFAULT_RETRY_INTERVAL = Duration.ofSeconds(5);
  static final int DEFAULT_MAX_RETRIES = 3;
  static final int DEFAULT_JOURNAL_LIMIT = 100_000;

  /** Where and how to deliver. */
  private record Endpoint(URI uri, String url, String token, String encodingAesKey, SimCallbackCrypto crypto) {
  }

  /** One delivery; mutable fields guarded by the dispatcher's lock. */
  private static final class Delivery {
    final long seq;
    final long eventSeq;
    final long changeSeq;
    final boolean duplicate;
    final String event;
    final String changeType;
    final String xml;
    final Endpoint endpoint;
    final Instant queuedAt;
    int attempts;
    SimCallback.Status status = SimCallback.Status.PENDING;
    Instant ackedAt;
    String lastError;

    Delivery(long seq, long eventSeq, long changeSeq, boolean duplicate, String event, String changeType, String xml,
        Endpoint endpoint, Instant queuedAt) {
      this.seq = seq;
      this.eventSeq = eventSeq;
      this.changeSeq = changeSeq;
      this.duplicate = duplicate;
      this.event = event;
      this.changeType = changeType;
      this.xml = xml;
      this.endpoint = endpoint;
      this.queuedAt = queuedAt;
    }

    SimCallback view() {
      return new SimCallback(seq, eventSeq, changeSeq, duplicate, event, changeType, xml, attempts, status, queuedAt,
          ackedAt, lastError);
    }
  }

  private final SimCorp corp;
  private final SimCallbackHub hub;
  private final Object lock = new Object();

  private volatile Endpoint endpoint;
  private volatile boolean enabled;
  private volatile long timeoutMs = DEFAULT_TIMEOUT.toMillis();
  private volatile long retryIntervalMs = DEFAULT_RETRY_INTERVAL.toMillis();
  private volatile int maxRetries = DEFAULT_MAX_RETRIES;
  private volatile int maxInFlight = 1;
  private volatile int journalLimit = DEFAULT_JOURNAL_LIMIT;

  // guarded by lock
  private final ArrayDeque<Delivery> queue = new ArrayDeque<>();
  private final ArrayDeque<Delivery> journal = new ArrayDeque<>();
  private List<Delivery> held;
  private long heldGeneration;
  private int inFlight;
  private long pending;
  private long nextSeq;
  private long nextEventSeq;

  SimCallbackDispatcher(SimCorp corp, SimCallbackHub hub) {
    this.corp = corp;
    this.hub = hub;
  }

  // ---------------------------------------------------------------- configuration

  void configure(String url, String token, String encodingAesKey) {
    URI uri = receiverUri(url);
    SimCallbackCrypto crypto = new SimCallbackCrypto(token, encodingAesKey, corp.corpId());
    this.endpoint = new Endpoint(uri, url, token, encodingAesKey, crypto);
    this.enabled = true;
  }

  void disable() {
    this.enabled = false;
  }

  boolean enabled() {
    return enabled && endpoint != null;
  }

  void timeout(Duration timeout) {
    if (timeout.toMillis() < 1) {
      throw new IllegalArgumentException("timeout must be at least 1 ms");
    }
    this.timeoutMs = timeout.toMillis();
  }

  void retryInterval(Duration interval) {
    if (interval.isNegative()) {
      throw new IllegalArgumentException("retry interval must not be negative");
    }
    this.retryIntervalMs = interval.toMillis();
  }

  void maxRetries(int retries) {
    if (retries < 0) {
      throw new IllegalArgumentException("max retries must not be negative");
    }
    this.maxRetries = retries;
  }

  void maxInFlight(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("max in flight must be at least 1");
    }
    synchronized (lock) {
      this.maxInFlight = max;
      pump();
    }
  }

  void journalLimit(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("journal limit must be at least 1");
    }
    synchronized (lock) {
      this.journalLimit = limit;
      trimJournal();
    }
  }

  SimCallbackConfig config() {
    Endpoint current = endpoint;
    return new SimCallbackConfig(current == null ? null : current.url(), current == null ? null : current.token(),
        current == null ? null : current.encodingAesKey(), enabled(), Duration.ofMillis(timeoutMs),
        Duration.ofMillis(retryIntervalMs), maxRetries, maxInFlight, journalLimit);
  }

  private static URI receiverUri(String url) {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("callback url is required");
    }
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
        throw new IllegalArgumentException("callback url must be an absolute http(s) URL: " + url);
      }
      if (uri.getRawFragment() != null) {
        throw new IllegalArgumentException("callback url must not have a fragment: " + url);
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("invalid callback url: " + url, e);
    }
  }

  // ---------------------------------------------------------------- events in

  /** Change listener: WeCom sends no callback for API-made changes, nor for changes without an event. */
  @Override
  public void accept(SimChange change) {
    if (change.viaApi() || !enabled) {
      return;
    }
    Endpoint current = endpoint;
    SimCallbackEvents.Name name = SimCallbackEvents.name(change.kind());
    if (current == null || name == null) {
      return;
    }
    String xml = SimCallbackEvents.xml(corp, change);
    submit(current, xml, name.event(), name.changeType(), change.seq());
  }

  /** Queues an arbitrary plaintext event; its event number. IllegalStateException when callbacks are off. */
  long emitRaw(String eventXml) {
    if (eventXml == null || eventXml.isBlank()) {
      throw new IllegalArgumentException("event xml is required");
    }
    Endpoint current = endpoint;
    if (!enabled || current == null) {
      throw new IllegalStateException("callbacks are not configured for corp " + corp.corpId());
    }
    SimCallbackEvents.Name name = SimCallbackEvents.parseName(eventXml);
    return submit(current, eventXml, name.event(), name.changeType(), 0);
  }

  private long submit(Endpoint target, String xml, String event, String changeType, long changeSeq) {
    SimCallbackFaults.Decision decision = hub.faults().decide();
    SimStats stats = hub.stats();
    Instant now = Instant.now();
    synchronized (lock) {
      long eventSeq = ++nextEventSeq;
      Delivery original = record(new Delivery(++nextSeq, eventSeq, changeSeq, false, event, changeType, xml, target,
          now));
      stats.callbackEmitted();
      if (decision.lost()) {
        original.status = SimCallback.Status.LOST;
        stats.callbackLost();
        return eventSeq;
      }
      List<Delivery> batch = new ArrayList<>(2);
      batch.add(original);
      if (decision.duplicate()) {
        batch.add(record(new Delivery(++nextSeq, eventSeq, changeSeq, true, event, changeType, xml, target, now)));
        stats.callbackDuplicated();
      }
      pending += batch.size();
      if (decision.reorder() && held == null) {
        held = batch;
        long generation = ++heldGeneration;
        stats.callbackReordered();
        hub.run(() -> releaseHeld(generation), Math.max(1, hub.faults().reorderHold().toMillis()));
      } else {
        queue.addAll(batch);
        if (held != null) {
          queue.addAll(held);
          held = null;
        }
      }
      pump();
      return eventSeq;
    }
  }

  private void releaseHeld(long generation) {
    synchronized (lock) {
      if (held != null && heldGeneration == generation) {
        queue.addAll(held);
        held = null;
        pump();
      }
    }
  }

  private Delivery record(Delivery delivery) {
    journal.addLast(delivery);
    trimJournal();
    return delivery;
  }

  private void trimJournal() {
    while (journal.size() > journalLimit) {
      journal.pollFirst();
    }
  }

  /** Starts queued deliveries while there is room. Lock held. */
  private void pump() {
    while (inFlight < maxInFlight && !queue.isEmpty()) {
      Delivery delivery = queue.pollFirst();
      inFlight++;
      hub.run(() -> attempt(delivery), hub.faults().extraLatency().toMillis());
    }
  }

  // ---------------------------------------------------------------- delivery

  private void attempt(Delivery delivery) {
    int attempt;
    synchronized (lock) {
      attempt = ++delivery.attempts;
    }
    SimStats stats = hub.stats();
    stats.callbackSent();
    if (attempt > 1) {
      stats.callbackRetried();
    }
    long timeout = timeoutMs;
    try {
      Endpoint target = delivery.endpoint;
      String timestamp = Long.toString(System.currentTimeMillis() / 1000L);
      String nonce = SimCallbackCrypto.nonce();
      String encrypt = target.crypto().encrypt(delivery.xml);
      String signature = target.crypto().sign(timestamp, nonce, encrypt);
      String body = SimCallbackCrypto.envelope(corp.corpId(), encrypt, Integer.toString(corp.agentId()));
      String base = target.uri().toString();
      URI uri = URI.create(base + (target.uri().getRawQuery() == null ? "?" : "&") + "msg_signature=" + signature
          + "&timestamp=" + timestamp + "&nonce=" + nonce);
      HttpRequest request = HttpRequest.newBuilder(uri)
          .timeout(Duration.ofMillis(timeout))
          .header("Content-Type", "text/xml")
          .header("User-Agent", "Mozilla/4.0 (WeCom simulator)")
          .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
          .build();
      hub.client().sendAsync(request, HttpResponse.BodyHandlers.discarding())
          .orTimeout(timeout + 1000, TimeUnit.MILLISECONDS)
          .whenComplete((response, error) -> completed(delivery, response, error));
    } catch (RuntimeException e) {
      completed(delivery, null, e);
    }
  }

  private void completed(Delivery delivery, HttpResponse<Void> response, Throwable error) {
    if (response != null && response.statusCode() == 200) {
      hub.stats().callbackAcked();
      finish(delivery, SimCallback.Status.ACKED, null);
      return;
    }
    String reason = response != null ? "HTTP " + response.statusCode() : describe(error);
    boolean retry;
    synchronized (lock) {
      delivery.lastError = reason;
      retry = delivery.attempts <= maxRetries;
    }
    if (retry) {
      hub.run(() -> attempt(delivery), retryIntervalMs + hub.faults().extraLatency().toMillis());
    } else {
      hub.stats().callbackFailed();
      finish(delivery, SimCallback.Status.FAILED, reason);
    }
  }

  private static String describe(Throwable error) {
    Throwable cause = error;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof HttpTimeoutException || cause instanceof TimeoutException) {
      return "timeout";
    }
    return cause == null ? "unknown" : cause.getClass().getSimpleName()
        + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
  }

  private void finish(Delivery delivery, SimCallback.Status status, String reason) {
    synchronized (lock) {
      delivery.status = status;
      if (status == SimCallback.Status.ACKED) {
        delivery.ackedAt = Instant.now();
      } else {
        delivery.lastError = reason;
      }
      inFlight--;
      pending--;
      pump();
      if (pending == 0) {
        lock.notifyAll();
      }
    }
  }

  // ---------------------------------------------------------------- observation

  /** Deliveries not finished yet (queued, held back, in flight or waiting to retry). */
  long pending() {
    synchronized (lock) {
      return pending;
    }
  }

  boolean awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      while (pending > 0) {
        long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (remaining <= 0) {
          return false;
        }
        lock.wait(remaining);
      }
      return true;
    }
  }

  /** Journal entries with {@code seq > afterSeq} (and the status, when given), oldest first, at most {@code limit}. */
  List<SimCallback> journal(SimCallback.Status status, long afterSeq, int limit) {
    synchronized (lock) {
      List<SimCallback> result = new ArrayList<>(Math.min(limit, journal.size()));
      for (Delivery delivery : journal) {
        if (result.size() >= limit) {
          break;
        }
        if (delivery.seq > afterSeq && (status == null || delivery.status == status)) {
          result.add(delivery.view());
        }
      }
      return result;
    }
  }

  int journalSize() {
    synchronized (lock) {
      return journal.size();
    }
  }

  void clearJournal() {
    synchronized (lock) {
      journal.clear();
    }
  }
}
