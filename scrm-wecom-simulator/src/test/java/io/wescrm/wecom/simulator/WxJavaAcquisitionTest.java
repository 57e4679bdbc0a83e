package io.wescrm.wecom.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import me.chanjar.weixin.common.error.WxErrorException;
import me.chanjar.weixin.cp.api.WxCpService;
import me.chanjar.weixin.cp.bean.external.WxCpContactWayInfo;
import me.chanjar.weixin.cp.bean.external.WxCpContactWayResult;
import me.chanjar.weixin.cp.bean.external.WxCpUserExternalGroupChatTransferResp;
import me.chanjar.weixin.cp.bean.external.WxCpUserExternalUnassignList;
import me.chanjar.weixin.cp.bean.external.WxCpUserTransferCustomerReq;
import me.chanjar.weixin.cp.bean.external.WxCpUserTransferCustomerResp;
import me.chanjar.weixin.cp.bean.external.WxCpUserTransferResultResp;
import me.chanjar.weixin.cp.bean.external.WxCpWelcomeMsg;
import me.chanjar.weixin.cp.bean.external.msg.Text;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * WxJava's stock client, unmodified, drives the simulator's acquisition endpoints: contact ways, welcome messages,
 * customer and group transfers, unassigned customers; WeCom's single-use and transfer rules come back as errcodes.
 */
class WxJavaAcquisitionTest {

  private static WeComSimulator sim;
  private static SimCorp corp;
  private static WxCpService wx;

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

  @Test
  void contactWaysRoundTrip() throws Exception {
    String user = corp.followUserIds().get(0);
    WxCpContactWayInfo.ContactWay way = new WxCpContactWayInfo.ContactWay();
    way.setType(WxCpContactWayInfo.TYPE.SINGLE);
    way.setScene(WxCpContactWayInfo.SCENE.QRCODE);
    way.setState("wx_single_1");
    way.setRemark("门店");
    way.setUsers(List.of(user));
    WxCpContactWayInfo info = new WxCpContactWayInfo();
    info.setContactWay(way);
    WxCpContactWayResult created = wx.getExternalContactService().addContactWay(info);
    assertThat(created.getConfigId()).hasSize(32);
    assertThat(created.getQrCode()).startsWith("https://");

    WxCpContactWayInfo read = wx.getExternalContactService().getContactWay(created.getConfigId());
    assertThat(read.getContactWay().getState()).isEqualTo("wx_single_1");
    assertThat(read.getContactWay().getUsers()).containsExactly(user);
    assertThat(read.getContactWay().getType()).isEqualTo(WxCpContactWayInfo.TYPE.SINGLE);

    way.setConfigId(created.getConfigId());
    way.setRemark("门店2");
    way.setType(null);
    way.setScene(null);
    wx.getExternalContactService().updateContactWay(info);
    assertThat(corp.acquisition().contactWay(created.getConfigId()).orElseThrow().remark()).isEqualTo("门店2");

    wx.getExternalContactService().deleteContactWay(created.getConfigId());
    assertThat(corp.acquisition().contactWay(created.getConfigId())).isEmpty();

    way.setConfigId(null);
    way.setType(WxCpContactWayInfo.TYPE.SINGLE);
    way.setScene(WxCpContactWayInfo.SCENE.QRCODE);
    way.setState("s".repeat(31));
    assertThatThrownBy(() -> wx.getExternalContactService().addContactWay(info))
        .isInstanceOfSatisfying(WxErrorException.class, e -> assertThat(e.getError().getErrorCode()).isEqualTo(40058));
  }

  @Test
  void aWelcomeCodeWorksOnceAndOnlyInsideItsWindow() throws Exception {
    SimScan scan = corp.scan(corp.followUserIds().get(1), "wx_welcome", "扫码客");
    WxCpWelcomeMsg msg = WxCpWelcomeMsg.builder().welcomeCode(scan.welcomeCode())
        .text(new Text().setContent("您好 扫码客")).build();
    wx.getExternalContactService().sendWelcomeMsg(msg);
    assertThat(corp.acquisition().welcomeTo(scan.externalUserId()).orElseThrow().text()).isEqualTo("您好 扫码客");
    assertThatThrownBy(() -> wx.getExternalContactService().sendWelcomeMsg(msg))
        .isInstanceOfSatisfying(WxErrorException.class, e -> assertThat(e.getError().getErrorCode()).isEqualTo(41051));

    corp.welcomeCodeTtl(java.time.Duration.ZERO);
    try {
      SimScan late = corp.scan(corp.followUserIds().get(1), "wx_welcome", "迟到客");
      WxCpWelcomeMsg expired = WxCpWelcomeMsg.builder().welcomeCode(late.welcomeCode())
          .text(new Text().setContent("x")).build();
      assertThatThrownBy(() -> wx.getExternalContactService().sendWelcomeMsg(expired))
          .isInstanceOfSatisfying(WxErrorException.class,
              e -> assertThat(e.getError().getErrorCode()).isEqualTo(41050));
    } finally {
      corp.welcomeCodeTtl(java.time.Duration.ofSeconds(20));
    }
  }

  @Test
  void customersAndGroupsAreTransferredWithWeComsRules() throws Exception {
    List<String> staff = corp.followUserIds();
    String handover = staff.stream().filter(u -> corp.followsOf(u).size() >= 2).findFirst().orElseThrow();
    String takeover = staff.stream().filter(u -> !u.equals(handover)).findFirst().orElseThrow();
    List<String> customers = corp.followsOf(handover).stream().map(SimFollow::externalUserId)
        .filter(e -> corp.follow(takeover, e).isEmpty()).limit(2).toList();
    WxCpUserTransferCustomerReq req = new WxCpUserTransferCustomerReq();
    req.setHandOverUserid(handover);
    req.setTakeOverUserid(takeover);
    req.setExternalUserid(customers);
    WxCpUserTransferCustomerResp resp = wx.getExternalContactService().transferCustomer(req);
    assertThat(resp.getCustomer()).extracting(WxCpUserTransferCustomerResp.TransferCustomer::getErrcode)
        .containsOnly(0);
    assertThat(wx.getExternalContactService().transferCustomer(req).getCustomer())
        .extracting(WxCpUserTransferCustomerResp.TransferCustomer::getErrcode).containsOnly(40129);

    corp.acquisition().completeTransfers(List.of(customers.get(1)));
    WxCpUserTransferResultResp result = wx.getExternalContactService().transferResult(handover, takeover, null);
    assertThat(result.getCustomer()).extracting(WxCpUserTransferResultResp.TransferResult::getStatus)
        .containsExactlyInAnyOrder(WxCpUserTransferResultResp.STATUS.COMPLETE, WxCpUserTransferResultResp.STATUS.REFUSED);
    assertThat(corp.follow(takeover, customers.get(0))).isPresent();

    // resigned: the leaver's customers are unassigned until inherited
    String leaver = staff.stream().filter(u -> !u.equals(handover) && !u.equals(takeover)
        && !corp.followsOf(u).isEmpty()).findFirst().orElseThrow();
    int theirs = corp.followsOf(leaver).size();
    corp.acquisition().resign(leaver);
    WxCpUserExternalUnassignList unassigned = wx.getExternalContactService().listUnassignedList(null, null, 1000);
    assertThat(unassigned.getUnassignInfos()).hasSize(theirs);
    assertThat(unassigned.isLast()).isTrue();
    String ext = unassigned.getUnassignInfos().get(0).getExternalUserid();
    req.setHandOverUserid(leaver);
    req.setExternalUserid(List.of(ext));
    assertThat(wx.getExternalContactService().resignedTransferCustomer(req).getCustomer().get(0).getErrcode())
        .isZero();
    // an on-job transfer from a member who left: refused as a whole
    assertThatThrownBy(() -> wx.getExternalContactService().transferCustomer(req))
        .isInstanceOfSatisfying(WxErrorException.class, e -> assertThat(e.getError().getErrorCode()).isEqualTo(40097));

    SimGroupChat chat = corp.groupChats().stream().filter(g -> corp.staff(g.owner()).isPresent()
        && !g.owner().equals(takeover)).findFirst().orElseThrow();
    WxCpUserExternalGroupChatTransferResp groups = wx.getExternalContactService()
        .transferGroupChat(new String[] {chat.chatId()}, takeover);
    assertThat(groups.getFailedChatList()).singleElement().satisfies(f -> assertThat(f.getChatId())
        .isEqualTo(chat.chatId()));
    assertThat(wx.getExternalContactService().onjobTransferGroupChat(new String[] {chat.chatId()}, takeover)
        .getFailedChatList()).isEmpty();
    assertThat(corp.groupChat(chat.chatId()).orElseThrow().owner()).isEqualTo(takeover);
  }
}
