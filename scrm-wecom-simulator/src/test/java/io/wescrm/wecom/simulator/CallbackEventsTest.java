package io.wescrm.wecom.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wescrm.wecom.simulator.CallbackReceiver.Received;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import me.chanjar.weixin.cp.bean.message.WxCpXmlMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every SimChange kind becomes the WeCom event XML of reference §2, as WxJava parses it. */
class CallbackEventsTest {

  private static final String CORP = "wwcallbackevents";

  private WeComSimulator sim;
  private SimCorp corp;
  private CallbackReceiver receiver;
  private String staff;
  private String otherStaff;

  @BeforeEach
  void start() throws Exception {
    sim = WeComSimulator.start(SimulatorOptions.of(
        new SimCorpSpec(CORP, "回调测试", "s3cret", 1000002, SeedSize.of(2, 8, 100, 150, 4, 10), 5L)));
    corp = sim.corp(CORP);
    receiver = new CallbackReceiver(CORP);
    corp.callbacks(receiver.url(), CallbackReceiver.TOKEN, CallbackReceiver.AES_KEY)
        .callbackRetryInterval(Duration.ofMillis(100));
    staff = corp.followUserIds().get(0);
    otherStaff = corp.followUserIds().get(1);
  }

  @AfterEach
  void stop() {
    sim.close();
    receiver.close();
  }

  /** Runs the changes and returns the events they produced, in order. */
  private List<WxCpXmlMessage> events(Runnable changes) {
    int before = receiver.received().size();
    changes.run();
    assertThat(corp.awaitCallbacksIdle(Duration.ofSeconds(10))).isTrue();
    assertThat(receiver.problems()).isEmpty();
    List<Received> all = receiver.received();
    return all.subList(before, all.size()).stream().map(Received::message).toList();
  }

  private WxCpXmlMessage single(Runnable change) {
    List<WxCpXmlMessage> events = events(change);
    assertThat(events).hasSize(1);
    return events.get(0);
  }

  @Test
  void commonHeaderAndEnvelope() {
    long before = Instant.now().getEpochSecond();
    corp.scan(staff, "store_sh01_qr", "扫码客户🌸");
    assertThat(corp.awaitCallbacksIdle(Duration.ofSeconds(10))).isTrue();
    Received received = receiver.received().get(0);
    assertThat(received.path()).isEqualTo("/wecom/callback/" + CORP);
    assertThat(received.contentType()).startsWith("text/xml");
    assertThat(received.agentId()).isEqualTo("1000002");
    WxCpXmlMessage message = received.message();
    assertThat(message.getAgentId()).isEqualTo("1000002");
    assertThat(message.getToUserName()).isEqualTo(CORP);
    assertThat(message.getFromUserName()).isEqualTo("sys");
    assertThat(message.getMsgType()).isEqualTo("event");
    assertThat(message.getCreateTime()).isBetween(before, Instant.now().getEpochSecond());
    assertThat(received.plaintext()).startsWith("<xml><ToUserName><![CDATA[" + CORP + "]]></ToUserName>"
        + "<FromUserName><![CDATA[sys]]></FromUserName><CreateTime>")
        .contains("<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[change_external_contact]]></Event>"
            + "<ChangeType><![CDATA[add_external_contact]]></ChangeType>")
        .endsWith("</xml>");
    assertThat(received.plaintext()).doesNotContain("StrategyId");
  }

  @Test
  void externalContactEvents() {
    SimCustomer customer = corp.addCustomer(null, "李女士", 1, 2, "oUnion", null);
    List<WxCpXmlMessage> added = events(() -> corp.addFollow(staff, customer.externalUserId(), "", "", 1,
        "ad_douyin_03", 0, List.of(), List.of()));
    assertThat(added).as("CUSTOMER_CREATED has no event").hasSize(1);
    WxCpXmlMessage add = added.get(0);
    assertThat(add.getEvent()).isEqualTo("change_external_contact");
    assertThat(add.getChangeType()).isEqualTo("add_external_contact");
    assertThat(add.getUserId()).isEqualTo(staff);
    assertThat(add.getExternalUserId()).isEqualTo(customer.externalUserId());
    assertThat(add.getState()).isEqualTo("ad_douyin_03");
    assertThat(add.getWelcomeCode()).isNotBlank();
    SimWelcomeCode code = corp.welcomeCode(add.getWelcomeCode()).orElseThrow();
    assertThat(code.userid()).isEqualTo(staff);
    assertThat(code.externalUserId()).isEqualTo(customer.externalUserId());
    assertThat(Duration.between(code.issuedAt(), code.expiresAt())).isEqualTo(Duration.ofSeconds(20));

    WxCpXmlMessage half = single(() -> corp.addHalfFollow(otherStaff, customer.externalUserId(), "hq_live_qr"));
    assertThat(half.getChangeType()).isEqualTo("add_half_external_contact");
    assertThat(half.getUserId()).isEqualTo(otherStaff);
    assertThat(half.getState()).isEqualTo("hq_live_qr");
    assertThat(half.getWelcomeCode()).isNotBlank().isNotEqualTo(add.getWelcomeCode());

    WxCpXmlMessage edit = single(() -> corp.editFollow(staff, customer.externalUserId(), "VIP 李", null, null));
    assertThat(edit.getChangeType()).isEqualTo("edit_external_contact");
    assertThat(edit.getUserId()).isEqualTo(staff);
    assertThat(edit.getExternalUserId()).isEqualTo(customer.externalUserId());
    assertThat(edit.getState()).isNull();
    assertThat(edit.getWelcomeCode()).isNull();

    String tagId = corp.tags().get(0).id();
    WxCpXmlMessage tagged = single(() -> corp.markTag(staff, customer.externalUserId(), List.of(tagId), List.of()));
    assertThat(tagged.getChangeType()).isEqualTo("edit_external_contact");

    WxCpXmlMessage byStaff = single(() -> corp.removeFollow(staff, customer.externalUserId()));
    assertThat(byStaff.getChangeType()).isEqualTo("del_external_contact");
    assertThat(byStaff.getSource()).isNull();

    WxCpXmlMessage byCustomer = single(() -> corp.removeFollow(otherStaff, customer.externalUserId(), true));
    assertThat(byCustomer.getChangeType()).isEqualTo("del_follow_user");
    assertThat(byCustomer.getUserId()).isEqualTo(otherStaff);

    // a business partner (another corp's WeCom user) gets no WelcomeCode
    SimCustomer partner = corp.addCustomer(null, "王总", 2, 1, null, "合作伙伴公司");
    WxCpXmlMessage partnerAdd = single(() -> corp.addFollow(staff, partner.externalUserId()));
    assertThat(partnerAdd.getChangeType()).isEqualTo("add_external_contact");
    assertThat(partnerAdd.getWelcomeCode()).isNull();
    assertThat(partnerAdd.getState()).isNull();
  }

  @Test
  void transferDeletesWithSourceAndAddsSilently() {
    SimFollow follow = corp.followsOf(staff).get(0);
    String takeover = corp.followUserIds().stream()
        .filter(u -> corp.follow(u, follow.externalUserId()).isEmpty()).findFirst().orElseThrow();
    WxCpXmlMessage deleted = single(() -> corp.transferFollow(staff, follow.externalUserId(), takeover));
    assertThat(deleted.getChangeType()).isEqualTo("del_external_contact");
    assertThat(deleted.getSource()).isEqualTo("DELETE_BY_TRANSFER");
    assertThat(deleted.getUserId()).isEqualTo(staff);
    assertThat(corp.follow(takeover, follow.externalUserId()).orElseThrow().tagIds()).isEqualTo(follow.tagIds());
    assertThat(corp.follow(staff, follow.externalUserId())).isEmpty();
  }

  @Test
  void tagEvents() {
    List<WxCpXmlMessage> created = events(() -> corp.addTagGroup("到店频次", 5, "每周", "每月"));
    assertThat(created).extracting(WxCpXmlMessage::getEvent).containsOnly("change_external_tag");
    assertThat(created).extracting(WxCpXmlMessage::getChangeType).containsExactly("create", "create", "create");
    assertThat(created).extracting(WxCpXmlMessage::getTagType).containsExactly("tag_group", "tag", "tag");
    SimTagGroup group = corp.tagGroups().stream().filter(g -> g.name().equals("到店频次")).findFirst().orElseThrow();
    assertThat(created.get(0).getId()).isEqualTo(group.groupId());
    assertThat(created.subList(1, 3)).extracting(WxCpXmlMessage::getId)
        .containsExactly(group.tags().get(0).id(), group.tags().get(1).id());

    String tagId = group.tags().get(0).id();
    WxCpXmlMessage renamed = single(() -> corp.renameTag(tagId, "每周一次"));
    assertThat(renamed.getChangeType()).isEqualTo("update");
    assertThat(renamed.getTagType()).isEqualTo("tag");
    assertThat(renamed.getId()).isEqualTo(tagId);
    WxCpXmlMessage groupRenamed = single(() -> corp.renameTag(group.groupId(), "到店"));
    assertThat(groupRenamed.getTagType()).isEqualTo("tag_group");

    WxCpXmlMessage deleted = single(() -> corp.deleteTag(tagId));
    assertThat(deleted.getChangeType()).isEqualTo("delete");
    assertThat(deleted.getTagType()).isEqualTo("tag");
    assertThat(deleted.getId()).isEqualTo(tagId);
    List<WxCpXmlMessage> lastTag = events(() -> corp.deleteTag(group.tags().get(1).id()));
    assertThat(lastTag).extracting(WxCpXmlMessage::getTagType).containsExactly("tag", "tag_group");
  }

  @Test
  void groupChatEvents() {
    SimCustomer customer = corp.customers().get(0);
    SimCustomer other = corp.customers().get(1);
    WxCpXmlMessage created = single(() -> corp.addGroupChat(null, "上海店VIP群", staff, "欢迎", 0));
    assertThat(created.getEvent()).isEqualTo("change_external_chat");
    assertThat(created.getChangeType()).isEqualTo("create");
    String chatId = created.getChatId();
    assertThat(chatId).startsWith("wr");
    assertThat(created.getUpdateDetail()).isNull();

    String before = corp.groupChat(chatId).orElseThrow().memberVersion();
    CallbackReceiver.Received joinedByQr = receivedOf(() ->
        corp.addGroupMember(chatId, customer.externalUserId(), 2, 3, null));
    WxCpXmlMessage joined = joinedByQr.message();
    assertThat(joined.getChangeType()).isEqualTo("update");
    assertThat(joined.getChatId()).isEqualTo(chatId);
    assertThat(joined.getUpdateDetail()).isEqualTo("add_member");
    assertThat(joined.getJoinScene()).isEqualTo("3");
    assertThat(joined.getQuitScene()).isNull();
    assertThat(joined.getMemChangeCnt()).isEqualTo("1");
    assertThat(joinedByQr.message().getAllFieldsMap().get("MemChangeList"))
        .isEqualTo(Map.of("Item", List.of(customer.externalUserId())));
    assertThat(joinedByQr.field("LastMemVer")).isEqualTo(before);
    assertThat(joinedByQr.field("CurMemVer")).isEqualTo(corp.groupChat(chatId).orElseThrow().memberVersion())
        .isNotEqualTo(before);

    WxCpXmlMessage invited = single(() -> corp.addGroupMember(chatId, other.externalUserId(), 2, 1, staff));
    assertThat(invited.getJoinScene()).as("join_scene 1/2 are JoinScene 0 in events").isEqualTo("0");
    WxCpXmlMessage byLink = single(() -> corp.addGroupMember(chatId, otherStaff, 1, 2, staff));
    assertThat(byLink.getJoinScene()).isEqualTo("0");

    WxCpXmlMessage removed = single(() -> corp.removeGroupMember(chatId, other.externalUserId(), true));
    assertThat(removed.getUpdateDetail()).isEqualTo("del_member");
    assertThat(removed.getQuitScene()).isEqualTo("1");
    assertThat(removed.getJoinScene()).isNull();
    WxCpXmlMessage left = single(() -> corp.removeGroupMember(chatId, customer.externalUserId()));
    assertThat(left.getQuitScene()).isEqualTo("0");
    assertThat(left.getMemChangeCnt()).isEqualTo("1");

    assertThat(single(() -> corp.renameGroup(chatId, "VIP群")).getUpdateDetail()).isEqualTo("change_name");
    assertThat(single(() -> corp.changeGroupNotice(chatId, "周末活动")).getUpdateDetail()).isEqualTo("change_notice");
    WxCpXmlMessage owner = single(() -> corp.changeGroupOwner(chatId, otherStaff));
    assertThat(owner.getUpdateDetail()).isEqualTo("change_owner");
    assertThat(owner.getMemChangeCnt()).isNull();
    WxCpXmlMessage dismissed = single(() -> corp.dismissGroup(chatId));
    assertThat(dismissed.getChangeType()).isEqualTo("dismiss");
    assertThat(dismissed.getChatId()).isEqualTo(chatId);
  }

  private CallbackReceiver.Received receivedOf(Runnable change) {
    int before = receiver.received().size();
    change.run();
    assertThat(corp.awaitCallbacksIdle(Duration.ofSeconds(10))).isTrue();
    List<CallbackReceiver.Received> all = receiver.received();
    assertThat(all).hasSize(before + 1);
    return all.get(before);
  }

  @Test
  void contactEvents() {
    WxCpXmlMessage party = single(() -> corp.addDepartment(901, "成都春熙路店", 1, 77));
    assertThat(party.getEvent()).isEqualTo("change_contact");
    assertThat(party.getChangeType()).isEqualTo("create_party");
    assertThat(party.getId()).isEqualTo("901");
    assertThat(party.getName()).isEqualTo("成都春熙路店");
    assertThat(party.getParentId()).isEqualTo("1");
    assertThat(party.getOrder()).isEqualTo("77");

    WxCpXmlMessage user = single(() -> corp.addStaff("chenjing99", "陈静", List.of(901L, 1L), true, "店员"));
    assertThat(user.getChangeType()).isEqualTo("create_user");
    assertThat(user.getUserId()).isEqualTo("chenjing99");
    assertThat(user.getName()).isEqualTo("陈静");
    assertThat(user.getDepartments()).containsExactly(901L, 1L);
    assertThat(user.getMainDepartment()).isEqualTo(901L);
    assertThat(user.getIsLeaderInDept()).containsExactly(0, 0);
    assertThat(user.getPosition()).isEqualTo("店员");
    assertThat(user.getStatus()).isEqualTo("1");

    WxCpXmlMessage updated = single(() -> corp.updateStaff("chenjing99", "陈静静", null, "店长"));
    assertThat(updated.getChangeType()).isEqualTo("update_user");
    assertThat(updated.getName()).isEqualTo("陈静静");
    assertThat(updated.getPosition()).isEqualTo("店长");

    WxCpXmlMessage partyUpdated = single(() -> corp.updateDepartment(901, "成都太古里店", null));
    assertThat(partyUpdated.getChangeType()).isEqualTo("update_party");
    assertThat(partyUpdated.getName()).isEqualTo("成都太古里店");
    assertThat(partyUpdated.getOrder()).isNull();

    assertThatThrownBy(() -> corp.deleteDepartment(901)).isInstanceOf(WeComApiError.class)
        .satisfies(e -> assertThat(((WeComApiError) e).errcode()).isEqualTo(60005));
    WxCpXmlMessage deletedUser = single(() -> corp.removeStaff("chenjing99"));
    assertThat(deletedUser.getChangeType()).isEqualTo("delete_user");
    assertThat(deletedUser.getUserId()).isEqualTo("chenjing99");
    assertThat(deletedUser.getName()).isNull();

    WxCpXmlMessage deletedParty = single(() -> corp.deleteDepartment(901));
    assertThat(deletedParty.getChangeType()).isEqualTo("delete_party");
    assertThat(deletedParty.getId()).isEqualTo("901");
    assertThat(deletedParty.getName()).isNull();
  }
}
