package io.wescrm.core.tags;

import java.util.Objects;
import java.util.Set;

/**
 * Tags to add to and remove from one follow relation (WeCom keeps tags per staff member x customer, as
 * {@code mark_tag} takes userid + external_userid).
 *
 * @param add corp tag ids to add
 * @param remove corp tag ids to remove
 * @param source who asks for the change; recorded on every row it adds
 * @param sourceRef rule id and version, channel state or operator id (may be null)
 * @param syncToWeCom also write the change to WeCom through {@code mark_tag}; false keeps it local only
 */
public record TagChange(String corpId, String userid, String externalUserId, Set<String> add, Set<String> remove,
    TagSource source, String sourceRef, boolean syncToWeCom) {

  public TagChange {
    Objects.requireNonNull(corpId, "corpId");
    Objects.requireNonNull(userid, "userid");
    Objects.requireNonNull(externalUserId, "externalUserId");
    Objects.requireNonNull(source, "source");
    add = Set.copyOf(add);
    remove = Set.copyOf(remove);
    if (add.stream().anyMatch(remove::contains)) {
      throw new IllegalArgumentException("a tag cannot be both added and removed: " + add + " / " + remove);
    }
  }
}
