package io.wescrm.core.tags;

import java.time.Instant;

/** A corp tag (企业标签). */
public record Tag(String tagId, String groupId, String name, long order, Instant createdAt) {
}
