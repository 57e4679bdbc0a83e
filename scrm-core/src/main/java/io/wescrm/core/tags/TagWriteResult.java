package io.wescrm.core.tags;

import java.util.Set;

/**
 * What a {@link TagChange} really changed locally (tags already present are not added again, absent ones not
 * removed), and whether WeCom was written.
 *
 * @param wroteWeCom true when {@code mark_tag} was called for this change (only when something changed)
 */
public record TagWriteResult(Set<String> added, Set<String> removed, boolean wroteWeCom) {

  public TagWriteResult {
    added = Set.copyOf(added);
    removed = Set.copyOf(removed);
  }

  public boolean changed() {
    return !added.isEmpty() || !removed.isEmpty();
  }
}
