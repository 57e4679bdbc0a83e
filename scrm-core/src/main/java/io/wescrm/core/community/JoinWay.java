package io.wescrm.core.community;

import java.time.Instant;
import java.util.List;

/**
 * A 群活码 (join way) we created: WeCom's config, our state (the attribution key WeCom puts on every member who joins
 * through it), and the store and channel its joins count for.
 *
 * @param scene 1 mini program, 2 QR code
 * @param chatIds at most 5; WeCom adds the rooms it auto-creates
 */
public record JoinWay(long id, String corpId, String configId, String state, String name, int scene, String remark,
    boolean autoCreateRoom, String roomBaseName, Integer roomBaseId, List<String> chatIds, Long storeDeptId,
    String channel, String qrCode, Instant createdAt, Instant updatedAt, Instant deletedAt) {

  public JoinWay {
    chatIds = chatIds == null ? List.of() : List.copyOf(chatIds);
  }

  public boolean deleted() {
    return deletedAt != null;
  }
}
