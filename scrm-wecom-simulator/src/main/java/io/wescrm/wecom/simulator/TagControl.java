package io.wescrm.wecom.simulator;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** The corp tag library as an admin edits it in WeCom's admin console (tags on relations: {@link CustomerControl}). */
final class TagControl extends ControlFamily {

  @Override
  void register(SimRouter<Handler> routes) {
    routes.add("POST", "/sim/corps/{corp}/tags", call -> new Reply(201, json(createTags(call.corp(), call.body()))));
    routes.add("PATCH PUT", "/sim/corps/{corp}/tags/{id}", call -> {
      JsonObject body = call.body();
      String id = call.path("id");
      call.corp().renameTag(id, requireString(body, "name"));
      return ok(obj("id", id, "name", string(body, "name")));
    });
    routes.add("DELETE", "/sim/corps/{corp}/tags/{id}", call -> {
      call.corp().deleteTag(call.path("id"));
      return ok(obj("deleted", true));
    });
  }

  private static JsonElement createTags(SimCorp corp, JsonObject body) {
    List<String> names = new ArrayList<>(strings(body, "tags"));
    String single = string(body, "name");
    if (single != null) {
      names.add(0, single);
    }
    if (names.isEmpty()) {
      throw new IllegalArgumentException("name or tags is required");
    }
    String groupId = string(body, "group_id");
    if (groupId != null) {
      List<SimTag> created = new ArrayList<>();
      for (String name : names) {
        created.add(corp.addTag(groupId, name, longValue(body, "order", 0)));
      }
      return GSON.toJsonTree(created);
    }
    return GSON.toJsonTree(corp.addTagGroup(requireString(body, "group_name"), longValue(body, "order", 0),
        names.toArray(String[]::new)));
  }
}
