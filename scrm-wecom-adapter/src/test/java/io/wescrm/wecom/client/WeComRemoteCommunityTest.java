package io.wescrm.wecom.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.wescrm.core.community.GroupWelcomeContent;
import io.wescrm.core.community.RemoteCommunity;
import io.wescrm.core.remote.RemoteCallException;
import io.wescrm.wecom.client.WeComRemoteCampaignTest.FakeWeCom;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link WeComRemoteCommunity} against a tiny in-test WeCom answering the official samples: the bodies sent for
 * 群活码, welcome templates and statistic_group_by_day (which WxJava lacks), the answers read, creations not retried.
 */
class WeComRemoteCommunityTest {

  private static final String CORP = "ww-test";

  private FakeWeCom wecom;
  private RemoteCommunity community;

  @BeforeEach
  void start() throws IOException {
    wecom = new FakeWeCom();
    WeComProperties properties = new WeComProperties(wecom.baseUrl(),
        List.of(new WeComProperties.Corp(CORP, "测试企业", "secret", 1000002, null, null)), 5, 60_000, 4,
        Duration.ofMillis(5), Duration.ofMillis(5), Duration.ofSeconds(2), Duration.ofMillis(400));
    community = new WeComRemoteCorps(new WeComClients(properties, new LocalCallGate(5, 60_000), null))
        .community(CORP);
  }

  @AfterEach
  void stop() {
    wecom.close();
  }

  private static JsonObject json(FakeWeCom.Request request) {
    return JsonParser.parseString(request.text()).getAsJsonObject();
  }

  @Test
  void addJoinWaySendsTheSampleShapeAndReadsTheQrCodeBack() {
    wecom.on(WeComRemoteCommunity.ADD_JOIN_WAY,
        r -> "{\"errcode\":0,\"errmsg\":\"ok\",\"config_id\":\"9ad7fa5cdaa6511298498f979c472aaa\"}");
    wecom.on(WeComRemoteCommunity.GET_JOIN_WAY, r -> """
        {"errcode":0,"errmsg":"ok","join_way":{"config_id":"9ad7fa5cdaa6511298498f979c472aaa","scene":2,
         "remark":"aa_remark","auto_create_room":1,"room_base_name":"销售客服群","room_base_id":10,
         "chat_id_list":["wrOgQhDgAAH2Yy-CTZ6POca8mlBEdaaa"],"qr_code":"http://p.qpic.cn/wwhead/xxx","state":"klsdup3kj3s1"}}""");
    RemoteCommunity.CreatedJoinWay created = community.addJoinWay(new RemoteCommunity.JoinWaySpec(2, "aa_remark", true,
        "销售客服群", 10, List.of("wrOgQhDgAAH2Yy-CTZ6POca8mlBEdaaa"), "klsdup3kj3s1"));
    assertThat(created.configId()).isEqualTo("9ad7fa5cdaa6511298498f979c472aaa");
    assertThat(created.qrCode()).isEqualTo("http://p.qpic.cn/wwhead/xxx");
    JsonObject body = json(wecom.only(WeComRemoteCommunity.ADD_JOIN_WAY));
    assertThat(body.get("scene").getAsInt()).isEqualTo(2);
    assertThat(body.get("auto_create_room").getAsInt()).isEqualTo(1);
    assertThat(body.get("room_base_id").getAsInt()).isEqualTo(10);
    assertThat(body.get("state").getAsString()).isEqualTo("klsdup3kj3s1");
    assertThat(body.getAsJsonArray("chat_id_list")).hasSize(1);
    assertThat(json(wecom.only(WeComRemoteCommunity.GET_JOIN_WAY)).get("config_id").getAsString())
        .isEqualTo("9ad7fa5cdaa6511298498f979c472aaa");
  }

  @Test
  void aCreationIsNotRetriedAndFortyOneZeroNinetyOneIsRefused() {
    // the answer is lost (read timeout): WeCom may have created the way, so no second add goes out
    wecom.on(WeComRemoteCommunity.ADD_JOIN_WAY, r -> {
      Thread.sleep(1_000);
      return "{\"errcode\":0,\"errmsg\":\"ok\",\"config_id\":\"late\"}";
    }, r -> "{\"errcode\":0,\"errmsg\":\"ok\",\"config_id\":\"second\"}");
    assertThatThrownBy(() -> community.addJoinWay(new RemoteCommunity.JoinWaySpec(2, null, false, null, null,
        List.of("wr1"), "s"))).isInstanceOf(RemoteCallException.class);
    assertThat(wecom.requests(WeComRemoteCommunity.ADD_JOIN_WAY)).hasSize(1);

    wecom.on(WeComRemoteCommunity.UPDATE_JOIN_WAY, r -> "{\"errcode\":41091,\"errmsg\":\"chat_id_list exceed\"}");
    assertThatThrownBy(() -> community.updateJoinWay("cfg", new RemoteCommunity.JoinWaySpec(2, null, false, null,
        null, List.of("wr1"), "s"))).isInstanceOfSatisfying(RemoteCallException.class, e -> {
          assertThat(e.errcode()).isEqualTo(41091);
          assertThat(e.kind()).isEqualTo(RemoteCallException.Kind.REFUSED);
        });
  }

  @Test
  void statisticGroupByDayIsPostedPerOwnerInChinaDays() {
    wecom.on(WeComRemoteCommunity.STATISTIC_BY_DAY, r -> """
        {"errcode":0,"errmsg":"ok","items":[
         {"stat_time":1600272000,"data":{"new_chat_cnt":2,"chat_total":2,"chat_has_msg":0,"new_member_cnt":0,
          "member_total":6,"member_has_msg":0,"msg_total":0,"migrate_trainee_chat_cnt":3}},
         {"stat_time":1600358400,"data":{"new_chat_cnt":1,"chat_total":3,"chat_has_msg":1,"new_member_cnt":4,
          "member_total":10,"member_has_msg":2,"msg_total":7,"migrate_trainee_chat_cnt":3}}]}""");
    List<RemoteCommunity.DayStat> days = community.groupStatsByDay("zhangsan", LocalDate.of(2020, 9, 17),
        LocalDate.of(2020, 9, 18));
    JsonObject body = json(wecom.only(WeComRemoteCommunity.STATISTIC_BY_DAY));
    // China midnights, as in the official sample
    assertThat(body.get("day_begin_time").getAsLong()).isEqualTo(1600272000L);
    assertThat(body.get("day_end_time").getAsLong()).isEqualTo(1600358400L);
    assertThat(body.getAsJsonObject("owner_filter").getAsJsonArray("userid_list").get(0).getAsString())
        .isEqualTo("zhangsan");
    assertThat(days).containsExactly(
        new RemoteCommunity.DayStat(LocalDate.of(2020, 9, 17), 2, 2, 0, 0, 6, 0, 0),
        new RemoteCommunity.DayStat(LocalDate.of(2020, 9, 18), 1, 3, 1, 4, 10, 2, 7));
  }

  @Test
  void groupWelcomeTemplatesGoOutAndComeBackInTheSampleShapes() {
    wecom.on(WeComRemoteCommunity.ADD_TEMPLATE, r -> "{\"errcode\":0,\"errmsg\":\"ok\",\"template_id\":\"msgXXXXXX\"}");
    GroupWelcomeContent content = new GroupWelcomeContent("亲爱的%NICKNAME%用户，你好", null,
        new GroupWelcomeContent.Link("消息标题", "https://example.pic.com/path", "消息描述", "https://example.link.com/path"),
        null, null, null);
    assertThat(community.addGroupWelcomeTemplate(content, false)).isEqualTo("msgXXXXXX");
    JsonObject body = json(wecom.only(WeComRemoteCommunity.ADD_TEMPLATE));
    assertThat(body.getAsJsonObject("text").get("content").getAsString()).isEqualTo("亲爱的%NICKNAME%用户，你好");
    assertThat(body.getAsJsonObject("link").get("url").getAsString()).isEqualTo("https://example.link.com/path");
    assertThat(body.get("notify").getAsInt()).isZero();
    assertThat(body.has("image")).isFalse();

    wecom.on(WeComRemoteCommunity.GET_TEMPLATE, r -> """
        {"errcode":0,"errmsg":"ok","text":{"content":"文本消息内容"},"image":{"pic_url":"http://p.qpic.cn/pic_wework/XXXXX"}}""",
        r -> "{\"errcode\":41058,\"errmsg\":\"no privilege\"}");
    assertThat(community.groupWelcomeTemplate("msgXXXXXX")).contains(new GroupWelcomeContent("文本消息内容",
        new GroupWelcomeContent.Image(null, "http://p.qpic.cn/pic_wework/XXXXX"), null, null, null, null));
    assertThat(community.groupWelcomeTemplate("other")).isEmpty();
  }
}
