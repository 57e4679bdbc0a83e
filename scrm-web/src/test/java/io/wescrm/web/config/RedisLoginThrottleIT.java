package io.wescrm.web.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.wescrm.core.accounts.LoginThrottle;
import io.wescrm.web.testing.WithSimulator;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.redisson.api.RedissonClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The login throttle shared through Redis (profile redis, the MariaDB suite): failures counted on one node lock the
 * username and the address on another, and the lock ends with its TTL. Keys are unique per run (Redis is shared).
 */
@SpringBootTest
@EnabledIfSystemProperty(named = "spring.profiles.active", matches = ".*redis.*")
@WithSimulator
class RedisLoginThrottleIT {

  @Autowired
  RedissonClient redisson;

  @Test
  void failuresOnOneNodeLockTheUsernameAndAddressOnAnother() throws InterruptedException {
    LoginThrottle.Limits limits = new LoginThrottle.Limits(3, 5, Duration.ofMinutes(1), Duration.ofSeconds(2));
    LoginThrottle nodeA = new RedissonLoginThrottle(redisson, limits);
    LoginThrottle nodeB = new RedissonLoginThrottle(redisson, limits);
    String run = UUID.randomUUID().toString();
    String user = "user-" + run;
    String address = "addr-" + run;

    nodeA.failed(user, address);
    nodeB.failed(user, address);
    assertThat(nodeA.locked(user, address)).isEmpty();
    nodeA.failed(user, address);
    assertThat(nodeB.locked(user, address)).hasValueSatisfying(d -> assertThat(d).isPositive()
        .isLessThanOrEqualTo(Duration.ofSeconds(2)));
    assertThat(nodeB.locked(user, "elsewhere-" + run)).isPresent();   // the username is locked from anywhere
    Thread.sleep(2_300);
    assertThat(nodeB.locked(user, address)).isEmpty();

    // the address: five failures over five usernames
    for (int i = 0; i < 5; i++) {
      (i % 2 == 0 ? nodeA : nodeB).failed("u" + i + "-" + run, address);
    }
    assertThat(nodeA.locked("someone-" + run, address)).isPresent();
    // a success clears the username's failures only
    String other = "other-" + run;
    nodeA.failed(other, "a2-" + run);
    nodeA.failed(other, "a2-" + run);
    nodeB.succeeded(other);
    nodeA.failed(other, "a2-" + run);
    assertThat(nodeA.locked(other, "a3-" + run)).isEmpty();
  }
}
