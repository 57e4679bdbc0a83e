package io.wescrm.wecom.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.wescrm.core.remote.RemoteCallException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A call gate that fails (Redis unreachable behind the cluster-wide gate) is a transient remote error (-1), never an
 * unchecked exception of the gate's own kind that callers do not expect: the welcome path finishes its ledger row,
 * retried calls are retried (the call was not made, so even a send may be tried again).
 */
class CallGateFailureTest {

  private static final String CORP = "ww-gate";

  private WeComRemoteCampaignTest.FakeWeCom wecom;
  private WeComProperties properties;
  private final AtomicInteger gateFailures = new AtomicInteger();

  /** Fails its first {@code failures} entries as Redisson does when Redis is down, then admits. */
  CallGate failing(int failures) {
    CallGate local = new LocalCallGate(5, 60_000);
    return (corpId, api) -> {
      if (gateFailures.incrementAndGet() <= failures) {
        throw new IllegalStateException("Unable to connect to Redis server: 127.0.0.1/127.0.0.1:6379");
      }
      return local.enter(corpId, api);
    };
  }

  @BeforeEach
  void start() throws IOException {
    wecom = new WeComRemoteCampaignTest.FakeWeCom();
    properties = new WeComProperties(wecom.baseUrl(),
        List.of(new WeComProperties.Corp(CORP, "测试企业", "secret", 1000002, null, null)), 5, 60_000, 4,
        Duration.ofMillis(5), Duration.ofMillis(5), Duration.ofSeconds(2), Duration.ofMillis(400));
    wecom.on("externalcontact/send_welcome_msg", r -> "{\"errcode\":0,\"errmsg\":\"ok\"}");
  }

  @AfterEach
  void stop() {
    wecom.close();
  }

  @Test
  void aFailingWelcomeGateIsATransientRemoteErrorAndNothingIsSent() {
    WeComRemoteCorps corps = new WeComRemoteCorps(new WeComClients(properties, new LocalCallGate(5, 60_000), null),
        failing(Integer.MAX_VALUE));
    RemoteCallException e = catchThrowableOfType(RemoteCallException.class,
        () -> corps.acquisition(CORP).sendWelcome("CODE", "你好", List.of()));
    assertThat(e).as("a RemoteCallException, not the gate's own exception").isNotNull();
    assertThat(e.errcode()).isEqualTo(-1);
    assertThat(e.kind()).isEqualTo(RemoteCallException.Kind.TRANSIENT);
    assertThat(e.getMessage()).contains("call gate unavailable");
    assertThat(wecom.requests("externalcontact/send_welcome_msg")).isEmpty();
  }

  @Test
  void aRetriedCallGoesThroughOnceTheGateWorksAgain() {
    WeComClient client = new WeComClients(properties, failing(2), null).of(CORP);
    CallCounter counter = new CallCounter();
    String answer = client.call("externalcontact/send_welcome_msg", counter, false, wx -> "sent");
    assertThat(answer).isEqualTo("sent");
    assertThat(gateFailures.get()).isEqualTo(3);
    assertThat(counter.retries.get()).isEqualTo(2);
  }
}
