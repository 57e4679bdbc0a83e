package io.wescrm.core.remote;

import static org.assertj.core.api.Assertions.assertThat;

import io.wescrm.core.remote.RemoteCallException.Kind;
import org.junit.jupiter.api.Test;

/** The catalogue's 朋友圈 codes: how each is handled and that each has its own Chinese message naming the code. */
class WeComErrorCatalogueTest {

  @Test
  void momentCodesHaveTheirKindAndAChineseMessageWithTheCode() {
    int[] refused = {41059, 41061, 41062, 41067, 41088, 41089, 41090};
    for (int code : refused) {
      assertThat(WeComErrorCatalogue.kind(code)).as("%d", code).isEqualTo(Kind.REFUSED);
    }
    assertThat(WeComErrorCatalogue.kind(41060)).as("the moment is gone").isEqualTo(Kind.GONE);
    assertThat(WeComErrorCatalogue.retryable(41078)).as("too many tasks per minute: later").isTrue();
    assertThat(WeComErrorCatalogue.retryable(41079)).as("still dispatching: later").isTrue();
    for (int code : new int[] {41059, 41060, 41061, 41062, 41067, 41078, 41079, 41088, 41089, 41090}) {
      assertThat(WeComErrorCatalogue.knownMessage(code)).as("%d", code).hasValueSatisfying(m -> {
        assertThat(m).contains(String.valueOf(code)).containsPattern("\\p{IsHan}");
      });
    }
    assertThat(WeComErrorCatalogue.message(41078)).contains("朋友圈");
  }
}
