package io.wescrm.core.jdbc;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Collections;

/** Placeholder lists for IN lists and VALUES rows, and binding values to them. */
public final class Placeholders {

  private Placeholders() {
  }

  /** {@code n} comma-separated JDBC placeholders ({@code ?,?,?}), for an IN list or a VALUES row. */
  public static String marks(int n) {
    return String.join(",", Collections.nCopies(n, "?"));
  }

  /**
   * {@code column IN (?,…)} over {@code values} (appended to {@code args}), or {@code 1 = 0} for none: a store
   * manager's staff scope as a query condition (docs/security.md), so that pages and counts agree.
   */
  public static String in(String column, java.util.Collection<?> values, java.util.List<Object> args) {
    if (values.isEmpty()) {
      return "1 = 0";
    }
    args.addAll(values);
    return column + " IN (" + marks(values.size()) + ")";
  }

  /** {@code n} comma-separated MyBatis-Plus indexed placeholders ({@code {0},{1},…}), for {@code QueryWrapper.apply}. */
  public static String indexed(int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append(i == 0 ? "" : ",").append('{').append(i).append('}');
    }
    return sb.toString();
  }

  /**
   * Binds without asking the driver for parameter metadata: Spring's default does that for every null, which costs
   * MariaDB Connector/J a server round trip per statement.
   */
  public static void bind(PreparedStatement ps, Object[] values) throws SQLException {
    for (int i = 0; i < values.length; i++) {
      Object v = values[i];
      if (v == null) {
        ps.setNull(i + 1, Types.NULL);
      } else if (v instanceof String str) {
        ps.setString(i + 1, str);
      } else if (v instanceof Long l) {
        ps.setLong(i + 1, l);
      } else if (v instanceof Integer n) {
        ps.setInt(i + 1, n);
      } else {
        ps.setObject(i + 1, v);
      }
    }
  }
}
