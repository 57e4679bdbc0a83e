package io.wescrm.wecom.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import me.chanjar.weixin.cp.api.WxCpService;
import me.chanjar.weixin.cp.api.impl.WxCpServiceImpl;
import me.chanjar.weixin.cp.bean.WxCpDepart;
import me.chanjar.weixin.cp.bean.WxCpUser;
import me.chanjar.weixin.cp.bean.external.WxCpUserExternalGroupChatInfo;
import me.chanjar.weixin.cp.bean.external.WxCpUserExternalGroupChatList;
import me.chanjar.weixin.cp.bean.external.WxCpUserExternalTagGroupList;
import me.chanjar.weixin.cp.bean.external.contact.FollowedUser;
import me.chanjar.weixin.cp.bean.external.contact.WxCpExternalContactBatchInfo;
import me.chanjar.weixin.cp.bean.external.contact.WxCpExternalContactInfo;
import me.chanjar.weixin.cp.config.impl.WxCpDefaultConfigImpl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** WxJava's stock client, unmodified, reads the seeded demo corp through the simulator. */
class WxJavaAgainstSimulatorTest {

  private static WeComSimulator sim;
  private static SimCorp corp;
  private static WxCpService wx;

  @BeforeAll
  static void start() {
    sim = WeComSimulator.start(SimulatorOptions.of(SimCorpSpec.demo()));
    corp = sim.corp(SimCorpSpec.DEMO_CORP_ID);
    wx = stockClient(sim, corp);
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  static WxCpService stockClient(WeComSimulator simulator, SimCorp target) {
    WxCpDefaultConfigImpl config = new WxCpDefaultConfigImpl();
    config.setCorpId(target.corpId());
    config.setCorpSecret(target.secret());
    config.setAgentId(target.agentId());
    config.setBaseApiUrl(simulator.baseUrl());
    WxCpServiceImpl service = new WxCpServiceImpl();
    service.setWxCpConfigStorage(config);
    return service;
  }

  @Test
  void getsAnAccessToken() throws Exception {
    String token = wx.getAccessToken();
    assertThat(token).hasSize(96);
    assertThat(wx.getAccessToken()).isEqualTo(token);
  }

  @Test
  void readsDepartmentsAndStaff() throws Exception {
    List<WxCpDepart> departments = wx.getDepartmentService().list(null);
    assertThat(departments).hasSize(corp.counts().departments());
    assertThat(departments).extracting(WxCpDepart::getName)
        .contains("悦颜美妆", "总部", "上海南京西路店", "杭州湖滨银泰店", "北京三里屯店");
    WxCpDepart store = departments.stream().filter(d -> d.getName().equals("上海南京西路店")).findFirst().orElseThrow();
    assertThat(store.getParentId()).isEqualTo(1L);
    assertThat(store.getDepartmentLeader()).hasSize(1);

    List<WxCpDepart> subtree = wx.getDepartmentService().list(2L);
    assertThat(subtree).extracting(WxCpDepart::getName).containsExactly("总部", "市场部", "客服中心");

    String managerId = store.getDepartmentLeader()[0];
    SimStaff expected = corp.staff(managerId).orElseThrow();
    WxCpUser user = wx.getUserService().getById(managerId);
    assertThat(user.getUserId()).isEqualTo(managerId).matches("[a-z]+\\d{2}");
    assertThat(user.getName()).isEqualTo(expected.name());
    assertThat(user.getDepartIds()).containsExactly(store.getId());
    assertThat(user.getMainDepartment()).isEqualTo(String.valueOf(store.getId()));
    assertThat(user.getPosition()).isEqualTo("店长");
  }

  @Test
  void readsFollowersCustomersAndDetails() throws Exception {
    List<String> followers = wx.getExternalContactService().listFollowers();
    assertThat(followers).isEqualTo(corp.followUserIds()).hasSize(corp.counts().followStaff());

    String busiest = corp.followCountsByStaff().entrySet().stream().max(Map.Entry.comparingByValue())
        .orElseThrow().getKey();
    List<SimFollow> relations = corp.followsOf(busiest);
    List<String> customers = wx.getExternalContactService().listExternalContacts(busiest);
    assertThat(customers).isEqualTo(relations.stream().map(SimFollow::externalUserId).toList());

    SimFollow relation = relations.stream().filter(f -> f.tagIds().size() >= 2).findFirst().orElseThrow();
    WxCpExternalContactInfo detail = wx.getExternalContactService().getContactDetail(relation.externalUserId(), null);
    SimCustomer customer = corp.customer(relation.externalUserId()).orElseThrow();
    assertThat(detail.getExternalContact().getExternalUserId()).isEqualTo(customer.externalUserId());
    assertThat(detail.getExternalContact().getName()).isEqualTo(customer.name());
    assertThat(detail.getExternalContact().getType()).isEqualTo(customer.type());
    assertThat(detail.getNextCursor()).isNull();
    assertThat(detail.getFollowedUsers()).extracting(FollowedUser::getUserId)
        .containsExactlyElementsOf(corp.followsOfCustomer(customer.externalUserId()).stream()
            .map(SimFollow::userid).toList());
    FollowedUser followed = detail.getFollowedUsers().stream().filter(f -> f.getUserId().equals(busiest))
        .findFirst().orElseThrow();
    assertThat(Arrays.stream(followed.getTags()).map(FollowedUser.Tag::getTagId).toList())
        .isEqualTo(relation.tagIds());
    assertThat(Arrays.stream(followed.getTags()).map(FollowedUser.Tag::getGroupName).toList())
        .allMatch(name -> List.of("客户等级", "来源渠道", "兴趣偏好", "生命周期", "会员等级").contains(name));
    assertThat(followed.getCreateTime()).isEqualTo(relation.createTime());
    assertThat(followed.getAddWay()).isEqualTo(String.valueOf(relation.addWay()));
    assertThat(followed.getRemark()).isEqualTo(relation.remark());
  }

  @Test
  void keepsEmojiInCustomerNames() throws Exception {
    for (String name : List.of("小美🌸", "Tony王😀")) {
      SimCustomer customer = corp.customers().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
      WxCpExternalContactInfo detail = wx.getExternalContactService().getContactDetail(customer.externalUserId(),
          null);
      assertThat(detail.getExternalContact().getName()).isEqualTo(name);
      assertThat(customer.externalUserId()).matches("wm[0-9A-Za-z]{30}");
    }
  }

  @Test
  void batchPagingReturnsEveryRelationExactlyOnce() throws Exception {
    List<String> followers = wx.getExternalContactService().listFollowers();
    Set<String> seen = new HashSet<>();
    Map<String, List<String>> tagsByRelation = new HashMap<>();
    int pages = 0;
    for (int from = 0; from < followers.size(); from += 100) {
      String[] chunk = followers.subList(from, Math.min(from + 100, followers.size())).toArray(String[]::new);
      String cursor = null;
      do {
        WxCpExternalContactBatchInfo page = wx.getExternalContactService().getContactDetailBatch(chunk, cursor, 100);
        pages++;
        assertThat(page.getExternalContactList()).hasSizeLessThanOrEqualTo(100);
        for (WxCpExternalContactBatchInfo.ExternalContactInfo item : page.getExternalContactList()) {
          String key = item.getFollowInfo().getUserId() + "/" + item.getExternalContact().getExternalUserId();
          assertThat(seen.add(key)).as("duplicate relation %s", key).isTrue();
          tagsByRelation.put(key, Arrays.asList(item.getFollowInfo().getTagIds()));
        }
        cursor = page.getNextCursor();
      } while (cursor != null && !cursor.isEmpty());
    }
    assertThat((long) seen.size()).isEqualTo(corp.counts().followRelations());
    assertThat(pages).isGreaterThanOrEqualTo((int) (corp.counts().followRelations() / 100));
    Map<String, List<String>> expected = new HashMap<>();
    for (SimFollow follow : corp.follows()) {
      expected.put(follow.userid() + "/" + follow.externalUserId(), follow.tagIds());
    }
    assertThat(tagsByRelation).isEqualTo(expected);
    long tagAssignments = tagsByRelation.values().stream().mapToLong(List::size).sum();
    assertThat(tagAssignments).isEqualTo(corp.counts().followTags());
  }

  @Test
  void readsTheCorpTagLibrary() throws Exception {
    WxCpUserExternalTagGroupList list = wx.getExternalContactService().getCorpTagList(null);
    assertThat(list.getTagGroupList()).hasSize(corp.counts().tagGroups());
    assertThat(list.getTagGroupList().stream().mapToInt(g -> g.getTag().size()).sum())
        .isEqualTo(corp.counts().tags());
    assertThat(list.getTagGroupList()).extracting(WxCpUserExternalTagGroupList.TagGroup::getGroupName)
        .containsExactly("客户等级", "来源渠道", "兴趣偏好", "生命周期", "会员等级");
    WxCpUserExternalTagGroupList.TagGroup level = list.getTagGroupList().get(0);
    assertThat(level.getTag()).extracting(WxCpUserExternalTagGroupList.TagGroup.Tag::getName)
        .containsExactly("A类客户", "B类客户", "C类客户");
    assertThat(level.getGroupId()).matches("et[0-9A-Za-z]{30}");
    assertThat(level.getDeleted()).isFalse();
  }

  @Test
  void listsAndReadsCustomerGroups() throws Exception {
    List<String> chatIds = new ArrayList<>();
    String cursor = null;
    do {
      WxCpUserExternalGroupChatList page = wx.getExternalContactService().listGroupChat(20, cursor, 0, null);
      page.getGroupChatList().forEach(c -> chatIds.add(c.getChatId()));
      cursor = page.getNextCursor();
    } while (cursor != null && !cursor.isEmpty());
    assertThat(chatIds).containsExactlyElementsOf(corp.groupChats().stream().map(SimGroupChat::chatId).toList());
    assertThat(chatIds).hasSize(50);

    SimGroupChat expected = corp.groupChats().stream().max(Comparator.comparingInt(g -> g.members().size()))
        .orElseThrow();
    WxCpUserExternalGroupChatInfo.GroupChat chat = wx.getExternalContactService().getGroupChat(expected.chatId(), 1)
        .getGroupChat();
    assertThat(chat.getChatId()).isEqualTo(expected.chatId()).matches("wr[0-9A-Za-z]{30}");
    assertThat(chat.getName()).isEqualTo(expected.name());
    assertThat(chat.getOwner()).isEqualTo(expected.owner());
    assertThat(chat.getMemberVersion()).isEqualTo(expected.memberVersion()).hasSize(32);
    assertThat(chat.getMemberList()).extracting(WxCpUserExternalGroupChatInfo.GroupMember::getUserId)
        .containsExactlyElementsOf(expected.members().stream().map(SimGroupMember::userid).toList());
    assertThat(chat.getMemberList()).extracting(WxCpUserExternalGroupChatInfo.GroupMember::getName)
        .containsExactlyElementsOf(expected.members().stream().map(SimGroupMember::name).toList());
    assertThat(chat.getMemberList()).extracting(WxCpUserExternalGroupChatInfo.GroupMember::getType)
        .contains(1, 2);
    WxCpUserExternalGroupChatInfo.GroupMember external = chat.getMemberList().stream().filter(m -> m.getType() == 2)
        .findFirst().orElseThrow();
    SimGroupMember expectedExternal = expected.members().stream()
        .filter(m -> m.userid().equals(external.getUserId())).findFirst().orElseThrow();
    assertThat(external.getJoinScene()).isEqualTo(expectedExternal.joinScene());
    assertThat(external.getUnionId()).isEqualTo(expectedExternal.unionid());

    String owner = expected.owner();
    WxCpUserExternalGroupChatList owned = wx.getExternalContactService().listGroupChat(1000, null, 0,
        new String[] {owner});
    assertThat(owned.getGroupChatList()).extracting(WxCpUserExternalGroupChatList.ChatStatus::getChatId)
        .containsExactlyElementsOf(corp.groupChats().stream().filter(g -> g.owner().equals(owner))
            .map(SimGroupChat::chatId).toList());
  }
}
