package io.wescrm.web.rules;

import io.wescrm.core.events.DomainEvent;
import io.wescrm.core.rules.jdbc.JdbcRuleEngine;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Domain events → the affected customers only, each evaluated once per burst: an event schedules its customer
 * {@code scrm.rules.debounce} ahead (a later event of the same customer moves the time), then one evaluation runs
 * every enabled rule on that customer. A customer not in our database yet (its re-fetch is still coming) is tried
 * again a few times.
 */
@Component
public class RuleTriggers implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(RuleTriggers.class);
  private static final int MAX_TRIES = 4;

  private final JdbcRuleEngine engine;
  private final RulesProperties properties;
  private final Map<String, Pending> pending = new ConcurrentHashMap<>();
  private final AtomicLong evaluated = new AtomicLong();
  private ScheduledExecutorService executor;

  record Pending(String corpId, String externalUserId, long dueAt, int tries) {
  }

  RuleTriggers(JdbcRuleEngine engine, RulesProperties properties) {
    this.engine = engine;
    this.properties = properties;
  }

  @EventListener
  void on(DomainEvent event) {
    if (event instanceof DomainEvent.CustomerAdded e) {
      schedule(e.corpId(), e.externalUserId());
    } else if (event instanceof DomainEvent.CustomerEdited e) {
      schedule(e.corpId(), e.externalUserId());
    } else if (event instanceof DomainEvent.StaffDeletedCustomer e) {
      schedule(e.corpId(), e.externalUserId());
    } else if (event instanceof DomainEvent.CustomerDeletedStaff e) {
      schedule(e.corpId(), e.externalUserId());
    } else if (event instanceof DomainEvent.MembersJoinedGroup e) {
      e.memberIds().forEach(m -> schedule(e.corpId(), m));
    } else if (event instanceof DomainEvent.MembersLeftGroup e) {
      e.memberIds().forEach(m -> schedule(e.corpId(), m));
    }
  }

  /** Evaluates a customer after the debounce window (staff ids among group members simply find no customer). */
  public void schedule(String corpId, String externalUserId) {
    long due = System.currentTimeMillis() + properties.debounce().toMillis();
    pending.put(corpId + '\u0000' + externalUserId, new Pending(corpId, externalUserId, due, 0));
  }

  /** Customers evaluated on events since start. */
  public long evaluated() {
    return evaluated.get();
  }

  public int pending() {
    return pending.size();
  }

  private void drain() {
    long now = System.currentTimeMillis();
    List<Pending> due = pending.values().stream().filter(p -> p.dueAt() <= now).toList();
    for (Pending p : due) {
      String key = p.corpId() + '\u0000' + p.externalUserId();
      if (!pending.remove(key, p)) {
        continue;
      }
      try {
        boolean known = engine.evaluateCustomer(p.corpId(), p.externalUserId()).isPresent();
        evaluated.incrementAndGet();
        if (!known && p.tries() + 1 < MAX_TRIES && !engine.enabledRules(p.corpId()).isEmpty()) {
          pending.putIfAbsent(key, new Pending(p.corpId(), p.externalUserId(),
              now + properties.debounce().toMillis() * (p.tries() + 2), p.tries() + 1));
        }
      } catch (RuntimeException e) {
        log.warn("Rules on customer {} of corp {} failed at {}: {}", p.externalUserId(), p.corpId(), Instant.now(),
            e.toString());
      }
    }
  }

  @Override
  public void start() {
    executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "rule-triggers");
      t.setDaemon(true);
      return t;
    });
    executor.scheduleWithFixedDelay(this::drain, 200, 200, TimeUnit.MILLISECONDS);
  }

  @Override
  public void stop() {
    if (executor != null) {
      executor.shutdownNow();
      executor = null;
    }
  }

  @Override
  public boolean isRunning() {
    return executor != null;
  }
}
