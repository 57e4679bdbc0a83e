package io.wescrm.core.jdbc;

import java.sql.ResultSetMetaData;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Rows as JSON-ready maps with camelCase keys from snake_case column labels ({@code store_id} → {@code storeId}):
 * H2 lower-cases every label and MariaDB keeps them, so an API never sees the database's spelling.
 */
public final class Rows {

  private Rows() {
  }

  public static List<Map<String, Object>> camelCase(JdbcTemplate jdbc, String sql, Object... args) {
    return jdbc.query(sql, (rs, i) -> {
      ResultSetMetaData meta = rs.getMetaData();
      Map<String, Object> row = new LinkedHashMap<>();
      for (int c = 1; c <= meta.getColumnCount(); c++) {
        row.put(camel(meta.getColumnLabel(c)), rs.getObject(c));
      }
      return row;
    }, args);
  }

  static String camel(String label) {
    StringBuilder out = new StringBuilder();
    boolean up = false;
    for (char ch : label.toLowerCase(java.util.Locale.ROOT).toCharArray()) {
      if (ch == '_') {
        up = true;
      } else {
        out.append(up ? Character.toUpperCase(ch) : ch);
        up = false;
      }
    }
    return out.toString();
  }
}
