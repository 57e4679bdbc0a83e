package io.wescrm.core.jdbc;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Whether a database is MySQL or MariaDB rather than H2, for the few statements that need an optimizer hint there:
 * {@code STRAIGHT_JOIN} keeps a join in FROM order where the optimizer's estimates would have it drive from the
 * small staff table and read every relation of the corp.
 */
public final class MysqlFamily {

  private static final Map<DataSource, Boolean> KNOWN = new ConcurrentHashMap<>();

  private MysqlFamily() {
  }

  public static boolean is(JdbcTemplate jdbc) {
    DataSource ds = jdbc.getDataSource();
    Boolean known = ds == null ? null : KNOWN.get(ds);
    if (known != null) {
      return known;
    }
    String product = jdbc.execute((ConnectionCallback<String>) con -> con.getMetaData().getDatabaseProductName());
    String name = product == null ? "" : product.toLowerCase(Locale.ROOT);
    boolean mysql = name.contains("mysql") || name.contains("mariadb");
    if (ds != null) {
      KNOWN.put(ds, mysql);
    }
    return mysql;
  }

  /** {@code "STRAIGHT_JOIN "} on MySQL and MariaDB (tables joined in FROM order), {@code ""} elsewhere. */
  public static String straightJoin(JdbcTemplate jdbc) {
    return is(jdbc) ? "STRAIGHT_JOIN " : "";
  }
}
