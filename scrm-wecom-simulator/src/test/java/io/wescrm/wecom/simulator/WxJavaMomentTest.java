package io.wescrm.wecom.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import me.chanjar.weixin.common.error.WxErrorException;
import me.chanjar.weixin.cp.api.WxCpExternalContactService;
import me.chanjar.weixin.cp.api.WxCpService;
import me.chanjar.weixin.cp.bean.external.WxCpGetMomentComments;
import me.chanjar.weixin.cp.bean.external.WxCpGetMomentCustomerList;
import me.chanjar.weixin.cp.bean.external.WxCpGetMomentList;
import me.chanjar.weixin.cp.bean.external.WxCpGetMomentSendResult;
import me.chanjar.weixin.cp.bean.external.WxCpGetMomentTask;
import me.chanjar.weixin.cp.bean.external.moment.MomentInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * WxJava's stock client drives the simulator's moments family: the seeded demo corp has corp and personal moments
 * with tasks, visibility, likes and comments; the list is paged by 20 within windows of at most 30 days; WeCom's
 * errors come back as errcodes; the control calls (publish, like, comment) show in the API and in the oracle.
 */
class WxJavaMomentTest {

  private static WeComSimulator sim;
  private static SimCorp corp;
  private static WxCpService wx;
  private static WxCpExternalContactService contacts;
  private static long now;

  @BeforeAll
  static void start() {
    sim = WeComSimulator.start(SimulatorOptions.of(SimCorpSpec.demo()));
    corp = sim.corp(SimCorpSpec.DEMO_CORP_ID);
    wx = WxJavaAgainstSimulatorTest.stockClient(sim, corp);
    contacts = wx.getExternalContactService();
    now = System.currentTimeMillis() / 1000;
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  private static int errcode(Throwable e) {
    return ((WxErrorException) e).getError().getErrorCode();
  }

  /** Every moment of [from, to] through WxJava, following next_cursor; asserts the page size limit. */
  private static List<MomentInfo> all(long from, long to, Integer filter, String creator) throws Exception {
    List<MomentInfo> all = new ArrayList<>();
    String cursor = null;
    do {
      WxCpGetMomentList page = contacts.getMomentList(from, to, creator, filter, cursor, 100);
      assertThat(page.getMomentList().size()).isLessThanOrEqualTo(MomentApi.LIST_MAX);
      all.addAll(page.getMomentList());
      cursor = page.getNextCursor();
    } while (cursor != null && !cursor.isEmpty());
    return all;
  }

  @Test
  void listsSeededCorpAndPersonalMomentsPageByPageWithinThirtyDayWindows() throws Exception {
    List<SimMoments.Moment> seeded = corp.moments().moments();
    assertThat(seeded).hasSizeGreaterThan(40);
    long first = seeded.get(0).createTime();
    Set<String> seen = new HashSet<>();
    for (long from = first; from <= now; from += MomentApi.MAX_SPAN_SECONDS + 1) {
      for (MomentInfo m : all(from, Math.min(now, from + MomentApi.MAX_SPAN_SECONDS), null, null)) {
        assertThat(seen.add(m.getMomentId())).as("listed once: " + m.getMomentId()).isTrue();
        assertThat(Long.parseLong(m.getCreateTime())).isBetween(from, from + MomentApi.MAX_SPAN_SECONDS);
        assertThat(m.getText().getContent()).isNotBlank();
      }
    }
    assertThat(seen).isEqualTo(seeded.stream().map(SimMoments.Moment::momentId).collect(
        java.util.stream.Collectors.toSet()));
    long corpMoments = seeded.stream().filter(m -> m.createType() == 0).count();
    long window = now - MomentApi.MAX_SPAN_SECONDS;
    assertThat(all(window, now, 0, null)).allMatch(m -> m.getCreateType() == 0)
        .hasSize((int) seeded.stream().filter(m -> m.createType() == 0 && m.createTime() >= window).count());
    assertThat(corpMoments).isPositive();
    String creator = seeded.stream().filter(m -> m.createType() == 1).reduce((a, b) -> b).orElseThrow().creator();
    assertThat(all(window, now, 1, creator)).allMatch(m -> m.getCreator().equals(creator) && m.getCreateType() == 1);
  }

  @Test
  void refusesWindowsLongerThanThirtyDaysAndMissingTimes() {
    assertThatThrownBy(() -> contacts.getMomentList(now - MomentApi.MAX_SPAN_SECONDS - 1, now, null, null, null,
        null)).satisfies(e -> assertThat(errcode(e)).isEqualTo(40058));
    assertThatThrownBy(() -> contacts.getMomentList(null, now, null, null, null, null))
        .satisfies(e -> assertThat(errcode(e)).isEqualTo(40058));
    assertThatThrownBy(() -> contacts.getMomentList(now - 86_400, now, null, null, "bogus", null))
        .satisfies(e -> assertThat(errcode(e)).isEqualTo(50100));
    assertThatThrownBy(() -> contacts.getMomentTask("momNOSUCH", null, null))
        .satisfies(e -> assertThat(errcode(e)).isEqualTo(41060));
    assertThatThrownBy(() -> contacts.getMomentTask("", null, null))
        .satisfies(e -> assertThat(errcode(e)).isEqualTo(41059));
  }

  @Test
  void corpMomentTasksVisibilityAndInteractionsPerStaffCopy() throws Exception {
    SimMoments.Moment corpMoment = corp.moments().moments().stream().filter(m -> m.createType() == 0)
        .reduce((a, b) -> b).orElseThrow();
    List<SimMoments.Copy> copies = corp.moments().copies(corpMoment.momentId());
    List<WxCpGetMomentTask.MomentTaskItem> tasks = new ArrayList<>();
    String cursor = null;
    do {
      WxCpGetMomentTask page = contacts.getMomentTask(corpMoment.momentId(), cursor, 7);
      assertThat(page.getTaskList().size()).isLessThanOrEqualTo(7);
      tasks.addAll(page.getTaskList());
      cursor = page.getNextCursor();
    } while (cursor != null && !cursor.isEmpty());
    assertThat(tasks).extracting(WxCpGetMomentTask.MomentTaskItem::getUserId)
        .containsExactlyElementsOf(copies.stream().map(SimMoments.Copy::userid).toList());
    SimMoments.Copy published = copies.stream().filter(c -> c.publishStatus() == 1
        && c.visibleCustomers().size() > 3).findFirst().orElseThrow();
    List<String> visible = new ArrayList<>();
    cursor = null;
    do {
      WxCpGetMomentCustomerList page = contacts.getMomentCustomerList(corpMoment.momentId(), published.userid(),
          cursor, 2);
      page.getCustomerList().forEach(c -> {
        assertThat(c.getUserId()).isEqualTo(published.userid());
        visible.add(c.getExternalUserId());
      });
      cursor = page.getNextCursor();
    } while (cursor != null && !cursor.isEmpty());
    assertThat(visible).containsExactlyElementsOf(published.visibleCustomers());
    WxCpGetMomentSendResult sent = contacts.getMomentSendResult(corpMoment.momentId(), published.userid(), null,
        9_999);
    assertThat(sent.getCustomerList()).hasSize(Math.min(MomentApi.SEND_RESULT_MAX, visible.size()));
    WxCpGetMomentComments comments = contacts.getMomentComments(corpMoment.momentId(), published.userid());
    long likes = corp.moments().interactions(corpMoment.momentId()).stream()
        .filter(i -> i.userid().equals(published.userid()) && i.kind().equals("LIKE")).count();
    assertThat(comments.getLikeList()).hasSize((int) likes);
    SimMoments.Copy unpublished = copies.stream().filter(c -> c.publishStatus() == 0).findFirst().orElse(null);
    if (unpublished != null) {
      assertThatThrownBy(() -> contacts.getMomentComments(corpMoment.momentId(), unpublished.userid()))
          .satisfies(e -> assertThat(errcode(e)).isEqualTo(41062));
    }
    assertThatThrownBy(() -> contacts.getMomentComments(corpMoment.momentId(), "nobody"))
        .satisfies(e -> assertThat(errcode(e)).isEqualTo(41061));
  }

  @Test
  void controlCallsPublishLikeAndCommentAndTheOracleCountsDistinctMoments() throws Exception {
    SimTestClient http = new SimTestClient(sim);
    String userid = corp.followUserIds().get(0);
    String customer = corp.followsOf(userid).get(0).externalUserId();
    Map<String, Integer> before = corp.moments().interactionCounts(now - 30 * SimMoments.DAY);
    String body = "{\"creator\":\"" + userid + "\",\"create_type\":1,\"text\":\"周末新品\"}";
    JsonObject created = SimTestClient.json(http.send("POST", "/sim/corps/" + corp.corpId() + "/moments", body));
    String momentId = created.get("moment_id").getAsString();
    String like = "{\"external_userid\":\"" + customer + "\"}";
    assertThat(http.send("POST", "/sim/corps/" + corp.corpId() + "/moments/" + momentId + "/likes", like)
        .statusCode()).isEqualTo(200);
    assertThat(http.send("POST", "/sim/corps/" + corp.corpId() + "/moments/" + momentId + "/likes", like)
        .statusCode()).isEqualTo(200);
    assertThat(http.send("POST", "/sim/corps/" + corp.corpId() + "/moments/" + momentId + "/comments", like)
        .statusCode()).isEqualTo(200);
    WxCpGetMomentComments comments = contacts.getMomentComments(momentId, userid);
    assertThat(comments.getLikeList()).hasSize(1);   // liking twice is one like
    assertThat(comments.getCommentList()).hasSize(1);
    assertThat(comments.getLikeList().get(0).getExternalUserId()).isEqualTo(customer);
    JsonObject oracle = SimTestClient.json(http.send("GET", "/sim/corps/" + corp.corpId() + "/interactions?days=30",
        null));
    assertThat(oracle.getAsJsonObject("customers").get(customer).getAsInt())
        .isEqualTo(before.getOrDefault(customer, 0) + 1);
    assertThat(http.send("POST", "/sim/corps/" + corp.corpId() + "/moments/" + momentId + "/likes",
        "{\"external_userid\":\"wmSTRANGER\"}").statusCode()).isEqualTo(400);
    assertThat(all(now - 60, now + 60, 1, userid)).extracting(MomentInfo::getMomentId).contains(momentId);
  }
}
