package io.wescrm.core;

import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Test fixture: a private in-memory H2 in MySQL mode, migrated by the real Flyway scripts. */
public final class TestDatabases {

  private TestDatabases() {
  }

  public static DataSource migratedH2() {
    DriverManagerDataSource ds = new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID()
        + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1", "sa", "");
    Flyway.configure().dataSource(ds).locations("classpath:db/migration/common", "classpath:db/migration/h2")
        .load().migrate();
    return ds;
  }
}
