package io.wescrm.core.moments;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Where the moments poll keeps what it found (implemented over JDBC in {@code moments.jdbc}). */
public interface MomentStore {

  /** A staff member's copy of a moment. */
  record CopyRef(String momentId, String userid) {
  }

  /** A customer's like or comment on {@code userid}'s copy of a moment, as stored. */
  record StoredInteraction(String momentId, String userid, String externalUserId, String kind, Instant at) {
  }

  /** The corp-wide listing watermark: moments created before it were listed; empty for a corp never polled. */
  Optional<Instant> listedTo(String corpId);

  /** Starts the listing of a new corp at {@code from} (the back-fill's depth). */
  void startListing(String corpId, Instant from, Instant now);

  /** The listing reached {@code to}; {@code newestByCreator}: the newest moment seen per creator (per-creator rows). */
  void listed(String corpId, Instant to, Map<String, Instant> newestByCreator, Instant now);

  /** Upserts moments; returns the ids that were not stored before. */
  Set<String> upsertMoments(String corpId, List<RemoteMoment.Moment> moments, Instant now);

  /** The stored copies of a moment: userid → publish status. */
  Map<String, Integer> copies(String corpId, String momentId);

  /** Upserts the copies (tasks) of a moment. */
  void upsertCopies(String corpId, String momentId, List<RemoteMoment.Task> tasks, Instant now);

  /** How many customers {@code userid}'s copy was sent to. */
  void visible(String corpId, String momentId, String userid, int customers, Instant now);

  /** Published copies whose likes and comments were never read. */
  List<CopyRef> unreadCopies(String corpId);

  /** Published copies of moments created at or after {@code since}. */
  List<CopyRef> youngCopies(String corpId, Instant since);

  /** Corp moments created at or after {@code since} with a copy not published yet. */
  List<String> youngCorpMomentsPending(String corpId, Instant since);

  /**
   * Stores the likes and comments read from one copy (customers' only) that are not stored yet, the copy's counts
   * and read time, and a durable {@code MomentInteracted} event per new interaction, in one transaction; returns
   * the new ones.
   */
  List<StoredInteraction> recordInteractions(String corpId, String momentId, String userid,
      List<RemoteMoment.Interaction> likes, List<RemoteMoment.Interaction> comments, Instant readAt);

  long startPass(String corpId, String kind, String trigger, Instant at);

  void finishPass(MomentSyncPass pass);

  /** The newest passes first. */
  List<MomentSyncPass> recentPasses(String corpId, int limit);
}
