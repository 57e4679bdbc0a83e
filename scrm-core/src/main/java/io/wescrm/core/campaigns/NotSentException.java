package io.wescrm.core.campaigns;

/**
 * A send was given up before it left: WeCom saw nothing. Thrown when the worker's lease on a task ran out while the
 * call waited for the call gate (another worker may already own the task).
 */
public final class NotSentException extends RuntimeException {

  public NotSentException(String message) {
    super(message);
  }
}
