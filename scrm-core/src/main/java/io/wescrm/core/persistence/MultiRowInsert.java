package io.wescrm.core.persistence;

import java.util.Collections;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/** Many rows in one {@code INSERT … VALUES (…),(…)} statement per 500 rows, bound explicitly. */
final class MultiRowInsert {

  private static final int ROWS_PER_STATEMENT = 500;

  private MultiRowInsert() {
  }

  /**
   * @param head {@code INSERT INTO table (columns)}
   * @param rows the values of each row, in column order (all of one length)
   * @param tail what follows the values, e.g. {@code " ON DUPLICATE KEY UPDATE …"}
   */
  static void insert(JdbcTemplate jdbc, String head, List<Object[]> rows, String tail) {
    if (rows.isEmpty()) {
      return;
    }
    int columns = rows.get(0).length;
    String row = "(" + String.join(", ", Collections.nCopies(columns, "?")) + ")";
    for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
      List<Object[]> part = rows.subList(from, Math.min(rows.size(), from + ROWS_PER_STATEMENT));
      Object[] args = new Object[part.size() * columns];
      int i = 0;
      for (Object[] values : part) {
        System.arraycopy(values, 0, args, i, columns);
        i += columns;
      }
      jdbc.update(head + " VALUES " + String.join(",", Collections.nCopies(part.size(), row)) + tail,
          ps -> JdbcCorpMirror.bind(ps, args));
    }
  }
}
