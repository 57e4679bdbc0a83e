package io.wescrm.wecom.simulator;

import java.time.Instant;

/**
 * One callback delivery in a corp's journal ({@link SimCorp#callbackJournal()}): an event and what became of it.
 *
 * @param seq          delivery number in the corp's journal, from 1
 * @param eventSeq     event number, from 1; a duplicate delivery shares it with the original
 * @param changeSeq    the {@link SimChange#seq()} it came from, 0 for {@link SimCorp#emitRaw(String)}
 * @param duplicate    true for the extra copy made by the duplicate fault
 * @param event        Event of the plaintext (e.g. change_external_contact), "" if none
 * @param changeType   ChangeType of the plaintext (e.g. add_external_contact), "" if none
 * @param xml          the event XML plaintext (what the receiver gets after decryption)
 * @param attempts     HTTP attempts made so far (0 while waiting for the first, and for LOST)
 * @param status       PENDING (queued, in flight or waiting to retry), ACKED (HTTP 200 within the timeout), FAILED
 *                     (every attempt failed: dropped), LOST (dropped by the loss fault, never sent)
 * @param queuedAt     when the event was queued
 * @param ackedAt      when the receiver answered 200, or null
 * @param lastError    why the last attempt failed ("HTTP 500", "timeout", ...), or null
 */
public record SimCallback(long seq, long eventSeq, long changeSeq, boolean duplicate, String event, String changeType,
    String xml, int attempts, Status status, Instant queuedAt, Instant ackedAt, String lastError) {

  /** Where a delivery stands. */
  public enum Status {
    PENDING, ACKED, FAILED, LOST
  }
}
