package io.wescrm.core.tags;

/** Who put a tag on a follow relation: kept in {@code scrm_follow_tag.source}. */
public enum TagSource {
  /** Seen in WeCom (full sync, callback, re-fetch): someone tagged in the WeCom client or admin. */
  WECOM,
  /** A rule of the rules engine; {@code source_ref} is {@code ruleId:version}. */
  RULE,
  /** A contact-way channel on add; {@code source_ref} is the channel's state. */
  CHANNEL,
  /** An operator through our API; {@code source_ref} is the operator's id. */
  OPERATOR
}
