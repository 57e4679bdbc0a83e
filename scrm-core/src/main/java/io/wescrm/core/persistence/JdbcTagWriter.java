package io.wescrm.core.persistence;

import io.wescrm.core.sync.RemoteCorps;
import io.wescrm.core.tag.TagChange;
import io.wescrm.core.tag.TagWriteResult;
import io.wescrm.core.tag.TagWriter;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@link TagWriter} over JDBC and {@link io.wescrm.core.tag.RemoteTags}. The change is diffed against the tags we
 * hold for the relation; WeCom is written first (if it refuses, nothing changes locally), then our rows, so our
 * database shows the tags at once without waiting for a sync (WeCom sends no callback for API writes).
 */
public class JdbcTagWriter implements TagWriter {

  private final JdbcTemplate jdbc;
  private final RemoteCorps remote;
  private final Clock clock;

  public JdbcTagWriter(JdbcTemplate jdbc, RemoteCorps remote, Clock clock) {
    this.jdbc = jdbc;
    this.remote = remote;
    this.clock = clock;
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
        change.externalUserid()));
    Set<String> toAdd = new LinkedHashSet<>(change.add());
    toAdd.removeAll(current);
    Set<String> toRemove = new LinkedHashSet<>(change.remove());
    toRemove.retainAll(current);
    if (toAdd.isEmpty() && toRemove.isEmpty()) {
      return new TagWriteResult(Set.of(), Set.of(), false);
    }
    if (change.syncToWeCom()) {
      remote.tags(change.corpId()).markTag(change.userid(), change.externalUserid(), toAdd, toRemove);
    }
    LocalDateTime now = JdbcCorpMirror.ts(clock.instant());
    for (String tagId : toAdd) {
      jdbc.update("INSERT INTO scrm_follow_tag (corp_id, userid, external_userid, tag_id, source, source_ref, "
          + "created_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE tag_id = tag_id",
          ps -> JdbcCorpMirror.bind(ps, new Object[] {change.corpId(), change.userid(), change.externalUserid(),
              tagId, change.source().name(), change.sourceRef(), now}));
    }
    for (String tagId : toRemove) {
      jdbc.update("DELETE FROM scrm_follow_tag WHERE corp_id = ? AND userid = ? AND external_userid = ? "
          + "AND tag_id = ?", change.corpId(), change.userid(), change.externalUserid(), tagId);
    }
    return new TagWriteResult(toAdd, toRemove, change.syncToWeCom());
  }
}
