package io.wescrm.core.campaigns;

/** States of a row of the send ledger (one per run × recipient × sender). */
public final class Delivery {

  private Delivery() {
  }

  /** Written when the run is planned. */
  public static final String PLANNED = "PLANNED";
  /** Its WeCom task is being created: whether WeCom has it is resolved before anything is sent again. */
  public static final String SENDING = "SENDING";
  /** WeCom holds the task; the sender has not sent it yet (or the result is not known yet). */
  public static final String TASK_CREATED = "TASK_CREATED";
  /** The customer (or group) received it. */
  public static final String SENT = "SENT";
  /** WeCom: the customer is no longer the sender's friend (status 2 or fail_list). */
  public static final String NOT_FRIEND = "NOT_FRIEND";
  /** Over a frequency cap: ours (at planning, reason cap_day/cap_week/cap_month) or WeCom's (status 3). */
  public static final String OVER_LIMIT = "OVER_LIMIT";
  /** The sender did not confirm before the deadline; the task was cancelled. */
  public static final String NOT_CONFIRMED = "NOT_CONFIRMED";
  /** The operator cancelled the run, or the SOP stopped for this customer. */
  public static final String CANCELLED = "CANCELLED";
  /** WeCom refused (reason = errcode or what failed). */
  public static final String FAILED = "FAILED";
  /** In the control group: deliberately not sent, compared with the sent ones in the uplift report. */
  public static final String HELD_BACK = "HELD_BACK";

  /** Statuses that never change again. */
  public static boolean isFinal(String status) {
    return switch (status) {
      case PLANNED, SENDING, TASK_CREATED -> false;
      default -> true;
    };
  }
}
