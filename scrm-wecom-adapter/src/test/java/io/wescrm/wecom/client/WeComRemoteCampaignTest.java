package io.wescrm.wecom.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.wescrm.core.campaigns.RemoteCampaign;
import io.wescrm.core.campaigns.RemoteCampaign.AppMessageResult;
import io.wescrm.core.campaigns.RemoteCampaign.Attachment;
import io.wescrm.core.campaigns.RemoteCampaign.ChatType;
import io.wescrm.core.campaigns.RemoteCampaign.CreatedTask;
import io.wescrm.core.campaigns.RemoteCampaign.GroupMsg;
import io.wescrm.core.campaigns.RemoteCampaign.MsgTemplate;
import io.wescrm.core.campaigns.RemoteCampaign.SendResult;
import io.wescrm.core.campaigns.RemoteCampaign.SenderTask;
import io.wescrm.core.remote.RemoteCallException;
import io.wescrm.core.remote.RemoteCallException.Kind;
import io.wescrm.core.remote.WeComErrorCatalogue;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.skyscreamer.jsonassert.JSONAssert;
import org.skyscreamer.jsonassert.JSONCompareMode;

/**
 * {@link WeComRemoteCampaign} against a tiny in-test WeCom (JDK HttpServer) answering the official samples' shapes:
 * the exact bodies sent, cursor loops, what is retried and what is not.
 */
class WeComRemoteCampaignTest {

  private static final String CORP = "ww-test";
  private static final int AGENT_ID = 1000002;
  private static final Duration READ_TIMEOUT = Duration.ofMillis(400);

  private FakeWeCom wecom;
  private WeComRemoteCampaign campaign;

  @BeforeEach
  void start() throws IOException {
    wecom = new FakeWeCom();
    WeComProperties properties = new WeComProperties(wecom.baseUrl(),
        List.of(new WeComProperties.Corp(CORP, "测试企业", "secret", AGENT_ID, null, null)), 5, 60_000, 4,
        Duration.ofMillis(5), Duration.ofMillis(5), Duration.ofSeconds(2), READ_TIMEOUT);
    WeComClients clients = new WeComClients(properties, new LocalCallGate(5, 60_000), null);
    RemoteCampaign port = new WeComRemoteCorps(clients).campaign(CORP);
    campaign = (WeComRemoteCampaign) port;
  }

  @AfterEach
  void stop() {
    wecom.close();
  }

  // --- add_msg_template

  @Test
  void addMsgTemplateSendsTheSingleShapeAndReadsTheTask() throws Exception {
    wecom.on(WeComRemoteCampaign.ADD_MSG_TEMPLATE, r -> """
        {"errcode":0,"errmsg":"ok","fail_list":["wmqfasd1e1927831123109rBAAAA"],
         "msgid":"msgGCAAAXtWyujaWJHDDGi0mAAAA"}""");
    Map<String, Object> image = new LinkedHashMap<>();
    image.put("media_id", "MEDIA_ID");
    Map<String, Object> link = new LinkedHashMap<>();
    link.put("title", "消息标题");
    link.put("picurl", "https://example.pic.com/path");
    link.put("desc", "消息描述");
    link.put("url", "https://example.link.com/path");

    CreatedTask task = campaign.addMsgTemplate(new MsgTemplate(ChatType.SINGLE, "zhangsan",
        List.of("woAJ2GCAAAXtWyujaWJHDDGi0mACAAAA", "wmqfasd1e1927831123109rBAAAA"), List.of(), "文本消息内容",
        List.of(new Attachment("image", image), new Attachment("link", link))));

    assertThat(task).isEqualTo(new CreatedTask("msgGCAAAXtWyujaWJHDDGi0mAAAA",
        List.of("wmqfasd1e1927831123109rBAAAA")));
    FakeWeCom.Request sent = wecom.only(WeComRemoteCampaign.ADD_MSG_TEMPLATE);
    assertThat(sent.query()).contains("access_token=TOKEN");
    JSONAssert.assertEquals("""
        {"chat_type":"single",
         "external_userid":["woAJ2GCAAAXtWyujaWJHDDGi0mACAAAA","wmqfasd1e1927831123109rBAAAA"],
         "sender":"zhangsan","allow_select":false,
         "text":{"content":"文本消息内容"},
         "attachments":[
           {"msgtype":"image","image":{"media_id":"MEDIA_ID"}},
           {"msgtype":"link","link":{"title":"消息标题","picurl":"https://example.pic.com/path",
             "desc":"消息描述","url":"https://example.link.com/path"}}]}""", sent.text(), JSONCompareMode.STRICT);
  }

  @Test
  void addMsgTemplateToGroupsSendsChatIdsAndNoEmptyText() throws Exception {
    wecom.on(WeComRemoteCampaign.ADD_MSG_TEMPLATE, r -> """
        {"errcode":0,"errmsg":"ok","msgid":"msgGROUP"}""");

    CreatedTask task = campaign.addMsgTemplate(new MsgTemplate(ChatType.GROUP, "lisi", List.of(),
        List.of("wrOgQhDgAAMYQiS5ol9G7gK9JVAAAA", "wrOgQhDgAAMYQiS5ol9G7gK9JVBBBB"), "",
        List.of(new Attachment("file", Map.of("media_id", "FILE_ID")))));

    assertThat(task).isEqualTo(new CreatedTask("msgGROUP", List.of()));
    JSONAssert.assertEquals("""
        {"chat_type":"group",
         "chat_id_list":["wrOgQhDgAAMYQiS5ol9G7gK9JVAAAA","wrOgQhDgAAMYQiS5ol9G7gK9JVBBBB"],
         "sender":"lisi","allow_select":false,
         "attachments":[{"msgtype":"file","file":{"media_id":"FILE_ID"}}]}""",
        wecom.only(WeComRemoteCampaign.ADD_MSG_TEMPLATE).text(), JSONCompareMode.STRICT);
  }

  @Test
  void addMsgTemplateTimeoutSurfacesAsMinusOneAfterExactlyOneRequest() throws Exception {
    wecom.on(WeComRemoteCampaign.ADD_MSG_TEMPLATE, r -> {
      Thread.sleep(READ_TIMEOUT.toMillis() * 4); // WeCom acted, but its answer comes too late
      return "{\"errcode\":0,\"errmsg\":\"ok\",\"msgid\":\"msgLATE\"}";
    });

    assertThatThrownBy(() -> campaign.addMsgTemplate(textOnly("wmA")))
        .isInstanceOfSatisfying(RemoteCallException.class, e -> {
          assertThat(e.errcode()).isEqualTo(-1);
          assertThat(e.kind()).isEqualTo(Kind.TRANSIENT);
          assertThat(e.api()).isEqualTo(WeComRemoteCampaign.ADD_MSG_TEMPLATE);
        });
    Thread.sleep(READ_TIMEOUT.toMillis() * 2); // room for a retry that must not come
    assertThat(wecom.requests(WeComRemoteCampaign.ADD_MSG_TEMPLATE)).hasSize(1);
    assertThat(campaign.counter().calls()).isEqualTo(1);
    assertThat(campaign.counter().retries()).isZero();
  }

  @Test
  void addMsgTemplateSystemBusyIsNotRetried() {
    wecom.on(WeComRemoteCampaign.ADD_MSG_TEMPLATE, r -> "{\"errcode\":-1,\"errmsg\":\"system busy\"}",
        r -> "{\"errcode\":0,\"errmsg\":\"ok\",\"msgid\":\"msgTWICE\"}");

    assertThatThrownBy(() -> campaign.addMsgTemplate(textOnly("wmA")))
        .isInstanceOfSatisfying(RemoteCallException.class, e -> assertThat(e.errcode()).isEqualTo(-1));
    assertThat(wecom.requests(WeComRemoteCampaign.ADD_MSG_TEMPLATE)).hasSize(1);
  }

  @Test
  void addMsgTemplateRefusalCarriesTheCatalogueKind() {
    wecom.on(WeComRemoteCampaign.ADD_MSG_TEMPLATE, r -> "{\"errcode\":41048,\"errmsg\":\"no customer\"}");

    assertThatThrownBy(() -> campaign.addMsgTemplate(textOnly("wmA")))
        .isInstanceOfSatisfying(RemoteCallException.class, e -> {
          assertThat(e.errcode()).isEqualTo(41048);
          assertThat(e.kind()).isEqualTo(Kind.REFUSED);
        });
  }

  // --- reads: cursor loops

  @Test
  void groupMsgsFollowTheCursorAcrossThreePages() throws Exception {
    wecom.on(WeComRemoteCampaign.GROUP_MSG_LIST, r -> """
        {"errcode":0,"errmsg":"ok","next_cursor":"c1","group_msg_list":[
          {"msgid":"msg1","creator":"zhangsan","create_time":"1605171800","create_type":1,
           "text":{"content":"文本消息内容"},
           "attachments":[
             {"msgtype":"image","image":{"media_id":"MEDIA_ID",
               "pic_url":"http://p.qpic.cn/pic_wework/3474110808/7a6344sdadfwehe42060/0"}},
             {"msgtype":"miniprogram","miniprogram":{"title":"消息标题","pic_media_id":"MEDIA_ID",
               "appid":"wx8bd80126147dfAAA","page":"/path/index.html"}}]}]}""",
        r -> """
        {"errcode":0,"errmsg":"ok","next_cursor":"c2","group_msg_list":[
          {"msgid":"msg2","create_time":1605171900,"create_type":0}]}""",
        r -> """
        {"errcode":0,"errmsg":"ok","next_cursor":"","group_msg_list":[{"msgid":"msg3"}]}""");
    Instant from = Instant.ofEpochSecond(1605171726);
    Instant to = Instant.ofEpochSecond(1605172726);

    List<GroupMsg> msgs = campaign.groupMsgs(ChatType.SINGLE, from, to);

    assertThat(msgs).hasSize(3);
    GroupMsg first = msgs.get(0);
    assertThat(first.msgId()).isEqualTo("msg1");
    assertThat(first.creator()).isEqualTo("zhangsan");
    assertThat(first.createType()).isEqualTo(1);
    assertThat(first.createTime()).isEqualTo(Instant.ofEpochSecond(1605171800));
    assertThat(first.text()).isEqualTo("文本消息内容");
    assertThat(first.attachments()).extracting(Attachment::msgtype).containsExactly("image", "miniprogram");
    assertThat(first.attachments().get(0).body()).containsEntry("media_id", "MEDIA_ID");
    assertThat(first.attachments().get(1).body()).containsEntry("appid", "wx8bd80126147dfAAA")
        .containsEntry("page", "/path/index.html");
    // API-created sends have no creator; missing fields are null or empty, never an NPE
    assertThat(msgs.get(1)).isEqualTo(new GroupMsg("msg2", null, 0, Instant.ofEpochSecond(1605171900), null,
        List.of()));
    assertThat(msgs.get(2)).isEqualTo(new GroupMsg("msg3", null, 0, null, null, List.of()));

    List<FakeWeCom.Request> sent = wecom.requests(WeComRemoteCampaign.GROUP_MSG_LIST);
    assertThat(sent).hasSize(3);
    String window = "\"chat_type\":\"single\",\"start_time\":1605171726,\"end_time\":1605172726,"
        + "\"filter_type\":0,\"limit\":100";
    JSONAssert.assertEquals("{" + window + "}", sent.get(0).text(), JSONCompareMode.STRICT);
    JSONAssert.assertEquals("{" + window + ",\"cursor\":\"c1\"}", sent.get(1).text(), JSONCompareMode.STRICT);
    JSONAssert.assertEquals("{" + window + ",\"cursor\":\"c2\"}", sent.get(2).text(), JSONCompareMode.STRICT);
  }

  @Test
  void senderTasksFollowTheCursorAcrossThreePages() throws Exception {
    wecom.on(WeComRemoteCampaign.GROUP_MSG_TASK,
        r -> page("c1", "task_list", "{\"userid\":\"zhangsan\",\"status\":2,\"send_time\":1552536375}"),
        r -> page("c2", "task_list", "{\"userid\":\"lisi\",\"status\":0}"),
        r -> "{\"errcode\":0,\"errmsg\":\"ok\",\"task_list\":[{\"userid\":\"wangwu\",\"status\":2,"
            + "\"send_time\":1552536999}]}");

    List<SenderTask> tasks = campaign.senderTasks("msgGCAAAXtWyujaWJHDDGi0mACAAAA");

    assertThat(tasks).containsExactly(
        new SenderTask("zhangsan", 2, Instant.ofEpochSecond(1552536375)),
        new SenderTask("lisi", 0, null),
        new SenderTask("wangwu", 2, Instant.ofEpochSecond(1552536999)));
    List<FakeWeCom.Request> sent = wecom.requests(WeComRemoteCampaign.GROUP_MSG_TASK);
    assertThat(sent).hasSize(3);
    String msg = "\"msgid\":\"msgGCAAAXtWyujaWJHDDGi0mACAAAA\",\"limit\":1000";
    JSONAssert.assertEquals("{" + msg + "}", sent.get(0).text(), JSONCompareMode.STRICT);
    JSONAssert.assertEquals("{" + msg + ",\"cursor\":\"c1\"}", sent.get(1).text(), JSONCompareMode.STRICT);
    JSONAssert.assertEquals("{" + msg + ",\"cursor\":\"c2\"}", sent.get(2).text(), JSONCompareMode.STRICT);
  }

  @Test
  void sendResultsFollowTheCursorAcrossThreePages() throws Exception {
    wecom.on(WeComRemoteCampaign.GROUP_MSG_SEND_RESULT,
        r -> page("c1", "send_list", "{\"external_userid\":\"wmA\",\"userid\":\"zhangsan\",\"status\":1,"
            + "\"send_time\":1552536375}"),
        r -> page("c2", "send_list", "{\"external_userid\":\"wmB\",\"userid\":\"zhangsan\",\"status\":2}"),
        r -> page("", "send_list", "{\"chat_id\":\"wrOgQhDgAAMYQiS5ol9G7gK9JVAAAA\",\"userid\":\"zhangsan\","
            + "\"status\":3,\"send_time\":1552536400}"));

    List<SendResult> results = campaign.sendResults("msg1", "zhangsan");

    assertThat(results).containsExactly(
        new SendResult("wmA", null, "zhangsan", 1, Instant.ofEpochSecond(1552536375)),
        new SendResult("wmB", null, "zhangsan", 2, null),
        new SendResult(null, "wrOgQhDgAAMYQiS5ol9G7gK9JVAAAA", "zhangsan", 3, Instant.ofEpochSecond(1552536400)));
    List<FakeWeCom.Request> sent = wecom.requests(WeComRemoteCampaign.GROUP_MSG_SEND_RESULT);
    assertThat(sent).hasSize(3);
    String msg = "\"msgid\":\"msg1\",\"userid\":\"zhangsan\",\"limit\":1000";
    JSONAssert.assertEquals("{" + msg + "}", sent.get(0).text(), JSONCompareMode.STRICT);
    JSONAssert.assertEquals("{" + msg + ",\"cursor\":\"c1\"}", sent.get(1).text(), JSONCompareMode.STRICT);
    JSONAssert.assertEquals("{" + msg + ",\"cursor\":\"c2\"}", sent.get(2).text(), JSONCompareMode.STRICT);
  }

  @Test
  void readsRetrySystemBusy() {
    wecom.on(WeComRemoteCampaign.GROUP_MSG_SEND_RESULT,
        r -> "{\"errcode\":-1,\"errmsg\":\"system busy\"}",
        r -> page("", "send_list", "{\"external_userid\":\"wmA\",\"userid\":\"zhangsan\",\"status\":1}"));

    assertThat(campaign.sendResults("msg1", "zhangsan")).hasSize(1);
    assertThat(wecom.requests(WeComRemoteCampaign.GROUP_MSG_SEND_RESULT)).hasSize(2);
    assertThat(campaign.counter().retries()).isEqualTo(1);
  }

  @Test
  void stillDispatchingSurfacesAtOnceWithoutRetry() {
    String dispatching = "{\"errcode\":41063,\"errmsg\":\"msg is dispatching, try later\"}";
    wecom.on(WeComRemoteCampaign.GROUP_MSG_TASK, r -> dispatching, r -> dispatching, r -> dispatching,
        r -> dispatching);
    wecom.on(WeComRemoteCampaign.GROUP_MSG_SEND_RESULT, r -> dispatching, r -> dispatching, r -> dispatching,
        r -> dispatching);

    assertThatThrownBy(() -> campaign.senderTasks("msg1"))
        .isInstanceOfSatisfying(RemoteCallException.class, e -> {
          assertThat(e.errcode()).isEqualTo(41063);
          assertThat(e.kind()).isEqualTo(Kind.TRANSIENT);
        });
    assertThatThrownBy(() -> campaign.sendResults("msg1", "zhangsan"))
        .isInstanceOfSatisfying(RemoteCallException.class, e -> assertThat(e.errcode()).isEqualTo(41063));
    assertThat(wecom.requests(WeComRemoteCampaign.GROUP_MSG_TASK)).hasSize(1);
    assertThat(wecom.requests(WeComRemoteCampaign.GROUP_MSG_SEND_RESULT)).hasSize(1);
    assertThat(campaign.counter().retries()).isZero();
  }

  @Test
  void aRepeatedCursorEndsTheLoop() {
    wecom.on(WeComRemoteCampaign.GROUP_MSG_TASK, r -> page("CURSOR", "task_list", "{\"userid\":\"a\"}"),
        r -> page("CURSOR", "task_list", "{\"userid\":\"b\"}"));

    assertThatThrownBy(() -> campaign.senderTasks("msg1")).isInstanceOf(RemoteCallException.class);
    assertThat(wecom.requests(WeComRemoteCampaign.GROUP_MSG_TASK)).hasSize(2);
  }

  // --- remind, cancel

  @Test
  void remindAndCancelSendTheMsgIdOnce() throws Exception {
    wecom.on(WeComRemoteCampaign.REMIND, r -> "{\"errcode\":0,\"errmsg\":\"ok\"}",
        r -> "{\"errcode\":41094,\"errmsg\":\"remind limit\"}");
    wecom.on(WeComRemoteCampaign.CANCEL, r -> "{\"errcode\":-1,\"errmsg\":\"system busy\"}",
        r -> "{\"errcode\":41093,\"errmsg\":\"already cancelled\"}");

    campaign.remind("msgGCAAAXtWyujaWJHDDGi0mACAAAA");
    assertThatThrownBy(() -> campaign.remind("msgGCAAAXtWyujaWJHDDGi0mACAAAA"))
        .isInstanceOfSatisfying(RemoteCallException.class, e -> {
          assertThat(e.errcode()).isEqualTo(41094);
          assertThat(e.kind()).isEqualTo(Kind.REFUSED);
        });
    assertThatThrownBy(() -> campaign.cancel("msgGCAAAXtWyujaWJHDDGi0mACAAAA"))
        .isInstanceOfSatisfying(RemoteCallException.class, e -> assertThat(e.errcode()).isEqualTo(-1));
    assertThatThrownBy(() -> campaign.cancel("msgGCAAAXtWyujaWJHDDGi0mACAAAA"))
        .isInstanceOfSatisfying(RemoteCallException.class, e -> {
          assertThat(e.errcode()).isEqualTo(41093);
          assertThat(e.kind()).isEqualTo(Kind.GONE);
        });

    assertThat(wecom.requests(WeComRemoteCampaign.REMIND)).hasSize(2);
    assertThat(wecom.requests(WeComRemoteCampaign.CANCEL)).hasSize(2); // one per call: -1 was not retried
    JSONAssert.assertEquals("{\"msgid\":\"msgGCAAAXtWyujaWJHDDGi0mACAAAA\"}",
        wecom.requests(WeComRemoteCampaign.REMIND).get(0).text(), JSONCompareMode.STRICT);
    JSONAssert.assertEquals("{\"msgid\":\"msgGCAAAXtWyujaWJHDDGi0mACAAAA\"}",
        wecom.requests(WeComRemoteCampaign.CANCEL).get(0).text(), JSONCompareMode.STRICT);
  }

  // --- message/send

  @Test
  void appTextCarriesTheAgentAndTheDuplicateCheck() throws Exception {
    wecom.on(WeComRemoteCampaign.MESSAGE_SEND, r -> """
        {"errcode":0,"errmsg":"ok","invaliduser":"lisi","invalidparty":"","invalidtag":"",
         "unlicenseduser":"","msgid":"xxxx","response_code":"xyzxyz"}""");

    AppMessageResult result = campaign.sendAppText(List.of("zhangsan", "lisi"), "请确认今天的群发任务", 600);

    assertThat(result).isEqualTo(new AppMessageResult("xxxx", List.of("lisi")));
    JSONAssert.assertEquals("""
        {"touser":"zhangsan|lisi","msgtype":"text","agentid":1000002,
         "text":{"content":"请确认今天的群发任务"},
         "enable_duplicate_check":1,"duplicate_check_interval":600}""",
        wecom.only(WeComRemoteCampaign.MESSAGE_SEND).text(), JSONCompareMode.STRICT);
  }

  @Test
  void appTextTimeoutIsNotRetried() throws Exception {
    wecom.on(WeComRemoteCampaign.MESSAGE_SEND, r -> {
      Thread.sleep(READ_TIMEOUT.toMillis() * 4);
      return "{\"errcode\":0,\"errmsg\":\"ok\"}";
    });

    assertThatThrownBy(() -> campaign.sendAppText(List.of("zhangsan"), "hi", 1800))
        .isInstanceOfSatisfying(RemoteCallException.class, e -> assertThat(e.errcode()).isEqualTo(-1));
    Thread.sleep(READ_TIMEOUT.toMillis() * 2);
    assertThat(wecom.requests(WeComRemoteCampaign.MESSAGE_SEND)).hasSize(1);
  }

  @Test
  void allRecipientsInvalidIsGone() {
    wecom.on(WeComRemoteCampaign.MESSAGE_SEND, r -> "{\"errcode\":81013,\"errmsg\":\"user & party & tag all invalid\"}");

    assertThatThrownBy(() -> campaign.sendAppText(List.of("nobody"), "hi", 1800))
        .isInstanceOfSatisfying(RemoteCallException.class, e -> assertThat(e.kind()).isEqualTo(Kind.GONE));
  }

  // --- media/upload

  @Test
  void uploadMediaPostsMultipartAndReturnsTheMediaId() {
    wecom.on(WeComRemoteCampaign.MEDIA_UPLOAD, r -> """
        {"errcode":0,"errmsg":"","type":"image",
         "media_id":"1G6nrLmr5EC3MMb_-zK1dDdzmd0p7cNliYu9V5w7o8K0","created_at":"1380000000"}""");
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 1, 2, 3};

    String mediaId = campaign.uploadMedia("image", "poster.png", png);

    assertThat(mediaId).isEqualTo("1G6nrLmr5EC3MMb_-zK1dDdzmd0p7cNliYu9V5w7o8K0");
    FakeWeCom.Request sent = wecom.only(WeComRemoteCampaign.MEDIA_UPLOAD);
    assertThat(sent.query()).contains("type=image").contains("access_token=TOKEN");
    assertThat(sent.contentType()).startsWith("multipart/form-data; boundary=");
    String multipart = new String(sent.body(), StandardCharsets.ISO_8859_1);
    assertThat(multipart).contains("name=\"media\"").contains("filename=\"poster.png\"")
        .contains(new String(png, StandardCharsets.ISO_8859_1));
  }

  @Test
  void uploadMediaRetriesSystemBusyWithTheWholeContent() {
    wecom.on(WeComRemoteCampaign.MEDIA_UPLOAD, r -> "{\"errcode\":-1,\"errmsg\":\"system busy\"}",
        r -> "{\"errcode\":0,\"errmsg\":\"\",\"type\":\"file\",\"media_id\":\"M2\",\"created_at\":\"1380000000\"}");

    assertThat(campaign.uploadMedia("file", "a.txt", "hello campaign".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("M2");
    List<FakeWeCom.Request> sent = wecom.requests(WeComRemoteCampaign.MEDIA_UPLOAD);
    assertThat(sent).hasSize(2);
    assertThat(new String(sent.get(1).body(), StandardCharsets.ISO_8859_1)).contains("hello campaign");
  }

  // --- the catalogue

  @Test
  void theCatalogueKnowsTheGroupSendCodes() {
    for (int code : new int[] {41046, 41047, 41048, 41063, 41064, 41065, 41093, 41094, 50100, 40007, 81013,
        45009}) {
      assertThat(WeComErrorCatalogue.knownMessage(code)).as("message of %d", code).isPresent();
    }
    assertThat(WeComErrorCatalogue.kind(41063)).isEqualTo(Kind.TRANSIENT);
    assertThat(WeComErrorCatalogue.kind(41048)).isEqualTo(Kind.REFUSED);
    assertThat(WeComErrorCatalogue.kind(41094)).isEqualTo(Kind.REFUSED);
  }

  // --- helpers

  private static MsgTemplate textOnly(String externalUserId) {
    return new MsgTemplate(ChatType.SINGLE, "zhangsan", List.of(externalUserId), List.of(), "hi", List.of());
  }

  private static String page(String nextCursor, String listField, String row) {
    return "{\"errcode\":0,\"errmsg\":\"ok\",\"next_cursor\":\"" + nextCursor + "\",\"" + listField + "\":[" + row
        + "]}";
  }

  /** A WeCom that answers gettoken and, per API path, a script of answers in order; it records every request. */
  static final class FakeWeCom implements AutoCloseable {

    record Request(String api, String query, String contentType, byte[] body) {
      String text() {
        return new String(body, StandardCharsets.UTF_8);
      }
    }

    @FunctionalInterface
    interface Answer {
      String respond(Request request) throws Exception;
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Answer>> scripts = new ConcurrentHashMap<>();
    private final AtomicInteger tokens = new AtomicInteger();

    FakeWeCom() throws IOException {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext("/cgi-bin/", this::handle);
      server.setExecutor(executor);
      server.start();
    }

    String baseUrl() {
      return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void on(String api, Answer... answers) {
      scripts.computeIfAbsent(api, k -> new ArrayDeque<>()).addAll(List.of(answers));
    }

    List<Request> requests(String api) {
      return requests.stream().filter(r -> r.api().equals(api)).toList();
    }

    Request only(String api) {
      List<Request> sent = requests(api);
      assertThat(sent).as("requests to %s", api).hasSize(1);
      return sent.get(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
      try (exchange) {
        String api = exchange.getRequestURI().getPath().substring("/cgi-bin/".length());
        String query = exchange.getRequestURI().getRawQuery();
        byte[] body = exchange.getRequestBody().readAllBytes();
        String answer;
        if (api.equals("gettoken")) {
          tokens.incrementAndGet();
          answer = "{\"errcode\":0,\"errmsg\":\"ok\",\"access_token\":\"TOKEN\",\"expires_in\":7200}";
        } else {
          Request request = new Request(api, query, exchange.getRequestHeaders().getFirst("Content-Type"), body);
          requests.add(request);
          Deque<Answer> script = scripts.get(api);
          Answer next;
          synchronized (this) {
            next = script == null ? null : script.poll();
          }
          try {
            answer = next == null ? "{\"errcode\":40058,\"errmsg\":\"unscripted call to " + api + "\"}"
                : next.respond(request);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          } catch (Exception e) {
            throw new IOException(e);
          }
        }
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
        try (OutputStream out = exchange.getResponseBody()) {
          exchange.sendResponseHeaders(200, bytes.length);
          out.write(bytes);
        } catch (IOException clientGone) {
          // the client timed out and closed the connection: fine
        }
      }
    }

    @Override
    public void close() {
      server.stop(0);
      executor.shutdownNow();
    }
  }
}
