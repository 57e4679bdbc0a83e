package io.wescrm.wecom.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import me.chanjar.weixin.common.error.WxErrorException;
import me.chanjar.weixin.cp.api.WxCpService;
import me.chanjar.weixin.cp.bean.external.WxCpGroupJoinWayInfo;
import me.chanjar.weixin.cp.bean.external.WxCpGroupJoinWayResult;
import me.chanjar.weixin.cp.bean.external.WxCpGroupWelcomeTemplateResult;
import me.chanjar.weixin.cp.bean.external.WxCpUserExternalGroupChatInfo;
import me.chanjar.weixin.cp.bean.external.WxCpUserExternalGroupChatStatistic;
import me.chanjar.weixin.cp.bean.external.msg.Text;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * WxJava's stock client drives the community endpoints (群活码, group welcome templates, groupchat/statistic);
 * statistic_group_by_day, which WxJava lacks, goes as a raw post; a scan through the control API joins the member
 * with the way's state, creates a room when the chats are full, and the oracle and statistics agree.
 */
class WxJavaCommunityTest {

  private static final String CORP = "wwcommunity0001";

  private WeComSimulator sim;
  private SimCorp corp;
  private WxCpService wx;
  private SimTestClient client;
  private String token;
  private String owner;

  @BeforeEach
  void start() {
    sim = WeComSimulator.start(SimulatorOptions.of(
        new SimCorpSpec(CORP, "社群测试", "s3cret", 1000002, SeedSize.of(2, 6, 40, 60, 4, 4), 11L)));
    corp = sim.corp(CORP);
    wx = WxJavaAgainstSimulatorTest.stockClient(sim, corp);
    client = new SimTestClient(sim);
    token = client.token(corp);
    owner = corp.followUserIds().get(0);
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  private WxCpGroupJoinWayInfo info(List<String> chats, String state) {
    WxCpGroupJoinWayInfo.JoinWay way = new WxCpGroupJoinWayInfo.JoinWay();
    way.setScene(2);
    way.setRemark("门店A群码");
    way.setAutoCreateRoom(1);
    way.setRoomBaseName("门店A客户群");
    way.setRoomBaseId(1);
    way.setChatIdList(chats);
    way.setState(state);
    WxCpGroupJoinWayInfo info = new WxCpGroupJoinWayInfo();
    info.setJoinWay(way);
    return info;
  }

  @Test
  void joinWaysRoundTripAndLimits() throws Exception {
    String chat = corp.addGroupChat(null, "门店A群", owner, "", 0).chatId();
    WxCpGroupJoinWayResult created = wx.getExternalContactService().addJoinWay(info(List.of(chat), "store_a"));
    assertThat(created.getConfigId()).hasSize(32);

    WxCpGroupJoinWayInfo read = wx.getExternalContactService().getJoinWay(created.getConfigId());
    assertThat(read.getJoinWay().getState()).isEqualTo("store_a");
    assertThat(read.getJoinWay().getChatIdList()).containsExactly(chat);
    assertThat(read.getJoinWay().getQrCode()).startsWith("https://");
    assertThat(read.getJoinWay().getRoomBaseName()).isEqualTo("门店A客户群");

    WxCpGroupJoinWayInfo update = info(List.of(chat), "store_a2");
    update.getJoinWay().setConfigId(created.getConfigId());
    wx.getExternalContactService().updateJoinWay(update);
    assertThat(corp.community().joinWay(created.getConfigId()).orElseThrow().state()).isEqualTo("store_a2");

    wx.getExternalContactService().delJoinWay(created.getConfigId());
    assertThat(corp.community().joinWay(created.getConfigId())).isEmpty();

    // six chats: 41091 (WxJava refuses before sending, so a raw post), a 31-character state: 40058
    List<String> six = List.of(chat, chat + "2", chat + "3", chat + "4", chat + "5", chat + "6");
    JsonObject tooMany = client.post("externalcontact/groupchat/add_join_way", token,
        "{\"scene\":2,\"chat_id_list\":" + new com.google.gson.Gson().toJson(six) + "}");
    assertThat(tooMany.get("errcode").getAsInt()).isEqualTo(41091);
    assertThatThrownBy(() -> wx.getExternalContactService().addJoinWay(info(List.of(chat), "s".repeat(31))))
        .isInstanceOfSatisfying(WxErrorException.class, e -> assertThat(e.getError().getErrorCode()).isEqualTo(40058));
  }

  @Test
  void scanJoinsWithTheStateAndCreatesRoomsWhenFull() throws Exception {
    String chat = corp.addGroupChat(null, "门店B群", owner, "", 0).chatId();
    String configId = wx.getExternalContactService().addJoinWay(info(List.of(chat), "store_b")).getConfigId();
    control("PUT", "/community/settings", "{\"member_cap\":3}");

    JsonObject first = control("POST", "/join-ways/" + configId + "/scan", "{\"name\":\"张三\"}");
    assertThat(first.get("chat_id").getAsString()).isEqualTo(chat);
    WxCpUserExternalGroupChatInfo info = wx.getExternalContactService().getGroupChat(chat, 1);
    WxCpUserExternalGroupChatInfo.GroupMember member = info.getGroupChat().getMemberList().stream()
        .filter(m -> m.getUserId().equals(first.get("external_userid").getAsString())).findFirst().orElseThrow();
    assertThat(member.getState()).isEqualTo("store_b");
    assertThat(member.getJoinScene()).isEqualTo(3);

    control("POST", "/join-ways/" + configId + "/scan", "{}");
    JsonObject third = control("POST", "/join-ways/" + configId + "/scan", "{}");
    assertThat(third.get("room_created").getAsBoolean()).isTrue();
    String room = third.get("chat_id").getAsString();
    assertThat(corp.groupChat(room).orElseThrow().name()).isEqualTo("门店A客户群1");
    assertThat(corp.community().joinWay(configId).orElseThrow().chatIds()).containsExactly(chat, room);

    String leaver = first.get("external_userid").getAsString();
    corp.removeGroupMember(chat, leaver);

    // the oracle: 3 joins by the QR code with the state, the new room's owner joined no one (created with it), 1 leave
    String today = LocalDate.now(SimCommunity.DAYS).toString();
    JsonObject events = control("GET", "/group-events?from=" + today + "&to=" + today, null);
    JsonObject day = events.getAsJsonArray("days").get(0).getAsJsonObject();
    assertThat(day.get("joins").getAsInt()).isEqualTo(3);
    assertThat(day.get("leaves").getAsInt()).isEqualTo(1);
    assertThat(day.getAsJsonObject("joins_by_scene").get("3").getAsInt()).isEqualTo(3);
    assertThat(day.getAsJsonObject("joins_by_state").get("store_b").getAsInt()).isEqualTo(3);

    // statistics agree: 2 new chats, 3 new members today, members now in the owner's chats
    Date midnight = Date.from(LocalDate.now(SimCommunity.DAYS).atStartOfDay(SimCommunity.DAYS).toInstant());
    WxCpUserExternalGroupChatStatistic stat = wx.getExternalContactService()
        .getGroupChatStatistic(midnight, 1, 0, 0, 100, new String[] {owner}, null);
    assertThat(stat.getItemList()).hasSize(1);
    WxCpUserExternalGroupChatStatistic.ItemData data = stat.getItemList().get(0).getItemData();
    assertThat(data.getNewChatCnt()).isEqualTo(2);
    assertThat(data.getNewMemberCnt()).isEqualTo(3);
    long members = corp.groupChats().stream().filter(g -> g.owner().equals(owner))
        .mapToLong(g -> g.members().size()).sum();
    assertThat(data.getMemberTotal()).isEqualTo(members);

    long begin = midnight.getTime() / 1000;
    JsonObject byDay = client.post("externalcontact/groupchat/statistic_group_by_day", token,
        "{\"day_begin_time\":" + (begin - 86_400) + ",\"day_end_time\":" + begin
            + ",\"owner_filter\":{\"userid_list\":[\"" + owner + "\"]}}");
    assertThat(byDay.get("errcode").getAsInt()).isZero();
    JsonArray items = byDay.getAsJsonArray("items");
    assertThat(items).hasSize(2);
    JsonObject todays = items.get(1).getAsJsonObject();
    assertThat(todays.get("stat_time").getAsLong()).isEqualTo(begin);
    assertThat(todays.getAsJsonObject("data").get("new_member_cnt").getAsInt()).isEqualTo(3);
    JsonObject yesterday = items.get(0).getAsJsonObject().getAsJsonObject("data");
    // yesterday: today's two chats did not exist yet, the seeded ones had the members they have now
    long before = corp.groupChats().stream().filter(g -> g.owner().equals(owner) && g.createTime() < begin)
        .mapToLong(g -> g.members().size()).sum();
    assertThat(yesterday.get("member_total").getAsLong()).isEqualTo(before);
    assertThat(yesterday.get("new_member_cnt").getAsLong()).isZero();
  }

  @Test
  void groupWelcomeTemplatesRoundTripAndLimit() throws Exception {
    Text text = new Text();
    text.setContent("欢迎 %NICKNAME% 入群");
    WxCpGroupWelcomeTemplateResult template = WxCpGroupWelcomeTemplateResult.builder().text(text).notify(1).build();
    String id = wx.getExternalContactService().addGroupWelcomeTemplate(template);
    assertThat(id).startsWith("msg");

    WxCpGroupWelcomeTemplateResult read = wx.getExternalContactService().getGroupWelcomeTemplate(id);
    assertThat(read.getText().getContent()).isEqualTo("欢迎 %NICKNAME% 入群");

    text.setContent("新的欢迎语 %NICKNAME%");
    template.setTemplateId(id);
    wx.getExternalContactService().editGroupWelcomeTemplate(template);
    assertThat(wx.getExternalContactService().getGroupWelcomeTemplate(id).getText().getContent())
        .isEqualTo("新的欢迎语 %NICKNAME%");

    wx.getExternalContactService().delGroupWelcomeTemplate(id, null);
    assertThatThrownBy(() -> wx.getExternalContactService().getGroupWelcomeTemplate(id))
        .isInstanceOfSatisfying(WxErrorException.class, e -> assertThat(e.getError().getErrorCode()).isEqualTo(41058));

    corp.community().setWelcomeTemplateLimit(1);
    wx.getExternalContactService().addGroupWelcomeTemplate(template);
    assertThatThrownBy(() -> wx.getExternalContactService().addGroupWelcomeTemplate(template))
        .isInstanceOfSatisfying(WxErrorException.class, e -> assertThat(e.getError().getErrorCode()).isEqualTo(41055));
  }

  private JsonObject control(String method, String path, String body) {
    HttpResponse<String> response = client.send(method, "/sim/corps/" + CORP + path, body);
    assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isBetween(200, 299);
    return JsonParser.parseString(response.body()).getAsJsonObject();
  }
}
