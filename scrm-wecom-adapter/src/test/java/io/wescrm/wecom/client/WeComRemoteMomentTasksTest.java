package io.wescrm.wecom.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wescrm.core.moments.RemoteMomentTasks;
import io.wescrm.core.moments.RemoteMomentTasks.Attachment;
import io.wescrm.core.moments.RemoteMomentTasks.JobResult;
import io.wescrm.core.moments.RemoteMomentTasks.Request;
import io.wescrm.core.remote.RemoteCallException;
import io.wescrm.core.remote.RemoteCallException.Kind;
import io.wescrm.wecom.client.WeComRemoteCampaignTest.FakeWeCom;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.skyscreamer.jsonassert.JSONAssert;
import org.skyscreamer.jsonassert.JSONCompareMode;

/**
 * {@link WeComRemoteMomentTasks} against an in-test WeCom answering the official samples' shapes: the exact
 * add_moment_task body (department ids as numbers), the job result with its errcode and invalid parts, a lost
 * answer that surfaces as -1 after exactly one request, cancel, and upload_attachment's query.
 */
class WeComRemoteMomentTasksTest {

  private static final String CORP = "ww-test";
  private static final Duration READ_TIMEOUT = Duration.ofMillis(400);

  private FakeWeCom wecom;
  private RemoteMomentTasks tasks;

  @BeforeEach
  void start() throws IOException {
    wecom = new FakeWeCom();
    WeComProperties properties = new WeComProperties(wecom.baseUrl(),
        List.of(new WeComProperties.Corp(CORP, "测试企业", "secret", 1000002, null, null)), 5, 60_000, 4,
        Duration.ofMillis(5), Duration.ofMillis(5), Duration.ofSeconds(2), READ_TIMEOUT);
    tasks = new WeComRemoteCorps(new WeComClients(properties, new LocalCallGate(5, 60_000), null)).momentTasks(CORP);
  }

  @AfterEach
  void stop() {
    wecom.close();
  }

  @Test
  void addMomentTaskSendsTheSampleShape() throws Exception {
    wecom.on(WeComRemoteMomentTasks.ADD, r -> "{\"errcode\":0,\"errmsg\":\"ok\",\"jobid\":\"xxxx\"}");
    String jobid = tasks.addMomentTask(new Request("文本消息内容", List.of(new Attachment("image", "MEDIA_ID", null,
        null)), List.of("zhangshan", "lisi"), List.of(2L, 3L), List.of("etXXXXXXXXXX", "etYYYYYYYYYY")));
    assertThat(jobid).isEqualTo("xxxx");
    JSONAssert.assertEquals("""
        {"text":{"content":"文本消息内容"},
         "attachments":[{"msgtype":"image","image":{"media_id":"MEDIA_ID"}}],
         "visible_range":{"sender_list":{"user_list":["zhangshan","lisi"],"department_list":[2,3]},
                          "external_contact_list":{"tag_list":["etXXXXXXXXXX","etYYYYYYYYYY"]}}}""",
        wecom.only(WeComRemoteMomentTasks.ADD).text(), JSONCompareMode.STRICT);
  }

  @Test
  void everyStaffMemberAndALinkLeaveTheSenderListOut() throws Exception {
    wecom.on(WeComRemoteMomentTasks.ADD, r -> "{\"errcode\":0,\"errmsg\":\"ok\",\"jobid\":\"j2\"}");
    tasks.addMomentTask(new Request("", List.of(new Attachment("link", null, "消息标题",
        "https://example.link.com/path")), List.of(), List.of(), List.of()));
    JSONAssert.assertEquals("""
        {"attachments":[{"msgtype":"link","link":{"title":"消息标题","url":"https://example.link.com/path"}}]}""",
        wecom.only(WeComRemoteMomentTasks.ADD).text(), JSONCompareMode.STRICT);
  }

  @Test
  void aLostAnswerSurfacesAsMinusOneAfterExactlyOneRequest() throws Exception {
    wecom.on(WeComRemoteMomentTasks.ADD, r -> {
      Thread.sleep(READ_TIMEOUT.toMillis() * 4);   // WeCom created the job, its answer comes too late
      return "{\"errcode\":0,\"errmsg\":\"ok\",\"jobid\":\"late\"}";
    });
    assertThatThrownBy(() -> tasks.addMomentTask(new Request("x", List.of(), List.of("zhangsan"), List.of(),
        List.of()))).isInstanceOfSatisfying(RemoteCallException.class, e -> {
          assertThat(e.errcode()).isEqualTo(-1);
          assertThat(e.kind()).isEqualTo(Kind.TRANSIENT);
        });
    Thread.sleep(READ_TIMEOUT.toMillis() * 2);   // room for a retry that must not come
    assertThat(wecom.requests(WeComRemoteMomentTasks.ADD)).hasSize(1);
  }

  @Test
  void theJobResultIsReadWithItsErrcodeAndInvalidParts() {
    wecom.on(WeComRemoteMomentTasks.RESULT,
        r -> "{\"errcode\":0,\"errmsg\":\"ok\",\"status\":1,\"type\":\"add_moment_task\"}",
        r -> """
            {"errcode":0,"errmsg":"ok","status":3,"type":"add_moment_task",
             "result":{"errcode":0,"errmsg":"ok","moment_id":"momxxx",
               "invalid_sender_list":{"user_list":["zhangshan"],"department_list":[2]},
               "invalid_external_contact_list":{"tag_list":["xxx"]}}}""",
        r -> """
            {"errcode":0,"errmsg":"ok","status":3,"type":"add_moment_task",
             "result":{"errcode":40058,"errmsg":"no valid sender"}}""");
    JobResult running = tasks.momentTaskResult("job1");
    assertThat(running.finished()).isFalse();
    assertThat(wecom.requests(WeComRemoteMomentTasks.RESULT).get(0).query()).contains("jobid=job1");
    JobResult done = tasks.momentTaskResult("job1");
    assertThat(done).isEqualTo(new JobResult(3, 0, "ok", "momxxx", List.of("zhangshan"), List.of(2L),
        List.of("xxx")));
    JobResult failed = tasks.momentTaskResult("job2");
    assertThat(failed.finished()).isTrue();
    assertThat(failed.errcode()).isEqualTo(40058);
    assertThat(failed.momentId()).isNull();
  }

  @Test
  void cancelAndUploadAttachmentGoThroughWxJava() throws Exception {
    wecom.on(WeComRemoteMomentTasks.CANCEL, r -> "{\"errcode\":0,\"errmsg\":\"ok\"}",
        r -> "{\"errcode\":41060,\"errmsg\":\"invalid moment id\"}");
    wecom.on(WeComRemoteMomentTasks.UPLOAD_ATTACHMENT,
        r -> "{\"errcode\":0,\"errmsg\":\"ok\",\"type\":\"image\",\"media_id\":\"att1\",\"created_at\":\"1380000000\"}");
    tasks.cancelMomentTask("momXXXXXXXXXX");
    JSONAssert.assertEquals("{\"moment_id\":\"momXXXXXXXXXX\"}",
        wecom.only(WeComRemoteMomentTasks.CANCEL).text(), JSONCompareMode.STRICT);
    assertThatThrownBy(() -> tasks.cancelMomentTask("gone")).isInstanceOfSatisfying(RemoteCallException.class,
        e -> assertThat(e.kind()).isEqualTo(Kind.GONE));
    assertThat(tasks.uploadAttachment("image", "poster.png", new byte[] {1, 2, 3, 4, 5})).isEqualTo("att1");
    String query = wecom.only(WeComRemoteMomentTasks.UPLOAD_ATTACHMENT).query();
    assertThat(query).contains("media_type=image").contains("attachment_type=1");
  }
}
