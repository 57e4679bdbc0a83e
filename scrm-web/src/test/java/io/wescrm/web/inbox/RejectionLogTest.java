package io.wescrm.web.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Refusal logs: attacker bytes escaped and capped, and at most so many lines per reason and minute. */
class RejectionLogTest {

  @Test
  void controlCharactersSeparatorsAndBidiControlsAreEscapedAndLongInputIsCapped() {
    assertThat(RejectionLog.sanitise("ww1\r\n2026-12-03 INFO forged line\u001b[31m\u2028\u202e\u0000"))
        .isEqualTo("ww1\\r\\n2026-12-03 INFO forged line\\u001b[31m\\u2028\\u202e\\u0000");
    assertThat(RejectionLog.sanitise("企业微信 😀 ok")).isEqualTo("企业微信 😀 ok");
    assertThat(RejectionLog.sanitise("x\ud800y")).isEqualTo("x\\ud800y");
    String capped = RejectionLog.sanitise("a".repeat(10_000));
    assertThat(capped).startsWith("a".repeat(RejectionLog.MAX)).endsWith("…(+9800)")
        .hasSize(RejectionLog.MAX + "…(+9800)".length());
    assertThat(RejectionLog.sanitise(null)).isEqualTo("null");
  }

  @Test
  void eachReasonLogsAtMostItsQuotaPerMinuteThenAgainInTheNextMinute() {
    AtomicLong now = new AtomicLong(1_000_000_000L);
    RejectionLog rejections = new RejectionLog(3, now::get);
    int logged = 0;
    for (int i = 0; i < 1000; i++) {
      logged += rejections.refused("BAD_SIGNATURE", "ww\n" + i, "10.0.0.1", "msg_signature does not match") ? 1 : 0;
    }
    assertThat(logged).isEqualTo(3);
    assertThat(rejections.refused("UNKNOWN_CORP", "wwx", "10.0.0.1", "corp")).as("another reason").isTrue();
    now.addAndGet(59_000_000_000L);
    assertThat(rejections.refused("BAD_SIGNATURE", "ww", "10.0.0.1", "still the same minute")).isFalse();
    now.addAndGet(1_000_000_000L);
    assertThat(rejections.refused("BAD_SIGNATURE", "ww", "10.0.0.1", "a new minute")).isTrue();
  }
}
