package io.wescrm.wecom.simulator;

import static io.wescrm.wecom.simulator.SimTestClient.errcode;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Mutators and API readers running at the same time leave the corp consistent and the events ordered. */
class ConcurrentMutationTest {

  @Test
  void parallelWritersAndReadersKeepCountsExact() throws Exception {
    try (WeComSimulator sim = WeComSimulator.start(SimulatorOptions.of(
        new SimCorpSpec("wwstress", "并发测试", "s3cret", 1, SeedSize.of(2, 10, 500, 700, 5, 10), 77L)))) {
      sim.faults().concurrencyLimit(0).quotaPerWindow(0);
      SimCorp corp = sim.corp("wwstress");
      List<SimChange> changes = new CopyOnWriteArrayList<>();
      corp.addChangeListener(changes::add);
      SimCounts before = corp.counts();
      List<String> users = corp.followUserIds();
      String tagId = corp.tags().get(0).id();
      SimTestClient client = new SimTestClient(sim);
      String token = client.token(corp);
      AtomicBoolean writing = new AtomicBoolean(true);
      ExecutorService pool = Executors.newFixedThreadPool(8);
      List<Future<?>> writers = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        int writer = w;
        writers.add(pool.submit(() -> {
          for (int i = 0; i < 100; i++) {
            SimCustomer customer = corp.addCustomer(null, "并发客户" + writer + "-" + i, 1, 2, null, null);
            String userid = users.get((writer + i) % users.size());
            corp.addFollow(userid, customer.externalUserId());
            corp.markTag(userid, customer.externalUserId(), List.of(tagId), List.of());
          }
          return null;
        }));
      }
      List<Future<Integer>> readers = new ArrayList<>();
      for (int r = 0; r < 3; r++) {
        readers.add(pool.submit(() -> {
          int pages = 0;
          do { // at least one full pass, even if the writers are already done
            String cursor = "";
            do {
              JsonObject page = client.post("externalcontact/batch/get_by_user", token,
                  "{\"userid_list\":[\"" + String.join("\",\"", users) + "\"],\"limit\":100,\"cursor\":\""
                      + cursor + "\"}");
              assertThat(errcode(page)).isZero();
              cursor = page.get("next_cursor").getAsString();
              pages++;
            } while (!cursor.isEmpty());
          } while (writing.get());
          return pages;
        }));
      }
      for (Future<?> writer : writers) {
        writer.get();
      }
      writing.set(false);
      for (Future<Integer> reader : readers) {
        assertThat(reader.get()).isPositive();
      }
      pool.shutdown();

      SimCounts after = corp.counts();
      assertThat(after.customers()).isEqualTo(before.customers() + 400);
      assertThat(after.followRelations()).isEqualTo(before.followRelations() + 400);
      assertThat(after.followTags()).isEqualTo(before.followTags() + 400);
      assertThat(corp.follows()).hasSize((int) after.followRelations());
      assertThat(changes).hasSize(1200);
      for (int i = 0; i < changes.size(); i++) {
        assertThat(changes.get(i).seq()).isEqualTo(i + 1L);
      }
    }
  }
}
