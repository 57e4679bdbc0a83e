package io.wescrm.wecom.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import me.chanjar.weixin.common.error.WxErrorException;
import me.chanjar.weixin.cp.api.WxCpExternalContactService;
import me.chanjar.weixin.cp.api.WxCpService;
import me.chanjar.weixin.cp.bean.external.WxCpAddMomentTask;
import me.chanjar.weixin.cp.bean.external.WxCpGetMomentTask;
import me.chanjar.weixin.cp.bean.external.WxCpGetMomentTaskResult;
import me.chanjar.weixin.cp.bean.external.moment.ExternalContactList;
import me.chanjar.weixin.cp.bean.external.moment.SenderList;
import me.chanjar.weixin.cp.bean.external.moment.VisibleRange;
import me.chanjar.weixin.cp.bean.external.msg.Attachment;
import me.chanjar.weixin.cp.bean.external.msg.Image;
import me.chanjar.weixin.cp.bean.external.msg.Link;
import me.chanjar.weixin.cp.bean.external.msg.Text;
import me.chanjar.weixin.cp.bean.external.msg.Video;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * WxJava's stock client drives the simulator's 朋友圈 publishing unmodified: upload_attachment, add_moment_task with a
 * partly invalid range, get_moment_task_result through started/running to finished with the invalid parts, the
 * staff's publish status in get_moment_task, the moment in get_moment_list, cancel_moment_task; and WeCom's
 * refusals (41088, 41089, 41090, mixed or too many attachments, a temporary media id, 41078 beyond ten a minute, a
 * jobid older than 24 hours). A simulator per test: each moves the family's clock.
 */
class WxJavaMomentTaskTest {

  private WeComSimulator sim;
  private SimCorp corp;
  private WxCpService wx;
  private WxCpExternalContactService contacts;

  @BeforeEach
  void start() {
    sim = WeComSimulator.start(SimulatorOptions.of(SimCorpSpec.demo()));
    corp = sim.corp(SimCorpSpec.DEMO_CORP_ID);
    wx = WxJavaAgainstSimulatorTest.stockClient(sim, corp);
    contacts = wx.getExternalContactService();
    corp.moments().publishSettings(new SimMoments.PublishSettings(10_000, 10));
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  private static int errcode(Throwable e) {
    return ((WxErrorException) e).getError().getErrorCode();
  }

  private String upload(String type) throws Exception {
    return contacts.uploadAttachment(type, type.equals("image") ? "poster.png" : "clip.mp4", 1,
        new ByteArrayInputStream("0123456789".getBytes(StandardCharsets.UTF_8))).getMediaId();
  }

  private static Attachment image(String mediaId) {
    Attachment a = new Attachment();
    a.setMsgType("image");
    a.setImage(new Image().setMediaId(mediaId));
    return a;
  }

  private static WxCpAddMomentTask task(String text, List<Attachment> attachments, List<String> users,
      List<String> departments, List<String> tags) {
    WxCpAddMomentTask task = new WxCpAddMomentTask();
    if (text != null) {
      task.setText(new Text().setContent(text));
    }
    task.setAttachments(attachments);
    SenderList senders = new SenderList();
    senders.setUserList(users);
    senders.setDepartmentList(departments);
    ExternalContactList customers = new ExternalContactList();
    customers.setTagList(tags);
    VisibleRange range = new VisibleRange();
    range.setSenderList(senders);
    range.setExternalContactList(customers);
    task.setVisibleRange(range);
    return task;
  }

  @Test
  void aJobFinishesAfterItsDelayWithThePartlyInvalidRangeAndTheMomentIsFollowedListedAndCancelled()
      throws Exception {
    String user = corp.staff().stream().filter(SimStaff::customerContactEnabled).findFirst().orElseThrow().userid();
    String tag = corp.tags().stream().filter(t -> !t.deleted()).findFirst().orElseThrow().id();
    String text = "新品上市，到店有礼";
    String jobid = contacts.addMomentTask(task(text, List.of(image(upload("image"))), List.of(user, "nobody"),
        List.of("999999"), List.of(tag, "etGhost"))).getJobId();
    assertThat(jobid).isNotBlank();
    WxCpGetMomentTaskResult started = contacts.getMomentTaskResult(jobid);
    assertThat(started.getStatus()).isIn(1, 2);
    assertThat(started.getType()).isEqualTo("add_moment_task");
    assertThat(started.getResult()).isNull();
    corp.moments().advanceClock(Duration.ofSeconds(6));
    assertThat(contacts.getMomentTaskResult(jobid).getStatus()).isEqualTo(2);
    corp.moments().advanceClock(Duration.ofSeconds(5));
    WxCpGetMomentTaskResult done = contacts.getMomentTaskResult(jobid);
    assertThat(done.getStatus()).isEqualTo(3);
    String momentId = done.getResult().getMomentId();
    assertThat(momentId).isNotBlank();
    assertThat(done.getResult().getInvalidSenderList().getUserList()).containsExactly("nobody");
    assertThat(done.getResult().getInvalidSenderList().getDepartmentList()).containsExactly("999999");
    assertThat(done.getResult().getInvalidExternalContactList().getTagList()).containsExactly("etGhost");

    WxCpGetMomentTask tasks = contacts.getMomentTask(momentId, null, 100);
    assertThat(tasks.getTaskList()).singleElement().satisfies(t -> {
      assertThat(t.getUserId()).isEqualTo(user);
      assertThat(t.getPublishStatus()).isEqualTo("0");
    });
    corp.moments().publishTask(momentId, user, System.currentTimeMillis() / 1000);
    assertThat(contacts.getMomentTask(momentId, null, 100).getTaskList().get(0).getPublishStatus()).isEqualTo("1");
    long now = System.currentTimeMillis() / 1000;
    assertThat(contacts.getMomentList(now - 3_600, now + 3_600, null, 0, null, 20).getMomentList())
        .anySatisfy(m -> {
          assertThat(m.getMomentId()).isEqualTo(momentId);
          assertThat(m.getText().getContent()).isEqualTo(text);
        });

    contacts.cancelMomentTask(momentId);
    assertThatThrownBy(() -> contacts.getMomentTask(momentId, null, 100)).satisfies(e ->
        assertThat(errcode(e)).isEqualTo(41060));
    assertThatThrownBy(() -> contacts.cancelMomentTask(momentId)).satisfies(e ->
        assertThat(errcode(e)).isEqualTo(41060));

    corp.moments().advanceClock(Duration.ofHours(25));
    assertThatThrownBy(() -> contacts.getMomentTaskResult(jobid)).as("a jobid is valid 24 hours")
        .satisfies(e -> assertThat(errcode(e)).isEqualTo(40058));
  }

  @Test
  void weComsRefusalsComeBackAsErrcodes() throws Exception {
    String user = corp.staff().get(0).userid();
    String imageId = upload("image");
    assertThatThrownBy(() -> contacts.addMomentTask(task(null, List.of(), List.of(user), List.of(), List.of())))
        .satisfies(e -> assertThat(errcode(e)).isEqualTo(41088));
    Attachment empty = new Attachment();
    empty.setMsgType("image");
    assertThatThrownBy(() -> contacts.addMomentTask(task("x", List.of(empty), List.of(user), List.of(), List.of())))
        .satisfies(e -> assertThat(errcode(e)).isEqualTo(41089));
    Attachment video = new Attachment();
    video.setMsgType("video");
    video.setVideo(new Video().setMediaId(imageId));
    assertThatThrownBy(() -> contacts.addMomentTask(task("x", List.of(video), List.of(user), List.of(), List.of())))
        .satisfies(e -> assertThat(errcode(e)).isEqualTo(41090));
    Attachment link = new Attachment();
    link.setMsgType("link");
    link.setLink(new Link().setTitle("品牌故事").setUrl("https://example.com/story"));
    assertThatThrownBy(() -> contacts.addMomentTask(task("x", List.of(image(imageId), link), List.of(user),
        List.of(), List.of()))).satisfies(e -> assertThat(errcode(e)).isEqualTo(40058));
    List<Attachment> ten = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      ten.add(image(imageId));
    }
    assertThatThrownBy(() -> contacts.addMomentTask(task("x", ten, List.of(user), List.of(), List.of())))
        .satisfies(e -> assertThat(errcode(e)).isEqualTo(40058));
    String temporary = wx.getMediaService().upload("image", "png",
        new ByteArrayInputStream("0123456789".getBytes(StandardCharsets.UTF_8))).getMediaId();
    assertThatThrownBy(() -> contacts.addMomentTask(task("x", List.of(image(temporary)), List.of(user), List.of(),
        List.of()))).as("media/upload ids are not attachments").satisfies(e -> assertThat(errcode(e))
        .isEqualTo(40007));
    assertThatThrownBy(() -> contacts.addMomentTask(task("字".repeat(2_001), List.of(), List.of(user), List.of(),
        List.of()))).satisfies(e -> assertThat(errcode(e)).isEqualTo(40058));
    assertThat(corp.moments().jobs()).as("nothing refused became a job").isEmpty();

    for (int i = 0; i < 10; i++) {
      contacts.addMomentTask(task("第 " + i + " 条", List.of(link), List.of(user), List.of(), List.of()));
    }
    assertThatThrownBy(() -> contacts.addMomentTask(task("第 11 条", List.of(), List.of(user), List.of(),
        List.of()))).satisfies(e -> assertThat(errcode(e)).isEqualTo(41078));
    corp.moments().advanceClock(Duration.ofMinutes(1));
    assertThat(contacts.addMomentTask(task("一分钟后", List.of(), List.of(user), List.of(), List.of())).getJobId())
        .isNotBlank();
  }
}
