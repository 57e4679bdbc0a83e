package io.wescrm.core.jdbc;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Tells a database error that goes away by itself (the database unreachable or restarting, a connection lost or not
 * to be had from the pool, a lock wait timed out, a deadlock victim, a query cancelled on timeout) from one that
 * will fail again with the same data (a constraint, a value too long, a syntax error). Work that failed transiently
 * is retried without limit (with back-off); only the other kind may be given up on.
 */
public final class TransientErrors {

  /** MySQL / MariaDB error codes that are transient: lock wait, deadlock, too many connections, server gone, … */
  private static final Set<Integer> CODES = Set.of(
      1205, // ER_LOCK_WAIT_TIMEOUT
      1213, // ER_LOCK_DEADLOCK
      1040, // ER_CON_COUNT_ERROR
      1053, // ER_SERVER_SHUTDOWN
      1077, // ER_NORMAL_SHUTDOWN
      1078, // ER_GOT_SIGNAL
      1080, // ER_FORCING_CLOSE
      1152, // ER_ABORTING_CONNECTION
      1158, 1159, 1160, 1161, // network read/write errors and timeouts
      1317, // ER_QUERY_INTERRUPTED
      1927, // ER_CONNECTION_KILLED (MariaDB)
      1969, // ER_STATEMENT_TIMEOUT (MariaDB max_statement_time)
      2002, 2003, 2006, 2013, // client: cannot connect, server gone away, lost connection
      3024, // ER_QUERY_TIMEOUT (MySQL max_execution_time)
      50200 // H2: lock timeout
  );

  private TransientErrors() {
  }

  /** Whether {@code failure} (or any of its causes) is a transient database error. */
  public static boolean isTransient(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof TransientDataAccessException || t instanceof RecoverableDataAccessException
          || t instanceof DataAccessResourceFailureException) {
        return true;
      }
      if (t instanceof SQLTransientException || t instanceof SQLRecoverableException) {
        return true;
      }
      if (t instanceof SQLException sql && transientSql(sql)) {
        return true;
      }
      if (t instanceof CannotCreateTransactionException) {
        return true; // no connection to begin a transaction on
      }
    }
    return false;
  }

  private static boolean transientSql(SQLException sql) {
    String state = sql.getSQLState();
    if (state != null && (state.startsWith("08") || state.startsWith("40") || "HYT00".equals(state)
        || "57014".equals(state))) {
      return true; // connection exception, transaction rollback (deadlock, serialization), timeout, cancelled
    }
    return CODES.contains(sql.getErrorCode());
  }
}
