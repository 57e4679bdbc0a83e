package io.wescrm.web.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wescrm.core.sync.SyncLocks;
import io.wescrm.web.SimulatedCorps;
import io.wescrm.web.testing.WithSimulator;
import io.wescrm.wecom.client.CallCounter;
import io.wescrm.wecom.client.RedissonCallGate;
import io.wescrm.wecom.client.WeComClients;
import io.wescrm.wecom.client.WeComProperties;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.redisson.api.RedissonClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Several nodes sharing Redis (profile redis, the MariaDB suite): one access token for all, single-flight locks that
 * a second node cannot take, and locks that expire when their holder dies.
 */
@SpringBootTest
@EnabledIfSystemProperty(named = "spring.profiles.active", matches = ".*redis.*")
@WithSimulator
class ClusterModeIT {

  @Autowired
  SimulatedCorps corps;

  @Autowired
  RedissonClient redisson;

  @Autowired
  WeComProperties properties;

  @Test
  void twoNodesShareOneAccessTokenThroughRedis() {
    corps.simulator().stats().reset();
    String corpId = corps.corpId(0);
    WeComClients nodeA = new WeComClients(properties, new RedissonCallGate(redisson, 5, 10_000,
        Duration.ofSeconds(30)), redisson);
    WeComClients nodeB = new WeComClients(properties, new RedissonCallGate(redisson, 5, 10_000,
        Duration.ofSeconds(30)), redisson);
    CallCounter counter = new CallCounter();
    List<String> a = nodeA.of(corpId).call("externalcontact/get_follow_user_list", counter,
        wx -> wx.getExternalContactService().listFollowers());
    List<String> b = nodeB.of(corpId).call("externalcontact/get_follow_user_list", counter,
        wx -> wx.getExternalContactService().listFollowers());
    assertThat(a).isEqualTo(b);
    assertThat(corps.simulator().stats().calls("gettoken")).as("one gettoken for both nodes").isLessThanOrEqualTo(1);
    // both nodes really reached WeCom; the simulator's count may include a background job's call of the same API
    assertThat(counter.calls()).isEqualTo(2);
    assertThat(corps.simulator().stats().calls("externalcontact/get_follow_user_list")).isGreaterThanOrEqualTo(2);
  }

  @Test
  void aSecondNodeCannotTakeASyncLockAndADeadHoldersLockExpires() throws InterruptedException {
    String name = "scrm:test:lock:" + UUID.randomUUID();
    SyncLocks nodeA = new RedissonLocks(redisson, Duration.ofSeconds(1), "node-a");
    SyncLocks nodeB = new RedissonLocks(redisson, Duration.ofSeconds(1), "node-b");
    Optional<SyncLocks.Lease> held = nodeA.tryAcquire(name);
    assertThat(held).isPresent();
    assertThat(nodeB.holder(name)).as("the holder is named").contains("node-a");
    assertThat(nodeB.tryAcquire(name)).isEmpty();
    assertThat(held.get().renew()).isTrue();
    held.get().close();
    Optional<SyncLocks.Lease> taken = nodeB.tryAcquire(name);
    assertThat(taken).as("released locks can be taken").isPresent();
    // node B "dies": it stops renewing; after the TTL (1 s) node A may take over, and B's late release is harmless
    Optional<SyncLocks.Lease> takeover = await("node A takes over once the TTL is up").atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(100)).until(() -> nodeA.tryAcquire(name), Optional::isPresent);
    assertThat(taken.get().renew()).as("the dead holder lost its lease").isFalse();
    taken.get().close();
    assertThat(nodeB.tryAcquire(name)).as("a stale release does not free another holder's lock").isEmpty();
    takeover.get().close();
  }
}
