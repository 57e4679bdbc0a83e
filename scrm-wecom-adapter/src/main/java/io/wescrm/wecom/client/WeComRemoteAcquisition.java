package io.wescrm.wecom.client;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.wescrm.core.acquisition.ContactWaySpec;
import io.wescrm.core.acquisition.RemoteAcquisition;
import io.wescrm.core.remote.RemoteCallException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link RemoteAcquisition} over WxJava's HTTP client with WeCom's JSON bodies (the shapes of the official samples).
 * The welcome path (send_welcome_msg and its externalcontact/get) goes through {@link WeComClient#callOnce} under
 * its own call-gate keys, so it never waits behind the enrichment's queue of externalcontact/get calls.
 */
final class WeComRemoteAcquisition implements RemoteAcquisition {

  static final String ADD_CONTACT_WAY = "externalcontact/add_contact_way";
  static final String UPDATE_CONTACT_WAY = "externalcontact/update_contact_way";
  static final String DEL_CONTACT_WAY = "externalcontact/del_contact_way";
  static final String GET_CONTACT_WAY = "externalcontact/get_contact_way";
  static final String SEND_WELCOME = "externalcontact/send_welcome_msg";
  /** Gate key of the welcome path's externalcontact/get: a budget apart from the enrichment's. */
  static final String WELCOME_CONTACT_GET = "externalcontact/get#welcome";
  static final String TRANSFER = "externalcontact/transfer_customer";
  static final String TRANSFER_RESULT = "externalcontact/transfer_result";
  static final String RESIGNED_TRANSFER = "externalcontact/resigned/transfer_customer";
  static final String RESIGNED_TRANSFER_RESULT = "externalcontact/resigned/transfer_result";
  static final String UNASSIGNED = "externalcontact/get_unassigned_list";
  static final String GROUP_TRANSFER = "externalcontact/groupchat/transfer";
  static final String GROUP_ONJOB_TRANSFER = "externalcontact/groupchat/onjob_transfer";
  private static final Gson GSON = new Gson();

  private final WeComClient client;
  private final CallGate welcomeGate;
  private final CallCounter counter = new CallCounter();

  WeComRemoteAcquisition(WeComClient client, CallGate welcomeGate) {
    this.client = client;
    this.welcomeGate = welcomeGate;
  }

  private <T> T welcomeCall(String api, WeComClient.WxCall<T> call) {
    return welcomeGate == null ? client.callOnce(api, counter, call) : client.callOnce(api, counter, welcomeGate, call);
  }

  private JsonObject post(String api, JsonObject body, boolean idempotent) {
    String json = client.call(api, counter, idempotent, wx -> wx.post(
        wx.getWxCpConfigStorage().getApiUrl("/cgi-bin/" + api), body.toString()));
    return JsonParser.parseString(json).getAsJsonObject();
  }

  @Override
  public CreatedWay addContactWay(ContactWaySpec spec) {
    JsonObject body = wayBody(spec);
    body.addProperty("type", spec.type());
    body.addProperty("scene", spec.scene());
    // not idempotent: a retry after a lost answer would create a second config
    JsonObject answer = post(ADD_CONTACT_WAY, body, false);
    return new CreatedWay(answer.get("config_id").getAsString(),
        answer.has("qr_code") ? answer.get("qr_code").getAsString() : null);
  }

  @Override
  public void updateContactWay(String configId, ContactWaySpec spec) {
    JsonObject body = wayBody(spec);
    body.addProperty("config_id", configId);
    post(UPDATE_CONTACT_WAY, body, true);
  }

  private static JsonObject wayBody(ContactWaySpec spec) {
    JsonObject body = new JsonObject();
    if (spec.remark() != null) {
      body.addProperty("remark", spec.remark());
    }
    body.addProperty("skip_verify", spec.skipVerify());
    body.addProperty("state", spec.state());
    JsonArray users = new JsonArray();
    spec.userids().forEach(users::add);
    body.add("user", users);
    if (!spec.departmentIds().isEmpty()) {
      JsonArray parties = new JsonArray();
      spec.departmentIds().forEach(parties::add);
      body.add("party", parties);
    }
    return body;
  }

  @Override
  public void deleteContactWay(String configId) {
    JsonObject body = new JsonObject();
    body.addProperty("config_id", configId);
    post(DEL_CONTACT_WAY, body, true);
  }

  @Override
  @SuppressWarnings("unchecked")
  public Optional<Map<String, Object>> contactWay(String configId) {
    JsonObject body = new JsonObject();
    body.addProperty("config_id", configId);
    try {
      JsonObject answer = post(GET_CONTACT_WAY, body, true);
      return Optional.of(GSON.fromJson(answer.get("contact_way"), Map.class));
    } catch (RemoteCallException e) {
      if (e.errcode() == 40058) {
        return Optional.empty();
      }
      throw e;
    }
  }

  @Override
  public void sendWelcome(String welcomeCode, String text, List<Map<String, Object>> attachments) {
    JsonObject body = new JsonObject();
    body.addProperty("welcome_code", welcomeCode);
    if (text != null && !text.isEmpty()) {
      JsonObject content = new JsonObject();
      content.addProperty("content", text);
      body.add("text", content);
    }
    if (attachments != null && !attachments.isEmpty()) {
      body.add("attachments", GSON.toJsonTree(attachments));
    }
    welcomeCall(SEND_WELCOME, wx -> wx.post(
        wx.getWxCpConfigStorage().getApiUrl("/cgi-bin/" + SEND_WELCOME), body.toString()));
  }

  @Override
  public Optional<String> customerName(String externalUserId) {
    String json = welcomeCall(WELCOME_CONTACT_GET, wx -> wx.get(
        wx.getWxCpConfigStorage().getApiUrl("/cgi-bin/externalcontact/get?external_userid=" + externalUserId), null));
    JsonElement contact = JsonParser.parseString(json).getAsJsonObject().get("external_contact");
    if (contact == null || !contact.isJsonObject() || !contact.getAsJsonObject().has("name")) {
      return Optional.empty();
    }
    return Optional.of(contact.getAsJsonObject().get("name").getAsString());
  }

  @Override
  public Map<String, Integer> transferCustomers(boolean resigned, String handover, String takeover,
      List<String> externalUserIds, String message) {
    JsonObject body = new JsonObject();
    body.addProperty("handover_userid", handover);
    body.addProperty("takeover_userid", takeover);
    JsonArray ids = new JsonArray();
    externalUserIds.forEach(ids::add);
    body.add("external_userid", ids);
    if (!resigned && message != null && !message.isEmpty()) {
      body.addProperty("transfer_success_msg", message);
    }
    // a repeated transfer answers 40129 (in progress) per customer: safe to retry
    JsonObject answer = post(resigned ? RESIGNED_TRANSFER : TRANSFER, body, true);
    Map<String, Integer> result = new LinkedHashMap<>();
    if (answer.has("customer")) {
      for (JsonElement item : answer.getAsJsonArray("customer")) {
        JsonObject c = item.getAsJsonObject();
        result.put(c.get("external_userid").getAsString(), c.has("errcode") ? c.get("errcode").getAsInt() : 0);
      }
    }
    return result;
  }

  @Override
  public List<TransferStatus> transferResults(boolean resigned, String handover, String takeover) {
    List<TransferStatus> all = new ArrayList<>();
    String cursor = null;
    do {
      JsonObject body = new JsonObject();
      body.addProperty("handover_userid", handover);
      body.addProperty("takeover_userid", takeover);
      if (cursor != null) {
        body.addProperty("cursor", cursor);
      }
      JsonObject answer = post(resigned ? RESIGNED_TRANSFER_RESULT : TRANSFER_RESULT, body, true);
      if (answer.has("customer")) {
        for (JsonElement item : answer.getAsJsonArray("customer")) {
          JsonObject c = item.getAsJsonObject();
          long time = c.has("takeover_time") ? c.get("takeover_time").getAsLong() : 0;
          all.add(new TransferStatus(c.get("external_userid").getAsString(), c.get("status").getAsInt(),
              time > 0 ? Instant.ofEpochSecond(time) : null));
        }
      }
      cursor = answer.has("next_cursor") ? answer.get("next_cursor").getAsString() : null;
    } while (cursor != null && !cursor.isEmpty());
    return all;
  }

  @Override
  public UnassignedPage unassigned(String cursor, int pageSize) {
    JsonObject body = new JsonObject();
    if (cursor != null && !cursor.isEmpty()) {
      body.addProperty("cursor", cursor);
    }
    body.addProperty("page_size", pageSize);
    JsonObject answer = post(UNASSIGNED, body, true);
    List<UnassignedCustomer> items = new ArrayList<>();
    if (answer.has("info")) {
      for (JsonElement item : answer.getAsJsonArray("info")) {
        JsonObject u = item.getAsJsonObject();
        items.add(new UnassignedCustomer(u.get("handover_userid").getAsString(),
            u.get("external_userid").getAsString(), Instant.ofEpochSecond(u.get("dimission_time").getAsLong())));
      }
    }
    String next = answer.has("next_cursor") ? answer.get("next_cursor").getAsString() : "";
    boolean last = answer.has("is_last") ? answer.get("is_last").getAsBoolean() : next.isEmpty();
    return new UnassignedPage(items, last, next);
  }

  @Override
  public Map<String, Integer> transferGroupChats(boolean onJob, List<String> chatIds, String newOwner) {
    JsonObject body = new JsonObject();
    JsonArray ids = new JsonArray();
    chatIds.forEach(ids::add);
    body.add("chat_id_list", ids);
    body.addProperty("new_owner", newOwner);
    JsonObject answer = post(onJob ? GROUP_ONJOB_TRANSFER : GROUP_TRANSFER, body, true);
    Map<String, Integer> failed = new LinkedHashMap<>();
    if (answer.has("failed_chat_list")) {
      for (JsonElement item : answer.getAsJsonArray("failed_chat_list")) {
        JsonObject f = item.getAsJsonObject();
        failed.put(f.get("chat_id").getAsString(), f.has("errcode") ? f.get("errcode").getAsInt() : -1);
      }
    }
    return failed;
  }
}
