package io.wescrm.core.acquisition;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The acquisition side of WeCom's customer-contact API for one corp: contact ways, welcome messages, customer and
 * group transfers. Implementations throw {@link io.wescrm.core.remote.RemoteCallException} with WeCom's errcode.
 */
public interface RemoteAcquisition {

  /** What WeCom answers to add_contact_way. */
  record CreatedWay(String configId, String qrCode) {
  }

  /** {@code externalcontact/add_contact_way}. */
  CreatedWay addContactWay(ContactWaySpec spec);

  /** {@code externalcontact/update_contact_way} (type and scene cannot change). */
  void updateContactWay(String configId, ContactWaySpec spec);

  /** {@code externalcontact/del_contact_way}. */
  void deleteContactWay(String configId);

  /** {@code externalcontact/get_contact_way}: WeCom's view (state, users, parties, qr_code); empty when unknown. */
  Optional<Map<String, Object>> contactWay(String configId);

  /**
   * {@code externalcontact/send_welcome_msg}, one attempt, never retried here: the caller owns the 20 s window.
   *
   * @param attachments WeCom attachment objects ({@code msgtype} + body), at most 9
   */
  void sendWelcome(String welcomeCode, String text, List<Map<String, Object>> attachments);

  /** {@code externalcontact/get}, one attempt on the welcome path's own call budget: the customer's name. */
  Optional<String> customerName(String externalUserId);

  /**
   * {@code externalcontact/transfer_customer} or {@code resigned/transfer_customer} (≤ 100 customers).
   *
   * @return WeCom's errcode per customer (0: the transfer started)
   */
  Map<String, Integer> transferCustomers(boolean resigned, String handover, String takeover,
      List<String> externalUserIds, String message);

  /** One row of transfer_result: status 1 done, 2 waiting, 3 refused, 4 takeover at its limit, 5 no record. */
  record TransferStatus(String externalUserId, int status, Instant takeoverTime) {
  }

  /** {@code transfer_result} / {@code resigned/transfer_result}, every page. */
  List<TransferStatus> transferResults(boolean resigned, String handover, String takeover);

  /** One customer of a resigned member waiting for a new owner. */
  record UnassignedCustomer(String handoverUserid, String externalUserId, Instant dimissionTime) {
  }

  /** A page of get_unassigned_list; {@code nextCursor} empty on the last page. */
  record UnassignedPage(List<UnassignedCustomer> items, boolean last, String nextCursor) {
  }

  /** {@code externalcontact/get_unassigned_list}. */
  UnassignedPage unassigned(String cursor, int pageSize);

  /**
   * {@code groupchat/onjob_transfer} or {@code groupchat/transfer} (resigned owner), 1–100 chats.
   *
   * @return the chats WeCom did not transfer: chat id → errcode
   */
  Map<String, Integer> transferGroupChats(boolean onJob, List<String> chatIds, String newOwner);
}
