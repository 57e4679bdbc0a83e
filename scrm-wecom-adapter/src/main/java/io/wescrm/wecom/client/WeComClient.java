package io.wescrm.wecom.client;

import io.wescrm.core.remote.RemoteCallException;
import io.wescrm.core.remote.WeComErrorCatalogue;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import me.chanjar.weixin.common.error.WxErrorException;
import me.chanjar.weixin.common.error.WxRuntimeException;
import me.chanjar.weixin.cp.api.WxCpService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One corp's WeCom API: WxJava's service behind a {@link CallGate} (concurrency and rate per API), with retries that
 * follow WeCom's error codes: back off on -1, 45033 and 6000; wait out the block window on 45009; WxJava refreshes
 * the token once on 40014/42001; configuration errors (40001, 48002, 60020, …) are reported at once, never looped on.
 * 41063 (a group send still dispatching) is transient too, but for minutes: it is reported at once, and the caller
 * asks again on its own schedule.
 */
public final class WeComClient {

  private static final Logger log = LoggerFactory.getLogger(WeComClient.class);
  private static final long MAX_BACKOFF_MS = 30_000;

  /** A call through WxJava. */
  @FunctionalInterface
  public interface WxCall<T> {
    T run(WxCpService wx) throws WxErrorException;
  }

  private final String corpId;
  private final WxCpService wx;
  private final CallGate gate;
  private final int maxAttempts;
  private final Duration backoff;
  private final Duration rateLimitedBackoff;

  WeComClient(String corpId, WxCpService wx, CallGate gate, int maxAttempts, Duration backoff,
      Duration rateLimitedBackoff) {
    this.corpId = corpId;
    this.wx = wx;
    this.gate = gate;
    this.maxAttempts = Math.max(1, maxAttempts);
    this.backoff = backoff;
    this.rateLimitedBackoff = rateLimitedBackoff;
  }

  public String corpId() {
    return corpId;
  }

  /** The underlying WxJava service, for calls not wrapped here. Bypasses the gate: prefer {@link #call}. */
  public WxCpService wx() {
    return wx;
  }

  /**
   * Calls an idempotent API (reads, upserts): transport failures are retried like -1.
   *
   * @param api the WeCom path, e.g. {@code externalcontact/batch/get_by_user}: the unit of rate limits
   * @throws RemoteCallException when the call fails for good
   */
  public <T> T call(String api, CallCounter counter, WxCall<T> call) {
    return call(api, counter, true, call);
  }

  /**
   * Calls an API. Non-idempotent calls (sends) are not retried after a transport failure: WeCom may have acted.
   */
  public <T> T call(String api, CallCounter counter, boolean idempotent, WxCall<T> call) {
    for (int attempt = 1; ; attempt++) {
      int errcode;
      Exception failure;
      try (CallGate.Permit permit = enter(gate, api)) {
        counter.calls.incrementAndGet();
        return call.run(wx);
      } catch (GateUnavailable e) {
        // the call was not made: retrying is safe even for a send
        errcode = -1;
        failure = e;
      } catch (WxErrorException e) {
        errcode = e.getError().getErrorCode();
        failure = e;
        if (!WeComErrorCatalogue.retryable(errcode) || errcode == WeComErrorCatalogue.STILL_DISPATCHING) {
          throw new RemoteCallException(api, errcode, WeComErrorCatalogue.kind(errcode), e.getError().getErrorMsg(), e);
        }
      } catch (WxRuntimeException e) {
        // WxJava wraps I/O failures (timeouts, resets) this way
        if (!idempotent) {
          throw new RemoteCallException(api, -1, RemoteCallException.Kind.TRANSIENT,
              "transport failure on a non-idempotent call: " + e.getMessage(), e);
        }
        errcode = -1;
        failure = e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RemoteCallException(api, -1, RemoteCallException.Kind.TRANSIENT, "interrupted", e);
      }
      if (attempt >= maxAttempts) {
        throw new RemoteCallException(api, errcode, RemoteCallException.Kind.TRANSIENT,
            "gave up after " + attempt + " attempts: " + failure.getMessage(), failure);
      }
      long sleep = pause(errcode, attempt);
      counter.retries.incrementAndGet();
      log.debug("WeCom {} of corp {} answered {} (attempt {}), retrying in {} ms", api, corpId, errcode, attempt,
          sleep);
      try {
        Thread.sleep(sleep);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RemoteCallException(api, errcode, RemoteCallException.Kind.TRANSIENT, "interrupted", e);
      }
    }
  }

  /**
   * One attempt through the gate, no retry at all: for callers that own their deadline (welcome messages must go
   * out within 20 s; a 60 s wait after 45009 would be pointless there).
   */
  public <T> T callOnce(String api, CallCounter counter, WxCall<T> call) {
    return callOnce(api, counter, gate, call);
  }

  /** {@link #callOnce(String, CallCounter, WxCall)} admitted by another gate: a budget of its own. */
  public <T> T callOnce(String api, CallCounter counter, CallGate ownGate, WxCall<T> call) {
    try (CallGate.Permit permit = enter(ownGate, api)) {
      counter.calls.incrementAndGet();
      return call.run(wx);
    } catch (GateUnavailable e) {
      throw new RemoteCallException(api, -1, RemoteCallException.Kind.TRANSIENT, e.getMessage(), e.getCause());
    } catch (WxErrorException e) {
      int errcode = e.getError().getErrorCode();
      throw new RemoteCallException(api, errcode, WeComErrorCatalogue.kind(errcode), e.getError().getErrorMsg(), e);
    } catch (WxRuntimeException e) {
      throw new RemoteCallException(api, -1, RemoteCallException.Kind.TRANSIENT,
          "transport failure: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RemoteCallException(api, -1, RemoteCallException.Kind.TRANSIENT, "interrupted", e);
    }
  }

  /** The gate itself failed (e.g. Redis unreachable): a transient remote error, the call was not made. */
  static final class GateUnavailable extends Exception {
    GateUnavailable(String api, RuntimeException cause) {
      super("call gate unavailable for " + api + ": " + cause, cause);
    }
  }

  private CallGate.Permit enter(CallGate g, String api) throws InterruptedException, GateUnavailable {
    try {
      return g.enter(corpId, api);
    } catch (RuntimeException e) {
      throw new GateUnavailable(api, e);
    }
  }

  private long pause(int errcode, int attempt) {
    if (errcode == WeComErrorCatalogue.RATE_LIMITED) {
      return rateLimitedBackoff.toMillis();
    }
    long base = Math.min(MAX_BACKOFF_MS, backoff.toMillis() << Math.min(10, attempt - 1));
    return base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
  }
}
