package io.wescrm.core.community;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The join ways we created, by id or state. */
public interface JoinWays {

  /** Stores a new way; returns its id. A taken state fails with {@link CommunityException} (CONFLICT). */
  long insert(JoinWay way);

  void update(JoinWay way);

  void markDeleted(String corpId, long id, Instant at);

  Optional<JoinWay> find(String corpId, long id);

  /** The way with this state, deleted ones included (their members keep their attribution). */
  Optional<JoinWay> byState(String corpId, String state);

  List<JoinWay> list(String corpId, boolean includeDeleted);

  /** Members who joined through each state (members still in the group and those who left), by state. */
  Map<String, long[]> membersByState(String corpId);

  /** Live group chat ids among {@code chatIds}. */
  List<String> liveChats(String corpId, List<String> chatIds);
}
