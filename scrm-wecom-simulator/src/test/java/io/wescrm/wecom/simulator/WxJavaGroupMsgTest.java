package io.wescrm.wecom.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import me.chanjar.weixin.common.bean.result.WxMediaUploadResult;
import me.chanjar.weixin.common.error.WxErrorException;
import me.chanjar.weixin.common.util.http.apache.ApacheHttpClientBuilder;
import me.chanjar.weixin.cp.api.WxCpService;
import me.chanjar.weixin.cp.api.impl.WxCpServiceImpl;
import me.chanjar.weixin.cp.bean.external.WxCpMsgTemplate;
import me.chanjar.weixin.cp.bean.external.WxCpMsgTemplateAddResult;
import me.chanjar.weixin.cp.bean.external.contact.WxCpGroupMsgListResult;
import me.chanjar.weixin.cp.bean.external.contact.WxCpGroupMsgSendResult;
import me.chanjar.weixin.cp.bean.external.contact.WxCpGroupMsgTaskResult;
import me.chanjar.weixin.cp.bean.external.msg.Attachment;
import me.chanjar.weixin.cp.bean.external.msg.Image;
import me.chanjar.weixin.cp.bean.external.msg.Link;
import me.chanjar.weixin.cp.bean.external.msg.Text;
import me.chanjar.weixin.cp.bean.message.WxCpMessage;
import me.chanjar.weixin.cp.bean.message.WxCpMessageSendResult;
import me.chanjar.weixin.cp.config.impl.WxCpDefaultConfigImpl;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * WxJava's stock client, unmodified, drives the simulator's group-send family: media/upload, add_msg_template,
 * get_groupmsg_list_v2, get_groupmsg_task, get_groupmsg_send_result, remind and cancel, message/send; WeCom's rules
 * come back as errcodes, and the received-messages oracle tells what customers actually got.
 */
class WxJavaGroupMsgTest {

  private static final SimGroupMsgs.Settings FAST = new SimGroupMsgs.Settings(0, 1.0, SimGroupMsgs.CapMode.MONTH_4,
      0, 0.0, 15_000);

  private static WeComSimulator sim;
  private static SimCorp corp;
  private static WxCpService wx;
  private static int nextStaff;

  @BeforeAll
  static void start() {
    sim = WeComSimulator.start(SimulatorOptions.of(SimCorpSpec.demo()));
    corp = sim.corp(SimCorpSpec.DEMO_CORP_ID);
    wx = WxJavaAgainstSimulatorTest.stockClient(sim, corp);
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  @BeforeEach
  void fast() {
    corp.groupMsgs().settings(FAST);
  }

  /** A staff member with at least {@code n} customers not used by another test. */
  private static synchronized String staffWith(int n) {
    List<String> staff = corp.followUserIds();
    while (true) {
      String userid = staff.get(nextStaff++ % staff.size());
      if (corp.followsOf(userid).size() >= n) {
        return userid;
      }
    }
  }

  private static List<String> customersOf(String userid, int n) {
    return corp.followsOf(userid).stream().map(SimFollow::externalUserId).limit(n).toList();
  }

  private static int errcode(Throwable e) {
    return ((WxErrorException) e).getError().getErrorCode();
  }

  @Test
  void uploadsMediaSendsAndReadsTheResultsBack() throws Exception {
    WxMediaUploadResult image = wx.getMediaService().upload("image", "png",
        new ByteArrayInputStream(new byte[2048]));
    assertThat(image.getType()).isEqualTo("image");
    assertThat(image.getMediaId()).isNotBlank();
    assertThat(image.getCreatedAt()).isGreaterThan(1_600_000_000L);
    assertThat(corp.groupMsgs().media(image.getMediaId())).isPresent();

    String sender = staffWith(3);
    List<String> customers = new ArrayList<>(customersOf(sender, 2));
    String stranger = "wmNOTACUSTOMER00000000000000000000";
    customers.add(stranger);
    Attachment picture = new Attachment();
    picture.setImage(new Image().setMediaId(image.getMediaId()));
    Attachment link = new Attachment();
    link.setLink(new Link().setTitle("新品上市").setUrl("https://example.com/new"));
    WxCpMsgTemplate template = WxCpMsgTemplate.builder().chatType("single").externalUserid(customers)
        .sender(sender).text(new Text().setContent("双十二 全场五折")).attachments(List.of(picture, link)).build();
    WxCpMsgTemplateAddResult created = wx.getExternalContactService().addMsgTemplate(template);
    assertThat(created.getMsgId()).startsWith("msg");
    assertThat(created.getFailList()).containsExactly(stranger);

    WxCpGroupMsgTaskResult task = wx.getExternalContactService().getGroupMsgTask(created.getMsgId(), null, null);
    assertThat(task.getTaskList()).hasSize(1);
    assertThat(task.getTaskList().get(0).getUserId()).isEqualTo(sender);
    assertThat(task.getTaskList().get(0).getStatus()).isEqualTo(2);
    assertThat(task.getTaskList().get(0).getSendTime()).isPositive();

    WxCpGroupMsgSendResult result = wx.getExternalContactService().getGroupMsgSendResult(created.getMsgId(), sender,
        null, null);
    assertThat(result.getSendList()).extracting(WxCpGroupMsgSendResult.ExternalContactGroupMsgSendInfo::getStatus)
        .containsExactly(1, 1);
    assertThat(result.getSendList()).extracting(
        WxCpGroupMsgSendResult.ExternalContactGroupMsgSendInfo::getExternalUserId)
        .containsExactlyElementsOf(customers.subList(0, 2));
    assertThat(result.getNextCursor()).isEmpty();

    long now = System.currentTimeMillis();
    WxCpGroupMsgListResult list = wx.getExternalContactService().getGroupMsgListV2("single",
        new Date(now - 3_600_000), new Date(now + 3_600_000), null, 2, 100, null);
    WxCpGroupMsgListResult.ExternalContactGroupMsgInfo info = list.getGroupMsgList().stream()
        .filter(m -> m.getMsgId().equals(created.getMsgId())).findFirst().orElseThrow();
    assertThat(info.getCreator()).isNull();
    assertThat(info.getCreateType()).isZero();
    assertThat(info.getCreateTime()).isPositive();
    assertThat(info.getText().getContent()).isEqualTo("双十二 全场五折");
    assertThat(info.getAttachments()).hasSize(2);
    assertThat(info.getAttachments().get(0).getImage().getMediaId()).isEqualTo(image.getMediaId());

    assertThat(corp.groupMsgs().receivedBy(customers.get(0))).singleElement()
        .satisfies(r -> assertThat(r.msgid()).isEqualTo(created.getMsgId()))
        .satisfies(r -> assertThat(r.attachmentCount()).isEqualTo(2));
    assertThat(corp.groupMsgs().receivedBy(stranger)).isEmpty();

    for (int i = 0; i < 3; i++) {
      wx.getExternalContactService().remindGroupMsgSend(created.getMsgId());
    }
    assertThatThrownBy(() -> wx.getExternalContactService().remindGroupMsgSend(created.getMsgId()))
        .satisfies(e -> assertThat(errcode(e)).isEqualTo(41094));
    wx.getExternalContactService().cancelGroupMsgSend(created.getMsgId());
    assertThatThrownBy(() -> wx.getExternalContactService().cancelGroupMsgSend(created.getMsgId()))
        .satisfies(e -> assertThat(errcode(e)).isEqualTo(41093));
  }

  @Test
  void weComsRulesComeBackAsErrcodes() throws Exception {
    assertThatThrownBy(() -> wx.getExternalContactService().getGroupMsgTask("msgUNKNOWN", null, null))
        .satisfies(e -> assertThat(errcode(e)).isEqualTo(41047));
    String sender = staffWith(1);
    WxCpMsgTemplate nobody = WxCpMsgTemplate.builder().chatType("single").sender(sender)
        .externalUserid(List.of("wmNOBODY000000000000000000000000")).text(new Text().setContent("x")).build();
    assertThatThrownBy(() -> wx.getExternalContactService().addMsgTemplate(nobody))
        .satisfies(e -> assertThat(errcode(e)).isEqualTo(41048));

    List<String> one = customersOf(sender, 1);
    Attachment badMedia = new Attachment();
    badMedia.setImage(new Image().setMediaId("3notissuedbymediaupload"));
    WxCpMsgTemplate invalidMedia = WxCpMsgTemplate.builder().chatType("single").sender(sender).externalUserid(one)
        .attachments(List.of(badMedia)).build();
    assertThatThrownBy(() -> wx.getExternalContactService().addMsgTemplate(invalidMedia))
        .satisfies(e -> assertThat(errcode(e)).isEqualTo(40007));

    List<Attachment> ten = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      Attachment a = new Attachment();
      a.setLink(new Link().setTitle("t" + i).setUrl("https://example.com/" + i));
      ten.add(a);
    }
    WxCpMsgTemplate tooMany = WxCpMsgTemplate.builder().chatType("single").sender(sender).externalUserid(one)
        .attachments(ten).build();
    assertThatThrownBy(() -> wx.getExternalContactService().addMsgTemplate(tooMany))
        .satisfies(e -> assertThat(errcode(e)).isEqualTo(41064));
  }

  @Test
  void appMessagesListInvalidUsersAndDropDuplicates() throws Exception {
    String member = corp.followUserIds().get(0);
    WxCpMessage message = WxCpMessage.TEXT().toUser(member + "|nobody_here").content("请确认今天的群发任务").build();
    message.setEnableDuplicateCheck(true);
    message.setDuplicateCheckInterval(600);
    int before = corp.groupMsgs().appMessages().size();
    WxCpMessageSendResult sent = wx.getMessageService().send(message);
    assertThat(sent.getInvalidUser()).isEqualTo("nobody_here");
    assertThat(sent.getMsgId()).isNotBlank();
    assertThat(corp.groupMsgs().appMessages()).hasSize(before + 1);
    assertThat(corp.groupMsgs().appMessages().get(before).userid()).isEqualTo(member);

    wx.getMessageService().send(message); // a repeat within the interval: answered ok, dropped silently
    assertThat(corp.groupMsgs().appMessages()).hasSize(before + 1);
    assertThat(corp.groupMsgs().appDuplicatesDropped()).isEqualTo(1);

    WxCpMessage nobody = WxCpMessage.TEXT().toUser("ghost1|ghost2").content("x").build();
    assertThatThrownBy(() -> wx.getMessageService().send(nobody))
        .satisfies(e -> assertThat(errcode(e)).isEqualTo(81013));
  }

  @Test
  void aCreateThatTimesOutStillCreatedTheSend() throws Exception {
    corp.groupMsgs().settings(new SimGroupMsgs.Settings(0, 1.0, SimGroupMsgs.CapMode.MONTH_4, 0, 1.0, 2_000));
    WxCpService impatient = impatientClient(500);
    String sender = staffWith(1);
    String customer = customersOf(sender, 1).get(0);
    int tasksBefore = corp.groupMsgs().tasks().size();
    WxCpMsgTemplate template = WxCpMsgTemplate.builder().chatType("single").sender(sender)
        .externalUserid(List.of(customer)).text(new Text().setContent("超时也建好了")).build();
    long start = System.nanoTime();
    assertThatThrownBy(() -> impatient.getExternalContactService().addMsgTemplate(template))
        .hasRootCauseInstanceOf(SocketTimeoutException.class);
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2_000);

    List<SimGroupMsgs.Task> tasks = corp.groupMsgs().tasks();
    assertThat(tasks).hasSize(tasksBefore + 1);
    SimGroupMsgs.Task created = tasks.get(tasks.size() - 1);
    assertThat(created.timeoutFault()).isTrue();
    assertThat(created.text()).isEqualTo("超时也建好了");
    assertThat(corp.groupMsgs().receivedCounts("超时也建好了")).containsEntry(customer, 1);
  }

  /** The stock client with a socket timeout of {@code millis} and no HTTP-level retries. */
  private static WxCpService impatientClient(int millis) {
    WxCpDefaultConfigImpl config = new WxCpDefaultConfigImpl();
    config.setCorpId(corp.corpId());
    config.setCorpSecret(corp.secret());
    config.setAgentId(corp.agentId());
    config.setBaseApiUrl(sim.baseUrl());
    config.setApacheHttpClientBuilder(new ShortTimeoutBuilder(millis));
    WxCpServiceImpl service = new WxCpServiceImpl();
    service.setWxCpConfigStorage(config);
    return service;
  }

  private record ShortTimeoutBuilder(int millis) implements ApacheHttpClientBuilder {
    @Override
    public CloseableHttpClient build() {
      return HttpClients.custom().disableAutomaticRetries().setDefaultRequestConfig(RequestConfig.custom()
          .setSocketTimeout(millis).setConnectTimeout(millis).setConnectionRequestTimeout(millis).build()).build();
    }

    @Override
    public ApacheHttpClientBuilder httpProxyHost(String host) {
      return this;
    }

    @Override
    public ApacheHttpClientBuilder httpProxyPort(int port) {
      return this;
    }

    @Override
    public ApacheHttpClientBuilder httpProxyUsername(String username) {
      return this;
    }

    @Override
    public ApacheHttpClientBuilder httpProxyPassword(String password) {
      return this;
    }

    @Override
    public ApacheHttpClientBuilder httpRequestRetryHandler(org.apache.http.client.HttpRequestRetryHandler handler) {
      return this;
    }

    @Override
    public ApacheHttpClientBuilder keepAliveStrategy(org.apache.http.conn.ConnectionKeepAliveStrategy strategy) {
      return this;
    }

    @Override
    public ApacheHttpClientBuilder sslConnectionSocketFactory(
        org.apache.http.conn.ssl.SSLConnectionSocketFactory factory) {
      return this;
    }

    @Override
    public ApacheHttpClientBuilder supportedProtocols(String[] protocols) {
      return this;
    }
  }
}
