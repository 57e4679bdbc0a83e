package io.wescrm.core.campaigns;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * WeCom's group-send API (企业群发: {@code externalcontact/add_msg_template} and its result, remind and cancel
 * calls), media upload and app messages, for one corp. Implementations throw
 * {@link io.wescrm.core.remote.RemoteCallException} with WeCom's errcode (-1 for a transport failure or timeout).
 * Nothing here retries a call that may have acted (add_msg_template, message/send, remind, cancel): the caller owns
 * "did it happen?" (see {@code get_groupmsg_list_v2}). Reads retry like every idempotent call.
 */
public interface RemoteCampaign {

  /** {@code chat_type}: 客户群发 to customers or 群发到客户群 to group chats. */
  enum ChatType {
    SINGLE("single"), GROUP("group");

    private final String wire;

    ChatType(String wire) {
      this.wire = wire;
    }

    public String wire() {
      return wire;
    }
  }

  /**
   * One attachment as WeCom's JSON wants it: {@code msgtype} (image, link, miniprogram, video, file) and the body
   * object under the same key, e.g. {@code {"msgtype":"image","image":{"media_id":"..."}}}.
   */
  record Attachment(String msgtype, Map<String, Object> body) {
  }

  /**
   * An add_msg_template request.
   *
   * @param externalUserIds recipients of a SINGLE send (≤ 10,000), empty for GROUP
   * @param chatIds chats of a GROUP send (≤ 2,000), empty for SINGLE
   * @param sender the staff member whose client sends it (required for GROUP; we always set it)
   */
  record MsgTemplate(ChatType chatType, String sender, List<String> externalUserIds, List<String> chatIds,
      String text, List<Attachment> attachments) {
  }

  /** add_msg_template's answer: the task id and the recipients WeCom refused at once ({@code fail_list}). */
  record CreatedTask(String msgId, List<String> failList) {
  }

  /** {@code externalcontact/add_msg_template}: one attempt, never retried (allow_select is always false). */
  CreatedTask addMsgTemplate(MsgTemplate template);

  /**
   * {@link #addMsgTemplate(MsgTemplate)}, asking {@code beforeCall} once the call gate admitted the call, right
   * before it goes out (a wait for the gate can be long: the quota is per minute). False: nothing is sent,
   * {@link NotSentException}.
   */
  default CreatedTask addMsgTemplate(MsgTemplate template, BooleanSupplier beforeCall) {
    if (!beforeCall.getAsBoolean()) {
      throw new NotSentException("add_msg_template given up before the call");
    }
    return addMsgTemplate(template);
  }

  /** One row of get_groupmsg_list_v2. {@code creator} is null for API-created sends. */
  record GroupMsg(String msgId, String creator, int createType, Instant createTime, String text,
      List<Attachment> attachments) {
  }

  /**
   * {@code externalcontact/get_groupmsg_list_v2}, every page (cursor loop), filter_type 0 (corp-created), the
   * window [from, to] (≤ 1 month), optionally only one creator's.
   */
  List<GroupMsg> groupMsgs(ChatType chatType, Instant from, Instant to);

  /** One row of get_groupmsg_task: status 0 not sent yet, 2 sent (the sender confirmed). */
  record SenderTask(String userId, int status, Instant sendTime) {
  }

  /** {@code externalcontact/get_groupmsg_task}, every page. 41063 (still dispatching) surfaces as the exception. */
  List<SenderTask> senderTasks(String msgId);

  /**
   * One row of get_groupmsg_send_result: status 0 not sent, 1 sent, 2 not a friend, 3 over the customer's cap.
   * {@code externalUserId} for SINGLE sends, {@code chatId} for GROUP sends.
   */
  record SendResult(String externalUserId, String chatId, String userId, int status, Instant sendTime) {
  }

  /** {@code externalcontact/get_groupmsg_send_result} for one sender, every page. 41063 as the exception. */
  List<SendResult> sendResults(String msgId, String userId);

  /** {@code externalcontact/remind_groupmsg_send} (≤ 3 per 24 h: 41094 beyond). */
  void remind(String msgId);

  /** {@code externalcontact/cancel_groupmsg_send} (41093 when already cancelled). */
  void cancel(String msgId);

  /**
   * {@code media/upload} (temporary media, 3 days): type image, voice, video or file.
   *
   * @return the media_id
   */
  String uploadMedia(String type, String fileName, byte[] content);

  /** What message/send reports: the recipients WeCom could not reach. */
  record AppMessageResult(String msgId, List<String> invalidUsers) {
  }

  /**
   * {@code message/send} of a text app message to staff (≤ 1,000 users, text ≤ 2,048 bytes), one attempt, with
   * {@code enable_duplicate_check} so that a repeat inside the interval is dropped by WeCom.
   */
  AppMessageResult sendAppText(List<String> userIds, String text, int duplicateCheckSeconds);
}
