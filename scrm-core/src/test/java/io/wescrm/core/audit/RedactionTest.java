package io.wescrm.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectMapper;

class RedactionTest {

  @Test
  void secretsAreReplacedAtAnyDepthAndOtherFieldsKept() {
    String out = Redaction.redact("""
        {"username": "op", "password": "p@ssw0rd-1234", "keys": [{"secret": "s1", "name": "ci"}],
         "wecom": {"callbackToken": "t", "encodingAESKey": "k", "aes_key": "k2"}, "mobile": "13800000000"}""");
    assertThat(out).doesNotContain("p@ssw0rd").doesNotContain("\"s1\"").doesNotContain("\"t\"")
        .doesNotContain("\"k\"").doesNotContain("\"k2\"").contains("\"username\":\"op\"").contains("\"name\":\"ci\"")
        .contains("13800000000");
  }

  @Test
  void textThatIsNotJsonIsNeverStored() {
    assertThat(Redaction.redact("password=hunter2&x=1")).doesNotContain("hunter2").contains("\"unparsed\":true")
        .contains("\"length\":20");
    assertThat(Redaction.redact("  ")).isNull();
    assertThat(Redaction.redact(null)).isNull();
  }

  @Test
  void anOversizedSnapshotIsMarkedTruncatedAndStaysValidJson() {
    String big = "{\"text\": \"" + "很".repeat(20_000) + "\"}";
    AuditEntry e = new AuditEntry(0, Instant.EPOCH, "admin", null, null, null, "PUT /x", "/x", null, null, 200, big,
        null, null);
    assertThat(e.beforeJson().length()).isLessThanOrEqualTo(AuditEntry.MAX_JSON_CHARS);
    assertThat(new ObjectMapper().readTree(e.beforeJson()).get("truncated").asBoolean()).isTrue();
    assertThatThrownBy(() -> new AuditEntry(0, Instant.EPOCH, " ", null, null, null, "PUT /x", "/x", null, null, 200,
        null, null, null)).isInstanceOf(IllegalArgumentException.class);
  }
}
