package io.wescrm.core.corp;

import java.time.Instant;
import java.util.List;

/** A corp tag group with its tags. WeCom does not allow empty groups. */
public record TagGroup(String groupId, String name, long order, Instant createdAt, List<Tag> tags) {

  public TagGroup {
    tags = tags == null ? List.of() : List.copyOf(tags);
  }
}
