package io.wescrm.core.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InboxSpoolTest {

  @TempDir
  Path dir;

  private final List<InboxEvent> stored = new ArrayList<>();
  private boolean databaseAway;

  /** The inbox as the spool sees it: only store() is used. */
  private final Inbox inbox = (Inbox) Proxy.newProxyInstance(Inbox.class.getClassLoader(),
      new Class<?>[] {Inbox.class}, (proxy, method, args) -> {
        if (!method.getName().equals("store")) {
          throw new UnsupportedOperationException(method.getName());
        }
        if (databaseAway) {
          throw new IllegalStateException("Communications link failure");
        }
        @SuppressWarnings("unchecked")
        List<InboxEvent> events = (List<InboxEvent>) args[0];
        stored.addAll(events);
        return null;
      });

  private static InboxEvent event(int i) {
    return new InboxEvent("ww1", "dedupe" + i, "change_external_contact", "add_external_contact", "c:wm" + i,
        Instant.parse("2026-12-02T10:00:00Z").plusSeconds(i), Map.of("UserID", "zhangsan", "ExternalUserID", "wm" + i,
        "State", "store_sh01_qr"), "<xml>" + i + " 扫码</xml>");
  }

  @Test
  void spooledEventsReachTheInboxUnchangedInOrderAndTheSpoolIsEmptiedAfterwards() {
    InboxSpool spool = new InboxSpool(dir);
    for (int i = 0; i < 7; i++) {
      assertThat(spool.append(event(i), Instant.now())).isTrue();
    }
    assertThat(spool.pending()).isTrue();
    assertThat(spool.drainInto(inbox, 3)).isEqualTo(7);
    assertThat(stored).containsExactly(event(0), event(1), event(2), event(3), event(4), event(5), event(6));
    assertThat(spool.pending()).isFalse();
    assertThat(spool.drainInto(inbox, 3)).isZero();
    spool.close();
  }

  @Test
  void whileTheDatabaseIsAwayNothingLeavesTheSpoolAndANewServerOnTheSameDirectoryDrainsIt() {
    InboxSpool spool = new InboxSpool(dir);
    spool.append(event(1), Instant.now());
    databaseAway = true;
    assertThatThrownBy(() -> spool.drainInto(inbox, 500)).hasMessageContaining("link failure");
    spool.append(event(2), Instant.now());
    spool.close(); // the server stops (or dies: every acknowledged line was forced)

    databaseAway = false;
    InboxSpool restarted = new InboxSpool(dir);
    assertThat(restarted.directory()).isEqualTo(dir);
    assertThat(restarted.pending()).isTrue();
    assertThat(restarted.drainInto(inbox, 500)).isEqualTo(2);
    assertThat(stored).containsExactlyInAnyOrder(event(1), event(2));
    restarted.close();
  }

  @Test
  void aTornLastLineIsSkippedAndTheRestIsStored() throws IOException {
    InboxSpool spool = new InboxSpool(dir);
    spool.append(event(1), Instant.now());
    spool.close();
    Files.writeString(dir.resolve("inbox-spool.jsonl"), "{\"corpId\":\"ww1\",\"dedu", StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);
    InboxSpool restarted = new InboxSpool(dir);
    assertThat(restarted.drainInto(inbox, 500)).isEqualTo(1);
    assertThat(stored).containsExactly(event(1));
    restarted.close();
  }

  @Test
  void aSecondServerOnTheSameDirectoryGetsItsOwnSlot() {
    InboxSpool first = new InboxSpool(dir);
    InboxSpool second = new InboxSpool(dir);
    assertThat(second.directory()).isEqualTo(dir.resolve("node-2"));
    second.append(event(9), Instant.now());
    assertThat(first.pending()).isFalse();
    assertThat(second.drainInto(inbox, 500)).isEqualTo(1);
    first.close();
    second.close();
  }
}
