package io.wescrm.web.rules;

import io.wescrm.core.events.DomainEvent;
import io.wescrm.core.events.EventConsumer;
import io.wescrm.core.rules.jdbc.JdbcRuleEngine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Consumer {@code rules}: domain events → the affected customers only. Events wait {@code scrm.rules.debounce} in the
 * outbox, so that a burst of one customer's events (and the re-fetch of its details) is evaluated once per batch; one
 * evaluation runs every enabled rule on that customer. A customer not in our database yet (its re-fetch is still
 * coming) is handed over again a few times. Idempotent: evaluating a customer again changes nothing.
 */
@Component
public class RuleTriggers implements EventConsumer {

  private final JdbcRuleEngine engine;
  private final RulesProperties properties;

  RuleTriggers(JdbcRuleEngine engine, RulesProperties properties) {
    this.engine = engine;
    this.properties = properties;
  }

  @Override
  public String name() {
    return "rules";
  }

  @Override
  public Duration delay() {
    return properties.debounce();
  }

  /**
   * Events that may change a verdict, of a corp with enabled rules (the rule cache: no query): without rules there
   * is nothing to evaluate, and a rule enabled later is applied to everyone by its own full run.
   */
  @Override
  public boolean accepts(DomainEvent event) {
    return !customers(event).isEmpty() && !engine.enabledRules(event.corpId()).isEmpty();
  }

  /** The customers an event may change the rules' verdict on (staff ids among group members find no customer). */
  private static List<String> customers(DomainEvent event) {
    if (event instanceof DomainEvent.CustomerAdded e) {
      return List.of(e.externalUserId());
    } else if (event instanceof DomainEvent.CustomerFound e) {
      return List.of(e.externalUserId());
    } else if (event instanceof DomainEvent.CustomerEdited e) {
      return List.of(e.externalUserId());
    } else if (event instanceof DomainEvent.StaffDeletedCustomer e) {
      return List.of(e.externalUserId());
    } else if (event instanceof DomainEvent.CustomerDeletedStaff e) {
      return List.of(e.externalUserId());
    } else if (event instanceof DomainEvent.CampaignPushed e) {
      // campaign.received / campaign.pushes may change (a push to a group chat names no customer)
      return e.externalUserId() == null ? List.of() : List.of(e.externalUserId());
    } else if (event instanceof DomainEvent.MomentInteracted e) {
      // moment.likes / moment.comments / moment.interactions / interaction may change
      return List.of(e.externalUserId());
    } else if (event instanceof DomainEvent.MembersJoinedGroup e) {
      return e.memberIds();
    } else if (event instanceof DomainEvent.MembersLeftGroup e) {
      return e.memberIds();
    }
    return List.of();
  }

  @Override
  public List<DomainEvent> handle(List<DomainEvent> events) {
    // each customer once per batch, whatever the number of its events
    Map<String, List<DomainEvent>> byCustomer = new LinkedHashMap<>();
    for (DomainEvent event : events) {
      for (String customer : customers(event)) {
        byCustomer.computeIfAbsent(event.corpId() + '\u0000' + customer, k -> new ArrayList<>()).add(event);
      }
    }
    List<DomainEvent> later = new ArrayList<>();
    for (Map.Entry<String, List<DomainEvent>> entry : byCustomer.entrySet()) {
      int split = entry.getKey().indexOf('\u0000');
      String corp = entry.getKey().substring(0, split);
      boolean known = engine.evaluateCustomer(corp, entry.getKey().substring(split + 1)).isPresent();
      if (!known && !engine.enabledRules(corp).isEmpty()) {
        // a group event names staff too: only an add or edit of the customer itself is worth waiting for
        entry.getValue().stream().filter(e -> e instanceof DomainEvent.CustomerAdded
            || e instanceof DomainEvent.CustomerEdited).filter(e -> !later.contains(e)).forEach(later::add);
      }
    }
    return later;
  }
}
