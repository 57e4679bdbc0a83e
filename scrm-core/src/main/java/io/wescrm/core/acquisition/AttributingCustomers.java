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

  /** One add: its first touch and its channel tags. */
  public void onAdded(CustomerAdded added) {
    onAdded(List.of(added));
  }

  /**
   * First touches of several adds in one statement (in order: of two adds of a customer the earlier wins), then the
   * channel tags of each add whose way carries tags, written locally at once and queued for {@code mark_tag} in the
   * durable tag push queue (one batch for all: no WeCom call on this thread). Idempotent: a first touch is recorded
   * once per customer, and tags already held are not written again.
   */
  public void onAdded(List<CustomerAdded> adds) {
    List<Attributions.Attribution> rows = new ArrayList<>(adds.size());
    List<TagChange> channelTags = new ArrayList<>();
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
        // tags still live: a tag deleted since the way was made is skipped, not an error for the whole add
        Set<String> live = new HashSet<>(ways.liveTags(corp, way.get().tagIds()));
        if (!live.isEmpty()) {
          channelTags.add(new TagChange(corp, added.userid(), added.externalUserId(), live, Set.of(),
              TagSource.CHANNEL, added.state(), true));
        }
      }
    }
    attributions.recordFirstTouches(rows, now);
    // the tag writer takes one corp's changes at a time
    channelTags.stream().collect(java.util.stream.Collectors.groupingBy(TagChange::corpId,
        java.util.LinkedHashMap::new, java.util.stream.Collectors.toList())).values().forEach(this::writeChannelTags);
  }

  private void writeChannelTags(List<TagChange> channelTags) {
    try {
      tags.writeAll(channelTags);
    } catch (IllegalArgumentException batch) {
      // a tag deleted between the live check and the write: retrying cannot help; the others are still written
      for (TagChange change : channelTags) {
        try {
          tags.writeAll(List.of(change));
        } catch (IllegalArgumentException e) {
          log.warn("Channel tags {} of {} for {} / {} not applied (first touch recorded): {}", change.add(),
              change.sourceRef(), change.userid(), change.externalUserId(), e.getMessage());
        }
      }
    }
  }
}
