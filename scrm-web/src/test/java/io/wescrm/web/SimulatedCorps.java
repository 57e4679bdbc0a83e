package io.wescrm.web;

import io.wescrm.wecom.simulator.SeedSize;
import io.wescrm.wecom.simulator.SimCorp;
import io.wescrm.wecom.simulator.SimCorpSpec;
import io.wescrm.wecom.simulator.SimulatorOptions;
import io.wescrm.wecom.simulator.WeComSimulator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Test fixture: a WeCom simulator with freshly named corps (unique ids, so suites can share one MariaDB), the
 * properties that point the server at it, and exact comparisons of our database with the simulated corp. Spring
 * tests get one through {@link io.wescrm.web.testing.WithSimulator}.
 */
public final class SimulatedCorps {

  private final WeComSimulator simulator;
  private final List<String> corpIds;
  private final AtomicBoolean closed = new AtomicBoolean();

  private SimulatedCorps(WeComSimulator simulator, List<String> corpIds) {
    this.simulator = simulator;
    this.corpIds = corpIds;
  }

  /** Starts a simulator with {@code count} corps seeded at {@code size}. */
  public static SimulatedCorps start(int count, SeedSize size) {
    String run = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    List<SimCorpSpec> specs = new java.util.ArrayList<>();
    for (int i = 0; i < count; i++) {
      specs.add(new SimCorpSpec("wwt" + run + i, "测试企业" + i, "secret-" + run + i, 1000002, size, 1000L + i));
    }
    WeComSimulator simulator = WeComSimulator.start(new SimulatorOptions(0, specs, 64));
    return new SimulatedCorps(simulator, specs.stream().map(SimCorpSpec::corpId).toList());
  }

  /** The properties that point the server at the simulator: base-url and every corp (see {@code @WithSimulator}). */
  public Map<String, Object> properties() {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("scrm.wecom.base-url", simulator.baseUrl());
    for (int i = 0; i < corpIds.size(); i++) {
      SimCorp corp = simulator.corp(corpIds.get(i));
      String prefix = "scrm.wecom.corps[" + i + "].";
      properties.put(prefix + "corp-id", corp.corpId());
      properties.put(prefix + "name", corp.corpName());
      properties.put(prefix + "secret", corp.secret());
      properties.put(prefix + "agent-id", corp.agentId());
      properties.put(prefix + "token", token(corp.corpId()));
      properties.put(prefix + "aes-key", aesKey(corp.corpId()));
    }
    return properties;
  }

  /** The callback token of a simulated corp (derived from its id). */
  public static String token(String corpId) {
    return "tok" + corpId;
  }

  /** The callback EncodingAESKey of a simulated corp (43 characters, derived from its id). */
  public static String aesKey(String corpId) {
    String base = (corpId + "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ").replaceAll("[^A-Za-z0-9]", "");
    return base.substring(0, 43);
  }

  public WeComSimulator simulator() {
    return simulator;
  }

  public SimCorp corp(int index) {
    return simulator.corp(corpIds.get(index));
  }

  public String corpId(int index) {
    return corpIds.get(index);
  }

  /** Stops the simulator (again: nothing happens). */
  public void close() {
    if (closed.compareAndSet(false, true)) {
      simulator.close();
    }
  }

  /** The simulated corp's live state, as comparable lines. */
  public static Snapshot expected(SimCorp corp) {
    Set<String> follows = corp.follows().stream().map(f -> String.join("|", f.userid(), f.externalUserId(),
        nz(f.remark()), nz(f.description()), nz(f.state()), String.valueOf(f.addWay()), String.valueOf(f.createTime()),
        String.join(",", f.remarkMobiles()))).collect(Collectors.toCollection(TreeSet::new));
    Set<String> followTags = corp.follows().stream().flatMap(f -> f.tagIds().stream()
        .map(t -> f.userid() + "|" + f.externalUserId() + "|" + t)).collect(Collectors.toCollection(TreeSet::new));
    Set<String> customers = corp.follows().stream().map(f -> f.externalUserId())
        .map(id -> corp.customer(id).orElseThrow())
        .map(c -> String.join("|", c.externalUserId(), nz(c.name()), String.valueOf(c.type()),
            String.valueOf(c.gender()), nz(c.unionid())))
        .collect(Collectors.toCollection(TreeSet::new));
    Set<String> tags = corp.tags().stream().filter(t -> !t.deleted()).map(t -> t.id() + "|" + t.groupId() + "|"
        + t.name()).collect(Collectors.toCollection(TreeSet::new));
    Set<String> groups = corp.groupChats().stream().map(g -> String.join("|", g.chatId(), nz(g.name()), g.owner(),
        nz(g.memberVersion()), String.valueOf(g.members().size()))).collect(Collectors.toCollection(TreeSet::new));
    Set<String> members = corp.groupChats().stream().flatMap(g -> g.members().stream().map(m -> String.join("|",
        g.chatId(), m.userid(), String.valueOf(m.type()), String.valueOf(m.joinTime()),
        String.valueOf(m.joinScene())))).collect(Collectors.toCollection(TreeSet::new));
    Set<String> staff = corp.staff().stream().map(s -> s.userid() + "|" + s.name())
        .collect(Collectors.toCollection(TreeSet::new));
    Set<String> departments = corp.departments().stream().map(d -> d.id() + "|" + d.name())
        .collect(Collectors.toCollection(TreeSet::new));
    return new Snapshot(follows, followTags, customers, tags, groups, members, staff, departments);
  }

  /** Our database's live state of one corp, as comparable lines. */
  public static Snapshot actual(JdbcTemplate jdbc, String corpId) {
    Set<String> follows = new TreeSet<>(jdbc.query("SELECT userid, external_userid, remark, description, state, "
        + "add_way, added_at, remark_mobiles FROM scrm_follow_relation WHERE corp_id = ? AND deleted_at IS NULL",
        (rs, i) -> String.join("|", rs.getString(1), rs.getString(2), nz(rs.getString(3)), nz(rs.getString(4)),
            nz(rs.getString(5)), String.valueOf(rs.getInt(6)), epoch(rs.getTimestamp(7)), nz(rs.getString(8))), corpId));
    Set<String> followTags = new TreeSet<>(jdbc.query("SELECT userid, external_userid, tag_id FROM scrm_follow_tag "
        + "WHERE corp_id = ?", (rs, i) -> rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3), corpId));
    Set<String> customers = new TreeSet<>(jdbc.query("SELECT c.external_userid, c.name, c.type, c.gender, c.unionid "
        + "FROM scrm_customer c WHERE c.corp_id = ? AND EXISTS (SELECT 1 FROM scrm_follow_relation f WHERE "
        + "f.corp_id = c.corp_id AND f.external_userid = c.external_userid AND f.deleted_at IS NULL)",
        (rs, i) -> String.join("|", rs.getString(1), nz(rs.getString(2)), String.valueOf(rs.getInt(3)),
            String.valueOf(rs.getInt(4)), nz(rs.getString(5))), corpId));
    Set<String> tags = new TreeSet<>(jdbc.query("SELECT tag_id, group_id, name FROM scrm_tag WHERE corp_id = ? "
        + "AND deleted_at IS NULL", (rs, i) -> rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3),
        corpId));
    Set<String> groups = new TreeSet<>(jdbc.query("SELECT chat_id, name, owner, member_version, member_count FROM "
        + "scrm_group_chat WHERE corp_id = ? AND dismissed_at IS NULL", (rs, i) -> String.join("|", rs.getString(1),
        nz(rs.getString(2)), rs.getString(3), nz(rs.getString(4)), String.valueOf(rs.getInt(5))), corpId));
    Set<String> members = new TreeSet<>(jdbc.query("SELECT m.chat_id, m.member_id, m.member_type, m.join_time, "
        + "m.join_scene FROM scrm_group_member m JOIN scrm_group_chat g ON g.corp_id = m.corp_id AND g.chat_id = "
        + "m.chat_id WHERE m.corp_id = ? AND m.left_at IS NULL AND g.dismissed_at IS NULL",
        (rs, i) -> String.join("|", rs.getString(1), rs.getString(2), String.valueOf(rs.getInt(3)),
            epoch(rs.getTimestamp(4)), String.valueOf(rs.getInt(5))),
        corpId));
    Set<String> staff = new TreeSet<>(jdbc.query("SELECT userid, name FROM scrm_staff WHERE corp_id = ? AND "
        + "deleted_at IS NULL", (rs, i) -> rs.getString(1) + "|" + rs.getString(2), corpId));
    Set<String> departments = new TreeSet<>(jdbc.query("SELECT dept_id, name FROM scrm_department WHERE corp_id = ? "
        + "AND deleted_at IS NULL", (rs, i) -> rs.getLong(1) + "|" + rs.getString(2), corpId));
    return new Snapshot(follows, followTags, customers, tags, groups, members, staff, departments);
  }

  /** Asserts that our database holds exactly the simulated corp's live state. */
  public static void assertSameState(JdbcTemplate jdbc, SimCorp corp) {
    Snapshot expected = expected(corp);
    Snapshot actual = actual(jdbc, corp.corpId());
    org.assertj.core.api.Assertions.assertThat(actual.follows()).hasSize(expected.follows().size())
        .isEqualTo(expected.follows());
    org.assertj.core.api.Assertions.assertThat(actual.followTags()).isEqualTo(expected.followTags());
    org.assertj.core.api.Assertions.assertThat(actual.customers()).isEqualTo(expected.customers());
    org.assertj.core.api.Assertions.assertThat(actual.tags()).isEqualTo(expected.tags());
    org.assertj.core.api.Assertions.assertThat(actual.groups()).isEqualTo(expected.groups());
    org.assertj.core.api.Assertions.assertThat(actual.members()).isEqualTo(expected.members());
    org.assertj.core.api.Assertions.assertThat(actual.staff()).isEqualTo(expected.staff());
    org.assertj.core.api.Assertions.assertThat(actual.departments()).isEqualTo(expected.departments());
  }

  private static String epoch(java.sql.Timestamp ts) {
    return ts == null ? "0" : String.valueOf(ts.toInstant().getEpochSecond());
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  /** A corp's live state as sorted lines per kind. */
  public record Snapshot(Set<String> follows, Set<String> followTags, Set<String> customers, Set<String> tags,
      Set<String> groups, Set<String> members, Set<String> staff, Set<String> departments) {
  }
}
