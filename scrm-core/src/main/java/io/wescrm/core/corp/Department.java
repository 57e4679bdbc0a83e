package io.wescrm.core.corp;

/** A WeCom department; stores are departments. {@code parentId} is null for the root. */
public record Department(long id, String name, Long parentId, long order) {
}
