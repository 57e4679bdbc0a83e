package io.wescrm.wecom.simulator;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Customers and their follow relations as staff and customers change them in the WeCom client: add, edit remark,
 * tag, transfer, delete (by staff or by customer).
 */
final class CustomerControl extends ControlFamily {

  @Override
  void register(SimRouter<Handler> routes) {
    routes.add("POST", "/sim/corps/{corp}/customers", call -> createCustomer(call.corp(), call.body()));
    routes.add("GET", "/sim/corps/{corp}/customers/{external_userid}", this::customer);
    routes.add("GET", "/sim/corps/{corp}/follows/{userid}/{external_userid}", this::follow);
    routes.add("PATCH PUT", "/sim/corps/{corp}/follows/{userid}/{external_userid}", this::editFollow);
    routes.add("DELETE", "/sim/corps/{corp}/follows/{userid}/{external_userid}", this::removeFollow);
    routes.add("POST", "/sim/corps/{corp}/follows/{userid}/{external_userid}/transfer", this::transferFollow);
    routes.add("POST", "/sim/corps/{corp}/follows/{userid}/{external_userid}/tags", this::markTag);
  }

  private Reply follow(Call call) {
    String userid = call.path("userid");
    String externalUserId = call.path("external_userid");
    return ok(GSON.toJsonTree(call.corp().follow(userid, externalUserId)
        .orElseThrow(() -> new NotFound("not friends: " + userid + " / " + externalUserId))));
  }

  private Reply customer(Call call) {
    SimCorp corp = call.corp();
    String id = call.path("external_userid");
    SimCustomer customer = corp.customer(id).orElseThrow(() -> new NotFound("no such customer: " + id));
    JsonObject result = GSON.toJsonTree(customer).getAsJsonObject();
    result.add("follows", GSON.toJsonTree(corp.followsOfCustomer(customer.externalUserId())));
    return ok(result);
  }

  /** The staff member edits remark/description in the WeCom client: edit_external_contact. */
  private Reply editFollow(Call call) {
    SimCorp corp = call.corp();
    String userid = call.path("userid");
    String externalUserId = call.path("external_userid");
    requireFollow(corp, userid, externalUserId);
    JsonObject body = call.body();
    List<String> mobiles = body.has("remark_mobiles") ? strings(body, "remark_mobiles") : null;
    return ok(GSON.toJsonTree(corp.editFollow(userid, externalUserId, string(body, "remark"),
        string(body, "description"), mobiles)));
  }

  private Reply removeFollow(Call call) {
    SimCorp corp = call.corp();
    String userid = call.path("userid");
    String externalUserId = call.path("external_userid");
    String by = call.query("by") == null ? "staff" : call.query("by");
    if (!by.equals("staff") && !by.equals("customer")) {
      throw new IllegalArgumentException("by must be staff or customer");
    }
    requireFollow(corp, userid, externalUserId);
    corp.removeFollow(userid, externalUserId, by.equals("customer"));
    return ok(obj("deleted", true, "by", by));
  }

  private Reply transferFollow(Call call) {
    SimCorp corp = call.corp();
    String userid = call.path("userid");
    String externalUserId = call.path("external_userid");
    requireFollow(corp, userid, externalUserId);
    String takeover = string(call.body(), "takeover_userid");
    if (takeover == null) {
      throw new IllegalArgumentException("takeover_userid is required");
    }
    return ok(GSON.toJsonTree(corp.transferFollow(userid, externalUserId, takeover)));
  }

  private Reply markTag(Call call) {
    SimCorp corp = call.corp();
    String userid = call.path("userid");
    String externalUserId = call.path("external_userid");
    requireFollow(corp, userid, externalUserId);
    JsonObject body = call.body();
    SimFollow follow = corp.markTag(userid, externalUserId, strings(body, "add"), strings(body, "remove"));
    return ok(GSON.toJsonTree(follow));
  }

  private static void requireFollow(SimCorp corp, String userid, String externalUserId) {
    if (corp.follow(userid, externalUserId).isEmpty()) {
      throw new NotFound("not friends: " + userid + " / " + externalUserId);
    }
  }

  private static Reply createCustomer(SimCorp corp, JsonObject body) {
    String name = string(body, "name");
    List<String> userids = new ArrayList<>(strings(body, "userids"));
    String single = string(body, "userid");
    if (single != null) {
      userids.add(0, single);
    }
    if (userids.isEmpty()) {
      throw new IllegalArgumentException("userid (or userids) is required");
    }
    for (String userid : userids) {
      if (corp.staff(userid).isEmpty()) {
        throw new NotFound("no such staff: " + userid);
      }
    }
    String externalUserId = string(body, "external_userid");
    boolean existing = externalUserId != null && corp.customer(externalUserId).isPresent();
    SimCustomer customer;
    if (existing) {
      customer = corp.customer(externalUserId).orElseThrow();
    } else {
      if (name == null || name.isEmpty()) {
        throw new IllegalArgumentException("name is required for a new customer");
      }
      int type = intValue(body, "type", 1);
      String unionid = body.has("unionid") ? string(body, "unionid") : corpUnionid(corp);
      String corpName = string(body, "corp_name");
      customer = corp.addCustomer(new SimCustomer(externalUserId, name, type, intValue(body, "gender", 0), unionid,
          corpName, corpName, string(body, "position"), null));
    }
    JsonArray follows = new JsonArray();
    for (String userid : userids) {
      SimFollow follow = corp.addFollow(userid, customer.externalUserId(), stringOr(body, "remark", ""),
          stringOr(body, "description", ""), intValue(body, "add_way", 1), string(body, "state"),
          longValue(body, "createtime", 0), strings(body, "tag_ids"), strings(body, "remark_mobiles"));
      follows.add(GSON.toJsonTree(follow));
    }
    JsonObject result = new JsonObject();
    result.addProperty("external_userid", customer.externalUserId());
    result.addProperty("created", !existing);
    result.add("customer", GSON.toJsonTree(customer));
    result.add("follows", follows);
    return new Reply(201, json(result));
  }

  private static String corpUnionid(SimCorp corp) {
    return corp.write(corp::newUnionid);
  }
}
