package io.wescrm.core.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.wescrm.core.TestDatabases;
import io.wescrm.core.corp.Customer;
import io.wescrm.core.corp.CustomerFollow;
import io.wescrm.core.corp.FollowRelation;
import io.wescrm.core.inbox.InboxApplierTest.TestClock;
import io.wescrm.core.inbox.RefetchQueue.Kind;
import io.wescrm.core.inbox.jdbc.JdbcRefetchQueue;
import io.wescrm.core.remote.RemoteCallException;
import io.wescrm.core.remote.RemoteCorp;
import io.wescrm.core.remote.RemoteCorps;
import io.wescrm.core.sync.jdbc.JdbcCorpMirror;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A re-fetch pass writes what its calls returned in transactions of {@value Refetcher#WRITE_CHUNK} objects, queue rows
 * included; an object whose write fails is retried alone and the rest of its chunk lands; a failed call or a request
 * made while the call ran keeps the queue row — on the real tables (H2).
 */
class RefetcherTest {

  static final String CORP = "wwrefetch";

  final TestClock clock = new TestClock();
  final AtomicInteger transactionsRun = new AtomicInteger();
  /** Customers whose WeCom call fails. */
  final Set<String> unreachable = ConcurrentHashMap.newKeySet();
  /** Customers whose write fails after their rows were written (the transaction must take those back). */
  final Set<String> unwritable = ConcurrentHashMap.newKeySet();
  /** Customers requested again while their call runs (an event about them arrived meanwhile). */
  final Set<String> requestedDuringFetch = ConcurrentHashMap.newKeySet();
  JdbcTemplate jdbc;
  JdbcRefetchQueue queue;
  Refetcher refetcher;

  @BeforeEach
  void setUp() {
    var ds = TestDatabases.migratedH2();
    jdbc = new JdbcTemplate(ds);
    queue = new JdbcRefetchQueue(jdbc);
    TransactionTemplate template = new TransactionTemplate(new DataSourceTransactionManager(ds));
    Transactions transactions = work -> {
      transactionsRun.incrementAndGet();
      template.executeWithoutResult(status -> work.run());
    };
    JdbcCorpMirror mirror = new JdbcCorpMirror(jdbc) {
      @Override
      public int closeMissingFollows(String corpId, String externalUserId, Collection<String> currentUserids,
          java.time.Instant now) {
        int n = super.closeMissingFollows(corpId, externalUserId, currentUserids, now);
        if (unwritable.contains(externalUserId)) {
          throw new org.springframework.dao.DataIntegrityViolationException("cannot write " + externalUserId);
        }
        return n;
      }
    };
    RemoteCorp remote = (RemoteCorp) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {RemoteCorp.class}, (p, m, a) -> switch (m.getName()) {
          case "corpId" -> CORP;
          case "customer" -> customer((String) a[0]);
          default -> throw new UnsupportedOperationException(m.getName());
        });
    RemoteCorps corps = (RemoteCorps) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {RemoteCorps.class}, (p, m, a) -> m.getName().equals("open") ? remote : null);
    refetcher = new Refetcher(queue, corps, mirror, transactions, clock, 4, 200);
  }

  @AfterEach
  void tearDown() {
    refetcher.close();
  }

  Optional<List<CustomerFollow>> customer(String ext) {
    if (unreachable.contains(ext)) {
      throw new RemoteCallException("externalcontact/get", -1, RemoteCallException.Kind.TRANSIENT, "timed out",
          null);
    }
    if (requestedDuringFetch.contains(ext)) {
      queue.request(CORP, Kind.CUSTOMER, ext, clock.instant().plusSeconds(1), Duration.ZERO);
    }
    return Optional.of(List.of(new CustomerFollow(new Customer(ext, "客户" + ext, 1, 1, null, null, null, null, null),
        new FollowRelation("staff1", ext, "备注", null, null, List.of(), 1, "qr_store1", "staff1",
            clock.instant().minusSeconds(60), List.of()))));
  }

  void queue(int from, int to) {
    for (int i = from; i < to; i++) {
      queue.request(CORP, Kind.CUSTOMER, "wm" + i, clock.instant(), Duration.ZERO);
    }
  }

  long count(String sql, Object... args) {
    return jdbc.queryForObject(sql, Long.class, args);
  }

  @Test
  void aPassWritesEveryObjectInTransactionsOfAChunkAndEmptiesTheQueue() throws InterruptedException {
    queue(0, 120);

    assertThat(refetcher.refetchDue(CORP)).isEqualTo(120);

    assertThat(count("SELECT COUNT(*) FROM scrm_customer WHERE corp_id = ?", CORP)).isEqualTo(120);
    assertThat(count("SELECT COUNT(*) FROM scrm_follow_relation WHERE corp_id = ? AND deleted_at IS NULL", CORP))
        .isEqualTo(120);
    assertThat(queue.backlog(CORP)).isZero();
    assertThat(transactionsRun.get()).as("120 objects in chunks of %d", Refetcher.WRITE_CHUNK)
        .isEqualTo((120 + Refetcher.WRITE_CHUNK - 1) / Refetcher.WRITE_CHUNK);
  }

  @Test
  void anObjectThatCannotBeWrittenIsRetriedAloneAndTheRestOfItsChunkLands() throws InterruptedException {
    queue(0, 30);
    unwritable.add("wm7");

    refetcher.refetchDue(CORP);

    assertThat(count("SELECT COUNT(*) FROM scrm_customer WHERE corp_id = ?", CORP)).isEqualTo(29);
    assertThat(count("SELECT COUNT(*) FROM scrm_customer WHERE corp_id = ? AND external_userid = 'wm7'", CORP))
        .as("its rows were taken back with its transaction").isZero();
    assertThat(jdbc.queryForList("SELECT ref_id FROM scrm_refetch WHERE corp_id = ? AND attempts = 1",
        String.class, CORP)).containsExactly("wm7");
    assertThat(queue.backlog(CORP)).isEqualTo(1);
    assertThat(transactionsRun.get()).as("the chunk, then each of its 30 objects alone").isEqualTo(31);
  }

  @Test
  void aFailedCallOrANewerRequestKeepsTheQueueRow() throws InterruptedException {
    queue(0, 10);
    unreachable.add("wm3");
    requestedDuringFetch.add("wm5");

    refetcher.refetchDue(CORP);

    assertThat(count("SELECT COUNT(*) FROM scrm_customer WHERE corp_id = ?", CORP)).isEqualTo(9);
    assertThat(jdbc.queryForList("SELECT ref_id FROM scrm_refetch WHERE corp_id = ? ORDER BY ref_id", String.class,
        CORP)).containsExactly("wm3", "wm5");
    assertThat(count("SELECT attempts FROM scrm_refetch WHERE corp_id = ? AND ref_id = 'wm3'", CORP)).isEqualTo(1);
    assertThat(count("SELECT attempts FROM scrm_refetch WHERE corp_id = ? AND ref_id = 'wm5'", CORP))
        .as("not a failure: fetched again for the newer request").isZero();
    assertThat(transactionsRun.get()).isEqualTo(1);
  }
}
