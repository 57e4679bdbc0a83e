package io.wescrm.wecom.simulator;

import com.google.gson.JsonObject;
import java.util.List;

/** The directory as an admin edits it: staff and departments. */
final class DirectoryControl extends ControlFamily {

  @Override
  void register(SimRouter<Handler> routes) {
    routes.add("POST", "/sim/corps/{corp}/staff", this::addStaff);
    routes.add("GET", "/sim/corps/{corp}/staff/{userid}", call -> ok(GSON.toJsonTree(call.corp()
        .staff(call.path("userid")).orElseThrow(() -> new NotFound("no such staff: " + call.path("userid"))))));
    routes.add("PATCH PUT", "/sim/corps/{corp}/staff/{userid}", this::updateStaff);
    routes.add("DELETE", "/sim/corps/{corp}/staff/{userid}", call -> {
      call.corp().removeStaff(call.path("userid"));
      return ok(obj("deleted", true));
    });
    routes.add("POST", "/sim/corps/{corp}/departments", this::addDepartment);
    routes.add("PATCH PUT", "/sim/corps/{corp}/departments/{id}", this::updateDepartment);
    routes.add("DELETE", "/sim/corps/{corp}/departments/{id}", call -> {
      call.corp().deleteDepartment(parseLong(call.path("id")));
      return ok(obj("deleted", true));
    });
  }

  private Reply addStaff(Call call) {
    JsonObject body = call.body();
    return new Reply(201, json(GSON.toJsonTree(call.corp().addStaff(requireString(body, "userid"),
        requireString(body, "name"), longs(body, "department", List.of(1L)), !body.has("customer_contact")
            || body.get("customer_contact").getAsBoolean(), stringOr(body, "position", "")))));
  }

  private Reply updateStaff(Call call) {
    JsonObject body = call.body();
    return ok(GSON.toJsonTree(call.corp().updateStaff(call.path("userid"), string(body, "name"),
        body.has("department") ? longs(body, "department", null) : null, string(body, "position"))));
  }

  private Reply addDepartment(Call call) {
    JsonObject body = call.body();
    long id = longValue(body, "id", 0);
    long parent = longValue(body, "parentid", 1);
    SimCorp corp = call.corp();
    return new Reply(201, json(GSON.toJsonTree(body.has("order")
        ? corp.addDepartment(id, requireString(body, "name"), parent, longValue(body, "order", 0))
        : corp.addDepartment(id, requireString(body, "name"), parent))));
  }

  private Reply updateDepartment(Call call) {
    long deptId = parseLong(call.path("id"));
    JsonObject body = call.body();
    Long parent = body.has("parentid") ? longValue(body, "parentid", 1) : null;
    return ok(GSON.toJsonTree(call.corp().updateDepartment(deptId, string(body, "name"), parent)));
  }
}
