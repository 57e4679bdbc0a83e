package io.wescrm.core.community;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wescrm.core.events.DomainEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The community use cases over in-memory ports: join way checks and the registry kept in step with WeCom, welcome
 * content checks, the member log's China days, the analytics' scenes, states and channels.
 */
class CommunityUseCasesTest {

  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-02T16:30:00Z"), ZoneOffset.UTC);
  static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

  /** A WeCom that records calls; join ways and templates only. */
  static final class FakeRemote implements RemoteCommunity {
    final List<String> calls = new ArrayList<>();

    @Override
    public CreatedJoinWay addJoinWay(JoinWaySpec spec) {
      calls.add("add " + spec.state());
      return new CreatedJoinWay("cfg-" + spec.state(), "https://qr/" + spec.state());
    }

    @Override
    public void updateJoinWay(String configId, JoinWaySpec spec) {
      calls.add("update " + configId);
    }

    @Override
    public void deleteJoinWay(String configId) {
      calls.add("del " + configId);
    }

    @Override
    public Optional<Map<String, Object>> joinWay(String configId) {
      return Optional.empty();
    }

    @Override
    public String addGroupWelcomeTemplate(GroupWelcomeContent content, boolean notify) {
      return "msg1";
    }

    @Override
    public void editGroupWelcomeTemplate(String templateId, GroupWelcomeContent content) {
    }

    @Override
    public Optional<GroupWelcomeContent> groupWelcomeTemplate(String templateId) {
      return Optional.empty();
    }

    @Override
    public void deleteGroupWelcomeTemplate(String templateId) {
    }

    @Override
    public List<DayStat> groupStatsByDay(String owner, LocalDate from, LocalDate to) {
      return List.of();
    }
  }

  /** Join ways in memory; {@code failInsert} makes the next insert fail like a database error. */
  static final class FakeWays implements JoinWays {
    final Map<Long, JoinWay> rows = new HashMap<>();
    boolean failInsert;

    @Override
    public long insert(JoinWay way) {
      if (failInsert) {
        throw new IllegalStateException("database down");
      }
      long id = rows.size() + 1;
      rows.put(id, new JoinWay(id, way.corpId(), way.configId(), way.state(), way.name(), way.scene(), way.remark(),
          way.autoCreateRoom(), way.roomBaseName(), way.roomBaseId(), way.chatIds(), way.storeDeptId(), way.channel(),
          way.qrCode(), way.createdAt(), way.updatedAt(), null));
      return id;
    }

    @Override
    public void update(JoinWay way) {
      rows.put(way.id(), way);
    }

    @Override
    public void markDeleted(String corpId, long id, Instant at) {
    }

    @Override
    public Optional<JoinWay> find(String corpId, long id) {
      return Optional.ofNullable(rows.get(id));
    }

    @Override
    public Optional<JoinWay> byState(String corpId, String state) {
      return rows.values().stream().filter(w -> w.state().equals(state)).findFirst();
    }

    @Override
    public List<JoinWay> list(String corpId, boolean includeDeleted) {
      return List.copyOf(rows.values());
    }

    @Override
    public Map<String, long[]> membersByState(String corpId) {
      return Map.of();
    }

    @Override
    public List<String> liveChats(String corpId, List<String> chatIds) {
      return chatIds.stream().filter(c -> c.startsWith("wr")).toList();
    }
  }

  static JoinWayManagement.Command command(String state, List<String> chats) {
    return new JoinWayManagement.Command("A店群码", state, null, null, null, "A店福利群", 1, chats, 101L, "收银台");
  }

  @Test
  void joinWaysAreCheckedBeforeWeComAndRemovedFromWeComWhenTheRegistryFails() {
    FakeRemote remote = new FakeRemote();
    FakeWays ways = new FakeWays();
    JoinWayManagement management = new JoinWayManagement(ways, c -> remote, CLOCK);

    JoinWay way = management.create("ww1", command("storeA", List.of("wrA", "wrA", "wrB")));
    assertThat(way.chatIds()).containsExactly("wrA", "wrB");
    assertThat(way.qrCode()).isEqualTo("https://qr/storeA");

    assertThatThrownBy(() -> management.create("ww1", command("storeA", List.of("wrA"))))
        .isInstanceOfSatisfying(CommunityException.class, e -> assertThat(e.code()).isEqualTo("STATE_TAKEN"));
    assertThatThrownBy(() -> management.create("ww1", command("six", List.of("wr1", "wr2", "wr3", "wr4", "wr5",
        "wr6")))).isInstanceOfSatisfying(CommunityException.class, e -> assertThat(e.getMessage()).contains("5 个"));
    assertThatThrownBy(() -> management.create("ww1", command("s".repeat(31), List.of("wrA"))))
        .isInstanceOf(CommunityException.class);
    assertThatThrownBy(() -> management.create("ww1", command("gone", List.of("unknown"))))
        .isInstanceOfSatisfying(CommunityException.class, e -> assertThat(e.getMessage()).contains("unknown"));
    assertThat(remote.calls).containsExactly("add storeA");

    ways.failInsert = true;
    assertThatThrownBy(() -> management.create("ww1", command("storeB", List.of("wrB"))))
        .hasMessage("database down");
    assertThat(remote.calls).containsExactly("add storeA", "add storeB", "del cfg-storeB");

    // the state is fixed; a channel change alone does not call WeCom
    ways.failInsert = false;
    assertThatThrownBy(() -> management.update("ww1", way.id(), command("other", null)))
        .isInstanceOf(CommunityException.class);
    management.update("ww1", way.id(), new JoinWayManagement.Command(null, null, null, null, null, null, null, null,
        null, "门店海报"));
    assertThat(remote.calls).hasSize(3);
    assertThat(ways.rows.get(way.id()).channel()).isEqualTo("门店海报");
  }

  @Test
  void welcomeContentNeedsTextOrOneCompleteAttachment() {
    GroupWelcomeContent.Link link = new GroupWelcomeContent.Link("权益", null, null, "https://example.com");
    assertThat(GroupWelcomeTemplateManagement.check(new GroupWelcomeContent("欢迎 %NICKNAME%", null, link, null,
        null, null))).isNotNull();
    assertThatThrownBy(() -> GroupWelcomeTemplateManagement.check(new GroupWelcomeContent(" ", null, null, null, null,
        null))).isInstanceOf(CommunityException.class);
    assertThatThrownBy(() -> GroupWelcomeTemplateManagement.check(new GroupWelcomeContent("hi",
        new GroupWelcomeContent.Image("m", null), link, null, null, null))).hasMessageContaining("最多一个附件");
    assertThatThrownBy(() -> GroupWelcomeTemplateManagement.check(new GroupWelcomeContent(null, null, null,
        new GroupWelcomeContent.MiniProgram("t", null, "wx1", "/p"), null, null))).isInstanceOf(CommunityException.class);
    assertThatThrownBy(() -> GroupWelcomeTemplateManagement.check(new GroupWelcomeContent("字".repeat(1400), null,
        null, null, null, null))).hasMessageContaining("4000");
  }

  @Test
  void memberEventsAreLoggedOnTheCorpsDay() {
    List<GroupMemberEvents.MemberEvent> logged = new ArrayList<>();
    LoggingGroupMembers consumer = new LoggingGroupMembers(logged::addAll, CHINA);
    Instant lateUtc = Instant.parse("2026-12-02T16:30:00Z"); // 00:30 on the 3rd in China
    assertThat(consumer.accepts(new DomainEvent.MembersJoinedGroup("ww1", "wrA", List.of("wm1"), 3, lateUtc)))
        .isTrue();
    assertThat(consumer.accepts(new DomainEvent.CustomerEdited("ww1", "u", "wm1", lateUtc))).isFalse();
    assertThat(consumer.handle(List.of(
        new DomainEvent.MembersJoinedGroup("ww1", "wrA", List.of("wm1", "wm2"), 3, lateUtc),
        new DomainEvent.MembersLeftGroup("ww1", "wrA", List.of("wm1"), 1, lateUtc)))).isEmpty();
    assertThat(logged).hasSize(3).allSatisfy(e -> assertThat(e.day()).isEqualTo(LocalDate.of(2026, 12, 3)));
    assertThat(logged.get(2).join()).isFalse();
    assertThat(logged.get(2).scene()).isEqualTo(1);
  }

  @Test
  void analyticsCountScenesStatesAndChannelsPerDay() {
    FakeWays ways = new FakeWays();
    new JoinWayManagement(ways, c -> new FakeRemote(), CLOCK).create("ww1", command("storeA", List.of("wrA")));
    LocalDate day = LocalDate.of(2026, 12, 3);
    GroupStatsQueries queries = new GroupStatsQueries() {
      @Override
      public List<EventCount> events(String corpId, LocalDate from, LocalDate to, Collection<String> owners) {
        return List.of(new EventCount(day, "wrA", true, 3, "storeA", 2), new EventCount(day, "wrA", true, 0, null, 1),
            new EventCount(day, "wrB", true, 3, "oldState", 1), new EventCount(day, "wrA", false, 0, null, 1));
      }

      @Override
      public List<GroupAt> groupsAt(String corpId, Instant at, Collection<String> owners) {
        return List.of(new GroupAt("wrA", "fengyu", 5), new GroupAt("wrB", "lisi", 3));
      }

      @Override
      public int upsertWeComStats(String corpId, String owner, List<RemoteCommunity.DayStat> days, Instant now) {
        return 0;
      }

      @Override
      public List<OwnerDayStat> weComStats(String corpId, LocalDate from, LocalDate to, Collection<String> owners) {
        return List.of();
      }

      @Override
      public List<String> owners(String corpId) {
        return List.of();
      }
    };
    GroupAnalytics analytics = new GroupAnalytics(queries, ways, CLOCK, CHINA);
    GroupAnalytics.DayRow row = analytics.byDay("ww1", day, day, null).get(0);
    assertThat(row.joins()).isEqualTo(4);
    assertThat(row.leaves()).isEqualTo(1);
    assertThat(row.groups()).isEqualTo(2);
    assertThat(row.members()).isEqualTo(8);
    assertThat(row.activeGroups()).isEqualTo(2);
    assertThat(row.joinsByScene()).containsExactlyInAnyOrderEntriesOf(Map.of("3", 3L, "0", 1L));
    assertThat(row.joinsByState()).containsExactlyInAnyOrderEntriesOf(Map.of("storeA", 2L, "none", 1L,
        "oldState", 1L));
    // a known way's channel; an unknown state stands for itself
    assertThat(row.joinsByChannel()).containsExactlyInAnyOrderEntriesOf(Map.of("收银台", 2L, "none", 1L,
        "oldState", 1L));

    List<GroupAnalytics.GroupRow> stores = analytics.byStore("ww1", day, day, null);
    assertThat(stores).extracting(GroupAnalytics.GroupRow::key).containsExactly("101", "none");
    assertThat(stores.get(0).joins()).isEqualTo(3);
    assertThat(stores.get(0).leaves()).isEqualTo(1);
    assertThat(analytics.byOwner("ww1", day, day, null)).extracting(GroupAnalytics.GroupRow::key)
        .containsExactly("fengyu", "lisi");
    assertThatThrownBy(() -> analytics.byDay("ww1", day, day.minusDays(1), null)).isInstanceOf(CommunityException.class);
  }
}
