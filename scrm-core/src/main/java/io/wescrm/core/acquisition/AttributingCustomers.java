package io.wescrm.core.acquisition;

import io.wescrm.core.events.DomainEvent.CustomerAdded;
import io.wescrm.core.tags.TagChange;
import io.wescrm.core.tags.TagSource;
import io.wescrm.core.tags.TagWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On every add: the customer's first touch (channel, store, staff member) and the channel's tags, locally and
 * through mark_tag, recorded as applied by that channel ({@link TagSource#CHANNEL}, source_ref = state).
 */
public class AttributingCustomers {

  private static final Logger log = LoggerFactory.getLogger(AttributingCustomers.class);

  private final ContactWays ways;
  private final Attributions attributions;
  private final TagWriter tags;
  private final Clock clock;
  /** Every add of a burst names the same way, staff members and stores: read once per few seconds, not per add. */
  private final ShortCache cache = new ShortCache(10_000);

  public AttributingCustomers(ContactWays ways, Attributions attributions, TagWriter tags, Clock clock) {
    this.ways = ways;
    this.attributions = attributions;
    this.tags = tags;
    this.clock = clock;
  }

  /** One add: its first touch, then its channel tags on this thread (a failed tag write is thrown). */
  public void onAdded(CustomerAdded added) {
    onAdded(List.of(added), Runnable::run);
  }

  /**
   * First touches of several adds in one statement (in order: of two adds of a customer the earlier wins), then the
   * channel tags of each add whose way carries tags, each handed to {@code tagWrites} (mark_tag is a WeCom call:
   * they run side by side). The first touches are recorded whatever happens to the tags; a failed tag write is
   * logged and thrown to the executor.
   */
  public void onAdded(List<CustomerAdded> adds, java.util.concurrent.Executor tagWrites) {
    List<Attributions.Attribution> rows = new ArrayList<>(adds.size());
    List<Map.Entry<CustomerAdded, ContactWay>> tagged = new ArrayList<>();
    Instant now = clock.instant();
    for (CustomerAdded added : adds) {
      String corp = added.corpId();
      Optional<ContactWay> way = added.state() == null ? Optional.empty()
          : cache.get("w|" + corp + '|' + added.state(), WelcomeSender.WAY_TTL_MS, () -> ways.byState(corp,
              added.state()));
      Long store = way.map(ContactWay::storeDeptId)
          .or(() -> cache.get("m|" + corp + '|' + added.userid(), WelcomeSender.NAME_TTL_MS,
              () -> attributions.staffMainDepartment(corp, added.userid()))).orElse(null);
      String storeName = store == null ? null : cache.<Optional<String>>get("d|" + corp + '|' + store,
          WelcomeSender.NAME_TTL_MS, () -> attributions.departmentName(corp, store)).orElse(null);
      rows.add(new Attributions.Attribution(corp, added.externalUserId(), added.userid(), added.state(),
          way.map(ContactWay::id).orElse(null), way.map(ContactWay::channel).orElse(null),
          way.map(ContactWay::campaign).orElse(null), store, storeName, added.at() == null ? now : added.at()));
      if (way.isPresent() && !way.get().tagIds().isEmpty()) {
        tagged.add(Map.entry(added, way.get()));
      }
    }
    attributions.recordFirstTouches(rows, now);
    for (Map.Entry<CustomerAdded, ContactWay> entry : tagged) {
      tagWrites.execute(() -> channelTags(entry.getKey(), entry.getValue()));
    }
  }

  private void channelTags(CustomerAdded added, ContactWay way) {
    String corp = added.corpId();
    // tags still live: a tag deleted since the way was made is skipped, not an error for the whole add
    Set<String> live = new HashSet<>(ways.liveTags(corp, way.tagIds()));
    if (live.isEmpty()) {
      return;
    }
    try {
      tags.write(new TagChange(corp, added.userid(), added.externalUserId(), live, Set.of(), TagSource.CHANNEL,
          added.state(), true));
    } catch (RuntimeException e) {
      log.warn("Channel tags {} of {} for {} / {} not applied (first touch recorded): {}", live, added.state(),
          added.userid(), added.externalUserId(), e.toString());
      throw e;
    }
  }
}
