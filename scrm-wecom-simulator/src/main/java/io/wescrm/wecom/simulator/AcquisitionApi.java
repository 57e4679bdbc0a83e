package io.wescrm.wecom.simulator;

import static io.wescrm.wecom.simulator.SimJson.optLong;
import static io.wescrm.wecom.simulator.SimJson.optString;
import static io.wescrm.wecom.simulator.SimJson.optStrings;
import static io.wescrm.wecom.simulator.SimJson.string;
import static io.wescrm.wecom.simulator.SimJson.strings;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Acquisition APIs: contact ways (联系我), {@code send_welcome_msg}, customer transfers (on-job and resigned),
 * resigned staff's unassigned customers and group chat transfers.
 */
final class AcquisitionApi extends WeComApiFamily {

  @Override
  void register(Routes routes) {
    routes.post("externalcontact/add_contact_way", this::addContactWay);
    routes.post("externalcontact/update_contact_way", this::updateContactWay);
    routes.post("externalcontact/del_contact_way", this::delContactWay);
    routes.post("externalcontact/get_contact_way", this::getContactWay);
    routes.post("externalcontact/send_welcome_msg", this::sendWelcomeMsg);
    routes.post("externalcontact/transfer_customer", (call, out) -> transferCustomer(call, out, false));
    routes.post("externalcontact/resigned/transfer_customer", (call, out) -> transferCustomer(call, out, true));
    routes.post("externalcontact/transfer_result", (call, out) -> transferResult(call, out, false));
    routes.post("externalcontact/resigned/transfer_result", (call, out) -> transferResult(call, out, true));
    routes.post("externalcontact/get_unassigned_list", this::unassignedList);
    routes.post("externalcontact/groupchat/transfer", (call, out) -> groupChatTransfer(call, out, false));
    routes.post("externalcontact/groupchat/onjob_transfer", (call, out) -> groupChatTransfer(call, out, true));
  }

  private static final com.google.gson.Gson GSON = new com.google.gson.Gson();
  static final int UNASSIGNED_MAX_PAGE = 1_000;
  static final int TRANSFER_RESULT_PAGE = 1_000;

  private static List<Long> longs(JsonObject body, String name) {
    JsonArray array = SimJson.optArray(body, name);
    List<Long> values = new ArrayList<>();
    if (array != null) {
      for (JsonElement item : array) {
        try {
          values.add(item.getAsLong());
        } catch (RuntimeException e) {
          throw new WeComApiError(40058, "invalid parameter: " + name);
        }
      }
    }
    return values;
  }

  private static Integer optInt(JsonObject body, String name) {
    Long value = optLong(body, name);
    return value == null ? null : value.intValue();
  }

  private static Boolean optBool(JsonObject body, String name) {
    JsonElement element = body.get(name);
    if (element == null || element.isJsonNull()) {
      return null;
    }
    try {
      return element.getAsJsonPrimitive().isBoolean() ? element.getAsBoolean() : element.getAsLong() != 0;
    } catch (RuntimeException e) {
      throw new WeComApiError(40058, "invalid parameter: " + name);
    }
  }

  private void addContactWay(Call call, JsonWriter out) throws IOException {
    JsonObject body = call.body();
    Integer type = optInt(body, "type");
    Integer scene = optInt(body, "scene");
    if (type == null || scene == null) {
      throw new WeComApiError(40058, "invalid parameter: type and scene are required");
    }
    SimAcquisition.ContactWay way = call.corp.acquisition().addContactWay(type, scene, optInt(body, "style"),
        optString(body, "remark"), optBool(body, "skip_verify"), optString(body, "state"), optStrings(body, "user"),
        longs(body, "party"), Boolean.TRUE.equals(optBool(body, "is_temp")), optInt(body, "expires_in"),
        optInt(body, "chat_expires_in"), optString(body, "unionid"), SimJson.optObject(body, "conclusions"));
    ok(out);
    out.name("config_id").value(way.configId());
    string(out, "qr_code", way.qrCode());
  }

  private void updateContactWay(Call call, JsonObject body, JsonWriter out) throws IOException {
    call.corp.acquisition().updateContactWay(optString(body, "config_id"), optInt(body, "style"),
        optString(body, "remark"), optBool(body, "skip_verify"), optString(body, "state"),
        body.has("user") ? optStrings(body, "user") : null, body.has("party") ? longs(body, "party") : null,
        optInt(body, "expires_in"), optInt(body, "chat_expires_in"), optString(body, "unionid"),
        SimJson.optObject(body, "conclusions"));
    ok(out);
  }

  private void updateContactWay(Call call, JsonWriter out) throws IOException {
    updateContactWay(call, call.body(), out);
  }

  private void delContactWay(Call call, JsonWriter out) throws IOException {
    call.corp.acquisition().deleteContactWay(optString(call.body(), "config_id"));
    ok(out);
  }

  private void getContactWay(Call call, JsonWriter out) throws IOException {
    String configId = optString(call.body(), "config_id");
    SimAcquisition.ContactWay way = call.corp.acquisition().contactWay(configId)
        .orElseThrow(() -> new WeComApiError(40058, "invalid parameter: config_id " + configId + " not found"));
    ok(out);
    out.name("contact_way").beginObject();
    out.name("config_id").value(way.configId());
    out.name("type").value(way.type());
    out.name("scene").value(way.scene());
    if (way.style() != null) {
      out.name("style").value(way.style());
    }
    out.name("remark").value(way.remark() == null ? "" : way.remark());
    out.name("skip_verify").value(way.skipVerify());
    out.name("state").value(way.state() == null ? "" : way.state());
    string(out, "qr_code", way.qrCode());
    strings(out, "user", way.users());
    out.name("party").beginArray();
    for (Long party : way.parties()) {
      out.value(party);
    }
    out.endArray();
    out.name("is_temp").value(way.temp());
    if (way.temp()) {
      out.name("expires_in").value(way.expiresIn() == null ? 604800 : way.expiresIn());
      out.name("chat_expires_in").value(way.chatExpiresIn() == null ? 86400 : way.chatExpiresIn());
    }
    string(out, "unionid", way.unionid());
    if (way.conclusions() != null) {
      out.name("conclusions");
      GSON.toJson(way.conclusions(), out);
    }
    out.endObject();
  }

  private static final java.util.Set<String> ATTACHMENT_TYPES = java.util.Set.of("image", "link", "miniprogram",
      "video", "file");

  private void sendWelcomeMsg(Call call, JsonWriter out) throws IOException {
    JsonObject body = call.body();
    String code = optString(body, "welcome_code");
    if (code == null || code.isEmpty()) {
      throw new WeComApiError(41050, "welcome_code missing");
    }
    JsonObject text = SimJson.optObject(body, "text");
    String content = text == null ? null : optString(text, "content");
    JsonArray attachments = SimJson.optArray(body, "attachments");
    int attachmentCount = attachments == null ? 0 : attachments.size();
    if ((content == null || content.isEmpty()) && attachmentCount == 0) {
      throw new WeComApiError(40058, "invalid parameter: text and attachments are both empty");
    }
    if (content != null && content.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 4000) {
      throw new WeComApiError(40058, "invalid parameter: text.content longer than 4000 bytes");
    }
    if (attachmentCount > 9) {
      throw new WeComApiError(40058, "invalid parameter: more than 9 attachments");
    }
    if (attachments != null) {
      for (JsonElement item : attachments) {
        String type = item.isJsonObject() ? optString(item.getAsJsonObject(), "msgtype") : null;
        if (type == null || !ATTACHMENT_TYPES.contains(type) || !item.getAsJsonObject().has(type)) {
          throw new WeComApiError(40058, "invalid parameter: attachment msgtype " + type);
        }
      }
    }
    call.corp.acquisition().sendWelcome(code, content, attachmentCount);
    ok(out);
  }

  private void transferCustomer(Call call, JsonWriter out, boolean resigned) throws IOException {
    JsonObject body = call.body();
    String message = optString(body, "transfer_success_msg");
    if (message != null && message.codePointCount(0, message.length()) > 200) {
      throw new WeComApiError(40058, "invalid parameter: transfer_success_msg longer than 200 characters");
    }
    Map<String, Integer> result = call.corp.acquisition().transferCustomers(optString(body, "handover_userid"),
        optString(body, "takeover_userid"), optStrings(body, "external_userid"), resigned);
    ok(out);
    out.name("customer").beginArray();
    for (Map.Entry<String, Integer> entry : result.entrySet()) {
      out.beginObject().name("external_userid").value(entry.getKey()).name("errcode").value(entry.getValue())
          .endObject();
    }
    out.endArray();
  }

  private void transferResult(Call call, JsonWriter out, boolean resigned) throws IOException {
    JsonObject body = call.body();
    String handover = optString(body, "handover_userid");
    String takeover = optString(body, "takeover_userid");
    if (handover == null || takeover == null) {
      throw new WeComApiError(40058, "invalid parameter: handover_userid and takeover_userid are required");
    }
    List<SimAcquisition.Transfer> all = call.corp.acquisition().transferResults(handover, takeover, resigned);
    int start = 0;
    String cursor = optString(body, "cursor");
    if (cursor != null && !cursor.isEmpty()) {
      try {
        start = Integer.parseInt(SimCursor.decode("T1", cursor));
      } catch (RuntimeException e) {
        throw SimCursor.invalid(cursor);
      }
    }
    int end = Math.min(all.size(), start + TRANSFER_RESULT_PAGE);
    ok(out);
    out.name("customer").beginArray();
    for (SimAcquisition.Transfer t : all.subList(Math.min(start, end), end)) {
      out.beginObject();
      out.name("external_userid").value(t.externalUserId());
      out.name("status").value(t.status());
      out.name("takeover_time").value(t.status() == 2 ? t.takeoverTimeMillis() / 1000
          : t.status() == 1 ? t.takeoverTimeMillis() / 1000 : 0);
      out.endObject();
    }
    out.endArray();
    out.name("next_cursor").value(end < all.size() ? SimCursor.encode("T1", String.valueOf(end)) : "");
  }

  private void unassignedList(Call call, JsonWriter out) throws IOException {
    JsonObject body = call.body();
    Long size = optLong(body, "page_size");
    int pageSize = size == null || size <= 0 ? UNASSIGNED_MAX_PAGE : (int) Math.min(UNASSIGNED_MAX_PAGE, size);
    int start = 0;
    String cursor = optString(body, "cursor");
    if (cursor != null && !cursor.isEmpty()) {
      try {
        start = Integer.parseInt(SimCursor.decode("U1", cursor));
      } catch (RuntimeException e) {
        throw SimCursor.invalid(cursor);
      }
    }
    List<SimAcquisition.Unassigned> all = call.corp.acquisition().unassigned();
    int end = Math.min(all.size(), start + pageSize);
    ok(out);
    out.name("info").beginArray();
    for (SimAcquisition.Unassigned u : all.subList(Math.min(start, end), end)) {
      out.beginObject();
      out.name("handover_userid").value(u.handover());
      out.name("external_userid").value(u.externalUserId());
      out.name("dimission_time").value(u.dimissionTime());
      out.endObject();
    }
    out.endArray();
    out.name("is_last").value(end >= all.size());
    out.name("next_cursor").value(end < all.size() ? SimCursor.encode("U1", String.valueOf(end)) : "");
  }

  private void groupChatTransfer(Call call, JsonWriter out, boolean onJob) throws IOException {
    JsonObject body = call.body();
    Map<String, Integer> failed = call.corp.acquisition().transferGroupChats(optStrings(body, "chat_id_list"),
        optString(body, "new_owner"), onJob);
    ok(out);
    out.name("failed_chat_list").beginArray();
    for (Map.Entry<String, Integer> entry : failed.entrySet()) {
      out.beginObject().name("chat_id").value(entry.getKey()).name("errcode").value(entry.getValue())
          .name("errmsg").value(groupTransferMessage(entry.getValue())).endObject();
    }
    out.endArray();
  }

  private static String groupTransferMessage(int errcode) {
    return switch (errcode) {
      case 90500 -> "the owner of this chat is not resigned";
      case 90502 -> "the owner of this chat has resigned";
      case 40050 -> "chat_id not found";
      case 49008 -> "chat dismissed";
      case 40128 -> "chat transferred too often";
      case 90504 -> "the new owner already owns this chat";
      default -> "transfer failed";
    };
  }
}
