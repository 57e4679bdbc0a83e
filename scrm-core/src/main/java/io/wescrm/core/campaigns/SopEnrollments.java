package io.wescrm.core.campaigns;

import java.time.Instant;
import java.util.List;
import java.util.function.BiFunction;

/** Customers in SOP sequences ({@code scrm_sop_enrollment}). */
public interface SopEnrollments {

  /** Enrols a customer (once per campaign × customer × staff member); false when already enrolled. */
  boolean enroll(String corpId, long campaignId, String externalUserId, String userid, Instant anchor,
      Instant firstDue, Instant now);

  /** Enrols a customer who joined a group chat, with the chat's owner as their staff member. */
  boolean enrollGroupMember(String corpId, long campaignId, String chatId, String externalUserId, Instant anchor,
      Instant firstDue, Instant now);

  /** Stops active enrolments whose relation was deleted, who carry a stop tag, or who left the audience. */
  int stopFinished(Campaign campaign, Instant now);

  /** The steps with due active enrolments (step number → earliest due). */
  List<Integer> dueSteps(long campaignId, Instant now);

  /** An active enrolment on its step: its id and anchor. */
  record Due(long id, Instant anchor) {
  }

  /**
   * The active enrolments of {@code step} due by {@code dueBy} whose step can be planned now (their customer's row
   * is there, or it has been missing longer than the grace): taken before a run of the step is planned, and moved on
   * after it — an enrolment that became plannable in between waits for the next run instead of being skipped.
   */
  List<Due> plannable(long campaignId, int step, Instant dueBy);

  /**
   * Moves these enrolments (still on {@code step}) to their next step: {@code nextDue} gives its due time from the
   * anchor (null: the sequence is done).
   */
  int advance(List<Due> enrolments, int step, BiFunction<Instant, Integer, Instant> nextDue, Instant now);

  /** Stops one customer's enrolments with a staff member (relation deleted). */
  int stopFor(String corpId, String externalUserId, String userid, String reason, Instant now);
}
