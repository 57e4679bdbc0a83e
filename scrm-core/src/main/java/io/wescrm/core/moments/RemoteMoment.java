package io.wescrm.core.moments;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * WeCom's customer-moment reads for one corp ({@code externalcontact/get_moment_*}). Every method reads every page
 * (cursor loop to the end); the caller keeps {@link #moments} windows within 30 days (WeCom refuses longer ones).
 * Implementations throw {@link io.wescrm.core.remote.RemoteCallException} with WeCom's errcode: 41060 unknown moment,
 * 41061 the member did not publish it, 41062 the member has not published the corp moment yet.
 */
public interface RemoteMoment {

  /** The longest {@code get_moment_list} window WeCom accepts. */
  java.time.Duration MAX_WINDOW = java.time.Duration.ofDays(30);

  /**
   * One moment of get_moment_list.
   *
   * @param createType 0 corp moment, 1 personal moment
   * @param visibleType 0 partial, 1 public
   * @param mediaJson image / video / link / location as WeCom gave them (JSON object text), or null
   */
  record Moment(String momentId, String creator, Instant createTime, int createType, int visibleType, String text,
      String mediaJson) {
  }

  /** One row of get_moment_task: {@code publishStatus} 1 once the member published the corp moment. */
  record Task(String userid, int publishStatus) {
  }

  /** A like or comment: by a customer ({@code externalUserId}) or by a staff member ({@code userid}). */
  record Interaction(String externalUserId, String userid, Instant at) {
  }

  /** get_moment_comments of one staff copy (WeCom gives no comment text). */
  record Comments(List<Interaction> comments, List<Interaction> likes) {
  }

  /** {@code get_moment_list}, filter_type 2 (corp and personal), every page of [from, to] (≤ 30 days). */
  List<Moment> moments(Instant from, Instant to);

  /** {@code get_moment_task} of a corp moment, every page. */
  List<Task> tasks(String momentId);

  /** {@code get_moment_customer_list}: the customers in the visible range {@code userid} chose, every page. */
  List<String> visibleRange(String momentId, String userid);

  /** {@code get_moment_send_result}: the customers {@code userid}'s copy was sent to, every page. */
  List<String> sentTo(String momentId, String userid);

  /** {@code get_moment_comments} of {@code userid}'s copy (not paged). */
  Comments comments(String momentId, String userid);

  /** Calls made through this handle so far, per API path (e.g. {@code externalcontact/get_moment_list}). */
  Map<String, Long> calls();
}
