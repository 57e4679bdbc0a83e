package io.wescrm.core.corp;

/**
 * A group chat id as {@code groupchat/list} returns it.
 *
 * @param status 0 normal, 1 owner resigned, 2 inheriting, 3 inherited
 */
public record GroupChatRef(String chatId, int status) {
}
