package io.wescrm.wecom.simulator;

import static io.wescrm.wecom.simulator.SimTestClient.errcode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Corp tags and remarks through the API and the mutators, with counts and change events. */
class TagMutationTest {

  private static final String ZHANG = "zhangwei01";
  private static final String LI = "lina01";
  private static final String MEI = "wmXiaoMeiTestCustomer000000000001";
  private static final String STRANGER = "wmStrangerTestCustomer00000000002";

  private WeComSimulator sim;
  private SimCorp corp;
  private SimTestClient client;
  private String token;
  private final List<SimChange> changes = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    sim = WeComSimulator.start(SimulatorOptions.of(SimCorpSpec.empty("wwtags", "s3cret")));
    corp = sim.corp("wwtags");
    corp.addDepartment(2, "上海南京西路店", 1);
    corp.addStaff(ZHANG, "张伟", List.of(2L), true);
    corp.addStaff(LI, "李娜", List.of(2L), true);
    corp.addCustomer(MEI, "小美🌸", 1, 2, "oMeiUnionid", null);
    corp.addCustomer(STRANGER, "路人甲", 1, 1, null, null);
    corp.addFollow(ZHANG, MEI, "小美", "喜欢香氛", 1, "store_sh01_qr", 0, List.of(), List.of("13800000001"));
    corp.addChangeListener(changes::add);
    client = new SimTestClient(sim);
    token = client.token(corp);
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  private JsonObject post(String api, String body) {
    return client.post("externalcontact/" + api, token, body);
  }

  private static List<String> ids(JsonArray tags) {
    List<String> ids = new ArrayList<>();
    for (JsonElement tag : tags) {
      ids.add(tag.getAsJsonObject().get("id").getAsString());
    }
    return ids;
  }

  @Test
  void addsEditsMarksAndDeletesTags() {
    JsonObject added = post("add_corp_tag",
        "{\"group_name\":\"客户等级\",\"order\":9,\"tag\":[{\"name\":\"A类客户\",\"order\":3},{\"name\":\"B类客户\",\"order\":2}]}");
    assertThat(errcode(added)).isZero();
    JsonObject group = added.getAsJsonObject("tag_group");
    String groupId = group.get("group_id").getAsString();
    List<String> tagIds = ids(group.getAsJsonArray("tag"));
    assertThat(groupId).startsWith("et");
    assertThat(tagIds).hasSize(2).allMatch(id -> id.startsWith("et"));
    assertThat(corp.counts().tagGroups()).isEqualTo(1);
    assertThat(corp.counts().tags()).isEqualTo(2);

    JsonObject sameGroup = post("add_corp_tag", "{\"group_name\":\"客户等级\",\"tag\":[{\"name\":\"C类客户\"}]}");
    assertThat(sameGroup.getAsJsonObject("tag_group").get("group_id").getAsString()).isEqualTo(groupId);
    assertThat(sameGroup.getAsJsonObject("tag_group").getAsJsonArray("tag")).hasSize(1);
    String tagC = ids(sameGroup.getAsJsonObject("tag_group").getAsJsonArray("tag")).get(0);
    assertThat(errcode(post("add_corp_tag", "{\"group_id\":\"" + groupId + "\",\"tag\":[{\"name\":\"C类客户\"}]}")))
        .isEqualTo(40071);
    assertThat(errcode(post("add_corp_tag", "{\"group_id\":\"etNoSuchGroup\",\"tag\":[{\"name\":\"X\"}]}")))
        .isEqualTo(40068);

    assertThat(errcode(post("edit_corp_tag", "{\"id\":\"" + tagIds.get(0) + "\",\"name\":\"A级客户\"}"))).isZero();
    assertThat(errcode(post("edit_corp_tag", "{\"id\":\"" + groupId + "\",\"name\":\"客户分级\",\"order\":null}")))
        .isZero();
    assertThat(corp.tag(tagIds.get(0)).orElseThrow().name()).isEqualTo("A级客户");
    assertThat(corp.tagGroups().get(0).name()).isEqualTo("客户分级");

    String mark = "{\"userid\":\"" + ZHANG + "\",\"external_userid\":\"" + MEI + "\",\"add_tag\":[\"" + tagIds.get(0)
        + "\",\"" + tagC + "\"]}";
    assertThat(errcode(post("mark_tag", mark))).isZero();
    assertThat(corp.follow(ZHANG, MEI).orElseThrow().tagIds()).containsExactly(tagIds.get(0), tagC);
    assertThat(corp.counts().followTags()).isEqualTo(2);
    assertThat(errcode(post("mark_tag", "{\"userid\":\"" + ZHANG + "\",\"external_userid\":\"" + MEI
        + "\",\"remove_tag\":[\"" + tagC + "\"]}"))).isZero();
    assertThat(corp.follow(ZHANG, MEI).orElseThrow().tagIds()).containsExactly(tagIds.get(0));

    JsonObject detail = client.get("externalcontact/get", token, Map.of("external_userid", MEI));
    JsonObject tag = detail.getAsJsonArray("follow_user").get(0).getAsJsonObject().getAsJsonArray("tags").get(0)
        .getAsJsonObject();
    assertThat(tag.get("tag_name").getAsString()).isEqualTo("A级客户");
    assertThat(tag.get("group_name").getAsString()).isEqualTo("客户分级");

    assertThat(errcode(post("del_corp_tag", "{\"tag_id\":[\"" + tagIds.get(0) + "\"]}"))).isZero();
    assertThat(corp.follow(ZHANG, MEI).orElseThrow().tagIds()).isEmpty();
    assertThat(corp.counts().followTags()).isZero();
    assertThat(corp.counts().tags()).isEqualTo(2);

    JsonObject byId = post("get_corp_tag_list", "{\"tag_id\":[\"" + tagIds.get(0) + "\"]}");
    JsonObject deleted = byId.getAsJsonArray("tag_group").get(0).getAsJsonObject().getAsJsonArray("tag").get(0)
        .getAsJsonObject();
    assertThat(deleted.get("deleted").getAsBoolean()).isTrue();
    JsonObject all = post("get_corp_tag_list", "{}");
    assertThat(ids(all.getAsJsonArray("tag_group").get(0).getAsJsonObject().getAsJsonArray("tag")))
        .containsExactly(tagIds.get(1), tagC);

    assertThat(errcode(post("del_corp_tag", "{\"tag_id\":[\"" + tagIds.get(1) + "\",\"" + tagC + "\"]}"))).isZero();
    assertThat(corp.counts().tagGroups()).as("last tag gone, group gone").isZero();
    assertThat(post("get_corp_tag_list", "{}").getAsJsonArray("tag_group")).isEmpty();
    assertThat(errcode(post("del_corp_tag", "{}"))).isEqualTo(40058);
  }

  @Test
  void markTagRejectsStrangersUnknownTagsAndEmptyRequests() {
    SimTagGroup group = corp.addTagGroup("兴趣偏好", 1, "护肤", "彩妆");
    String skincare = group.tags().get(0).id();
    assertThat(errcode(post("mark_tag", "{\"userid\":\"" + ZHANG + "\",\"external_userid\":\"" + STRANGER
        + "\",\"add_tag\":[\"" + skincare + "\"]}"))).isEqualTo(84061);
    assertThat(errcode(post("mark_tag", "{\"userid\":\"" + LI + "\",\"external_userid\":\"" + MEI
        + "\",\"add_tag\":[\"" + skincare + "\"]}"))).isEqualTo(84061);
    assertThat(errcode(post("mark_tag", "{\"userid\":\"" + ZHANG + "\",\"external_userid\":\"" + MEI
        + "\",\"add_tag\":[\"etUnknownTag\"]}"))).isEqualTo(40068);
    assertThat(errcode(post("mark_tag", "{\"userid\":\"" + ZHANG + "\",\"external_userid\":\"" + MEI + "\"}")))
        .isEqualTo(40058);
    assertThat(corp.counts().followTags()).isZero();
    assertThatThrownBy(() -> corp.markTag(ZHANG, STRANGER, List.of(skincare), List.of()))
        .isInstanceOfSatisfying(WeComApiError.class, e -> assertThat(e.errcode()).isEqualTo(84061));
  }

  @Test
  void tagQuotaAnswers40126() {
    corp.maxCorpTags(3);
    assertThat(errcode(post("add_corp_tag", "{\"group_name\":\"渠道\",\"tag\":[{\"name\":\"门店\"},{\"name\":\"直播\"}]}")))
        .isZero();
    assertThat(errcode(post("add_corp_tag", "{\"group_name\":\"渠道\",\"tag\":[{\"name\":\"小红书\"},{\"name\":\"美团\"}]}")))
        .isEqualTo(40126);
    assertThat(errcode(post("add_corp_tag", "{\"group_name\":\"渠道\",\"tag\":[{\"name\":\"小红书\"}]}"))).isZero();
    assertThat(corp.counts().tags()).isEqualTo(3);
  }

  @Test
  void remarkUpdatesTheRelationOnly() {
    String body = "{\"userid\":\"" + ZHANG + "\",\"external_userid\":\"" + MEI
        + "\",\"remark\":\"小美VIP\",\"description\":\"周末到店\",\"remark_mobiles\":[\"13900000002\"]}";
    assertThat(errcode(post("remark", body))).isZero();
    SimFollow follow = corp.follow(ZHANG, MEI).orElseThrow();
    assertThat(follow.remark()).isEqualTo("小美VIP");
    assertThat(follow.description()).isEqualTo("周末到店");
    assertThat(follow.remarkMobiles()).containsExactly("13900000002");
    assertThat(follow.state()).isEqualTo("store_sh01_qr");
    assertThat(errcode(post("remark", "{\"userid\":\"" + LI + "\",\"external_userid\":\"" + MEI
        + "\",\"remark\":\"x\"}"))).isEqualTo(84061);
  }

  @Test
  void changesReportWhetherTheyCameThroughTheApi() {
    post("add_corp_tag", "{\"group_name\":\"生命周期\",\"tag\":[{\"name\":\"新客\"}]}");
    String tagId = corp.tags().get(0).id();
    corp.markTag(ZHANG, MEI, List.of(tagId), List.of());
    corp.addFollow(LI, MEI);
    corp.removeFollow(ZHANG, MEI, true);

    assertThat(changes).extracting(SimChange::kind).containsExactly(
        SimChange.Kind.TAG_GROUP_CREATED, SimChange.Kind.TAG_CREATED, SimChange.Kind.FOLLOW_TAGS_CHANGED,
        SimChange.Kind.CUSTOMER_ADDED, SimChange.Kind.FOLLOW_DELETED_BY_CUSTOMER);
    assertThat(changes).extracting(SimChange::viaApi).containsExactly(true, true, false, false, false);
    assertThat(changes).extracting(SimChange::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
    SimChange deleted = changes.get(4);
    assertThat(deleted.userId()).isEqualTo(ZHANG);
    assertThat(deleted.externalUserId()).isEqualTo(MEI);
    assertThat(deleted.corpId()).isEqualTo("wwtags");
    assertThat(corp.counts().followRelations()).isEqualTo(1);
    assertThat(corp.counts().customers()).isEqualTo(1);
  }
}
