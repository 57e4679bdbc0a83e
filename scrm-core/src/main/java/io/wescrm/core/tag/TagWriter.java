package io.wescrm.core.tag;

/**
 * Writes tags on follow relations: locally at once (WeCom sends no callback for API writes) and, when the change
 * asks for it, to WeCom through {@code mark_tag}. Writes are diffed against what we hold: nothing changed, nothing
 * written. Unknown or deleted tag ids are rejected with {@link IllegalArgumentException}.
 */
public interface TagWriter {

  TagWriteResult write(TagChange change);
}
