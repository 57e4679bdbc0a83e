package io.wescrm.web.demo;

import io.wescrm.core.corp.Tag;
import io.wescrm.core.corp.TagGroup;
import io.wescrm.core.remote.RemoteCorps;
import io.wescrm.core.remote.RemoteTags;
import io.wescrm.core.rules.DefaultRules;
import io.wescrm.core.rules.Rule;
import io.wescrm.core.rules.RuleCodec;
import io.wescrm.core.rules.RuleEngine;
import io.wescrm.core.rules.jdbc.JdbcRules;
import io.wescrm.core.sync.SyncRun;
import io.wescrm.core.sync.SyncRuns;
import io.wescrm.core.tags.jdbc.JdbcCorpTagAdmin;
import io.wescrm.web.rules.RuleRuns;
import io.wescrm.wecom.simulator.SimTag;
import io.wescrm.wecom.simulator.SimTagGroup;
import io.wescrm.wecom.simulator.WeComSimulator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Demo mode: once the start-up sync of a corp has succeeded, installs the shipped lifecycle rules (if never
 * installed) and three channel rules with their tags (created in the simulated WeCom through add_corp_tag), then
 * runs the rules once and pushes the tags to the simulator. The simulated corp is restored across restarts
 * (docs/simulator.md), so rules and tags that are still there in both are kept; when the simulated corp was seeded
 * afresh (its channel tags are gone) the channel rules and their tags are made afresh.
 */
@Component
@ConditionalOnProperty(name = "scrm.simulator.enabled", havingValue = "true")
class DemoRules {

  private static final Logger log = LoggerFactory.getLogger(DemoRules.class);
  static final String CHANNEL_GROUP = "渠道（规则自动）";
  static final String INTERACTION_GROUP = "互动（规则自动）";
  static final String INTERACTION_TAG = "高互动";
  static final String INTERACTION_PRESET = "demo.moments.active";
  static final String INTERACTION_CONDITION =
      "{\"field\":\"moment.interactions\",\"op\":\"gte\",\"value\":2,\"days\":30}";
  static final Map<String, String> CHANNELS = Map.of("门店扫码", "store_", "广告投放", "ad_", "直播引流", "hq_live");

  private final RemoteCorps corps;
  private final SyncRuns syncRuns;
  private final JdbcRules rules;
  private final JdbcCorpTagAdmin tags;
  private final RuleEngine engine;
  private final RuleRuns runs;
  private final org.springframework.jdbc.core.JdbcTemplate jdbc;
  private final WeComSimulator simulator;
  private final io.wescrm.web.moments.MomentSyncs moments;
  /** Runs started before this (an earlier process's) do not count as this start's sync. */
  private final java.time.Instant created = java.time.Instant.now();

  DemoRules(RemoteCorps corps, SyncRuns syncRuns, JdbcRules rules, JdbcCorpTagAdmin tags, RuleEngine engine,
      RuleRuns runs, org.springframework.jdbc.core.JdbcTemplate jdbc, WeComSimulator simulator,
      io.wescrm.web.moments.MomentSyncs moments) {
    this.moments = moments;
    this.jdbc = jdbc;
    this.simulator = simulator;
    this.corps = corps;
    this.syncRuns = syncRuns;
    this.rules = rules;
    this.tags = tags;
    this.engine = engine;
    this.runs = runs;
  }

  @EventListener(ApplicationReadyEvent.class)
  void install() {
    Thread t = new Thread(() -> corps.corpIds().forEach(this::installWhenSynced), "demo-rules");
    t.setDaemon(true);
    t.start();
  }

  private void installWhenSynced(String corpId) {
    long deadline = System.currentTimeMillis() + Duration.ofMinutes(10).toMillis();
    try {
      while (System.currentTimeMillis() < deadline) {
        List<SyncRun> recent = syncRuns.recent(corpId, 5);
        // this start's sync; or, after a minute without one (on-startup sync off), the last one
        if (!recent.isEmpty() && recent.get(0).status() == SyncRun.Status.SUCCEEDED
            && (recent.get(0).startedAt().isAfter(created)
                || System.currentTimeMillis() > created.toEpochMilli() + 60_000)) {
          install(corpId);
          return;
        }
        Thread.sleep(1000);
      }
      log.warn("Demo rules of corp {} not installed: no successful sync within 10 minutes", corpId);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.warn("Demo rules of corp {} not installed: {}", corpId, e.toString());
    }
  }

  void install(String corpId) {
    RuleCodec codec = new RuleCodec(ids -> tags.liveTags(corpId, ids));
    for (DefaultRules.Preset p : DefaultRules.LIFECYCLE) {
      if (!rules.hasPreset(corpId, p.key())) {
        rules.create(corpId, new JdbcRules.Header(p.name(), p.description(), p.priority(), true, p.key()),
            codec.read(RuleCodec.parseJson(p.condition()), RuleCodec.parseJson(p.actions())), "demo");
      }
    }
    Map<String, String> idByName = channelTags(corpId);
    boolean kept = idByName.keySet().containsAll(CHANNELS.keySet()) && CHANNELS.values().stream()
        .allMatch(prefix -> rules.hasPreset(corpId, "demo.channel." + prefix));
    if (kept) {
      log.info("Demo rules of corp {}: channel rules and tags kept from the earlier start", corpId);
    } else {
      installChannelRules(corpId, codec, idByName);
    }
    installInteractionRule(corpId, codec);
    // the seeded moments and their likes and comments, before the first rule run
    log.info("Demo moments of corp {}: {}", corpId, moments.runNow(corpId, "STARTUP").map(Object::toString)
        .orElse("a pass is already running"));
    engine.rulesChanged(corpId);
    for (int attempt = 0; attempt < 3; attempt++) {
      var run = runs.runNow(corpId, "STARTUP");
      log.info("Demo rules of corp {} installed; first run: {}", corpId, run.orElse(null));
      if (run.isPresent() && "SUCCEEDED".equals(run.get().status())) {
        break;
      }
    }
    runs.pushNow();
  }

  /**
   * The shipped interaction rule: customers who liked or commented at least 2 different moments within 30 days get
   * the tag 高互动 (group {@link #INTERACTION_GROUP}, created in the simulated WeCom); kept across restarts while
   * its tag is still there.
   */
  private void installInteractionRule(String corpId, RuleCodec codec) {
    String tagId = simulator.corp(corpId).tagGroups().stream().filter(g -> g.name().equals(INTERACTION_GROUP))
        .flatMap(g -> g.tags().stream()).filter(t -> t.name().equals(INTERACTION_TAG)).map(SimTag::id).findFirst()
        .orElse(null);
    if (tagId != null && rules.hasPreset(corpId, INTERACTION_PRESET)) {
      return;
    }
    for (Rule old : rules.list(corpId)) {
      if (INTERACTION_PRESET.equals(old.preset())) {
        rules.delete(corpId, old.id());
        jdbc.update("DELETE FROM scrm_follow_tag WHERE corp_id = ? AND source = 'RULE' AND source_ref LIKE ?",
            corpId, old.id() + ":%");
      }
    }
    if (tagId == null) {
      String groupId = simulator.corp(corpId).tagGroups().stream().filter(g -> g.name().equals(INTERACTION_GROUP))
          .map(SimTagGroup::groupId).findFirst().orElse(null);
      TagGroup group = tags.create(corpId, groupId, groupId == null ? INTERACTION_GROUP : null, null,
          List.of(new RemoteTags.NewTag(INTERACTION_TAG, null)));
      tagId = group.tags().stream().filter(t -> t.name().equals(INTERACTION_TAG)).map(t -> t.tagId()).findFirst()
          .orElseThrow();
    }
    rules.create(corpId, new JdbcRules.Header("高互动：近 30 天点赞或评论 ≥ 2 条朋友圈",
        "近 30 天点赞或评论过至少 2 条不同朋友圈的客户自动打上“高互动”", 70, true, INTERACTION_PRESET),
        codec.read(RuleCodec.parseJson(INTERACTION_CONDITION), RuleCodec.parseJson("[{\"type\":\"addTags\","
            + "\"tags\":[\"" + tagId + "\"],\"syncToWeCom\":true}]")), "demo");
  }

  /** Live tags of the live group {@link #CHANNEL_GROUP} in the simulated corp: name → id. */
  private Map<String, String> channelTags(String corpId) {
    return simulator.corp(corpId).tagGroups().stream().filter(g -> g.name().equals(CHANNEL_GROUP))
        .flatMap(g -> g.tags().stream()).collect(Collectors.toMap(SimTag::name, SimTag::id, (a, b) -> a));
  }

  private void installChannelRules(String corpId, RuleCodec codec, Map<String, String> existing) {
    for (Rule old : rules.list(corpId)) {
      if (old.preset() != null && old.preset().startsWith("demo.")) {
        rules.delete(corpId, old.id());
        // the simulated corp was seeded afresh: the old rule's tags are not in it
        jdbc.update("DELETE FROM scrm_follow_tag WHERE corp_id = ? AND source = 'RULE' AND source_ref LIKE ?",
            corpId, old.id() + ":%");
      }
    }
    Map<String, String> idByName = new java.util.HashMap<>(existing);
    List<String> missing = CHANNELS.keySet().stream().sorted().filter(n -> !existing.containsKey(n)).toList();
    if (!missing.isEmpty()) {
      String groupId = simulator.corp(corpId).tagGroups().stream().filter(g -> g.name().equals(CHANNEL_GROUP))
          .map(SimTagGroup::groupId).findFirst().orElse(null);
      TagGroup group = tags.create(corpId, groupId, groupId == null ? CHANNEL_GROUP : null, null,
          missing.stream().map(n -> new RemoteTags.NewTag(n, null)).toList());
      group.tags().forEach(t -> idByName.put(t.name(), t.tagId()));
    }
    int priority = 60;
    for (Map.Entry<String, String> channel : CHANNELS.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .toList()) {
      String condition = "{\"field\":\"follow.state\",\"op\":\"contains\",\"value\":\"" + channel.getValue() + "\"}";
      String actions = "[{\"type\":\"addTags\",\"tags\":[\"" + idByName.get(channel.getKey())
          + "\"],\"syncToWeCom\":true}]";
      rules.create(corpId, new JdbcRules.Header("渠道标签：" + channel.getKey(), "渠道 state 含 " + channel.getValue()
          + " 的客户自动打上“" + channel.getKey() + "”", priority++, true, "demo.channel." + channel.getValue()),
          codec.read(RuleCodec.parseJson(condition), RuleCodec.parseJson(actions)), "demo");
    }
  }
}
