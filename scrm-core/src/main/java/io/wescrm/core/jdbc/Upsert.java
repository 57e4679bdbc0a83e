package io.wescrm.core.jdbc;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The one upsert builder. Builds multi-row {@code INSERT … ON DUPLICATE KEY UPDATE} statements that run on MySQL 8, MariaDB and H2 (MySQL
 * mode). {@code updated_at} moves only when a content column really changes, so re-applying the same data is a
 * no-op; bookkeeping columns (last_seen_run) are always refreshed.
 */
public final class Upsert {

  private final String table;
  private final List<String> columns;
  private final List<String> content;
  private final List<String> bookkeeping;
  private final List<String> guarded;
  private final String keepWhen;

  /**
   * @param columns every inserted column, including {@code updated_at} and the key columns
   * @param content columns whose change is a real change (compared null-safely)
   * @param bookkeeping columns overwritten without counting as a change
   */
  public Upsert(String table, List<String> columns, List<String> content, List<String> bookkeeping) {
    this(table, columns, content, bookkeeping, List.of(), null);
  }

  private Upsert(String table, List<String> columns, List<String> content, List<String> bookkeeping,
      List<String> guarded, String keepWhen) {
    this.table = table;
    this.columns = List.copyOf(columns);
    this.content = List.copyOf(content);
    this.bookkeeping = List.copyOf(bookkeeping);
    this.guarded = List.copyOf(guarded);
    this.keepWhen = keepWhen;
  }

  /**
   * The same upsert, except that the stored values of {@code columns} (content columns, in their declared order)
   * are kept, and count as unchanged, when {@code keepWhen} holds for the stored row. {@code keepWhen} has exactly
   * one {@code ?}: its value is bound after the rows ({@link #guardParameters()} times).
   */
  public Upsert keeping(List<String> columns, String keepWhen) {
    if (!content.containsAll(columns) || keepWhen.chars().filter(c -> c == '?').count() != 1) {
      throw new IllegalArgumentException("guarded columns must be content columns; one parameter in " + keepWhen);
    }
    return new Upsert(table, this.columns, content, bookkeeping, columns, keepWhen);
  }

  /** Parameters bound after the rows' values: the guard's value, once per use. */
  public int guardParameters() {
    return keepWhen == null ? 0 : 2 * guarded.size();
  }

  public int width() {
    return columns.size();
  }

  public String sql(int rows) {
    String row = "(" + Placeholders.marks(columns.size()) + ")";
    StringBuilder sb = new StringBuilder(64 + rows * row.length() + 64 * content.size());
    sb.append("INSERT INTO ").append(table).append(" (").append(String.join(",", columns)).append(") VALUES ");
    for (int i = 0; i < rows; i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(row);
    }
    sb.append(" ON DUPLICATE KEY UPDATE ");
    List<String> sets = new ArrayList<>();
    if (!content.isEmpty() && columns.contains("updated_at")) {
      // must come first: MySQL evaluates assignments left to right against already-updated values
      String same = content.stream()
          .map(c -> "(" + c + " = VALUES(" + c + ") OR (" + c + " IS NULL AND COALESCE(VALUES(" + c + "), NULL) IS NULL)"
              + (guarded.contains(c) ? " OR (" + keepWhen + ")" : "") + ")")
          .collect(Collectors.joining(" AND "));
      sets.add("updated_at = CASE WHEN " + same + " THEN updated_at ELSE VALUES(updated_at) END");
    }
    for (String c : content) {
      sets.add(guarded.contains(c) ? c + " = CASE WHEN " + keepWhen + " THEN " + c + " ELSE VALUES(" + c + ") END"
          : c + " = VALUES(" + c + ")");
    }
    for (String c : bookkeeping) {
      // null = written outside a full sync (a re-fetch): keep the run that last saw the row
      sets.add(c + " = COALESCE(VALUES(" + c + "), " + c + ")");
    }
    sb.append(String.join(", ", sets));
    return sb.toString();
  }
}
