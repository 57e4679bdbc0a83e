package io.wescrm.wecom.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The seed generator: determinism, shape of the demo corp, and benchmark-size speed. */
class SeedTest {

  private static final long ANCHOR = 1_780_000_000L;

  private static SimCorp seed(SimCorpSpec spec) {
    return new SimCorp(spec, new SimTokens(), ANCHOR);
  }

  @Test
  void sameSeedGivesTheSameCorp() {
    SimCorp first = seed(SimCorpSpec.demo());
    SimCorp second = seed(SimCorpSpec.demo());
    assertThat(second.staff()).isEqualTo(first.staff());
    assertThat(second.departments()).isEqualTo(first.departments());
    assertThat(second.follows()).isEqualTo(first.follows());
    assertThat(second.tagGroups()).isEqualTo(first.tagGroups());
    assertThat(second.groupChats()).isEqualTo(first.groupChats());
    assertThat(second.customers().stream().map(SimCustomer::externalUserId).sorted().toList())
        .isEqualTo(first.customers().stream().map(SimCustomer::externalUserId).sorted().toList());

    SimCorpSpec demo = SimCorpSpec.demo();
    SimCorp different = seed(new SimCorpSpec(demo.corpId(), demo.corpName(), demo.secret(), demo.agentId(),
        demo.seed(), demo.randomSeed() + 1));
    Set<String> firstIds = first.customers().stream().map(SimCustomer::externalUserId).collect(Collectors.toSet());
    assertThat(different.customers()).noneMatch(c -> firstIds.contains(c.externalUserId()));
    assertThat(different.counts().followRelations()).isEqualTo(first.counts().followRelations());
  }

  @Test
  void demoCorpHasTheAdvertisedShape() {
    SimCorp corp = seed(SimCorpSpec.demo());
    SimCounts counts = corp.counts();
    assertThat(counts.departments()).isEqualTo(7);
    assertThat(counts.staff()).isEqualTo(30);
    assertThat(counts.customers()).isEqualTo(2000);
    assertThat(counts.followRelations()).isEqualTo(3000);
    assertThat(counts.groups()).isEqualTo(50);
    assertThat(counts.tagGroups()).isEqualTo(5);
    assertThat(counts.tags()).isEqualTo(20);
    assertThat(counts.groupMembers() / (double) counts.groups()).isBetween(20.0, 40.0);

    List<SimFollow> follows = corp.follows();
    assertThat(follows).hasSize(3000);
    assertThat(follows.stream().mapToLong(f -> f.tagIds().size()).sum()).isEqualTo(counts.followTags());
    assertThat(follows).allMatch(f -> f.tagIds().size() <= 4);
    assertThat(follows).anyMatch(f -> f.state() != null && f.state().matches("store_[a-z]{2}\\d{2}_qr"));
    assertThat(follows).anyMatch(f -> !f.remarkMobiles().isEmpty());
    assertThat(follows.stream().map(SimFollow::addWay).collect(Collectors.toSet())).contains(1, 2, 3, 16);
    long now = ANCHOR;
    assertThat(follows).allMatch(f -> f.createTime() <= now && f.createTime() > now - 731L * 86_400);

    Map<String, Long> followersPerCustomer = follows.stream()
        .collect(Collectors.groupingBy(SimFollow::externalUserId, Collectors.counting()));
    assertThat(followersPerCustomer).hasSize(2000);
    assertThat(followersPerCustomer.values()).contains(1L, 2L, 3L).allMatch(n -> n <= 3);

    List<SimCustomer> customers = corp.customers();
    Set<String> ids = new HashSet<>();
    customers.forEach(c -> ids.add(c.externalUserId()));
    assertThat(ids).hasSize(2000).allMatch(id -> id.matches("wm[0-9A-Za-z]{30}"));
    assertThat(customers).anyMatch(c -> c.name().equals("小美🌸"))
        .anyMatch(c -> c.name().equals("Tony王😀"))
        .anyMatch(c -> c.type() == 2 && c.corpName() != null)
        .anyMatch(c -> c.unionid() == null);
    long withUnionid = customers.stream().filter(c -> c.unionid() != null).count();
    assertThat(withUnionid).isGreaterThan(1600);

    assertThat(corp.staff()).allMatch(s -> s.userid().matches("[a-z]+\\d{2}"));
    assertThat(corp.staff()).anyMatch(s -> s.departments().size() > 1);
    List<SimGroupChat> groups = corp.groupChats();
    assertThat(groups).allMatch(g -> g.chatId().matches("wr[0-9A-Za-z]{30}"));
    assertThat(groups).allMatch(g -> g.members().get(0).userid().equals(g.owner()));
    assertThat(groups.stream().flatMap(g -> g.members().stream()).map(SimGroupMember::joinScene)
        .collect(Collectors.toSet())).contains(1, 2, 3);
    Map<String, SimCustomer> byId = customers.stream()
        .collect(Collectors.toMap(SimCustomer::externalUserId, Function.identity()));
    assertThat(groups.stream().flatMap(g -> g.members().stream()).filter(m -> m.type() == 2))
        .allMatch(m -> byId.containsKey(m.userid()) && java.util.Objects.equals(m.unionid(),
            byId.get(m.userid()).unionid()));
  }

  @Test
  void benchmarkSizeBuildsQuickly() {
    long start = System.nanoTime();
    SimCorp corp = seed(SimCorpSpec.benchmark());
    long millis = (System.nanoTime() - start) / 1_000_000;
    System.out.printf("[SeedTest] SeedSize.benchmark() built in %d ms: %s%n", millis, corp.counts());
    SimCounts counts = corp.counts();
    assertThat(counts.customers()).isEqualTo(100_000);
    assertThat(counts.followRelations()).isEqualTo(150_000);
    assertThat(counts.staff()).isEqualTo(500);
    assertThat(counts.departments()).isEqualTo(54);
    assertThat(counts.groups()).isEqualTo(2_000);
    assertThat(counts.groupMembers() / (double) counts.groups()).isBetween(30.0, 50.0);
  }

  @Test
  void emptySeedHasOnlyTheRootDepartment() {
    SimCorp corp = seed(SimCorpSpec.empty("wwempty", "s"));
    assertThat(corp.counts()).isEqualTo(new SimCounts(1, 0, 0, 0, 0, 0, 0, 0, 0, 0));
    assertThat(corp.departments().get(0).id()).isEqualTo(1L);
  }
}
