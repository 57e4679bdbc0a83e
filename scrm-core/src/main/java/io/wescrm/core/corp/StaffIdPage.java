package io.wescrm.core.corp;

import java.util.List;

/** One page of {@code user/list_id}: userids (deduplicated) and the cursor of the next page, null on the last. */
public record StaffIdPage(List<String> userids, String nextCursor) {
}
