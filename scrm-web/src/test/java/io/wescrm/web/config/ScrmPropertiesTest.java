package io.wescrm.web.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A node's default identity is unique per process: two nodes on one host never share it. */
class ScrmPropertiesTest {

  @Test
  void twoNodesOnOneHostGetDifferentDefaultNamesThatNameTheHostAndPidAndFitTheNodeColumns() {
    ScrmProperties a = new ScrmProperties(null, null, null);
    ScrmProperties b = new ScrmProperties(" ", null, null);
    assertThat(a.node()).isNotEqualTo(b.node());
    assertThat(a.node()).contains("-" + ProcessHandle.current().pid() + "-").hasSizeLessThanOrEqualTo(64);
    assertThat(b.node()).contains("-" + ProcessHandle.current().pid() + "-").hasSizeLessThanOrEqualTo(64);
  }

  @Test
  void anExplicitNodeNameIsKept() {
    assertThat(new ScrmProperties("scrm-0", null, null).node()).isEqualTo("scrm-0");
  }
}
