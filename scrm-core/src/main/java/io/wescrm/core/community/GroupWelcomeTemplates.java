package io.wescrm.core.community;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The group welcome templates we created. */
public interface GroupWelcomeTemplates {

  long insert(GroupWelcomeTemplate template);

  void update(GroupWelcomeTemplate template);

  void markDeleted(String corpId, long id, Instant at);

  Optional<GroupWelcomeTemplate> find(String corpId, long id);

  List<GroupWelcomeTemplate> list(String corpId);
}
