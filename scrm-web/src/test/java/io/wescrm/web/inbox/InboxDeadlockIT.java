package io.wescrm.web.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wescrm.core.inbox.InboxEvent;
import io.wescrm.core.inbox.jdbc.JdbcInbox;
import io.wescrm.web.rules.TestDataSources;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLTransactionRollbackException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An inbox batch that loses an InnoDB deadlock (two writers storing overlapping batches: error 1213, SQLSTATE 40001,
 * the whole statement rolled back) is written again instead of being answered 503. The deadlock is injected at the
 * driver's edge — the first executions of the insert fail as MariaDB fails them — and the real database (H2, or
 * MariaDB with profile mariadb) stores the retry. A real deadlock between two writers was provoked on MariaDB by hand
 * while developing this (a transaction holding one of the batch's keys, then taking the other): the loser's retry
 * stored the batch; as a test that set-up depended on timing and was not kept.
 */
class InboxDeadlockIT {

  final DataSource real = TestDataSources.migrated();
  final AtomicInteger deadlocksLeft = new AtomicInteger();

  /** The real data source, whose inbox inserts fail with a deadlock while {@link #deadlocksLeft} is positive. */
  final DataSource deadlocking = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
      new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
        Object result = invoke(real, method, args);
        return result instanceof Connection c ? connection(c) : result;
      });

  Connection connection(Connection c) {
    return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
        (proxy, method, args) -> {
          Object result = invoke(c, method, args);
          if (result instanceof PreparedStatement ps && args != null && args[0] instanceof String sql
              && sql.startsWith("INSERT INTO scrm_inbox_event")) {
            return statement(ps);
          }
          return result;
        });
  }

  PreparedStatement statement(PreparedStatement ps) {
    return (PreparedStatement) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {PreparedStatement.class}, (proxy, method, args) -> {
          if (method.getName().equals("executeUpdate") && deadlocksLeft.getAndDecrement() > 0) {
            throw new SQLTransactionRollbackException("Deadlock found when trying to get lock; try restarting "
                + "transaction", "40001", 1213);
          }
          return invoke(ps, method, args);
        });
  }

  static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  @Test
  void aBatchThatLosesADeadlockIsWrittenAgainAndStoredOnce() {
    String corp = "wwdead" + UUID.randomUUID().toString().substring(0, 8);
    List<InboxEvent> batch = List.of(event(corp), event(corp), event(corp));
    deadlocksLeft.set(2);

    new JdbcInbox(new JdbcTemplate(deadlocking)).store(batch, Instant.parse("2026-11-29T08:00:00Z"));

    assertThat(deadlocksLeft.get()).as("both deadlocks were hit").isNegative();
    assertThat(new JdbcTemplate(real).queryForObject("SELECT COUNT(*) FROM scrm_inbox_event WHERE corp_id = ?",
        Long.class, corp)).isEqualTo(3L);
  }

  @Test
  void aBatchThatKeepsLosingFailsSoThatWeComRetriesIt() {
    String corp = "wwdead" + UUID.randomUUID().toString().substring(0, 8);
    deadlocksLeft.set(3);

    assertThatThrownBy(() -> new JdbcInbox(new JdbcTemplate(deadlocking)).store(List.of(event(corp)),
        Instant.parse("2026-11-29T08:00:00Z"))).isInstanceOf(PessimisticLockingFailureException.class);
    assertThat(new JdbcTemplate(real).queryForObject("SELECT COUNT(*) FROM scrm_inbox_event WHERE corp_id = ?",
        Long.class, corp)).isZero();
  }

  static InboxEvent event(String corp) {
    String key = UUID.randomUUID().toString();
    return new InboxEvent(corp, key, "change_external_contact", "add_external_contact", "c:" + key,
        Instant.parse("2026-11-29T07:59:00Z"), Map.of("ExternalUserID", key), "<xml/>");
  }
}
