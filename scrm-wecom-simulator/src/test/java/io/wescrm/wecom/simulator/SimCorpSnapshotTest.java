package io.wescrm.wecom.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A simulated corp saved to JSON and restored into a fresh simulator is the same world; the persister keeps up. */
class SimCorpSnapshotTest {

  @TempDir
  Path dir;

  private static SimCorpSpec emptyDemo() {
    SimCorpSpec demo = SimCorpSpec.demo();
    return new SimCorpSpec(demo.corpId(), demo.corpName(), demo.secret(), demo.agentId(), SeedSize.empty(),
        demo.randomSeed());
  }

  @Test
  void groupSendsMediaAndAppMessagesSurviveASnapshot() throws Exception {
    try (WeComSimulator first = WeComSimulator.start(SimulatorOptions.of(SimCorpSpec.demo()))) {
      SimCorp corp = first.corp(SimCorpSpec.DEMO_CORP_ID);
      SimGroupMsgs groupMsgs = corp.groupMsgs();
      groupMsgs.settings(new SimGroupMsgs.Settings(0, 1.0, SimGroupMsgs.CapMode.DAY_1, 0, 0.0, 1_000));
      String sender = corp.followUserIds().get(0);
      List<String> customers = corp.followsOf(sender).stream().map(SimFollow::externalUserId).limit(2).toList();
      java.util.LinkedHashMap<String, String> recipients = new java.util.LinkedHashMap<>();
      customers.forEach(c -> recipients.put(c, sender));
      com.google.gson.JsonArray attachments = com.google.gson.JsonParser.parseString(
          "[{\"msgtype\":\"link\",\"link\":{\"title\":\"t\",\"url\":\"https://e.com\"}}]").getAsJsonArray();
      String sent = groupMsgs.create("single", sender, recipients, List.of(), "已发送", attachments, false, 42).msgid();
      groupMsgs.settings(new SimGroupMsgs.Settings(60_000, 1.0, SimGroupMsgs.CapMode.DAY_1, 0, 0.0, 1_000));
      String waiting = groupMsgs.create("single", sender, recipients, List.of(), "待确认", new com.google.gson.JsonArray(),
          false, 42).msgid();
      groupMsgs.upload("image", "a.png", 100);
      groupMsgs.sendAppMessage(List.of(sender), "提醒", true, 1800);

      SimCorpSnapshot snapshot = SimCorpSnapshot.capture(corp);
      Path file = dir.resolve("groupmsg.json");
      snapshot.write(file);
      SimCorpSnapshot read = SimCorpSnapshot.read(file);
      assertThat(read).isEqualTo(snapshot);
      try (WeComSimulator second = WeComSimulator.start(SimulatorOptions.of())) {
        SimCorp restored = second.addCorp(emptyDemo());
        read.restoreInto(restored);
        SimGroupMsgs back = restored.groupMsgs();
        assertThat(back.settings()).isEqualTo(groupMsgs.settings());
        assertThat(back.receivedCounts(null)).isEqualTo(groupMsgs.receivedCounts(null));
        assertThat(back.receivedBy(customers.get(0))).singleElement()
            .satisfies(r -> assertThat(r.msgid()).isEqualTo(sent))
            .satisfies(r -> assertThat(r.attachmentCount()).isEqualTo(1));
        assertThat(back.recipients(waiting)).extracting(SimGroupMsgs.Recipient::status).containsOnly(0);
        assertThat(back.appMessages()).isEqualTo(groupMsgs.appMessages());
        // the waiting send is still pending: confirmed now, it meets the DAY_1 cap
        back.confirm(waiting, null);
        assertThat(back.recipients(waiting)).extracting(SimGroupMsgs.Recipient::status).containsOnly(3);
      }
    }
  }

  @Test
  void joinWaysWelcomeTemplatesAndTheMemberHistorySurviveASnapshot() throws Exception {
    try (WeComSimulator first = WeComSimulator.start(SimulatorOptions.of(SimCorpSpec.demo()))) {
      SimCorp corp = first.corp(SimCorpSpec.DEMO_CORP_ID);
      String owner = corp.followUserIds().get(0);
      String chat = corp.addGroupChat(null, "门店群", owner, "", 0).chatId();
      SimCommunity community = corp.community();
      SimCommunity.JoinWay way = community.addJoinWay(2, "备注", 1, "新群", 1, List.of(chat), "store_q");
      SimCommunity.JoinScan scan = community.scan(way.configId(), null, "入群客户");
      community.addWelcomeTemplate(com.google.gson.JsonParser.parseString(
          "{\"text\":{\"content\":\"欢迎%NICKNAME%\"}}").getAsJsonObject(), 1);
      community.setMemberCap(50);

      SimCorpSnapshot snapshot = SimCorpSnapshot.capture(corp);
      Path file = dir.resolve("community.json");
      snapshot.write(file);
      SimCorpSnapshot read = SimCorpSnapshot.read(file);
      assertThat(read).isEqualTo(snapshot);
      try (WeComSimulator second = WeComSimulator.start(SimulatorOptions.of())) {
        SimCorp restored = second.addCorp(emptyDemo());
        read.restoreInto(restored);
        SimCommunity back = restored.community();
        assertThat(back.joinWays()).isEqualTo(community.joinWays());
        assertThat(back.memberCap()).isEqualTo(50);
        assertThat(back.welcomeTemplates()).isEqualTo(community.welcomeTemplates());
        java.time.LocalDate today = java.time.LocalDate.now(SimCommunity.DAYS);
        assertThat(back.events(today, today)).isEqualTo(community.events(today, today)).hasSize(1);
        assertThat(restored.groupChat(chat).orElseThrow().members())
            .anySatisfy(m -> assertThat(m.state()).isEqualTo("store_q"))
            .anySatisfy(m -> assertThat(m.userid()).isEqualTo(scan.externalUserId()));
      }
    }
  }

  @Test
  void momentsTheirCopiesAndInteractionsSurviveASnapshot() throws Exception {
    try (WeComSimulator first = WeComSimulator.start(SimulatorOptions.of(SimCorpSpec.demo()))) {
      SimCorp corp = first.corp(SimCorpSpec.DEMO_CORP_ID);
      String userid = corp.followUserIds().get(0);
      String customer = corp.followsOf(userid).get(0).externalUserId();
      SimMoments.Moment added = corp.moments().publish(userid, 1, "新品", List.of(), List.of(), true, 1_800_000_000L);
      corp.moments().interact(added.momentId(), customer, null, "LIKE", 1_800_000_001L);
      SimCorpSnapshot snapshot = SimCorpSnapshot.capture(corp);
      Path file = dir.resolve("moments.json");
      snapshot.write(file);
      SimCorpSnapshot read = SimCorpSnapshot.read(file);
      assertThat(read).isEqualTo(snapshot);
      try (WeComSimulator second = WeComSimulator.start(SimulatorOptions.of())) {
        SimCorp restored = second.addCorp(emptyDemo());
        read.restoreInto(restored);
        assertThat(restored.moments().moments()).isEqualTo(corp.moments().moments());
        assertThat(restored.moments().interactions(added.momentId()))
            .isEqualTo(corp.moments().interactions(added.momentId()));
        assertThat(restored.moments().interactionCounts(0)).isEqualTo(corp.moments().interactionCounts(0));
      }
      // a snapshot from before moments existed: the restored corp gets seeded moments
      SimCorpSnapshot old = new SimCorpSnapshot(read.format(), read.corpId(), read.savedAtMillis(),
          read.tokenTtlSeconds(), read.maxCorpTags(), read.departments(), read.staff(), read.customers(),
          read.follows(), read.tagGroups(), read.chats(), read.acquisition(), read.groupMsgs(), null, read.community());
      try (WeComSimulator third = WeComSimulator.start(SimulatorOptions.of())) {
        SimCorp restored = third.addCorp(emptyDemo());
        old.restoreInto(restored);
        assertThat(restored.moments().count()).isGreaterThan(40);
        assertThat(restored.moments().interactionCounts(0)).isNotEmpty();
      }
    }
  }

  @Test
  void aRestoredCorpHasTheScannedCustomerTheContactWayAndEverythingElse() throws Exception {
    try (WeComSimulator first = WeComSimulator.start(SimulatorOptions.of(SimCorpSpec.demo()))) {
      SimCorp corp = first.corp(SimCorpSpec.DEMO_CORP_ID);
      List<String> users = corp.followUserIds().subList(0, 2);
      SimAcquisition.ContactWay way = corp.acquisition().addContactWay(2, 2, null, "A店门口海报", true,
          "store_sh01_qr", users, List.of(), false, null, null, null, null);
      SimScan scan = corp.acquisition().scan(way.configId(), "扫码新客", false);
      // more kinds of state: a tag taken off everyone, a dismissed group, a resigned member, a transfer, a new tag
      SimTag deleted = corp.tags().get(0);
      corp.deleteTag(deleted.id());
      SimGroupChat dismissed = corp.groupChats().get(0);
      corp.dismissGroup(dismissed.chatId());
      String leaver = corp.followUserIds().stream().filter(u -> !users.contains(u)).findFirst().orElseThrow();
      corp.acquisition().resign(leaver);
      SimFollow moving = corp.followsOf(users.get(1)).get(0);
      corp.acquisition().transferCustomers(users.get(1), users.get(0), List.of(moving.externalUserId()), false);
      SimTagGroup added = corp.addTagGroup("渠道（规则自动）", 5, "门店扫码", "广告投放");
      corp.markTag(scan.userid(), scan.externalUserId(), List.of(added.tags().get(0).id()), List.of());

      SimCorpSnapshot snapshot = SimCorpSnapshot.capture(corp);
      Path file = dir.resolve(corp.corpId() + ".json");
      snapshot.write(file);
      SimCorpSnapshot read = SimCorpSnapshot.read(file);
      assertThat(read).isEqualTo(snapshot);

      try (WeComSimulator second = WeComSimulator.start(SimulatorOptions.of())) {
        SimCorp restored = second.addCorp(emptyDemo());
        read.restoreInto(restored);

        assertThat(restored.counts()).isEqualTo(corp.counts());
        assertThat(restored.customer(scan.externalUserId())).isEqualTo(corp.customer(scan.externalUserId()));
        assertThat(restored.follows()).isEqualTo(corp.follows());
        assertThat(restored.followsOfCustomer(moving.externalUserId()))
            .isEqualTo(corp.followsOfCustomer(moving.externalUserId()));
        assertThat(restored.staff()).isEqualTo(corp.staff());
        assertThat(restored.departments()).isEqualTo(corp.departments());
        assertThat(restored.tagGroups()).isEqualTo(corp.tagGroups());
        assertThat(restored.tag(deleted.id())).hasValueSatisfying(t -> assertThat(t.deleted()).isTrue());
        assertThat(restored.groupChats()).isEqualTo(corp.groupChats());
        assertThat(restored.groupChat(dismissed.chatId())).isEmpty();
        assertThat(new HashSet<>(restored.customers())).isEqualTo(new HashSet<>(corp.customers()));
        assertThat(restored.acquisition().contactWayByState("store_sh01_qr")).contains(way);
        assertThat(restored.acquisition().unassigned()).isEqualTo(corp.acquisition().unassigned());
        assertThat(restored.acquisition().transfers()).isEqualTo(corp.acquisition().transfers());
        assertThat(restored.acquisition().resigned(leaver)).isTrue();

        // the README's scan by state works against the restored simulator
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
            second.baseUrl() + "/sim/corps/" + restored.corpId() + "/scan")).POST(HttpRequest.BodyPublishers
            .ofString("{\"state\":\"store_sh01_qr\",\"name\":\"王小美\"}")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);

        // new ids never collide with ids handed out before the restart
        Set<String> before = corp.customers().stream().map(SimCustomer::externalUserId).collect(Collectors.toSet());
        for (int i = 0; i < 20; i++) {
          assertThat(before).doesNotContain(restored.acquisition().scan(way.configId(), null, false)
              .externalUserId());
        }
        SimTagGroup fresh = restored.addTagGroup("新分组", 1, "新标签");
        assertThat(corp.tag(fresh.groupId())).isEmpty();
        assertThat(corp.tag(fresh.tags().get(0).id())).isEmpty();
        assertThatThrownBy(() -> read.restoreInto(restored)).isInstanceOf(IllegalStateException.class);
      }
    }
  }

  @Test
  void anotherIdSeedHandsOutOtherIds() {
    SimCorpSpec spec = SimCorpSpec.empty("wwids0000000001", "s");
    try (WeComSimulator a = WeComSimulator.start(SimulatorOptions.of(spec));
        WeComSimulator b = WeComSimulator.start(SimulatorOptions.of(spec))) {
      a.corp(spec.corpId()).addStaff("u1", "甲", List.of(1L), true);
      b.corp(spec.corpId()).addStaff("u1", "甲", List.of(1L), true);
      String same = a.corp(spec.corpId()).scan("u1", null, "x").externalUserId();
      assertThat(b.corp(spec.corpId()).scan("u1", null, "x").externalUserId()).isEqualTo(same);
      b.corp(spec.corpId()).idSeed(42);
      assertThat(b.corp(spec.corpId()).scan("u1", null, "y").externalUserId())
          .isNotEqualTo(a.corp(spec.corpId()).scan("u1", null, "y").externalUserId());
    }
  }

  @Test
  void anUnreadableSnapshotIsRefused() throws Exception {
    Path file = dir.resolve("broken.json");
    Files.writeString(file, "{\"format\": 1, \"corpId\": \"ww1\", \"staff\": [");
    assertThatThrownBy(() -> SimCorpSnapshot.read(file)).isInstanceOf(IllegalArgumentException.class);
    Files.writeString(file, "{\"something\": \"else\"}");
    assertThatThrownBy(() -> SimCorpSnapshot.read(file)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void thePersisterWritesAtStartAfterChangesAndOnClose() throws Exception {
    try (WeComSimulator sim = WeComSimulator.start(SimulatorOptions.of(SimCorpSpec.empty("wwpersist01", "s")))) {
      SimCorp corp = sim.corp("wwpersist01");
      corp.addStaff("zhangsan", "张三", List.of(1L), true);
      Path file = dir.resolve("sub/wwpersist01.json");
      SimCorpPersister persister = SimCorpPersister.start(corp, file, Duration.ofMillis(100));
      assertThat(SimCorpSnapshot.read(file).staff()).hasSize(1);
      long writes = persister.writes();
      Thread.sleep(400);
      assertThat(persister.writes()).as("nothing changed, nothing written").isEqualTo(writes);

      corp.scan("zhangsan", "s1", "客户甲");
      awaitWrite(persister, writes);
      assertThat(SimCorpSnapshot.read(file).customers()).hasSize(1);

      writes = persister.writes();
      corp.acquisition().addContactWay(1, 2, null, null, true, "only_acq", List.of("zhangsan"), List.of(), false,
          null, null, null, null);
      awaitWrite(persister, writes);
      assertThat(SimCorpSnapshot.read(file).acquisition().contactWays()).extracting(
          SimCorpSnapshot.ContactWayData::state).containsExactly("only_acq");

      corp.addStaff("lisi", "李四", List.of(1L), true);
      persister.close();
      assertThat(SimCorpSnapshot.read(file).staff()).hasSize(2);
      try (var files = Files.list(file.getParent())) {
        assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("wwpersist01.json");
      }
    }
  }

  private static void awaitWrite(SimCorpPersister persister, long writes) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (persister.writes() == writes && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(persister.writes()).isGreaterThan(writes);
  }
}
