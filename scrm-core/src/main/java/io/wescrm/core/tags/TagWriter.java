package io.wescrm.core.tags;

import java.util.List;
import java.util.Map;

/**
 * Writes tags on follow relations: locally at once (WeCom sends no callback for API writes) and, when the change
 * asks for it, to WeCom through {@code mark_tag}. Writes are diffed against what we hold: nothing changed, nothing
 * written. Unknown or deleted tag ids are rejected with {@link IllegalArgumentException}.
 */
public interface TagWriter {

  TagWriteResult write(TagChange change);

  /**
   * Writes many changes for bulk writers (the rules engine): diffed and applied locally at once, in batches; the
   * WeCom side of changes with {@code syncToWeCom} is queued and sent by a drain (one {@code mark_tag} per relation,
   * rate-limited), not in the caller's thread. Unknown tags are rejected as in {@link #write(TagChange)}.
   */
  default List<TagWriteResult> writeAll(List<TagChange> changes) {
    return changes.stream().map(this::write).toList();
  }

  /**
   * Like {@link #writeAll(List)} when the caller has just read the relations' tags (a rules engine snapshot): the
   * writer diffs against {@code current} instead of reading them again. Keys are {@link #relationKey}; values map
   * each tag held to whether it is local-only. A tag changed by someone else in between is harmless: adds are
   * idempotent inserts, removes of absent rows delete nothing, and a queued WeCom write of the same state is a no-op.
   */
  default List<TagWriteResult> writeAll(List<TagChange> changes, Map<String, Map<String, Boolean>> current) {
    return writeAll(changes);
  }

  /** The key of a follow relation in {@link #writeAll(List, Map)}'s {@code current}. */
  static String relationKey(String userid, String externalUserId) {
    return userid + '\u0000' + externalUserId;
  }
}
