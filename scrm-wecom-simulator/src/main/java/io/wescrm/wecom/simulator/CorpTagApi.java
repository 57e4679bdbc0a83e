package io.wescrm.wecom.simulator;

import static io.wescrm.wecom.simulator.SimJson.optLong;
import static io.wescrm.wecom.simulator.SimJson.optString;
import static io.wescrm.wecom.simulator.SimJson.optStrings;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.stream.JsonWriter;
import io.wescrm.wecom.simulator.CorpModel.Tag;
import io.wescrm.wecom.simulator.CorpModel.TagGroup;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;

/** Corp tag APIs: the tag library ({@code get/add/edit/del_corp_tag}) and tags on relations ({@code mark_tag}). */
final class CorpTagApi extends WeComApiFamily {

  @Override
  void register(Routes routes) {
    routes.post("externalcontact/get_corp_tag_list", this::getCorpTagList);
    routes.post("externalcontact/add_corp_tag", this::addCorpTag);
    routes.post("externalcontact/edit_corp_tag", this::editCorpTag);
    routes.post("externalcontact/del_corp_tag", this::delCorpTag);
    routes.post("externalcontact/mark_tag", this::markTag);
  }

  private void getCorpTagList(Call call, JsonWriter out) throws IOException {
    JsonObject body = call.body();
    List<String> tagIds = optStrings(body, "tag_id");
    List<String> groupIds = optStrings(body, "group_id");
    SimCorp corp = call.corp;
    corp.lock.readLock().lock();
    try {
      // group -> tags to show
      LinkedHashMap<TagGroup, List<Tag>> selection = new LinkedHashMap<>();
      if (!groupIds.isEmpty()) {
        for (String groupId : new LinkedHashSet<>(groupIds)) {
          TagGroup group = corp.tagGroups.get(groupId);
          if (group != null) {
            selection.put(group, group.tags.values().stream().filter(t -> group.deleted || !t.deleted).toList());
          }
        }
      } else if (!tagIds.isEmpty()) {
        for (String tagId : new LinkedHashSet<>(tagIds)) {
          Tag tag = corp.tags.get(tagId);
          if (tag != null) {
            selection.computeIfAbsent(tag.group, g -> new ArrayList<>()).add(tag);
          }
        }
      } else {
        for (TagGroup group : corp.tagGroups.values()) {
          if (!group.deleted) {
            selection.put(group, group.tags.values().stream().filter(t -> !t.deleted).toList());
          }
        }
      }
      List<TagGroup> groups = new ArrayList<>(selection.keySet());
      groups.sort(Comparator.comparingLong((TagGroup g) -> -g.order).thenComparingLong(g -> g.seq));
      ok(out);
      out.name("tag_group").beginArray();
      for (TagGroup group : groups) {
        out.beginObject();
        out.name("group_id").value(group.id);
        out.name("group_name").value(group.name);
        out.name("create_time").value(group.createTime);
        out.name("order").value(group.order);
        out.name("deleted").value(group.deleted);
        out.name("tag").beginArray();
        List<Tag> shown = new ArrayList<>(selection.get(group));
        shown.sort(Comparator.comparingLong((Tag t) -> -t.order).thenComparingLong(t -> t.seq));
        for (Tag tag : shown) {
          out.beginObject();
          out.name("id").value(tag.id);
          out.name("name").value(tag.name);
          out.name("create_time").value(tag.createTime);
          out.name("order").value(tag.order);
          out.name("deleted").value(tag.deleted);
          out.endObject();
        }
        out.endArray();
        out.endObject();
      }
      out.endArray();
    } finally {
      corp.lock.readLock().unlock();
    }
  }

  private void addCorpTag(Call call, JsonWriter out) throws IOException {
    JsonObject body = call.body();
    String groupId = optString(body, "group_id");
    String groupName = optString(body, "group_name");
    Long order = optLong(body, "order");
    JsonArray tagArray = SimJson.optArray(body, "tag");
    List<SimCorp.TagSpec> specs = new ArrayList<>();
    if (tagArray != null) {
      for (JsonElement element : tagArray) {
        if (!element.isJsonObject()) {
          throw new WeComApiError(40058, "invalid parameter: tag");
        }
        JsonObject tag = element.getAsJsonObject();
        Long tagOrder = optLong(tag, "order");
        specs.add(new SimCorp.TagSpec(optString(tag, "name"), tagOrder == null ? 0 : tagOrder));
      }
    }
    SimTagGroup group = call.corp.write(() -> call.corp.addCorpTagLocked(groupId, groupName,
        order == null ? 0 : order, specs, true));
    ok(out);
    out.name("tag_group").beginObject();
    out.name("group_id").value(group.groupId());
    out.name("group_name").value(group.name());
    out.name("create_time").value(group.createTime());
    out.name("order").value(group.order());
    out.name("tag").beginArray();
    for (SimTag tag : group.tags()) {
      out.beginObject();
      out.name("id").value(tag.id());
      out.name("name").value(tag.name());
      out.name("create_time").value(tag.createTime());
      out.name("order").value(tag.order());
      out.endObject();
    }
    out.endArray();
    out.endObject();
  }

  private void editCorpTag(Call call, JsonWriter out) throws IOException {
    JsonObject body = call.body();
    String id = optString(body, "id");
    if (id == null || id.isEmpty()) {
      throw new WeComApiError(40068, "invalid tagid: id missing");
    }
    String name = optString(body, "name");
    Long order = optLong(body, "order");
    call.corp.write(() -> {
      call.corp.editCorpTagLocked(id, name, order, true);
      return null;
    });
    ok(out);
  }

  private void delCorpTag(Call call, JsonWriter out) throws IOException {
    JsonObject body = call.body();
    List<String> tagIds = optStrings(body, "tag_id");
    List<String> groupIds = optStrings(body, "group_id");
    call.corp.write(() -> {
      call.corp.delCorpTagLocked(tagIds, groupIds, true);
      return null;
    });
    ok(out);
  }

  private void markTag(Call call, JsonWriter out) throws IOException {
    JsonObject body = call.body();
    String userid = optString(body, "userid");
    String externalUserId = optString(body, "external_userid");
    if (userid == null || userid.isEmpty()) {
      throw new WeComApiError(41009, "userid missing");
    }
    if (externalUserId == null || externalUserId.isEmpty()) {
      throw new WeComApiError(41035, "external_userid missing");
    }
    List<String> add = optStrings(body, "add_tag");
    List<String> remove = optStrings(body, "remove_tag");
    call.corp.write(() -> call.corp.markTagLocked(userid, externalUserId, add, remove, true));
    ok(out);
  }
}
