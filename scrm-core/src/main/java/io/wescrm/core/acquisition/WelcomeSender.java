package io.wescrm.core.acquisition;

import io.wescrm.core.acquisition.RemoteAcquisition;
import io.wescrm.core.acquisition.WelcomeLedger.Status;
import io.wescrm.core.remote.RemoteCallException;
import io.wescrm.core.remote.WeComErrorCatalogue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a channel's welcome message for one add event inside WeCom's window (the code is valid 20 s, once):
 * claims the code in the ledger, resolves the contact way by state, finds the customer's name (our database, else
 * one externalcontact/get), renders the text and calls send_welcome_msg. 41050 (expired) and 41051 (used / chat
 * started) are final; 41096 (another app is sending), -1, 45033, 45009 and 6000 are retried while the window lasts.
 * The outcome and the arrival-to-send latency go to the ledger.
 */
public class WelcomeSender {

  private static final Logger log = LoggerFactory.getLogger(WelcomeSender.class);
  static final Duration WINDOW = Duration.ofSeconds(20);
  private static final Set<Integer> RETRYABLE = Set.of(41096, -1, 45033, 45009, 6000, 45035);

  private final WelcomeLedger ledger;
  private final ContactWays ways;
  private final Attributions names;
  private final Function<String, RemoteAcquisition> remote;
  private final Clock clock;
  private final String node;
  private final Duration window;
  /** The welcome path reads the same way and names for every scan of a burst: kept for a few seconds. */
  private final ShortCache cache = new ShortCache(10_000);
  static final long WAY_TTL_MS = 5_000;
  static final long NAME_TTL_MS = 60_000;

  public WelcomeSender(WelcomeLedger ledger, ContactWays ways, Attributions names,
      Function<String, RemoteAcquisition> remote, Clock clock, String node, Duration window) {
    this.ledger = ledger;
    this.ways = ways;
    this.names = names;
    this.remote = remote;
    this.clock = clock;
    this.node = node;
    this.window = window == null ? WINDOW : window;
  }

  /**
   * Claims and sends.
   *
   * @return the outcome, or empty when another caller (retry, node) already owns the code
   */
  public Optional<Status> send(WelcomeJob job) {
    if (!ledger.claim(job.corpId(), job.welcomeCode(), job.userid(), job.externalUserId(), job.state(),
        job.receivedAt(), node, clock.instant())) {
      return Optional.empty();
    }
    return Optional.of(sendClaimed(job));
  }

  /**
   * Sends a code this caller has claimed (or reclaimed after a crash). The row is always finished: a failure other
   * than WeCom's answer (a lookup or the call gate failing, e.g. Redis or the database unreachable) ends it FAILED
   * with the reason, rather than leaving it PENDING for ever.
   */
  public Status sendClaimed(WelcomeJob job) {
    try {
      return sendClaimedOrThrow(job);
    } catch (RuntimeException e) {
      log.warn("Welcome of corp {} to {} failed outside WeCom: {}", job.corpId(), job.externalUserId(), e.toString());
      return finish(job, Status.FAILED, null, null, "not sent: " + e, 0, null);
    }
  }

  private Status sendClaimedOrThrow(WelcomeJob job) {
    String corp = job.corpId();
    Instant deadline = job.receivedAt().plus(window);
    Optional<ContactWay> found = job.state() == null ? Optional.empty()
        : cache.get("w|" + corp + '|' + job.state(), WAY_TTL_MS, () -> ways.byState(corp, job.state()));
    if (found.isEmpty() || found.get().deleted()) {
      String reason = job.state() == null ? "add event without State: not from one of our contact ways"
          : found.isEmpty() ? "no contact way with state " + job.state() : "contact way deleted";
      return finish(job, Status.NO_CHANNEL, found.map(ContactWay::id).orElse(null), null, reason, 0, null);
    }
    ContactWay way = found.get();
    if (way.welcome() == null) {
      return finish(job, Status.NO_WELCOME, way.id(), null, "the contact way has no welcome message", 0, null);
    }
    String customer = names.customerName(corp, job.externalUserId()).orElse(null);
    if (customer == null) {
      try {
        customer = remote.apply(corp).customerName(job.externalUserId()).orElse(null);
      } catch (RemoteCallException e) {
        log.debug("Welcome of corp {}: no name for {} ({})", corp, job.externalUserId(), e.errcode());
      }
    }
    String staff = cache.get("s|" + corp + '|' + job.userid(), NAME_TTL_MS,
        () -> names.staffName(corp, job.userid())).orElse(null);
    Long storeId = way.storeDeptId() != null ? way.storeDeptId()
        : cache.get("m|" + corp + '|' + job.userid(), NAME_TTL_MS,
            () -> names.staffMainDepartment(corp, job.userid())).orElse(null);
    String store = storeId == null ? null : cache.get("d|" + corp + '|' + storeId, NAME_TTL_MS,
        () -> names.departmentName(corp, storeId)).orElse(null);
    String text = way.welcome().render(customer, staff, store, way.channel());
    int attempts = 0;
    long backoff = 100;
    while (true) {
      if (!clock.instant().isBefore(deadline)) {
        return finish(job, Status.EXPIRED, way.id(), null, "the 20 s window passed before the send", attempts,
            text);
      }
      attempts++;
      try {
        remote.apply(corp).sendWelcome(job.welcomeCode(), text, way.welcome().attachments());
        return finish(job, Status.SENT, way.id(), 0, null, attempts, text);
      } catch (RemoteCallException e) {
        int code = e.errcode();
        if (code == 41050) {
          return finish(job, Status.EXPIRED, way.id(), code, WeComErrorCatalogue.message(code), attempts, text);
        }
        if (code == 41051) {
          String reason = attempts > 1 ? WeComErrorCatalogue.message(code) + "; an earlier attempt whose answer was lost "
              + "may have sent it" : WeComErrorCatalogue.message(code);
          return finish(job, Status.USED, way.id(), code, reason, attempts, text);
        }
        // a retry is safe even after a lost answer: the code is single-use, so WeCom answers 41051, never a 2nd send
        boolean retry = RETRYABLE.contains(code);
        if (!retry || clock.instant().plusMillis(backoff).isAfter(deadline)) {
          return finish(job, Status.FAILED, way.id(), code, WeComErrorCatalogue.message(code) + ": " + e.getMessage(),
              attempts, text);
        }
        sleep(backoff);
        backoff = Math.min(2_000, backoff * 2);
      }
    }
  }

  /** An add event without a WelcomeCode: no attempt, and the ledger says why. */
  public void noCode(String corpId, String eventKey, String userid, String externalUserId, String state,
      Instant receivedAt) {
    ledger.record(corpId, "none:" + eventKey, userid, externalUserId, state, Status.NO_CODE, NO_CODE_REASON,
        receivedAt, clock.instant());
  }

  /** Why an add has no welcome: the reason of its NO_CODE row. */
  public static final String NO_CODE_REASON = "WeCom sent no WelcomeCode (a welcome is configured in the admin "
      + "console for this member, a chat already started, or the customer is another corp's WeCom user)";

  /** {@link #noCode} for several adds at once (one statement). */
  public void noCodes(List<WelcomeLedger.Final> rows) {
    ledger.recordAll(rows, clock.instant());
  }

  private Status finish(WelcomeJob job, Status status, Long wayId, Integer errcode, String reason, int attempts,
      String content) {
    Instant now = clock.instant();
    int latency = (int) Math.min(Integer.MAX_VALUE, Duration.between(job.receivedAt(), now).toMillis());
    ledger.finish(job.corpId(), job.welcomeCode(), status, wayId, errcode, truncate(reason), attempts, content, now,
        status == Status.SENT ? latency : null);
    if (status != Status.SENT) {
      log.info("Welcome of corp {} to {} via {}: {} ({})", job.corpId(), job.externalUserId(), job.state(), status,
          reason);
    }
    return status;
  }

  private static String truncate(String s) {
    return s == null || s.length() <= 500 ? s : s.substring(0, 500);
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RemoteCallException("externalcontact/send_welcome_msg", -1, RemoteCallException.Kind.TRANSIENT,
          "interrupted", e);
    }
  }
}
