package io.wescrm.core.campaigns;

import java.util.Map;

/** STUB: replaced by the content branch. */
public record AttachmentSpec(String type, Map<String, String> fields) {
}
