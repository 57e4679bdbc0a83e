package io.wescrm.core.rules;

/** A rule run's lease was lost while it ran: it stops before its next write (that write's transaction rolls back). */
public class LeaseLostException extends RuntimeException {

  public LeaseLostException(String corpId) {
    super("the rule run of corp " + corpId + " lost its lease: stopped before writing more");
  }

  /** Throws when {@code held} says the lease is gone. */
  public static void check(java.util.function.BooleanSupplier held, String corpId) {
    if (!held.getAsBoolean()) {
      throw new LeaseLostException(corpId);
    }
  }
}
