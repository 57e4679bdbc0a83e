package io.wescrm.web.rules;

import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A migrated database without a Spring context: the MariaDB of the suite when it runs with profile {@code mariadb}
 * (same {@code SCRM_DB_*} variables as application-mariadb.yml; database {@code wescrm_it} like application-test.yml,
 * which .ci/run makes afresh), otherwise a private in-memory H2 in MySQL mode.
 */
public final class TestDataSources {

  private TestDataSources() {
  }

  public static boolean mariadb() {
    return System.getProperty("spring.profiles.active", "").contains("mariadb");
  }

  public static DataSource migrated() {
    DriverManagerDataSource ds;
    if (mariadb()) {
      String url = "jdbc:mariadb://" + env("SCRM_DB_HOST", "127.0.0.1") + ":" + env("SCRM_DB_PORT", "3306") + "/"
          + env("SCRM_DB_NAME", "wescrm_it") + "?createDatabaseIfNotExist=true";
      ds = new DriverManagerDataSource(url, env("SCRM_DB_USER", "root"), env("SCRM_DB_PASSWORD", ""));
      Flyway.configure().dataSource(ds).locations("classpath:db/migration/common", "classpath:db/migration/mysql")
          .load().migrate();
    } else {
      ds = new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID()
          + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1", "sa", "");
      Flyway.configure().dataSource(ds).locations("classpath:db/migration/common", "classpath:db/migration/h2")
          .load().migrate();
    }
    return ds;
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }
}
