package io.wescrm.wecom.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wescrm.core.moments.RemoteMoment;
import io.wescrm.core.remote.RemoteCallException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link WeComRemoteMoments} against a tiny in-test WeCom answering the official samples' shapes: the bodies sent,
 * every page read through next_cursor, comments of customers and staff, errcodes, calls counted per API.
 */
class WeComRemoteMomentsTest {

  private static final String CORP = "ww-test";

  private WeComRemoteCampaignTest.FakeWeCom wecom;
  private RemoteMoment moments;

  @BeforeEach
  void start() throws IOException {
    wecom = new WeComRemoteCampaignTest.FakeWeCom();
    WeComProperties properties = new WeComProperties(wecom.baseUrl(),
        List.of(new WeComProperties.Corp(CORP, "测试企业", "secret", 1000002, null, null)), 5, 60_000, 4,
        Duration.ofMillis(5), Duration.ofMillis(5), Duration.ofSeconds(2), Duration.ofMillis(400));
    moments = new WeComRemoteCorps(new WeComClients(properties, new LocalCallGate(5, 60_000), null)).moments(CORP);
  }

  @AfterEach
  void stop() {
    wecom.close();
  }

  @Test
  void listsEveryPageOfAWindowAndCountsTheCalls() {
    wecom.on(WeComRemoteMoments.LIST, r -> """
        {"errcode":0,"errmsg":"ok","next_cursor":"CURSOR","moment_list":[{"moment_id":"momA","creator":"zhangsan",
         "create_time":"1605000001","create_type":1,"visible_type":1,"text":{"content":"test"},
         "image":[{"media_id":"WWCISP_1"}],"link":{"title":"腾讯网-QQ.COM","url":"https://www.qq.com"}}]}""",
        r -> """
        {"errcode":0,"errmsg":"ok","next_cursor":"","moment_list":[{"moment_id":"momB","creator":"lisi",
         "create_time":1605000002,"create_type":0,"visible_type":0,"text":{"content":"corp"}}]}""");
    List<RemoteMoment.Moment> list = moments.moments(Instant.ofEpochSecond(1605000000L),
        Instant.ofEpochSecond(1605172726L));
    assertThat(list).extracting(RemoteMoment.Moment::momentId).containsExactly("momA", "momB");
    assertThat(list.get(0).createTime()).isEqualTo(Instant.ofEpochSecond(1605000001L));
    assertThat(list.get(0).mediaJson()).contains("WWCISP_1").contains("www.qq.com");
    assertThat(list.get(1).createType()).isZero();
    List<WeComRemoteCampaignTest.FakeWeCom.Request> sent = wecom.requests(WeComRemoteMoments.LIST);
    assertThat(sent.get(0).text()).contains("\"start_time\":1605000000").contains("\"end_time\":1605172726")
        .contains("\"filter_type\":2").contains("\"limit\":20").doesNotContain("cursor");
    assertThat(sent.get(1).text()).contains("\"cursor\":\"CURSOR\"");
    assertThat(moments.calls()).containsEntry(WeComRemoteMoments.LIST, 2L);
  }

  @Test
  void readsTasksSendResultsAndCommentsOfCustomersAndStaff() {
    wecom.on(WeComRemoteMoments.TASK, r -> """
        {"errcode":0,"errmsg":"ok","next_cursor":"C2","task_list":[{"userid":"zhangsan","publish_status":1}]}""",
        r -> """
        {"errcode":0,"errmsg":"ok","next_cursor":"","task_list":[{"userid":"lisi","publish_status":0}]}""");
    wecom.on(WeComRemoteMoments.SEND_RESULT, r -> """
        {"errcode":0,"errmsg":"ok","next_cursor":"","customer_list":[{"external_userid":"wmA"},
         {"external_userid":"wmB"}]}""");
    wecom.on(WeComRemoteMoments.COMMENTS, r -> """
        {"errcode":0,"errmsg":"ok","comment_list":[{"external_userid":"wmA ","create_time":1605172726},
         {"userid":"zhangshan ","create_time":1605172729}],
         "like_list":[{"external_userid":"wmB","create_time":1605172720}]}""");
    assertThat(moments.tasks("momA")).containsExactly(new RemoteMoment.Task("zhangsan", 1),
        new RemoteMoment.Task("lisi", 0));
    assertThat(moments.sentTo("momA", "zhangsan")).containsExactly("wmA", "wmB");
    wecom.on(WeComRemoteMoments.CUSTOMER_LIST, r -> """
        {"errcode":0,"errmsg":"ok","next_cursor":"N","customer_list":[{"userid":"zhangsan","external_userid":"wmA"}]}""",
        r -> """
        {"errcode":0,"errmsg":"ok","next_cursor":"","customer_list":[{"userid":"zhangsan","external_userid":"wmC"}]}""");
    assertThat(moments.visibleRange("momA", "zhangsan")).containsExactly("wmA", "wmC");
    assertThat(wecom.requests(WeComRemoteMoments.CUSTOMER_LIST).get(1).text()).contains("\"cursor\":\"N\"")
        .contains("\"limit\":1000");
    RemoteMoment.Comments comments = moments.comments("momA", "zhangsan");
    assertThat(comments.comments()).containsExactly(
        new RemoteMoment.Interaction("wmA", null, Instant.ofEpochSecond(1605172726L)),
        new RemoteMoment.Interaction(null, "zhangshan", Instant.ofEpochSecond(1605172729L)));
    assertThat(comments.likes()).containsExactly(
        new RemoteMoment.Interaction("wmB", null, Instant.ofEpochSecond(1605172720L)));
    assertThat(wecom.only(WeComRemoteMoments.SEND_RESULT).text()).contains("\"moment_id\":\"momA\"")
        .contains("\"userid\":\"zhangsan\"").contains("\"limit\":5000");
    assertThat(moments.calls()).containsEntry(WeComRemoteMoments.TASK, 2L)
        .containsEntry(WeComRemoteMoments.SEND_RESULT, 1L).containsEntry(WeComRemoteMoments.COMMENTS, 1L);
  }

  @Test
  void weComErrorsSurfaceWithTheirErrcode() {
    wecom.on(WeComRemoteMoments.COMMENTS, r -> "{\"errcode\":41062,\"errmsg\":\"not published yet\"}");
    assertThatThrownBy(() -> moments.comments("momA", "lisi")).isInstanceOf(RemoteCallException.class)
        .satisfies(e -> assertThat(((RemoteCallException) e).errcode()).isEqualTo(41062));
  }
}
