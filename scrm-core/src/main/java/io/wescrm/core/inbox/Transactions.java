package io.wescrm.core.inbox;

/** Runs work in one database transaction: all of it commits, or none. */
@FunctionalInterface
public interface Transactions {

  void inTransaction(Runnable work);
}
