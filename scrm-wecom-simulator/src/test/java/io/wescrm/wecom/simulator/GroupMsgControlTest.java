package io.wescrm.wecom.simulator;

import static io.wescrm.wecom.simulator.SimTestClient.errcode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The group-send family over raw HTTP, driven and observed through its control API. */
class GroupMsgControlTest {

  private static final String CORP = "wwgroupmsg";

  private WeComSimulator sim;
  private SimCorp corp;
  private SimTestClient client;
  private String token;

  @BeforeEach
  void start() {
    sim = WeComSimulator.start(SimulatorOptions.of(
        new SimCorpSpec(CORP, "群发测试", "s3cret", 1000002, SeedSize.of(2, 6, 80, 120, 6, 6), 7L)));
    corp = sim.corp(CORP);
    client = new SimTestClient(sim);
    token = client.token(corp);
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  // ---------------------------------------------------------------- helpers

  private JsonObject api(String api, String body) {
    return client.post(api, token, body);
  }

  private JsonObject control(String method, String path, String body) {
    HttpResponse<String> response = client.send(method, "/sim/corps/" + CORP + path, body);
    assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isBetween(200, 299);
    return JsonParser.parseString(response.body()).getAsJsonObject();
  }

  private void settings(String json) {
    control("PUT", "/groupmsg/settings", json);
  }

  private String sender(int customers) {
    return corp.followUserIds().stream().filter(u -> corp.followsOf(u).size() >= customers).findFirst()
        .orElseThrow();
  }

  private List<String> customersOf(String userid, int n) {
    return corp.followsOf(userid).stream().map(SimFollow::externalUserId).limit(n).toList();
  }

  private static String ids(List<String> ids) {
    return ids.stream().map(id -> "\"" + id + "\"").collect(Collectors.joining(",", "[", "]"));
  }

  private JsonObject send(String sender, List<String> customers, String text) {
    return api("externalcontact/add_msg_template", "{\"chat_type\":\"single\",\"sender\":\"" + sender
        + "\",\"external_userid\":" + ids(customers) + ",\"text\":{\"content\":\"" + text + "\"}}");
  }

  private String msgid(JsonObject created) {
    assertThat(errcode(created)).as(created.toString()).isZero();
    return created.get("msgid").getAsString();
  }

  private JsonObject result(String msgid, String userid) {
    return api("externalcontact/get_groupmsg_send_result", "{\"msgid\":\"" + msgid + "\",\"userid\":\"" + userid
        + "\"}");
  }

  private List<Integer> statuses(JsonObject result) {
    List<Integer> statuses = new ArrayList<>();
    result.getAsJsonArray("send_list").forEach(r -> statuses.add(r.getAsJsonObject().get("status").getAsInt()));
    return statuses;
  }

  private void advance(long ms) {
    control("POST", "/groupmsg/clock/advance", "{\"ms\":" + ms + "}");
  }

  // ---------------------------------------------------------------- tests

  @Test
  void settingsHaveDefaultsAndCanBeChanged() {
    JsonObject defaults = control("GET", "/groupmsg/settings", null);
    assertThat(defaults.get("confirmDelayMs").getAsLong()).isEqualTo(2000);
    assertThat(defaults.get("confirmProbability").getAsDouble()).isEqualTo(1.0);
    assertThat(defaults.get("capMode").getAsString()).isEqualTo("MONTH_4");
    assertThat(defaults.get("dispatchMs").getAsLong()).isEqualTo(1000);
    assertThat(defaults.get("createThenTimeoutRate").getAsDouble()).isZero();
    assertThat(defaults.get("timeoutHoldMs").getAsLong()).isEqualTo(15000);
    settings("{\"capMode\":\"DAY_1\",\"confirmDelayMs\":5}");
    JsonObject changed = control("GET", "/groupmsg/settings", null);
    assertThat(changed.get("capMode").getAsString()).isEqualTo("DAY_1");
    assertThat(changed.get("confirmDelayMs").getAsLong()).isEqualTo(5);
    assertThat(changed.get("dispatchMs").getAsLong()).isEqualTo(1000);
    assertThat(client.send("PUT", "/sim/corps/" + CORP + "/groupmsg/settings", "{\"capMode\":\"WEEK\"}")
        .statusCode()).isEqualTo(400);
  }

  @Test
  void unknownAndStrangersGoToTheFailListAndNoRecipientIs41048() {
    String sender = sender(2);
    String other = corp.followUserIds().stream().filter(u -> !u.equals(sender)).findFirst().orElseThrow();
    String notMine = corp.followsOf(other).stream().map(SimFollow::externalUserId)
        .filter(e -> corp.follow(sender, e).isEmpty()).findFirst().orElseThrow();
    List<String> mine = customersOf(sender, 2);
    JsonObject created = send(sender, List.of(mine.get(0), "wmUNKNOWN0000000000000000000000", notMine, mine.get(1)),
        "hello");
    msgid(created);
    assertThat(created.getAsJsonArray("fail_list").toString())
        .isEqualTo("[\"wmUNKNOWN0000000000000000000000\",\"" + notMine + "\"]");
    assertThat(errcode(send(sender, List.of(notMine), "hello"))).isEqualTo(41048);
    assertThat(errcode(api("externalcontact/add_msg_template", "{\"sender\":\"" + sender + "\"}")))
        .isEqualTo(40058); // text and attachments both empty
    String long4001 = "a".repeat(4001);
    assertThat(errcode(send(sender, mine, long4001))).isEqualTo(40058);
    assertThat(errcode(api("externalcontact/add_msg_template", "{\"sender\":\"" + sender + "\",\"external_userid\":"
        + ids(mine) + ",\"attachments\":[{\"msgtype\":\"voice\",\"voice\":{\"media_id\":\"x\"}}]}")))
        .isEqualTo(41065);
    assertThat(errcode(api("externalcontact/add_msg_template", "{\"sender\":\"" + sender + "\",\"external_userid\":"
        + ids(mine) + ",\"attachments\":[{\"msgtype\":\"link\",\"link\":{\"title\":\"no url\"}}]}")))
        .isEqualTo(40058);
    List<String> tooMany = new ArrayList<>();
    for (int i = 0; i < 10_001; i++) {
      tooMany.add("wm" + i);
    }
    assertThat(errcode(send(sender, tooMany, "x"))).isEqualTo(40058);
    // a group send needs a sender; chats it does not own fail
    assertThat(errcode(api("externalcontact/add_msg_template",
        "{\"chat_type\":\"group\",\"text\":{\"content\":\"x\"}}"))).isEqualTo(40058);
  }

  @Test
  void dispatching41063ThenTheStaffConfirmsAfterTheDelay() {
    String sender = sender(2);
    List<String> customers = customersOf(sender, 2);
    String msgid = msgid(send(sender, customers, "dispatch"));
    JsonObject task = api("externalcontact/get_groupmsg_task", "{\"msgid\":\"" + msgid + "\"}");
    assertThat(errcode(task)).isEqualTo(41063);
    assertThat(errcode(result(msgid, sender))).isEqualTo(41063);
    long now = System.currentTimeMillis() / 1000;
    String listBody = "{\"chat_type\":\"single\",\"start_time\":" + (now - 600) + ",\"end_time\":" + (now + 600)
        + "}";
    assertThat(api("externalcontact/get_groupmsg_list_v2", listBody).getAsJsonArray("group_msg_list")).isEmpty();

    advance(1_500); // dispatched, not confirmed yet (2 s)
    task = api("externalcontact/get_groupmsg_task", "{\"msgid\":\"" + msgid + "\"}");
    assertThat(task.getAsJsonArray("task_list").get(0).getAsJsonObject().get("status").getAsInt()).isZero();
    assertThat(task.getAsJsonArray("task_list").get(0).getAsJsonObject().has("send_time")).isFalse();
    assertThat(statuses(result(msgid, sender))).containsExactly(0, 0);
    assertThat(api("externalcontact/get_groupmsg_list_v2", listBody).getAsJsonArray("group_msg_list")).hasSize(1);

    advance(1_000);
    task = api("externalcontact/get_groupmsg_task", "{\"msgid\":\"" + msgid + "\"}");
    assertThat(task.getAsJsonArray("task_list").get(0).getAsJsonObject().get("status").getAsInt()).isEqualTo(2);
    assertThat(statuses(result(msgid, sender))).containsExactly(1, 1);
    assertThat(errcode(api("externalcontact/get_groupmsg_task", "{\"msgid\":\"msgnope\"}"))).isEqualTo(41047);
    assertThat(errcode(api("externalcontact/get_groupmsg_task", "{}"))).isEqualTo(41046);
    assertThat(errcode(api("externalcontact/get_groupmsg_list_v2", "{\"chat_type\":\"single\",\"start_time\":"
        + (now - 40L * 86400) + ",\"end_time\":" + now + "}"))).isEqualTo(40058);
  }

  @Test
  void month4CapsTheFifthSendAndDay1TheSecond() {
    settings("{\"confirmDelayMs\":0,\"dispatchMs\":0}");
    String sender = sender(2);
    List<String> two = customersOf(sender, 2);
    List<Integer> firstCustomer = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      String msgid = msgid(send(sender, List.of(two.get(0)), "month " + i));
      firstCustomer.add(statuses(result(msgid, sender)).get(0));
    }
    assertThat(firstCustomer).containsExactly(1, 1, 1, 1, 3);
    assertThat(corp.groupMsgs().receivedBy(two.get(0))).hasSize(4);

    settings("{\"capMode\":\"DAY_1\"}");
    String first = msgid(send(sender, List.of(two.get(1)), "day 1"));
    String second = msgid(send(sender, List.of(two.get(1)), "day 1 again"));
    assertThat(statuses(result(first, sender))).containsExactly(1);
    assertThat(statuses(result(second, sender))).containsExactly(3);
    advance(Duration.ofDays(1).toMillis());
    String nextDay = msgid(send(sender, List.of(two.get(1)), "day 2"));
    assertThat(statuses(result(nextDay, sender))).containsExactly(1);

    settings("{\"capMode\":\"NONE\"}");
    assertThat(statuses(result(msgid(send(sender, List.of(two.get(0)), "no cap")), sender))).containsExactly(1);
  }

  @Test
  void aCustomerWhoLeftMeanwhileIsStatus2() {
    settings("{\"confirmDelayMs\":60000,\"dispatchMs\":0}");
    String sender = sender(2);
    List<String> two = customersOf(sender, 2);
    String msgid = msgid(send(sender, two, "left"));
    corp.removeFollow(sender, two.get(0), true);
    JsonObject confirmed = control("POST", "/groupmsg/" + msgid + "/confirm", null);
    assertThat(confirmed.get("status").getAsInt()).isEqualTo(2);
    assertThat(confirmed.getAsJsonObject("recipients_by_status").get("2").getAsInt()).isEqualTo(1);
    assertThat(statuses(result(msgid, sender))).containsExactly(2, 1);
    assertThat(control("GET", "/customers/" + two.get(0) + "/received", null).get("count").getAsInt()).isZero();
    JsonObject got = control("GET", "/customers/" + two.get(1) + "/received", null);
    assertThat(got.get("count").getAsInt()).isEqualTo(1);
    JsonObject receipt = got.getAsJsonArray("received").get(0).getAsJsonObject();
    assertThat(receipt.get("msgid").getAsString()).isEqualTo(msgid);
    assertThat(receipt.get("sender").getAsString()).isEqualTo(sender);
    assertThat(receipt.get("text").getAsString()).isEqualTo("left");
  }

  @Test
  void aRefusingSenderNeverSendsUnlessConfirmedThroughControl() {
    settings("{\"confirmDelayMs\":0,\"dispatchMs\":0,\"confirmProbability\":0}");
    String sender = sender(1);
    String msgid = msgid(send(sender, customersOf(sender, 1), "refused"));
    advance(Duration.ofDays(2).toMillis());
    assertThat(statuses(result(msgid, sender))).containsExactly(0);
    control("POST", "/groupmsg/" + msgid + "/confirm", "{}");
    assertThat(statuses(result(msgid, sender))).containsExactly(1);

    settings("{\"confirmDelayMs\":1000,\"confirmProbability\":1}");
    String refused = msgid(send(sender, customersOf(sender, 1), "refused by control"));
    assertThat(control("POST", "/groupmsg/" + refused + "/refuse", null).getAsJsonArray("senders").get(0)
        .getAsJsonObject().get("refused").getAsBoolean()).isTrue();
    advance(10_000);
    assertThat(statuses(result(refused, sender))).containsExactly(0);
    assertThat(client.send("POST", "/sim/corps/" + CORP + "/groupmsg/msgnope/confirm", null).statusCode())
        .isEqualTo(404);
  }

  @Test
  void remindThreeTimesPer24HoursAndCancelOnce() {
    settings("{\"confirmDelayMs\":60000,\"dispatchMs\":0}");
    String sender = sender(2);
    List<String> two = customersOf(sender, 2);
    String msgid = msgid(send(sender, two, "remind"));
    String body = "{\"msgid\":\"" + msgid + "\"}";
    for (int i = 0; i < 3; i++) {
      assertThat(errcode(api("externalcontact/remind_groupmsg_send", body))).isZero();
    }
    assertThat(errcode(api("externalcontact/remind_groupmsg_send", body))).isEqualTo(41094);
    JsonObject listed = control("GET", "/groupmsg", null).getAsJsonArray("tasks").get(0).getAsJsonObject();
    assertThat(listed.getAsJsonArray("reminders")).hasSize(3);

    assertThat(errcode(api("externalcontact/cancel_groupmsg_send", body))).isZero();
    assertThat(errcode(api("externalcontact/cancel_groupmsg_send", body))).isEqualTo(41093);
    advance(Duration.ofDays(1).toMillis());
    assertThat(errcode(api("externalcontact/remind_groupmsg_send", body))).isZero();
    assertThat(statuses(result(msgid, sender))).containsExactly(0, 0);
    assertThat(control("GET", "/groupmsg", null).getAsJsonArray("tasks").get(0).getAsJsonObject()
        .get("cancelled").getAsBoolean()).isTrue();
    assertThat(corp.groupMsgs().receivedBy(two.get(0))).isEmpty();
    assertThatThrownBy(() -> corp.groupMsgs().confirm(msgid, null)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void resultsPageWithCursorsOverMoreThan1000Recipients() {
    sim.close();
    sim = WeComSimulator.start(SimulatorOptions.of(
        new SimCorpSpec(CORP, "大群发", "s3cret", 1000002, SeedSize.of(1, 1, 1_200, 1_200, 1, 3), 9L)));
    corp = sim.corp(CORP);
    client = new SimTestClient(sim);
    token = client.token(corp);
    settings("{\"confirmDelayMs\":0,\"dispatchMs\":0}");
    String sender = corp.followUserIds().get(0);
    assertThat(corp.followsOf(sender)).hasSize(1_200);
    // no external_userid: every customer of the sender
    String msgid = msgid(api("externalcontact/add_msg_template", "{\"sender\":\"" + sender
        + "\",\"text\":{\"content\":\"all of them\"}}"));
    JsonObject first = api("externalcontact/get_groupmsg_send_result", "{\"msgid\":\"" + msgid + "\",\"userid\":\""
        + sender + "\",\"limit\":5000}");
    assertThat(first.getAsJsonArray("send_list")).hasSize(1_000);
    String cursor = first.get("next_cursor").getAsString();
    assertThat(cursor).isNotEmpty();
    JsonObject second = api("externalcontact/get_groupmsg_send_result", "{\"msgid\":\"" + msgid + "\",\"userid\":\""
        + sender + "\",\"limit\":1000,\"cursor\":\"" + cursor + "\"}");
    assertThat(second.getAsJsonArray("send_list")).hasSize(200);
    assertThat(second.get("next_cursor").getAsString()).isEmpty();
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (JsonObject page : List.of(first, second)) {
      page.getAsJsonArray("send_list").forEach(r -> seen.add(r.getAsJsonObject().get("external_userid")
          .getAsString()));
    }
    assertThat(seen).hasSize(1_200);
    assertThat(errcode(api("externalcontact/get_groupmsg_send_result", "{\"msgid\":\"" + msgid
        + "\",\"userid\":\"" + sender + "\",\"cursor\":\"garbage!\"}"))).isEqualTo(50100);

    msgid(api("externalcontact/add_msg_template", "{\"sender\":\"" + sender
        + "\",\"text\":{\"content\":\"second\"}}"));
    long now = System.currentTimeMillis() / 1000;
    JsonObject page1 = api("externalcontact/get_groupmsg_list_v2", "{\"chat_type\":\"single\",\"start_time\":"
        + (now - 60) + ",\"end_time\":" + (now + 60) + ",\"limit\":1}");
    assertThat(page1.getAsJsonArray("group_msg_list")).hasSize(1);
    JsonObject page2 = api("externalcontact/get_groupmsg_list_v2", "{\"chat_type\":\"single\",\"start_time\":"
        + (now - 60) + ",\"end_time\":" + (now + 60) + ",\"limit\":1,\"cursor\":\""
        + page1.get("next_cursor").getAsString() + "\"}");
    assertThat(page2.getAsJsonArray("group_msg_list").get(0).getAsJsonObject().getAsJsonObject("text")
        .get("content").getAsString()).isEqualTo("second");
    assertThat(page2.get("next_cursor").getAsString()).isEmpty();
    JsonObject oracle = control("GET", "/received", null);
    assertThat(oracle.getAsJsonObject("received").size()).isEqualTo(1_200);
    assertThat(oracle.get("tasks").getAsInt()).isEqualTo(2);
    assertThat(control("GET", "/received?text=second", null).get("messages").getAsInt()).isEqualTo(1_200);
  }

  @Test
  void groupSendsGoToTheSendersChats() {
    settings("{\"confirmDelayMs\":0,\"dispatchMs\":0}");
    SimGroupChat chat = corp.groupChats().get(0);
    SimGroupChat otherOwners = corp.groupChats().stream().filter(c -> !c.owner().equals(chat.owner())).findFirst()
        .orElseThrow();
    JsonObject created = api("externalcontact/add_msg_template", "{\"chat_type\":\"group\",\"sender\":\""
        + chat.owner() + "\",\"chat_id_list\":[\"" + chat.chatId() + "\",\"" + otherOwners.chatId()
        + "\"],\"text\":{\"content\":\"群里好\"}}");
    String msgid = msgid(created);
    assertThat(created.getAsJsonArray("fail_list").get(0).getAsString()).isEqualTo(otherOwners.chatId());
    JsonObject result = result(msgid, chat.owner());
    JsonObject row = result.getAsJsonArray("send_list").get(0).getAsJsonObject();
    assertThat(row.get("chat_id").getAsString()).isEqualTo(chat.chatId());
    assertThat(row.get("status").getAsInt()).isEqualTo(1);
    assertThat(control("GET", "/groups/" + chat.chatId() + "/received", null).get("count").getAsInt()).isEqualTo(1);
  }

  @Test
  void unsentGroupRowsAreNotReturnedAndTheDetailShowsEveryRow() {
    settings("{\"confirmDelayMs\":60000,\"dispatchMs\":0}");
    SimGroupChat chat = corp.groupChats().get(0);
    String msgid = msgid(api("externalcontact/add_msg_template", "{\"chat_type\":\"group\",\"sender\":\""
        + chat.owner() + "\",\"chat_id_list\":[\"" + chat.chatId() + "\"],\"text\":{\"content\":\"稍后\"}}"));
    assertThat(result(msgid, chat.owner()).getAsJsonArray("send_list")).isEmpty();
    JsonObject detail = control("GET", "/groupmsg/" + msgid, null);
    assertThat(detail.getAsJsonArray("recipients").get(0).getAsJsonObject().get("chat_id").getAsString())
        .isEqualTo(chat.chatId());
    assertThat(detail.getAsJsonArray("recipients").get(0).getAsJsonObject().get("status").getAsInt()).isZero();
    control("POST", "/groupmsg/" + msgid + "/confirm", "{\"userid\":\"" + chat.owner() + "\"}");
    assertThat(statuses(result(msgid, chat.owner()))).containsExactly(1);
    assertThat(client.send("GET", "/sim/corps/" + CORP + "/groupmsg/msgnope", null).statusCode()).isEqualTo(404);
  }

  @Test
  void theCreateThenTimeoutFaultCreatesTheSendButHoldsTheAnswer() throws Exception {
    settings("{\"confirmDelayMs\":0,\"dispatchMs\":0,\"createThenTimeoutRate\":1.0,\"timeoutHoldMs\":1500}");
    String sender = sender(1);
    String customer = customersOf(sender, 1).get(0);
    HttpClient impatient = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpRequest request = HttpRequest.newBuilder(URI.create(sim.baseUrl()
            + "/cgi-bin/externalcontact/add_msg_template?access_token=" + token))
        .timeout(Duration.ofMillis(300))
        .POST(HttpRequest.BodyPublishers.ofString("{\"sender\":\"" + sender + "\",\"external_userid\":[\"" + customer
            + "\"],\"text\":{\"content\":\"只发一次\"}}"))
        .build();
    assertThatThrownBy(() -> impatient.send(request, HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(HttpTimeoutException.class);
    JsonArray tasks = control("GET", "/groupmsg", null).getAsJsonArray("tasks");
    assertThat(tasks).hasSize(1);
    assertThat(tasks.get(0).getAsJsonObject().get("timeout_fault").getAsBoolean()).isTrue();
    assertThat(control("GET", "/received?text=只发一次", null).getAsJsonObject("received").get(customer).getAsInt())
        .isEqualTo(1);
    // a patient client gets the answer once the hold is over
    settings("{\"createThenTimeoutRate\":0.0}");
    assertThat(errcode(send(sender, List.of(customer), "patient"))).isZero();
  }

  @Test
  void appMessagesAreRecordedAndRepeatsDroppedByTheDuplicateCheck() {
    String member = corp.staff().get(0).userid();
    String body = "{\"touser\":\"" + member + "|ghost\",\"msgtype\":\"text\",\"agentid\":1000002,"
        + "\"text\":{\"content\":\"群发待确认\"},\"enable_duplicate_check\":1,\"duplicate_check_interval\":60}";
    JsonObject first = api("message/send", body);
    assertThat(errcode(first)).isZero();
    assertThat(first.get("invaliduser").getAsString()).isEqualTo("ghost");
    assertThat(first.has("msgid")).isTrue();
    assertThat(errcode(api("message/send", body))).isZero();
    JsonObject messages = control("GET", "/app-messages", null);
    assertThat(messages.get("count").getAsInt()).isEqualTo(1);
    assertThat(messages.get("duplicates_dropped").getAsInt()).isEqualTo(1);
    assertThat(messages.getAsJsonArray("messages").get(0).getAsJsonObject().get("userid").getAsString())
        .isEqualTo(member);
    advance(61_000);
    api("message/send", body);
    assertThat(control("GET", "/app-messages", null).get("count").getAsInt()).isEqualTo(2);
    // without the check, a repeat is delivered
    api("message/send", body.replace("\"enable_duplicate_check\":1", "\"enable_duplicate_check\":0"));
    assertThat(control("GET", "/app-messages", null).get("count").getAsInt()).isEqualTo(3);
    assertThat(errcode(api("message/send", body.replace(member + "|ghost", "ghost")))).isEqualTo(81013);
    assertThat(errcode(api("message/send", body.replace("1000002", "1")))).isEqualTo(40056);
    String longText = "好".repeat(1000); // 3000 bytes: truncated to 2048 bytes (682 characters)
    api("message/send", body.replace("群发待确认", longText));
    JsonArray all = control("GET", "/app-messages?userid=" + member, null).getAsJsonArray("messages");
    assertThat(all.get(all.size() - 1).getAsJsonObject().get("text").getAsString()).hasSize(682);
  }

  @Test
  void mediaUploadChecksTypeAndSizeAndExpiresAfterThreeDays() {
    JsonObject uploaded = upload("image", "a.png", new byte[100]);
    assertThat(errcode(uploaded)).isZero();
    assertThat(uploaded.get("type").getAsString()).isEqualTo("image");
    assertThat(uploaded.get("created_at").getAsJsonPrimitive().isString()).isTrue();
    String mediaId = uploaded.get("media_id").getAsString();
    assertThat(errcode(upload("image", "big.png", new byte[(10 << 20) + 1]))).isEqualTo(40009);
    assertThat(errcode(upload("video", "big.mp4", new byte[(10 << 20) + 1]))).isEqualTo(40011);
    assertThat(errcode(upload("file", "tiny.txt", new byte[3]))).isEqualTo(40006);
    assertThat(errcode(upload("gif", "a.gif", new byte[100]))).isEqualTo(40005);
    assertThat(errcode(upload("file", "ok.pdf", new byte[(20 << 20)]))).isZero();

    settings("{\"confirmDelayMs\":0,\"dispatchMs\":0}");
    String sender = sender(1);
    String attach = "{\"sender\":\"" + sender + "\",\"external_userid\":" + ids(customersOf(sender, 1))
        + ",\"attachments\":[{\"msgtype\":\"image\",\"image\":{\"media_id\":\"" + mediaId + "\"}}]}";
    assertThat(errcode(api("externalcontact/add_msg_template", attach))).isZero();
    advance(Duration.ofDays(3).toMillis());
    assertThat(errcode(api("externalcontact/add_msg_template", attach))).isEqualTo(40007);
  }

  @Test
  void perMinuteCallCountsAreObservable() {
    String sender = sender(1);
    send(sender, customersOf(sender, 1), "counted");
    send(sender, customersOf(sender, 1), "counted");
    HttpResponse<String> response = client.send("GET", "/sim/stats/per-minute?minutes=5"
        + "&api=externalcontact/add_msg_template", null);
    JsonObject stats = JsonParser.parseString(response.body()).getAsJsonObject();
    long calls = 0;
    for (var minute : stats.getAsJsonArray("minutes")) {
      JsonObject counts = minute.getAsJsonObject().getAsJsonObject("calls");
      calls += counts.has("externalcontact/add_msg_template")
          ? counts.get("externalcontact/add_msg_template").getAsLong() : 0;
    }
    assertThat(calls).isEqualTo(2);
    assertThat(stats.getAsJsonObject("max_in_flight").get("externalcontact/add_msg_template").getAsInt())
        .isEqualTo(1);
    assertThat(stats.getAsJsonObject("max_calls_per_minute").get("externalcontact/add_msg_template").getAsLong())
        .isBetween(1L, 2L);
  }

  @Test
  void concurrentSendsAndReadsKeepTheCapAndTheOracleExact() throws Exception {
    sim.faults().concurrencyLimit(0);
    settings("{\"confirmDelayMs\":0,\"dispatchMs\":0}");
    String sender = sender(3);
    List<String> three = customersOf(sender, 3);
    int threads = 8;
    int perThread = 10;
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
    List<java.util.concurrent.Future<List<String>>> futures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      futures.add(pool.submit(() -> {
        List<String> msgids = new ArrayList<>();
        for (int i = 0; i < perThread; i++) {
          String msgid = msgid(send(sender, three, "race " + thread + "-" + i));
          msgids.add(msgid);
          assertThat(errcode(api("externalcontact/get_groupmsg_task", "{\"msgid\":\"" + msgid + "\"}")))
              .isZero();
          control("GET", "/received", null);
        }
        return msgids;
      }));
    }
    java.util.Set<String> msgids = new java.util.HashSet<>();
    for (var future : futures) {
      msgids.addAll(future.get(60, java.util.concurrent.TimeUnit.SECONDS));
    }
    pool.shutdown();
    assertThat(msgids).hasSize(threads * perThread);
    // MONTH_4: each customer received exactly 4 of the 80 sends, whatever the interleaving
    JsonObject oracle = control("GET", "/received", null);
    for (String customer : three) {
      assertThat(oracle.getAsJsonObject("received").get(customer).getAsInt()).isEqualTo(4);
    }
    assertThat(oracle.get("tasks").getAsInt()).isEqualTo(threads * perThread);
    long capped = corp.groupMsgs().tasks().stream().mapToLong(t -> t.counts().get(3)).sum();
    assertThat(capped).isEqualTo(3L * (threads * perThread - 4));
  }

  private JsonObject upload(String type, String filename, byte[] content) {
    String boundary = "----simboundary" + System.nanoTime();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"media\"; filename=\"" + filename
        + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
    body.writeBytes(head);
    body.writeBytes(content);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    HttpRequest request = HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/cgi-bin/media/upload?access_token="
            + token + "&type=" + type))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
        .build();
    try {
      HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
          .send(request, HttpResponse.BodyHandlers.ofString());
      return SimTestClient.json(response);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
