package io.wescrm.core.tag;

import java.util.List;

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
}
