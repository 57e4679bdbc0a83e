package io.wescrm.core.tags.jdbc;

import static io.wescrm.core.jdbc.Placeholders.marks;

import io.wescrm.core.jdbc.JdbcTime;
import io.wescrm.core.jdbc.MultiRowInsert;
import io.wescrm.core.jdbc.Placeholders;
import io.wescrm.core.remote.RemoteCorps;
import io.wescrm.core.tags.TagChange;
import io.wescrm.core.tags.TagWriteResult;
import io.wescrm.core.tags.TagWriter;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@link TagWriter} over JDBC and {@link io.wescrm.core.remote.RemoteTags}. The change is diffed against the tags we
 * hold for the relation; WeCom is written first (if it refuses, nothing changes locally), then our rows, so our
 * database shows the tags at once without waiting for a sync (WeCom sends no callback for API writes).
 */
public class JdbcTagWriter implements TagWriter {

  private final JdbcTemplate jdbc;
  private final RemoteCorps remote;
  private final Clock clock;
  private final JdbcTagPushes pushes;

  public JdbcTagWriter(JdbcTemplate jdbc, RemoteCorps remote, Clock clock) {
    this(jdbc, remote, clock, new JdbcTagPushes(jdbc, remote, clock));
  }

  public JdbcTagWriter(JdbcTemplate jdbc, RemoteCorps remote, Clock clock, JdbcTagPushes pushes) {
    this.jdbc = jdbc;
    this.remote = remote;
    this.clock = clock;
    this.pushes = pushes;
  }

  @Override
  public TagWriteResult write(TagChange change) {
    Set<String> named = new LinkedHashSet<>(change.add());
    named.addAll(change.remove());
    if (named.isEmpty()) {
      return new TagWriteResult(Set.of(), Set.of(), false);
    }
    String in = named.stream().map(t -> "?").collect(Collectors.joining(","));
    List<Object> args = new ArrayList<>(List.of(change.corpId()));
    args.addAll(named);
    Set<String> live = new HashSet<>(jdbc.queryForList("SELECT tag_id FROM scrm_tag WHERE corp_id = ? "
        + "AND deleted_at IS NULL AND tag_id IN (" + in + ")", String.class, args.toArray()));
    Set<String> unknown = new LinkedHashSet<>(change.add());
    unknown.removeAll(live);
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("unknown or deleted corp tag(s): " + unknown);
    }
    Set<String> current = new HashSet<>(jdbc.queryForList("SELECT tag_id FROM scrm_follow_tag WHERE corp_id = ? "
        + "AND userid = ? AND external_userid = ?", String.class, change.corpId(), change.userid(),
        change.externalUserId()));
    Set<String> toAdd = new LinkedHashSet<>(change.add());
    toAdd.removeAll(current);
    Set<String> toRemove = new LinkedHashSet<>(change.remove());
    toRemove.retainAll(current);
    if (toAdd.isEmpty() && toRemove.isEmpty()) {
      return new TagWriteResult(Set.of(), Set.of(), false);
    }
    if (change.syncToWeCom()) {
      remote.tags(change.corpId()).markTag(change.userid(), change.externalUserId(), toAdd, toRemove);
    }
    LocalDateTime now = JdbcTime.ts(clock.instant());
    for (String tagId : toAdd) {
      jdbc.update("INSERT INTO scrm_follow_tag (corp_id, userid, external_userid, tag_id, source, source_ref, "
          + "local_only, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE tag_id = tag_id",
          ps -> Placeholders.bind(ps, new Object[] {change.corpId(), change.userid(), change.externalUserId(),
              tagId, change.source().name(), change.sourceRef(), change.syncToWeCom() ? 0 : 1, now}));
    }
    for (String tagId : toRemove) {
      jdbc.update("DELETE FROM scrm_follow_tag WHERE corp_id = ? AND userid = ? AND external_userid = ? "
          + "AND tag_id = ?", change.corpId(), change.userid(), change.externalUserId(), tagId);
    }
    return new TagWriteResult(toAdd, toRemove, change.syncToWeCom());
  }

  @Override
  public List<TagWriteResult> writeAll(List<TagChange> changes) {
    return writeAll(changes, null);
  }

  @Override
  public List<TagWriteResult> writeAll(List<TagChange> changes, Map<String, Map<String, Boolean>> known) {
    if (changes.isEmpty()) {
      return List.of();
    }
    String corpId = changes.get(0).corpId();
    if (changes.stream().anyMatch(c -> !c.corpId().equals(corpId))) {
      throw new IllegalArgumentException("writeAll takes the changes of one corp");
    }
    Set<String> named = new LinkedHashSet<>();
    changes.forEach(c -> named.addAll(c.add()));
    if (!named.isEmpty()) {
      List<Object> args = new ArrayList<>(List.of(corpId));
      args.addAll(named);
      Set<String> live = new HashSet<>(jdbc.queryForList("SELECT tag_id FROM scrm_tag WHERE corp_id = ? AND "
          + "deleted_at IS NULL AND tag_id IN (" + marks(named.size()) + ")", String.class, args.toArray()));
      named.removeAll(live);
      if (!named.isEmpty()) {
        throw new IllegalArgumentException("unknown or deleted corp tag(s): " + named);
      }
    }
    // current tags of every relation named (unless the caller knows them), one query per 500 customers
    Map<String, Map<String, Boolean>> current = new HashMap<>();
    if (known != null) {
      known.forEach((relation, tags) -> current.put(relation, new HashMap<>(tags)));
    }
    List<String> customers = known != null ? List.of()
        : changes.stream().map(TagChange::externalUserId).distinct().toList();
    for (int i = 0; i < customers.size(); i += 500) {
      List<String> chunk = customers.subList(i, Math.min(customers.size(), i + 500));
      List<Object> args = new ArrayList<>(List.of(corpId));
      args.addAll(chunk);
      jdbc.query("SELECT userid, external_userid, tag_id, local_only FROM scrm_follow_tag WHERE corp_id = ? "
          + "AND external_userid IN (" + marks(chunk.size()) + ")", rs -> {
            current.computeIfAbsent(TagWriter.relationKey(rs.getString(1), rs.getString(2)), k -> new HashMap<>())
                .put(rs.getString(3), rs.getInt(4) != 0);
          }, args.toArray());
    }
    LocalDateTime now = JdbcTime.ts(clock.instant());
    List<Object[]> inserts = new ArrayList<>();
    List<Object[]> deletes = new ArrayList<>();
    List<JdbcTagPushes.Push> queued = new ArrayList<>();
    List<TagWriteResult> results = new ArrayList<>();
    for (TagChange c : changes) {
      Map<String, Boolean> tags = current.computeIfAbsent(TagWriter.relationKey(c.userid(), c.externalUserId()),
          k -> new HashMap<>());
      Set<String> added = new LinkedHashSet<>();
      Set<String> removed = new LinkedHashSet<>();
      for (String t : c.add()) {
        if (!tags.containsKey(t)) {
          tags.put(t, !c.syncToWeCom());
          added.add(t);
          inserts.add(new Object[] {corpId, c.userid(), c.externalUserId(), t, c.source().name(), c.sourceRef(),
              c.syncToWeCom() ? 0 : 1, now});
          if (c.syncToWeCom()) {
            queued.add(new JdbcTagPushes.Push(c.userid(), c.externalUserId(), t, true));
          }
        }
      }
      for (String t : c.remove()) {
        Boolean localOnly = tags.remove(t);
        if (localOnly != null) {
          removed.add(t);
          deletes.add(new Object[] {corpId, c.userid(), c.externalUserId(), t});
          if (c.syncToWeCom() && !localOnly) {
            queued.add(new JdbcTagPushes.Push(c.userid(), c.externalUserId(), t, false));
          }
        }
      }
      results.add(new TagWriteResult(added, removed, false));
    }
    MultiRowInsert.insert(jdbc, "INSERT INTO scrm_follow_tag (corp_id, userid, external_userid, tag_id, source, "
        + "source_ref, local_only, created_at)", inserts, " ON DUPLICATE KEY UPDATE tag_id = tag_id");
    for (int i = 0; i < deletes.size(); i += 250) {
      List<Object[]> part = deletes.subList(i, Math.min(deletes.size(), i + 250));
      StringBuilder sql = new StringBuilder("DELETE FROM scrm_follow_tag WHERE corp_id = ? AND (");
      List<Object> args = new ArrayList<>(List.of(corpId));
      for (int j = 0; j < part.size(); j++) {
        sql.append(j == 0 ? "" : " OR ").append("(userid = ? AND external_userid = ? AND tag_id = ?)");
        args.addAll(List.of(part.get(j)[1], part.get(j)[2], part.get(j)[3]));
      }
      jdbc.update(sql.append(')').toString(), args.toArray());
    }
    pushes.enqueue(corpId, queued);
    return results;
  }
}
