package io.wescrm.core.jdbc;

import java.util.Collections;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The one multi-row insert builder: many rows in one {@code INSERT … VALUES (…),(…)} statement per 500 rows, bound
 * explicitly ({@link Placeholders#bind}). One round trip per 500 rows on every driver.
 */
public final class MultiRowInsert {

  public static final int ROWS_PER_STATEMENT = 500;

  private MultiRowInsert() {
  }

  /**
   * @param head {@code INSERT INTO table (columns)}
   * @param rows the values of each row, in column order (all of one length)
   * @param tail what follows the values, e.g. {@code " ON DUPLICATE KEY UPDATE …"}
   */
  public static void insert(JdbcTemplate jdbc, String head, List<Object[]> rows, String tail) {
    if (rows.isEmpty()) {
      return;
    }
    insert(jdbc, head, "(" + Placeholders.marks(rows.get(0).length) + ")", rows, tail);
  }

  /**
   * As {@link #insert(JdbcTemplate, String, List, String)}, with a row template that may hold literals beside its
   * placeholders, e.g. {@code "(?, ?, 'PENDING', 0, ?)"}: each row's values fill the template's placeholders.
   */
  public static void insert(JdbcTemplate jdbc, String head, String rowTemplate, List<Object[]> rows, String tail) {
    for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
      List<Object[]> part = rows.subList(from, Math.min(rows.size(), from + ROWS_PER_STATEMENT));
      int width = part.get(0).length;
      Object[] args = new Object[part.size() * width];
      int i = 0;
      for (Object[] values : part) {
        System.arraycopy(values, 0, args, i, width);
        i += width;
      }
      jdbc.update(head + " VALUES " + String.join(",", Collections.nCopies(part.size(), rowTemplate)) + tail,
          ps -> Placeholders.bind(ps, args));
    }
  }
}
