package io.wescrm.core.corp;

import java.time.Instant;

/** A corp tag (企业标签). */
public record Tag(String tagId, String groupId, String name, long order, Instant createdAt) {
}
