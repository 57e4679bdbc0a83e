package io.wescrm.wecom.simulator;

/** A corp tag (企业标签). Deleted tags are only visible when looked up by id. */
public record SimTag(String id, String groupId, String name, long createTime, long order, boolean deleted) {
}
