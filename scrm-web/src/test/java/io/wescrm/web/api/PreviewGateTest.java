package io.wescrm.web.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/** The heavy-read gate on a real (H2) database: per-corp concurrency (429) and the statement timeout (→ 503). */
class PreviewGateTest {

  final JdbcDataSource db = new JdbcDataSource();
  final JdbcTemplate jdbc;
  final PreviewGate gate;

  PreviewGateTest() {
    db.setURL("jdbc:h2:mem:preview-gate;DB_CLOSE_DELAY=-1");
    jdbc = new JdbcTemplate(db);
    gate = new PreviewGate(new ApiProperties(null, null, null, null, Duration.ofSeconds(1), 1, null, null, 2),
        new DataSourceTransactionManager(db));
  }

  @Test
  void aCorpRunsAtMostItsShareOfPreviewsAtOnce() {
    assertThatThrownBy(() -> gate.run("corpA", pace -> gate.run("corpA", pace2 -> 1)))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.status()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
          assertThat(e.code()).isEqualTo("too_many_previews");
          assertThat(e.retryAfterSeconds()).isEqualTo(1);
          assertThat(e.getMessage()).contains("上限");
        });
    // another corp is not held back, and the place is given back afterwards
    assertThat(gate.<Object>run("corpA", pace -> gate.run("corpB", pace2 -> 2))).isEqualTo(2);
    assertThat(gate.<Object>run("corpA", pace -> 3)).isEqualTo(3);
  }

  @Test
  void theServerRunsAtMostItsTotalOfPreviewsAtOnce() {
    // two corps take the server's two places; a third corp, under its own limit, is refused
    assertThatThrownBy(() -> gate.run("corpA", pace -> gate.run("corpB", pace2 -> gate.run("corpC", pace3 -> 1))))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.status()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
          assertThat(e.code()).isEqualTo("too_many_previews");
          assertThat(e.getMessage()).contains("服务器");
        });
    // the places are given back, also the ones of the refused request
    assertThat(gate.<Object>run("corpA", pace -> gate.run("corpB", pace2 -> 2))).isEqualTo(2);
    assertThat(gate.<Object>run("corpC", pace -> 3)).isEqualTo(3);
  }

  @Test
  void itTellsWhetherAHeavyReadIsRunning() {
    // what the callback path's background work yields to (IngestPressure): true only while a query runs, and false
    // again after one that failed or was refused
    assertThat(gate.running()).isFalse();
    assertThat(gate.<Boolean>run("corpA", pace -> gate.running()).booleanValue()).isTrue();
    assertThat(gate.running()).isFalse();
    assertThatThrownBy(() -> gate.run("corpA", pace -> {
      throw new IllegalStateException("the query failed");
    })).isInstanceOf(IllegalStateException.class);
    assertThat(gate.running()).isFalse();
    assertThatThrownBy(() -> gate.run("corpA", pace -> gate.run("corpA", pace2 -> 1))).isInstanceOf(ApiException.class);
    assertThat(gate.running()).isFalse();
  }

  @Test
  void aStatementPastTheQueryTimeoutIsCancelled() {
    long start = System.nanoTime();
    assertThatThrownBy(() -> gate.run("corpA", pace -> jdbc.queryForObject(
        "SELECT COUNT(*) FROM SYSTEM_RANGE(1, 10000000000) a WHERE MOD(a.X, 7) = 3", Long.class)))
        .isInstanceOf(QueryTimeoutException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    assertThat(gate.<Object>run("corpA", pace -> jdbc.queryForObject("SELECT 1", Integer.class))).isEqualTo(1);
  }
}
