package io.wescrm.wecom.simulator;

import java.util.List;

/** A corp tag group with its live tags. */
public record SimTagGroup(String groupId, String name, long createTime, long order, boolean deleted,
    List<SimTag> tags) {

  public SimTagGroup {
    tags = List.copyOf(tags);
  }
}
