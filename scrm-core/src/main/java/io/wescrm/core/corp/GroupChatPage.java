package io.wescrm.core.corp;

import java.util.List;

/** One page of {@code groupchat/list}; {@code nextCursor} is null on the last page. */
public record GroupChatPage(List<GroupChatRef> items, String nextCursor) {
}
